"""Named entities (PER, LOC, ORG, MISC) with offsets into the article text.

Two shipped models per language: ``accurate`` (fine-tuned multilingual-e5-small, the default
of ``analyse`` and ``dossier``) and ``fast`` (a word CNN over e5's input embeddings, distilled
from it, run in numpy without torch, for bulk work).
Articles analysed together (one story) are tagged together, so that a name recognised in one
sentence is recognised, with one type, wherever the same words occur (``consistency``).
What the model found in an article is computed once, at ingest, and kept in the store under
the model's identity (``model_identity``): the model is the slow part, the story's
consistency is recomputed from the kept tags each time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from quellenlage.lang import get_language
from quellenlage.model import Article, Entity

if TYPE_CHECKING:
    from quellenlage.analyse.ner.e5file import E5File

NerMode = Literal["accurate", "fast"]
NER_MODES: tuple[NerMode, ...] = ("accurate", "fast")
TAGS_VERSION = "1"  # bump when tokens or sentences change for the same model file


class NerModelError(RuntimeError):
    """A shipped model file is missing or unreadable."""


class WordTagger(Protocol):
    def tag_words(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]: ...


MODEL_FILES = {"accurate": "ner-accurate.onnx", "fast": "ner-fast.npz"}


def model_path(mode: str, language: str | None) -> Path | None:
    """Where the shipped model for ``mode`` and ``language`` lives; None without one."""
    folder = get_language(language).models
    return folder / MODEL_FILES[mode] if folder else None


def word_tagger(mode: str, language: str | None, e5: E5File | None = None) -> WordTagger | None:
    """The shipped model for ``mode`` and ``language`` over the word pieces of ``e5`` (a
    process's own, else loaded for this tagger); None for a language without one."""
    path = model_path(mode, language)
    if path is None:
        return None
    if mode == "fast":
        from quellenlage.analyse.ner.fast import fast_tagger

        return fast_tagger(path, e5)
    from quellenlage.analyse.ner.accurate import accurate_tagger

    return accurate_tagger(path, e5)


def consistent_entities(
    articles: Sequence[Article], tagged: Sequence[list[Entity]]
) -> list[list[Entity]]:
    """``tagged`` (per article) evened out over the articles of each language."""
    from quellenlage.analyse.ner.consistency import make_consistent

    result = list(tagged)
    for indexes in _by_language(articles).values():
        evened = make_consistent([articles[i] for i in indexes], [tagged[i] for i in indexes])
        for i, entities in zip(indexes, evened, strict=True):
            result[i] = entities
    return result


def _by_language(articles: Sequence[Article]) -> dict[str | None, list[int]]:
    groups: dict[str | None, list[int]] = {}
    for index, article in enumerate(articles):
        groups.setdefault(article.language, []).append(index)
    return groups


@cache
def model_identity(mode: str, path: Path) -> str:
    """What kept tags are valid for: the mode, ``TAGS_VERSION`` and the model file's digest
    (not the release: a new release with the same model keeps the tags)."""
    try:
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "blake2b").hexdigest()[:16]
    except OSError as error:
        raise NerModelError(f"cannot load the NER model {path}: {error}") from error
    return f"{mode}/{TAGS_VERSION}/{digest}"


def tag_article(article: Article, tagger: WordTagger) -> list[Entity]:
    """The spans the model tags in the article's sentences, as character offsets."""
    sentences = [s for s in article.sentences if s.tokens]
    words = [[article.text[a:b] for a, b in s.tokens] for s in sentences]
    entities = []
    for sentence, tags in zip(sentences, tagger.tag_words(words), strict=True):
        for first, last, label in bio_spans(tags):
            entities.append(Entity(sentence.tokens[first][0], sentence.tokens[last - 1][1], label))
    return entities


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first word, end word, type) of each span in a BIO sequence; a stray I- opens a span."""
    spans = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if label and not (tag.startswith("I-") and tag[2:] == label):
            spans.append((start, i, label))
            label = ""
        if tag.startswith("B-") or (tag.startswith("I-") and not label):
            start, label = i, tag[2:]
    return spans
