"""Named entities (PER, LOC, ORG, MISC) with offsets into the article text.

Two shipped models per language: ``accurate`` (fine-tuned multilingual-e5-small, the default
of ``analyse`` and ``dossier``) and ``fast`` (a word CNN over e5's input embeddings, distilled
from it, run in numpy without torch, for bulk work).
Articles analysed together (one story) are tagged together, so that a name recognised in one
sentence is recognised, with one type, wherever the same words occur (``consistency``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from quellenlage.lang import get_language
from quellenlage.model import Article

NerMode = Literal["accurate", "fast"]
NER_MODES: tuple[NerMode, ...] = ("accurate", "fast")


class NerModelError(RuntimeError):
    """A shipped model file is missing or unreadable."""


class WordTagger(Protocol):
    def tag_words(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]: ...


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    type: str

    def to_json(self, text: str) -> dict[str, object]:
        return {
            "text": text[self.start : self.end],
            "type": self.type,
            "start": self.start,
            "end": self.end,
        }


MODEL_FILES = {"accurate": "ner-accurate.pt", "fast": "ner-fast.npz"}


def model_path(mode: str, language: str | None) -> Path | None:
    """Where the shipped model for ``mode`` and ``language`` lives; None without one."""
    folder = get_language(language).models
    return folder / MODEL_FILES[mode] if folder else None


def word_tagger(mode: str, language: str | None) -> WordTagger | None:
    """The shipped model for ``mode`` and ``language``; None for a language without one."""
    path = model_path(mode, language)
    if path is None:
        return None
    if mode == "fast":
        from quellenlage.analyse.ner.fast import fast_tagger

        return fast_tagger(path)
    from quellenlage.analyse.ner.accurate import accurate_tagger

    return accurate_tagger(path)


def find_entities(articles: Sequence[Article], mode: str = "accurate") -> list[list[Entity]]:
    """Entities of each article, in text order; articles of one language share one pass."""
    from quellenlage.analyse.ner.consistency import make_consistent

    result: list[list[Entity]] = [[] for _ in articles]
    by_language: dict[str | None, list[int]] = {}
    for index, article in enumerate(articles):
        by_language.setdefault(article.language, []).append(index)
    for language, indexes in by_language.items():
        tagger = word_tagger(mode, language)
        if tagger is None:
            continue
        found = [_tag_article(articles[i], tagger) for i in indexes]
        for i, entities in zip(
            indexes, make_consistent([articles[i] for i in indexes], found), strict=True
        ):
            result[i] = entities
    return result


def _tag_article(article: Article, tagger: WordTagger) -> list[Entity]:
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
