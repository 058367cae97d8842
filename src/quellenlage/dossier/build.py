"""Stage 6: a story's dossier (see the dossier contract), built from its articles' stored
analyses — nothing per-article is computed again here.

Ids are derived from content: the story id is the store's, an entity's comes from its type
and name, a quote's and a claim's from the first span of their evidence, a contradiction's
from the two items it opposes. A rebuild of the same story gives the same ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from quellenlage.analyse.article import ArticleAnalysis
from quellenlage.analyse.ner import consistent_entities
from quellenlage.analyse.vectors import cosine_matrix, vector_matrix
from quellenlage.dossier.records import StoryDossier, story_from_json
from quellenlage.dossier.summary import summarise
from quellenlage.link.claims import story_claims
from quellenlage.link.entities import resolve_entities
from quellenlage.link.quotes import story_quotes
from quellenlage.link.reuse import find_reuse
from quellenlage.link.timeline import build_timeline
from quellenlage.model import Article, Entity, stable_id, unique_ids
from quellenlage.settings import Settings
from quellenlage.version import __version__

Dossier = dict[str, Any]  # the contract document: {"quellenlage", "articles", "stories"}


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
    record = {
        "id": story_id,
        "title": _story_title(articles) or (summary[0].text if summary else None),
        "articles": [a.id for a in articles],
        "summary": [item.to_json() for item in summary],
        "entities": [e.to_json() for e in entities],
        "quotes": story_quotes(articles, analyses, entities),
        "claims": claims,
        "contradictions": contradictions,
        "timeline": build_timeline(articles, analyses),
        "reuse": [r.to_json() for r in find_reuse(articles)],
    }
    _give_stable_ids(record)
    _add_span_text(record, {a.id: a.text for a in articles})
    return story_from_json(record)


def dossier_document(articles: Iterable[Article], stories: Iterable[StoryDossier]) -> Dossier:
    """The contract document of ``stories`` with their ``articles``."""
    return {
        "quellenlage": __version__,
        "articles": [a.to_json() for a in articles],
        "stories": [s.to_json() for s in stories],
    }


def _give_stable_ids(story: dict[str, Any]) -> None:
    """Replace the list positions the stages number by ids derived from content, and the
    references to them (a quote's speaker, a contradiction's items)."""
    renamed: dict[str, str] = {}
    for field, prefix in (("quotes", "q"), ("claims", "c")):
        items = story[field]
        keys = unique_ids([stable_id(prefix, *_span_key(item["evidence"][0])) for item in items])
        for item, key in zip(items, keys, strict=True):
            renamed[item["id"]] = key
            item["id"] = key
    for item in story["contradictions"]:
        item["items"] = [renamed.get(i, i) for i in item["items"]]
    keys = unique_ids([stable_id("x", *item["items"]) for item in story["contradictions"]])
    for item, key in zip(story["contradictions"], keys, strict=True):
        item["id"] = key


def _span_key(span: Mapping[str, Any]) -> tuple[object, ...]:
    return span["article"], span["start"], span["end"]


def _add_span_text(node: Any, texts: Mapping[str, str]) -> None:
    """Every span carries its own words: ``text`` is ``article.text[start:end]``."""
    if isinstance(node, dict):
        if {"article", "start", "end"} <= node.keys() and isinstance(node["start"], int):
            node["text"] = texts[node["article"]][node["start"] : node["end"]]
        for value in node.values():
            _add_span_text(value, texts)
    elif isinstance(node, list):
        for value in node:
            _add_span_text(value, texts)


def _story_title(articles: Sequence[Article]) -> str | None:
    """The title of the article most similar to the others (the most typical report)."""
    titled = [a for a in articles if a.title]
    if len(titled) <= 1:
        return titled[0].title if titled else None
    similarity = cosine_matrix(vector_matrix([a.lead_text(8) for a in titled]))
    return titled[int(np.argmax(similarity.sum(axis=1)))].title
