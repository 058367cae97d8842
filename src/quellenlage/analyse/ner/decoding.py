"""BIO labels and constrained Viterbi decoding, shared by both NER models."""

from __future__ import annotations

from functools import cache

import numpy as np

LABELS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")


@cache
def _penalties() -> np.ndarray:
    """penalty[a, b]: 0 when tag b may follow tag a, else -1e9 (I-X only after B-X or I-X)."""
    allowed = np.ones((len(LABELS), len(LABELS)), dtype=bool)
    for b, label in enumerate(LABELS):
        if label.startswith("I-"):
            allowed[:, b] = [previous[2:] == label[2:] for previous in LABELS]
    return np.where(allowed, 0.0, -1e9)


def decode(scores: np.ndarray) -> list[str]:
    """The best valid BIO sequence for per-word label scores (log-probabilities)."""
    if len(scores) == 0:
        return []
    penalties = _penalties()
    best = scores[0] + penalties[0]  # the start behaves like a preceding O
    back = []
    for row in scores[1:]:
        candidates = best[:, None] + penalties
        back.append(candidates.argmax(axis=0))
        best = candidates.max(axis=0) + row
    path = [int(best.argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return [LABELS[i] for i in reversed(path)]
