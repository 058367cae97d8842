"""Ask the story: the story's own sentences that best answer a question, ranked.

No generative model: an answer is only what the articles say, each sentence cited. The
score mixes the stored sentence embeddings (cosine with the question's embedding) with the
share of the question's content words the sentence holds (matched on a word's first five
letters, so "dauerte" meets "dauerten" and "Dauer").
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from quellenlage.analyse.article import ANALYSIS_VERSION, decode
from quellenlage.analyse.resources import Resources
from quellenlage.archive import Archive
from quellenlage.lang import get_language
from quellenlage.model import Article
from quellenlage.settings import Settings

_WORD = re.compile(r"\w+", re.UNICODE)
_STEM = 5
EMBEDDING_WEIGHT = 0.6
TERM_WEIGHT = 0.4
MAX_QUESTION = 500


@dataclass(frozen=True, slots=True)
class Hit:
    article_id: str
    start: int
    end: int


@dataclass(slots=True)
class Answer:
    """One sentence of the story, with every article that has the same words."""

    text: str
    score: float
    hits: list[Hit] = field(default_factory=list)


class Asker:
    """Holds the sentence encoder of this process (loaded on the first question, once)."""

    def __init__(self, settings: Settings) -> None:
        self._resources = Resources(settings)
        self._lock = threading.Lock()  # the encoder is not shared between threads at once
        stop = get_language("de").stop_words
        self._stop = {w.lower() for w in stop}

    def embed(self, question: str) -> np.ndarray:
        with self._lock:
            return np.asarray(self._resources.embed([question])[0], dtype=np.float32)

    def terms(self, text: str) -> set[str]:
        words = (w.lower() for w in _WORD.findall(text))
        return {w[:_STEM] for w in words if len(w) > 2 and w not in self._stop}

    def ask(
        self, archive: Archive, article_ids: Sequence[str], question: str, limit: int = 5
    ) -> list[Answer]:
        question = question.strip()[:MAX_QUESTION]
        asked = self.terms(question)
        if not question or not article_ids:
            return []
        articles = archive.store.articles(list(article_ids))
        stored = archive.store.analyses([a.id for a in articles], ANALYSIS_VERSION)
        vector = self.embed(question)
        candidates = []
        for article in articles:
            if article.id not in stored:
                continue
            rows = decode(stored[article.id]).sentence_vectors
            for index, (start, end) in enumerate(_sentences(article)):
                if index < len(rows) and start >= 0:
                    text = article.text[start:end]
                    candidates.append((article.id, start, end, text, rows[index]))
        weights = _rarity(asked, [self.terms(c[3]) for c in candidates])
        total = sum(weights.values())
        scored: dict[str, Answer] = {}
        for article_id, start, end, text, row in candidates:
            found = asked & self.terms(text)
            overlap = sum(weights[t] for t in found) / total if total else 0.0
            score = EMBEDDING_WEIGHT * float(row @ vector) + TERM_WEIGHT * overlap
            key = " ".join(text.split()).casefold()
            answer = scored.get(key)
            if answer is None or score > answer.score:
                answer = Answer(text, score, answer.hits if answer else [])
                scored[key] = answer
            answer.hits.append(Hit(article_id, start, end))
        ranked = sorted(scored.values(), key=lambda a: -a.score)
        return ranked[:limit]


def _rarity(asked: set[str], sentences: Sequence[set[str]]) -> dict[str, float]:
    """Each question term's weight: rarer in the story's sentences weighs more (an idf), so
    "dauerte" counts for more than "Treffen" in a story about a meeting."""
    count = len(sentences) + 1
    return {
        term: math.log(count / (1 + sum(1 for words in sentences if term in words))) + 1.0
        for term in asked
    }


def _sentences(article: Article) -> list[tuple[int, int]]:
    """Every sentence's offsets (row i of the stored vectors is sentence i); headings and
    sentences inside scrape noise get no answer but keep their row."""
    noise = [(x.start, x.end) for x in article.excluded]
    result = []
    for sentence in article.sentences:
        inside = any(s <= sentence.start and sentence.end <= e for s, e in noise)
        result.append((-1, -1) if sentence.heading or inside else (sentence.start, sentence.end))
    return result
