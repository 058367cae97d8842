"""NER evaluation on GermEval 2014 test (``make eval-ner``): strict span P/R/F1 per type, and
sentences/second, for the shipped models or the model files given.

Outer spans only; OTH -> MISC; -part/-deriv are not entities, on both sides. The model tags
the gold tokens, so tokenisation differences do not count. Several ``--model`` files are
measured one after the other in one process, on the same sentences: a torch checkpoint
(``.pt``, needs the ``train`` extra) against its ONNX exports, fp32 against int8.

    .venv/bin/python eval/ner.py [--ner accurate|fast] [--model PATH ...] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "train" / "ner"))

from ner_scores import span_scores  # noqa: E402
from prepare import DATA, germeval  # noqa: E402

from quellenlage.analyse.ner import NER_MODES, WordTagger, word_tagger  # noqa: E402


def load(mode: str, model: Path | None) -> WordTagger:
    if model is None:
        tagger = word_tagger("fast" if mode == "fast" else "accurate", "de")
        assert tagger is not None
        return tagger
    if mode == "fast":
        from quellenlage.analyse.ner.fast import fast_tagger

        return fast_tagger(model)
    if model.suffix == ".pt":  # the torch checkpoint that the ONNX graph was exported from
        from quellenlage.analyse.ner.accurate import AccurateTagger
        from quellenlage.analyse.ner.e5file import bundled_e5
        from quellenlage.analyse.ner.encoder import load_model, torch_scorer

        return AccurateTagger(torch_scorer(load_model(model, bundled_e5())), bundled_e5())
    from quellenlage.analyse.ner.accurate import accurate_tagger

    return accurate_tagger(model)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ner", choices=NER_MODES, default="accurate")
    parser.add_argument(
        "--model",
        type=Path,
        action="append",
        help="a model file instead of the shipped one (repeat to compare several)",
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N test sentences")
    args = parser.parse_args()
    sentences = list(germeval(DATA / "germeval2014" / "NER-de-test.tsv"))
    if args.limit:
        sentences = sentences[: args.limit]
    for model in args.model or [None]:
        started = time.perf_counter()
        tagger = load(args.ner, model)
        loaded = time.perf_counter()
        predicted = tagger.tag_words([[word for word, _ in s] for s in sentences])
        seconds = time.perf_counter() - loaded
        print(
            f"GermEval 2014 test, --ner {args.ner} {model or 'shipped'}: {len(sentences)} "
            f"sentences, {len(sentences) / seconds:.0f} sentences/s, "
            f"model loaded in {loaded - started:.1f} s"
        )
        scores = span_scores([[tag for _, tag in s] for s in sentences], predicted)
        for label, (precision, recall, f1, gold) in scores.items():
            print(f"  {label:<5} P {precision:6.3f}  R {recall:6.3f}  F1 {f1:6.3f}  (gold {gold})")


if __name__ == "__main__":
    main()
