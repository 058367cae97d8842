"""The fast NER model: a spaCy CNN (``tok2vec`` + ``ner``) distilled from the accurate model,
for bulk ingest, clustering and benchmarks (``--ner fast``)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import spacy
from spacy.tokens import Doc

from quellenlage.analyse.ner import NerModelError


class FastTagger:
    def __init__(self, nlp: spacy.language.Language) -> None:
        self.nlp = nlp

    def tag_words(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        docs = (Doc(self.nlp.vocab, words=list(words)) for words in sentences)
        tagged = []
        for doc in self.nlp.pipe(docs, batch_size=256):
            tags = ["O"] * len(doc)
            for entity in doc.ents:
                tags[entity.start : entity.end] = [f"I-{entity.label_}"] * len(entity)
                tags[entity.start] = f"B-{entity.label_}"
            tagged.append(tags)
        return tagged


@cache
def fast_tagger(path: Path) -> FastTagger:
    """The shipped spaCy model, loaded once per process from the package folder."""
    try:
        return FastTagger(spacy.load(path))
    except (OSError, ValueError) as error:
        raise NerModelError(f"cannot load the NER model {path}: {error}") from error
