"""Readers for the NER training sets (``make train-ner``), shared by ``finetune.py``,
``distill.py``, ``train_fast.py`` and ``eval/ner.py``, and the batching both trainings use.
Which sets may train a shipped model is in ../shared/data/README.md; GermEval 2014 test is
only ever read by eval/ner.py.

Tags: outer spans; OTH -> MISC; -part/-deriv are not entities.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import spacy
from spacy.tokens import Doc

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "ner"
OUT = Path(__file__).resolve().parent / "corpus"
# finetune.py's torch checkpoint: read by distill.py (the teacher) and export_onnx.py (the
# shipped ONNX graph); a training output, not shipped (out/ is git-ignored)
CHECKPOINT = Path(__file__).resolve().parent / "out" / "ner-accurate.pt"
Sentence = list[tuple[str, str]]
_MARKUP = ("''", "**", "WEITERLEITUNG", "REDIRECT")


def germeval(path: Path) -> Iterator[Sentence]:
    """GermEval 2014 TSV: outer tag in column 3; OTH -> MISC; -part/-deriv -> O."""
    sentence: Sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#\t"):
            continue
        if not line.strip():
            if sentence:
                yield sentence
            sentence = []
            continue
        columns = line.split("\t")
        sentence.append((columns[1], normalise_tag(columns[2])))
    if sentence:
        yield sentence


def normalise_tag(tag: str) -> str:
    if tag == "O" or tag.endswith(("part", "deriv")):
        return "O"
    prefix, label = tag.split("-", 1)
    return f"{prefix}-{'MISC' if label == 'OTH' else label}"


def bio(path: Path) -> Iterator[Sentence]:
    """``token<TAB>tag`` with blank lines between sentences (a token may be ``#``)."""
    sentence: Sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sentence:
                yield sentence
            sentence = []
            continue
        token, _, tag = line.partition("\t")
        sentence.append((token, tag.strip() or "O"))
    if sentence:
        yield sentence


def is_clean(sentence: Sentence) -> bool:
    """WikiANN sentences holding wiki markup are dropped (about 27 %)."""
    return not any(token in _MARKUP for token, _ in sentence)


HIPE_SHIPPABLE = (
    "newseye-dev-de",
    "newseye-dev2-de",
    "newseye-test-de",
    "sonar-dev-de",
    "sonar-test-de",
)


def hipe_gold() -> list[Sentence]:
    """The HIPE-2022 German sets under CC BY 4.0 (newseye, sonar; not the NC hipe2020)."""
    return [s for name in HIPE_SHIPPABLE for s in bio(DATA / "hipe2022" / f"{name}.bio.tsv")]


def to_doc(nlp: spacy.language.Language, sentence: Sentence) -> Doc:
    words = [token for token, _ in sentence]
    tags = []
    previous = "O"
    for _, tag in sentence:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]  # repair I- without B-
        tags.append(tag)
        previous = tag
    return Doc(nlp.vocab, words=words, ents=tags)


def length_batches(
    lengths: Sequence[int], rng: random.Random, fits: Callable[[int, int], bool]
) -> list[list[int]]:
    """Indexes in batches of similar length (little padding), in random order; a batch grows
    while ``fits(longest, size)``. Ties in length are broken at random."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], rng.random()))
    result: list[list[int]] = []
    current: list[int] = []
    for index in order:
        if current and not fits(lengths[index], len(current) + 1):
            result.append(current)
            current = []
        current.append(index)
    if current:
        result.append(current)
    rng.shuffle(result)
    return result
