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

from quellenlage.analyse.vectors import vector_matrix
from quellenlage.model import Article, SentenceRef, Span

_LEAD_SENTENCES = 3
_MIN_CHARS = 40
_SUPPORT_SIMILARITY = 0.8  # another article's sentence this close says the same (evidence)
_ECHO_SIMILARITY = 0.5  # this close, it echoes the sentence (counts for ranking only)
_REDUNDANT_SIMILARITY = 0.45  # a candidate this close to a chosen sentence adds nothing
_COMPLETE = re.compile(r"[.!?…][\"'“”»«)]*$")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True, slots=True)
class SummaryItem:
    text: str
    evidence: tuple[Span, ...]

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "evidence": [s.to_json() for s in self.evidence]}


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
    similarity = np.asarray((vectors @ vectors.T).todense())
    index_of = {id(c): i for i, c in enumerate(pool)}
    rows = [index_of[id(c)] for c in candidates]
    centroid = np.asarray(vectors[rows].mean(axis=0)).ravel()
    centrality = np.asarray(vectors[rows] @ centroid).ravel()
    supports = [_support(pool, similarity, row, _SUPPORT_SIMILARITY) for row in rows]
    echoes = [len(_support(pool, similarity, row, _ECHO_SIMILARITY)) for row in rows]
    scores = [
        centrality[k] * (1 + echoes[k]) / (1 + 0.3 * candidates[k].position)
        for k in range(len(candidates))
    ]
    chosen: list[int] = []
    for k in sorted(range(len(candidates)), key=lambda k: -scores[k]):
        if len(chosen) == limit:
            break
        if all(similarity[rows[k], rows[j]] < _REDUNDANT_SIMILARITY for j in chosen):
            chosen.append(k)
    return [SummaryItem(candidates[k].text, (candidates[k].span, *supports[k])) for k in chosen]


def _body_sentences(article: Article) -> list[_Candidate]:
    body = [s for s in article.sentences if not s.heading]
    return [_Candidate(article, s, i) for i, s in enumerate(body)]


def _is_summary_worthy(text: str) -> bool:
    return len(text) >= _MIN_CHARS and bool(_COMPLETE.search(text))


def _support(
    pool: list[_Candidate], similarity: np.ndarray, row: int, threshold: float
) -> tuple[Span, ...]:
    """The closest sentence of each other article, where it is at least ``threshold`` similar."""
    own = pool[row].article.id
    numbers = _numbers(pool[row].text)
    best: dict[str, tuple[float, Span]] = {}
    for other, candidate in enumerate(pool):
        article = candidate.article.id
        score = float(similarity[row, other])
        if article == own or score < threshold or _numbers(candidate.text) != numbers:
            continue
        if article not in best or score > best[article][0]:
            best[article] = (score, candidate.span)
    return tuple(span for _, span in sorted(best.values(), key=lambda v: -v[0]))


def _numbers(text: str) -> set[str]:
    """The figures a sentence states: sentences with other figures say something else."""
    return set(_NUMBER.findall(text))
