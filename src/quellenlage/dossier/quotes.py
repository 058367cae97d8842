"""Quotes of a story: the analysis of each article, one object per utterance.

The same words quoted in several articles (after whitespace and case are normalised) are one
quote with a span in each; aligning different wordings and translations of one utterance is
the cross-source linking stage's job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from quellenlage.analyse.quotes import find_quotes
from quellenlage.lang import get_language
from quellenlage.model import Article, Span


def story_quotes(articles: Sequence[Article]) -> list[dict[str, Any]]:
    groups: dict[str, list[tuple[Article, Any]]] = {}
    for article in articles:
        for quote in find_quotes(article, get_language(article.language)):
            key = " ".join(article.text[quote.start : quote.end].lower().split())
            groups.setdefault(key, []).append((article, quote))
    records = []
    for number, members in enumerate(groups.values(), start=1):
        article, first = members[0]
        speakers = Counter(q.speaker for _, q in members if q.speaker)
        records.append(
            {
                "id": f"q{number}",
                "speaker": None,  # entity ids arrive with named-entity recognition
                "speaker_name": speakers.most_common(1)[0][0] if speakers else None,
                "kind": first.kind,
                "text": article.text[first.start : first.end],
                "evidence": [Span(a.id, q.start, q.end).to_json() for a, q in members],
            }
        )
    return records
