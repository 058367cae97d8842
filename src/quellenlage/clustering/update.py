"""Keep the store's stories up to date: place every article that has no story yet.

Stored assignments are replayed into a clusterer (embeddings come from the store, so nothing is
embedded twice), then the new articles are added and repaired. Interrupted runs leave articles
without a story; the next run places them, so the update is idempotent.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from quellenlage.clustering.features import Features, article_features, normalised_terms
from quellenlage.clustering.incremental import Clusterer, ClusterSettings
from quellenlage.model import Article
from quellenlage.store import Store
from quellenlage.store.stories import (
    StoryRow,
    assignments,
    load_embeddings,
    save_stories,
    unassigned_article_ids,
)


def update_stories(
    store: Store, settings: ClusterSettings | None = None, workers: int = 1
) -> dict[str, int]:
    """Place unassigned articles; returns the story of every article whose story changed."""
    new_ids = unassigned_article_ids(store.engine)
    if not new_ids:
        return {}
    known = assignments(store.engine)
    clusterer = Clusterer(settings)
    known_articles = store.articles(list(known))
    vectors = load_embeddings(store.engine, list(known))
    for article in sorted(known_articles, key=lambda a: (known[a.id], a.id)):
        clusterer.place(_stored_features(article, vectors[article.id]), known[article.id])
    new_articles = sorted(store.articles(new_ids), key=lambda a: (a.published or "", a.id))
    features = article_features(new_articles, workers)
    clusterer.add_all(features)
    clusterer.refine(features)
    placed = clusterer.assignments()
    changed = {key: story for key, story in placed.items() if known.get(key) != story}
    articles = {a.id: a for a in [*known_articles, *new_articles]}
    touched = sorted(set(changed.values()))
    rows = [
        _story_row(story, [articles[k] for k, s in placed.items() if s == story])
        for story in touched
    ]
    save_stories(store.engine, changed, {f.key: f.embedding for f in features}, rows)
    return changed


def _stored_features(article: Article, embedding: np.ndarray) -> Features:
    day = article.published_at.date() if article.published_at else article.published_day
    return Features(
        article.id, embedding, normalised_terms(article.content_text(), article.language), day
    )


def _story_row(story: int, members: Sequence[Article]) -> StoryRow:
    days = sorted(a.published for a in members if a.published)
    titled = sorted((a for a in members if a.title), key=lambda a: (a.published or "", a.id))
    return StoryRow(
        story,
        titled[0].title if titled else None,
        days[0] if days else None,
        days[-1] if days else None,
        len(members),
        (),
    )
