"""A short extractive summary: lead sentences ranked by centrality and corroboration.

Every summary sentence is a sentence of an article, quoted exactly, with its span; sentences
of other articles that say nearly the same join its evidence (that is its corroboration).
Noise never enters: sentences are only ever built outside the excluded spans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from quellenlage.analyse.vectors import vector_matrix
from quellenlage.model import Article, Evidence, SentenceRef, SummaryItem

_LEAD_SENTENCES = 3
_MIN_CHARS = 40
_SUPPORT_SIMILARITY = 0.8  # another article's sentence this close says the same (evidence)
_ECHO_SIMILARITY = 0.5  # this close, it echoes the sentence (counts for ranking only)
_REDUNDANT_SIMILARITY = 0.45  # a candidate this close to a chosen sentence adds nothing
_COMPLETE = re.compile(r"[.!?…][\"'“”»«)]*$")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_BLOCK = 256  # candidates whose similarities to the pool are computed at once


@dataclass(frozen=True, slots=True)
class _Candidate(SentenceRef):
    position: int  # index among the article's body sentences


def summarise(articles: Sequence[Article], limit: int) -> list[SummaryItem]:
    """Up to ``limit`` sentences, most central and most corroborated first, none redundant."""
    pool = [c for a in articles for c in _body_sentences(a)]
    candidates = [c for c in pool if c.position < _LEAD_SENTENCES and _is_summary_worthy(c.text)]
    if not candidates:
        return []
    vectors = vector_matrix([c.text for c in pool], [c.article.language for c in pool])
    index_of = {id(c): i for i, c in enumerate(pool)}
    rows = [index_of[id(c)] for c in candidates]
    centroid = np.asarray(vectors[rows].mean(axis=0)).ravel()
    centrality = np.asarray(vectors[rows] @ centroid).ravel()
    supports, echoes = _corroboration(pool, vectors, rows)
    scores = [
        centrality[k] * (1 + echoes[k]) / (1 + 0.3 * candidates[k].position)
        for k in range(len(candidates))
    ]
    chosen: list[int] = []
    for k in sorted(range(len(candidates)), key=lambda k: -scores[k]):
        if len(chosen) == limit:
            break
        chosen_rows = vectors[[rows[j] for j in chosen]]
        if not chosen or (chosen_rows @ vectors[rows[k]].T).max() < _REDUNDANT_SIMILARITY:
            chosen.append(k)
    return [SummaryItem(candidates[k].text, [candidates[k].evidence, *supports[k]]) for k in chosen]


def _corroboration(
    pool: list[_Candidate], vectors: sparse.csr_matrix, rows: list[int]
) -> tuple[list[tuple[Evidence, ...]], list[int]]:
    """For each candidate (a row of ``pool``): the sentences of other articles that say the
    same (its evidence), and how many other articles echo it. The similarities are computed
    a block of candidates at a time and only those above the echo threshold are visited, so
    a story of thousands of articles costs neither a pool x pool matrix nor a Python loop
    over every pair."""
    supports: list[tuple[Evidence, ...]] = []
    echoes: list[int] = []
    numbers = [_numbers(c.text) for c in pool]
    for first in range(0, len(rows), _BLOCK):
        block = rows[first : first + _BLOCK]
        similarity = (vectors[block] @ vectors.T).tocsr()
        similarity.sort_indices()  # pool order: ties go to the earlier article, as read
        for k, row in enumerate(block):
            start, end = similarity.indptr[k], similarity.indptr[k + 1]
            near = [
                (float(score), other)
                for other, score in zip(
                    similarity.indices[start:end], similarity.data[start:end], strict=True
                )
                if score >= _ECHO_SIMILARITY and numbers[other] == numbers[row]
            ]
            echoes.append(len(_closest_per_article(pool, row, near)))
            close = [(score, other) for score, other in near if score >= _SUPPORT_SIMILARITY]
            supports.append(_closest_per_article(pool, row, close))
    return supports, echoes


def _closest_per_article(
    pool: list[_Candidate], row: int, near: list[tuple[float, int]]
) -> tuple[Evidence, ...]:
    """The closest of ``near`` (score, pool index) in each article other than ``row``'s."""
    own = pool[row].article.id
    best: dict[str, tuple[float, Evidence]] = {}
    for score, other in near:
        article = pool[other].article.id
        if article != own and (article not in best or score > best[article][0]):
            best[article] = (score, pool[other].evidence)
    return tuple(span for _, span in sorted(best.values(), key=lambda v: -v[0]))


def _body_sentences(article: Article) -> list[_Candidate]:
    body = [s for s in article.sentences if not s.heading]
    return [_Candidate(article, s, i) for i, s in enumerate(body)]


def _is_summary_worthy(text: str) -> bool:
    return len(text) >= _MIN_CHARS and bool(_COMPLETE.search(text))


def _numbers(text: str) -> set[str]:
    """The figures a sentence states: sentences with other figures say something else."""
    return set(_NUMBER.findall(text))
