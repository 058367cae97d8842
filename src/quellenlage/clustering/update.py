"""Keep stories up to date: place new articles among the stories they can reach.

The stored stories a new article could join (active within the time window, and undated
ones) are replayed into a clusterer from their stored features, then the new articles are
added and repaired. Pure: the caller reads the features from the store and writes the result
back, inside one locked transaction, so the update is idempotent and safe with two writers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from quellenlage.clustering.features import Features
from quellenlage.clustering.incremental import Clusterer, ClusterSettings


def reach(days: Sequence[date | None], window_days: int) -> tuple[date, date] | None:
    """The days whose stories articles of ``days`` may join; None (all stories) when one of
    them is undated."""
    if not days or any(day is None for day in days):
        return None
    dated = sorted(d for d in days if d is not None)
    window = timedelta(days=window_days)
    return dated[0] - window, dated[-1] + window


def place_articles(
    known: Sequence[tuple[Features, int]],
    new: Sequence[Features],
    settings: ClusterSettings | None = None,
) -> dict[str, int]:
    """The story of every article, known and new, after placing ``new``. Stories that did not
    exist before get ids that are not among the known ones: provisional, for the store to
    replace with ids of its own."""
    clusterer = Clusterer(settings)
    for features, story in sorted(known, key=lambda pair: (pair[1], pair[0].key)):
        clusterer.place(features, story)
    ordered = sorted(new, key=lambda f: (f.day or date.min, f.key))
    clusterer.add_all(ordered)
    clusterer.refine(ordered)
    return clusterer.assignments()
