"""Stage 6: a story's dossier (see the dossier contract), built from its articles' stored
analyses — nothing per-article is computed again here.

Ids are derived from content: the story id is the store's, an entity's comes from its type
and name, a quote's and a claim's from the first span of their evidence, a contradiction's
from the two items it opposes. A rebuild of the same story gives the same ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any, TypeVar

import numpy as np

from quellenlage.analyse.article import ArticleAnalysis
from quellenlage.analyse.ner import consistent_entities
from quellenlage.analyse.vectors import cosine_matrix, vector_matrix
from quellenlage.dossier.summary import summarise
from quellenlage.link.claims import story_claims
from quellenlage.link.entities import resolve_entities
from quellenlage.link.quotes import story_quotes
from quellenlage.link.reuse import find_reuse
from quellenlage.link.timeline import build_timeline
from quellenlage.model import (
    Article,
    ClaimRecord,
    Contradiction,
    Entity,
    Evidence,
    QuoteRecord,
    StoryDossier,
    stable_id,
    unique_ids,
)
from quellenlage.settings import Settings
from quellenlage.version import __version__

Dossier = dict[str, Any]  # the contract document: {"quellenlage", "articles", "stories"}
Item = TypeVar("Item", QuoteRecord, ClaimRecord)


def build_story(
    story_id: str,
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    tags: Sequence[list[Entity]],
    settings: Settings,
) -> StoryDossier:
    """The dossier of one story; ``analyses`` and ``tags`` (what the NER model found) are
    the stored results of each article, in the order of ``articles``."""
    summary = summarise(articles, settings.summary_sentences)
    found = consistent_entities(articles, tags)
    claims, contradictions = story_claims(articles, analyses, found)
    entities = resolve_entities(articles, found, tags)
    numbered_quotes = story_quotes(articles, analyses, entities)
    quotes = _with_stable_ids(numbered_quotes, "q")
    stable_claims = _with_stable_ids(claims, "c")
    renamed = {old.id: new.id for old, new in zip(numbered_quotes, quotes, strict=True)}
    renamed |= {old.id: new.id for old, new in zip(claims, stable_claims, strict=True)}
    return StoryDossier(
        id=story_id,
        title=_story_title(articles) or (summary[0].text if summary else None),
        articles=[a.id for a in articles],
        summary=summary,
        entities=[e.record() for e in entities],
        quotes=quotes,
        claims=stable_claims,
        contradictions=_opposing_stable_ids(contradictions, renamed),
        timeline=build_timeline(articles, analyses),
        reuse=find_reuse(articles),
    )


def dossier_document(articles: Iterable[Article], stories: Iterable[StoryDossier]) -> Dossier:
    """The contract document of ``stories`` with their ``articles``."""
    return {
        "quellenlage": __version__,
        "articles": [a.to_json() for a in articles],
        "stories": [s.to_json() for s in stories],
    }


def _with_stable_ids(items: list[Item], prefix: str) -> list[Item]:
    """The items with ids derived from the first span of their evidence, not from the list
    position the linking stage numbered them by."""
    keys = unique_ids([stable_id(prefix, *_span_key(item.evidence[0])) for item in items])
    return [replace(item, id=key) for item, key in zip(items, keys, strict=True)]


def _opposing_stable_ids(
    contradictions: list[Contradiction], renamed: Mapping[str, str]
) -> list[Contradiction]:
    """Each contradiction names the stable ids of the items it opposes and takes its own
    from them."""
    opposed = [replace(x, items=[renamed.get(i, i) for i in x.items]) for x in contradictions]
    keys = unique_ids([stable_id("x", *x.items) for x in opposed])
    return [replace(x, id=key) for x, key in zip(opposed, keys, strict=True)]


def _span_key(span: Evidence) -> tuple[object, ...]:
    return span.article, span.start, span.end


def _story_title(articles: Sequence[Article]) -> str | None:
    """The title of the article most similar to the others (the most typical report)."""
    titled = [a for a in articles if a.title]
    if len(titled) <= 1:
        return titled[0].title if titled else None
    similarity = cosine_matrix(vector_matrix([a.lead_text(8) for a in titled]))
    return titled[int(np.argmax(similarity.sum(axis=1)))].title
