"""NER evaluation on GermEval 2014 test (``make eval-ner``): strict span P/R/F1 per type, and
sentences/second, for the shipped models or the model files given.

Outer spans only; OTH -> MISC; -part/-deriv are not entities, on both sides. The model tags
the gold tokens, so tokenisation differences do not count. Several ``--model`` files are
measured one after the other in one process, on the same sentences: a torch checkpoint
(``.pt``, needs the ``train`` extra) against its ONNX exports, fp32 against int8.

Beside it, the product path (``--product``, on by default for the shipped model): the same
sentences as a user would give them, raw text (the words joined by spaces) in a JSON Lines
file through ``api.analyse_paths`` over a temporary database — our own sentence splitting,
tokenisation, stories and name consistency included — scored on character spans. A sentence
that ingest rejects or merges with an identical one counts with what its text got.

    .venv/bin/python eval/ner.py [--ner accurate|fast] [--model PATH ...] [--limit N]
        [--no-product]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "train" / "ner"))

from ner_scores import set_scores, span_scores  # noqa: E402
from prepare import DATA, germeval  # noqa: E402

from quellenlage import api  # noqa: E402
from quellenlage.analyse.ner import NER_MODES, WordTagger, bio_spans, word_tagger  # noqa: E402

Sentence = Sequence[tuple[str, str]]  # (word, gold tag)
CharSpans = set[tuple[int, int, int, str]]  # sentence, start, end, type


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
    parser.add_argument(
        "--no-product",
        action="store_true",
        help="skip the product path (raw sentence text through `analyse`)",
    )
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
        report(span_scores([[tag for _, tag in s] for s in sentences], predicted))
    if not args.no_product and not args.model:
        product_path(args.ner, sentences)


def report(scores: dict[str, tuple[float, float, float, int]]) -> None:
    for label, (precision, recall, f1, gold) in scores.items():
        print(f"  {label:<5} P {precision:6.3f}  R {recall:6.3f}  F1 {f1:6.3f}  (gold {gold})")


def product_path(mode: str, sentences: list[Sentence]) -> None:
    """The sentences as raw text through ``api.analyse_paths``, scored on character spans."""
    texts, gold = raw_sentences(sentences)
    with tempfile.TemporaryDirectory(prefix="eval-ner-") as scratch:
        path = Path(scratch) / "germeval-test.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for n, text in enumerate(texts):
                handle.write(json.dumps({"id": f"s{n}", "text": text}, ensure_ascii=False))
                handle.write("\n")
        api.prepare_process()
        started = time.perf_counter()
        result = api.analyse_paths([str(path)], settings=api.make_settings(ner=mode))
        seconds = time.perf_counter() - started
    found = {record["id"]: record["entities"] for record in result.records}
    by_source = {source: article for article, source in result.report.items}
    predicted: CharSpans = set()
    for n in range(len(texts)):
        article = by_source.get(f"{path}:{n + 1}")
        for entity in found.get(article, []) if article else []:
            predicted.add((n, entity["start"], entity["end"], entity["type"]))
    print(
        f"GermEval 2014 test, --ner {mode}, product path (raw text through `analyse`): "
        f"{len(texts)} sentences, {len(result.records)} articles analysed, "
        f"{len(texts) / seconds:.0f} sentences/s end to end"
    )
    report(set_scores(gold, predicted))


def raw_sentences(sentences: list[Sentence]) -> tuple[list[str], CharSpans]:
    """Each sentence's words joined by single spaces, and its gold spans in characters."""
    texts, gold = [], set()
    for n, sentence in enumerate(sentences):
        words = [word for word, _ in sentence]
        starts, position = [], 0
        for word in words:
            starts.append(position)
            position += len(word) + 1
        for first, end, label in bio_spans([tag for _, tag in sentence]):
            gold.add((n, starts[first], starts[end - 1] + len(words[end - 1]), label))
        texts.append(" ".join(words))
    return texts, gold


if __name__ == "__main__":
    main()
