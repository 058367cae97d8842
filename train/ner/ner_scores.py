"""Strict span scores for BIO tag sequences (GermEval style: a span counts only when its
start, end and type all match)."""

from __future__ import annotations

from quellenlage.analyse.ner import bio_spans

Spans = set[tuple[int, int, int, str]]  # sentence, start, end, label


def spans(sentence_index: int, tags: list[str]) -> Spans:
    return {(sentence_index, a, b, label) for a, b, label in bio_spans(tags)}


def span_scores(
    gold_tags: list[list[str]], predicted_tags: list[list[str]]
) -> dict[str, tuple[float, float, float, int]]:
    """Per type and ``ALL``: precision, recall, F1 and the number of gold spans."""
    gold: Spans = set()
    predicted: Spans = set()
    for n, (g, p) in enumerate(zip(gold_tags, predicted_tags, strict=True)):
        gold |= spans(n, g)
        predicted |= spans(n, p)
    return set_scores(gold, predicted)


def set_scores(gold: Spans, predicted: Spans) -> dict[str, tuple[float, float, float, int]]:
    """Scores of two sets of (sentence, start, end, label): tag positions or characters."""
    scores = {}
    for label in [*sorted({s[3] for s in gold}), "ALL"]:
        g = {s for s in gold if label in ("ALL", s[3])}
        p = {s for s in predicted if label in ("ALL", s[3])}
        tp = len(g & p)
        precision = tp / len(p) if p else 0.0
        recall = tp / len(g) if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        scores[label] = (precision, recall, f1, len(g))
    return scores
