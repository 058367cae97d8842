"""Term vectors for similarity between sentences and articles, comparable across collections.

Terms are word prefixes: truncating German words joins inflected forms ("Gespräche",
"Gesprächen"; "Putin", "Putins") without a stemmer. A term's weight is its sublinear count
times a *reference* IDF taken from the word's frequency in the language (``wordfreq``), not
from the collection at hand: five articles on one story would otherwise make the story's own
words look common and their similarity small, and the same threshold could not serve a
collection of five and one of fifty thousand.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

from quellenlage.lang import LANGUAGES

_WORD = re.compile(r"\w\w+", re.UNICODE)
_PREFIX = 6
_MAX_ZIPF = 8.0  # zipf of the most frequent words ("der", "und" ≈ 7.5)
_STOP_WORDS = frozenset().union(*(lang.stop_words for lang in LANGUAGES.values()))


@lru_cache(maxsize=200_000)
def reference_idf(word: str, language: str) -> float:
    """Informativeness of a lower-case word: high for rare words and names, low for common.
    (wordfreq is imported here: its 0.3 s would otherwise slow every command's start.)"""
    from wordfreq import zipf_frequency

    return max(_MAX_ZIPF - zipf_frequency(word, language), 0.5)


def term_weights(text: str, language: str = "de") -> dict[str, float]:
    """Sparse vector of ``text``: prefix -> (1 + log count) * reference IDF."""
    counts: Counter[str] = Counter()
    idf: dict[str, float] = {}
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if word in _STOP_WORDS or word.isdigit():
            continue
        term = word[:_PREFIX]
        counts[term] += 1
        idf[term] = max(idf.get(term, 0.0), reference_idf(word, language))
    return {term: (1 + math.log(n)) * idf[term] for term, n in counts.items()}


def normalised_terms(text: str, language: str) -> dict[str, float]:
    """``term_weights`` scaled to unit length, so a dot product is a cosine."""
    weights = term_weights(text, language)
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {term: w / norm for term, w in weights.items()}


def vector_matrix(texts: Sequence[str], languages: Sequence[str] | None = None) -> csr_matrix:
    """Rows L2-normalised, so a dot product of two rows is their cosine similarity."""
    langs = languages or ["de"] * len(texts)
    rows = [term_weights(t, lang) for t, lang in zip(texts, langs, strict=True)]
    from scipy.sparse import csr_matrix  # scipy and sklearn: ~1 s at every command's start
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.preprocessing import normalize

    matrix = DictVectorizer().fit_transform(rows) if any(rows) else csr_matrix((len(texts), 1))
    return normalize(matrix)


def cosine_matrix(vectors: csr_matrix) -> np.ndarray:
    return np.asarray((vectors @ vectors.T).todense())
