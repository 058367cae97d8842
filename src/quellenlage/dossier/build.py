"""Stage 6: the dossier record (see the dossier contract), built from stored articles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from quellenlage.analyse.ner import Entity, consistent_entities, tag_entities
from quellenlage.analyse.vectors import cosine_matrix, vector_matrix
from quellenlage.dossier.summary import summarise
from quellenlage.link.claims import story_claims
from quellenlage.link.entities import resolve_entities
from quellenlage.link.quotes import story_quotes
from quellenlage.link.reuse import find_reuse
from quellenlage.link.timeline import build_timeline
from quellenlage.model import Article
from quellenlage.settings import Settings
from quellenlage.version import __version__

Dossier = dict[str, Any]


def build_dossier(
    articles: Sequence[Article],
    story_of: Mapping[str, int],
    settings: Settings,
    tagged: Mapping[str, list[Entity]] | None = None,
) -> Dossier:
    """Articles, grouped by their stories, each story with its summary and evidence.
    ``tagged``: what the NER model found in each article (by id), tagged here unless given;
    each story evens them out over its own articles."""
    stories = group_by_story(articles, story_of)
    return {
        "quellenlage": __version__,
        "articles": [a.to_json() for a in articles],
        "stories": [_story(f"s{n}", group, settings, tagged) for n, group in enumerate(stories, 1)],
    }


def group_by_story(articles: Sequence[Article], story_of: Mapping[str, int]) -> list[list[Article]]:
    """Articles by story, larger stories first, then by earliest article; unplaced ones alone."""
    groups: dict[object, list[Article]] = {}
    for article in articles:
        groups.setdefault(story_of.get(article.id, article.id), []).append(article)
    return sorted(groups.values(), key=lambda g: (-len(g), min(a.published or "9" for a in g)))


def _story(
    story_id: str,
    articles: list[Article],
    settings: Settings,
    tagged: Mapping[str, list[Entity]] | None,
) -> dict[str, Any]:
    summary = summarise(articles, settings.summary_sentences)
    claims, contradictions = story_claims(articles, settings.workers)
    found = [tagged[a.id] for a in articles] if tagged else tag_entities(articles, settings.ner)
    entities = resolve_entities(articles, consistent_entities(articles, found))
    return {
        "id": story_id,
        "title": _story_title(articles) or (summary[0].text if summary else None),
        "articles": [a.id for a in articles],
        "summary": [item.to_json() for item in summary],
        "entities": [e.to_json() for e in entities],
        "quotes": story_quotes(articles, entities),
        "claims": claims,
        "contradictions": contradictions,
        "timeline": build_timeline(articles),
        "reuse": [r.to_json() for r in find_reuse(articles)],
    }


def _story_title(articles: list[Article]) -> str | None:
    """The title of the article most similar to the others (the most typical report)."""
    titled = [a for a in articles if a.title]
    if len(titled) <= 1:
        return titled[0].title if titled else None
    similarity = cosine_matrix(vector_matrix([a.lead_text(8) for a in titled]))
    return titled[int(np.argmax(similarity.sum(axis=1)))].title
