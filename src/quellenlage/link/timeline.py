"""Stage 5b: the story's timeline — dated events merged across articles, each with evidence.

An event is the sentence that carries a resolved date, as the stored analysis found it.
Articles without a publication date resolve their relative dates ("am Dienstag") against the
story's earliest publication date, which only the story knows (so only their dates are read
again here); such items are marked ``inferred``. Sentences of several articles with the same
date that say nearly the same are one event with a span in each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from quellenlage.analyse.article import ArticleAnalysis
from quellenlage.analyse.dates import find_dates
from quellenlage.analyse.vectors import vector_matrix
from quellenlage.lang import get_language
from quellenlage.model import Article, Evidence, TimelineEvent

SAME_EVENT = 0.5


@dataclass
class _Event:
    date: str
    precision: str
    time: str | None
    text: str
    inferred: bool
    evidence: list[Evidence] = field(default_factory=list)
    cited: set[Evidence] = field(default_factory=set)  # the evidence, for a quick lookup

    def record(self) -> TimelineEvent:
        return TimelineEvent(
            self.date, self.precision, self.text, self.evidence, self.time or None, self.inferred
        )


def story_reference(articles: Sequence[Article]) -> date | None:
    """The date undated articles are read against: the story's earliest publication day."""
    days = [a.publication_day for a in articles]
    known = [d for d in days if d is not None]
    return min(known) if known else None


def build_timeline(
    articles: Sequence[Article], analyses: Sequence[ArticleAnalysis]
) -> list[TimelineEvent]:
    reference = story_reference(articles)
    candidates: list[_Event] = []
    for article, analysis in zip(articles, analyses, strict=True):
        inferred = article.published is None
        mentions = (
            find_dates(article, get_language(article.language), reference)
            if inferred and reference
            else analysis.dates
        )
        for mention in mentions:
            if mention.value is None:
                continue
            sentence = next(
                s for s in article.sentences if s.start <= mention.start and mention.end <= s.end
            )
            candidates.append(
                _Event(
                    mention.value,
                    mention.precision,
                    mention.time,
                    article.text[sentence.start : sentence.end],
                    inferred and mention.precision != "year",
                    [Evidence.of(article, sentence.start, sentence.end)],
                )
            )
    return [e.record() for e in _merge(candidates)]


def _merge(candidates: list[_Event]) -> list[_Event]:
    """One event per date and statement: near-identical sentences of the same date merge.
    Each sentence is compared only with the events kept for its own date and time, so the
    cost follows the number of distinct events per date, not the square of the story."""
    if not candidates:
        return []
    vectors = vector_matrix([c.text for c in candidates])
    kept: dict[tuple[str, str | None], list[tuple[int, _Event]]] = {}
    for index, event in enumerate(candidates):
        same_date = kept.setdefault((event.date, event.time), [])
        if same_date:
            firsts = vectors[[first for first, _ in same_date]]
            scores = np.asarray((firsts @ vectors[index].T).todense()).ravel()
            best = int(np.argmax(scores))
            if scores[best] >= SAME_EVENT:
                _absorb(same_date[best][1], event)
                continue
        same_date.append((index, event))
    events = [e for group in kept.values() for _, e in group]
    return sorted(events, key=lambda e: (e.date, e.time or ""))


def _absorb(kept: _Event, event: _Event) -> None:
    if not kept.cited:
        kept.cited.update(kept.evidence)
    if event.evidence[0] not in kept.cited:
        kept.evidence.extend(event.evidence)
        kept.cited.update(event.evidence)
    kept.inferred = kept.inferred and event.inferred
