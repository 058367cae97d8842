"""Stage 5a: wire-copy reuse between the articles of a story.

MinHash signatures of word 5-gram shingles (datasketch) pick the article pairs worth a closer
look; an exact alignment of their word sequences (difflib) then finds the shared passages of
at least ``MIN_WORDS`` words. Only text outside the noise counts, and every passage is a pair
of spans, one in each article.

The cost stays bounded in a large story of near-copies: each article is aligned only with its
``PARTNERS`` most similar articles by signature (compared in blocks of ``BLOCK`` rows, so
memory does not grow with the square of the story), which keeps the alignments, and the
pairs reported, linear in the story's size.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
from datasketch import MinHash

from quellenlage.model import Article, Evidence, Passage, Reuse

MIN_WORDS = 8
SHINGLE = 5
CANDIDATE_JACCARD = 0.01
PARTNERS = 12  # most similar articles each article is aligned with
BLOCK = 64  # signature rows compared at once (64 x articles x 64 bytes)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Words:
    """An article's words outside the noise, lower-cased, with their offsets."""

    article: Article
    words: list[str]
    spans: list[tuple[int, int]]
    segments: list[int]  # a new segment starts after noise: passages never cross it
    chars: int


def words_of(article: Article) -> Words:
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    segments: list[int] = []
    segment, previous_end = 0, 0
    for sentence in article.sentences:
        if article.is_excluded(previous_end, sentence.start):
            segment += 1
        for match in _WORD.finditer(article.text, sentence.start, sentence.end):
            words.append(match.group().lower())
            spans.append((match.start(), match.end()))
            segments.append(segment)
        previous_end = sentence.end
    chars = sum(s.end - s.start for s in article.sentences)
    return Words(article, words, spans, segments, chars)


def _signature(words: Words) -> MinHash:
    signature = MinHash(num_perm=64, seed=7)
    shingles = {
        " ".join(words.words[i : i + SHINGLE]).encode("utf-8")
        for i in range(max(len(words.words) - SHINGLE + 1, 0))
    }
    signature.update_batch(list(shingles))
    return signature


def find_reuse(articles: Sequence[Article]) -> list[Reuse]:
    """Shared passages for the pairs of articles that share any, largest share first; each
    article is paired with at most its ``PARTNERS`` most similar others."""
    texts = [words_of(a) for a in articles]
    found = []
    for i, j in _candidate_pairs([_signature(t) for t in texts]):
        reuse = _align(texts[i], texts[j])
        if reuse:
            found.append(reuse)
    return sorted(found, key=lambda r: (-r.share, r.articles))


def _candidate_pairs(signatures: list[MinHash]) -> list[tuple[int, int]]:
    """(i, j), i < j, where j is among the ``PARTNERS`` most similar articles of i or i of j,
    with an estimated Jaccard similarity of at least ``CANDIDATE_JACCARD``."""
    if len(signatures) < 2:
        return []
    matrix = np.vstack([s.hashvalues for s in signatures])
    pairs: set[tuple[int, int]] = set()
    for first in range(0, len(matrix), BLOCK):
        block = matrix[first : first + BLOCK]
        jaccard = (block[:, None, :] == matrix[None, :, :]).mean(axis=2)
        for row, scores in enumerate(jaccard):
            i = first + row
            scores[i] = -1.0
            wanted = min(PARTNERS, len(scores) - 1)
            best = np.argpartition(-scores, wanted - 1)[:wanted]
            for j in best[scores[best] >= CANDIDATE_JACCARD]:
                pairs.add((min(i, int(j)), max(i, int(j))))
    return sorted(pairs)


def _align(a: Words, b: Words) -> Reuse | None:
    matcher = SequenceMatcher(None, a.words, b.words, autojunk=False)
    passages = []
    reused = 0
    for block in matcher.get_matching_blocks():
        for start, size in _unbroken(a, b, block.a, block.b, block.size):
            span_a = _span(a, block.a + start, size)
            span_b = _span(b, block.b + start, size)
            passages.append(Passage(span_a, span_b))
            reused += min(span_a.end - span_a.start, span_b.end - span_b.start)
    if not passages:
        return None
    shorter = min(a.chars, b.chars) or 1
    share = round(min(reused / shorter, 1.0), 4)  # of the shorter article's (non-noise) text
    return Reuse([a.article.id, b.article.id], share, passages)


def _unbroken(a: Words, b: Words, first_a: int, first_b: int, size: int) -> list[tuple[int, int]]:
    """Parts of a matching block (offset, size) that cross no noise, of ``MIN_WORDS`` or more."""
    parts, start = [], 0
    for k in range(1, size + 1):
        if k == size or (
            a.segments[first_a + k] != a.segments[first_a + k - 1]
            or b.segments[first_b + k] != b.segments[first_b + k - 1]
        ):
            if k - start >= MIN_WORDS:
                parts.append((start, k - start))
            start = k
    return parts


def _span(words: Words, first: int, size: int) -> Evidence:
    return Evidence.of(words.article, words.spans[first][0], words.spans[first + size - 1][1])
