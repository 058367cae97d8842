"""NER evaluation on GermEval 2014 test (``make eval-ner``): strict span P/R/F1 per type.

Outer spans only; OTH -> MISC; -part/-deriv are not entities, on both sides. The model tags
the gold tokens, so tokenisation differences do not count. Also prints sentences/second.

    .venv/bin/python eval/ner.py [MODEL_DIR]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "train" / "ner"))

from prepare import DATA, germeval  # noqa: E402

Spans = set[tuple[int, int, int, str]]  # sentence, start, end, label


def spans(sentence_index: int, tags: list[str]) -> Spans:
    found: Spans = set()
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if label and not (tag.startswith("I-") and tag[2:] == label):
            found.add((sentence_index, start, i, label))
            label = ""
        if tag.startswith("B-") or (tag.startswith("I-") and not label):
            start, label = i, tag[2:]
    return found


def main() -> None:
    model = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "train" / "ner" / "model-best"
    nlp = spacy.load(model)
    sentences = list(germeval(DATA / "germeval2014" / "NER-de-test.tsv"))
    gold: Spans = set()
    predicted: Spans = set()
    docs = [Doc(nlp.vocab, words=[t for t, _ in s]) for s in sentences]
    start = time.perf_counter()
    tagged = list(nlp.pipe(docs, batch_size=256))
    seconds = time.perf_counter() - start
    for n, (sentence, doc) in enumerate(zip(sentences, tagged, strict=True)):
        gold |= spans(n, [tag for _, tag in sentence])
        predicted |= {(n, e.start, e.end, e.label_) for e in doc.ents}
    print(
        f"GermEval 2014 test: {len(sentences)} sentences, {len(sentences) / seconds:.0f} "
        f"sentences/s (one process), model {model}"
    )
    labels = sorted({s[3] for s in gold})
    for label in [*labels, "ALL"]:
        g = {s for s in gold if label in ("ALL", s[3])}
        p = {s for s in predicted if label in ("ALL", s[3])}
        tp = len(g & p)
        precision = tp / len(p) if p else 0.0
        recall = tp / len(g) if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        print(f"  {label:<5} P {precision:6.3f}  R {recall:6.3f}  F1 {f1:6.3f}  (gold {len(g)})")


if __name__ == "__main__":
    main()
