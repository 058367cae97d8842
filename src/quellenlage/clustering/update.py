"""Keep the store's stories up to date: place every article that has no story yet.

Stored assignments are replayed into a clusterer (embeddings come from the store, so nothing is
embedded twice), then the new articles are added and repaired. Interrupted runs leave articles
without a story; the next run places them, so the update is idempotent.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from quellenlage.clustering.features import article_features, features_of
from quellenlage.clustering.incremental import Clusterer, ClusterSettings
from quellenlage.model import Article
from quellenlage.store import Store
from quellenlage.store.stories import (
    StoryRow,
    assignments,
    load_embeddings,
    max_story_id,
    save_stories,
    stories_active,
    story_assignments,
    unassigned_article_ids,
)


def update_stories(
    store: Store, settings: ClusterSettings | None = None, workers: int = 1
) -> dict[str, int]:
    """Place unassigned articles; returns the story of every article whose story changed.

    Only the stories a new article could join are loaded (those active within the time window
    of the new articles, and undated ones), so an update costs what the new articles touch,
    not the size of the archive.
    """
    new_ids = unassigned_article_ids(store.engine)
    if not new_ids:
        return {}
    settings = settings or ClusterSettings()
    new_articles = sorted(store.articles(new_ids), key=lambda a: (a.published or "", a.id))
    known = _reachable_assignments(store, new_articles, settings.window_days)
    clusterer = Clusterer(settings)
    clusterer.reserve_ids(max_story_id(store.engine))
    known_articles = store.articles(list(known))
    vectors = load_embeddings(store.engine, list(known))
    for article in sorted(known_articles, key=lambda a: (known[a.id], a.id)):
        clusterer.place(features_of(article, vectors[article.id]), known[article.id])
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


def _reachable_assignments(
    store: Store, new_articles: Sequence[Article], window_days: int
) -> dict[str, int]:
    """Stored assignments of the stories the new articles may join (all, if one is undated)."""
    days = [a.published for a in new_articles]
    if any(day is None for day in days):
        return assignments(store.engine)
    dated = sorted(d for d in days if d)
    window = timedelta(days=window_days)
    first = (date.fromisoformat(dated[0]) - window).isoformat()
    last = (date.fromisoformat(dated[-1]) + window).isoformat()
    return story_assignments(store.engine, stories_active(store.engine, first, last))


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
