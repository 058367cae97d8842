"""B-cubed precision, recall and F1 of a clustering against gold classes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping


def bcubed(
    predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]
) -> tuple[float, float, float]:
    items = list(gold)
    pairs = Counter((predicted[i], gold[i]) for i in items)
    cluster_size = Counter(predicted[i] for i in items)
    class_size = Counter(gold[i] for i in items)
    precision = sum(pairs[(predicted[i], gold[i])] / cluster_size[predicted[i]] for i in items)
    recall = sum(pairs[(predicted[i], gold[i])] / class_size[gold[i]] for i in items)
    p, r = precision / len(items), recall / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
