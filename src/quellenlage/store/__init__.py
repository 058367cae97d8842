"""Storage: one interface (``Store``) over SQLite by default; the only package that speaks SQL.
Database specifics sit in one adapter per database (``sqlite``, ``postgresql``)."""

from quellenlage.store.db import QueryError, Store, StoreError, StoryUpdate
from quellenlage.store.records import (
    ArticleRow,
    EntityRow,
    FeatureRow,
    Filter,
    Page,
    SavedBatch,
    SearchHit,
    StoredDossier,
    StoryRow,
)

__all__ = [
    "ArticleRow",
    "EntityRow",
    "FeatureRow",
    "Filter",
    "Page",
    "QueryError",
    "SavedBatch",
    "SearchHit",
    "Store",
    "StoreError",
    "StoredDossier",
    "StoryRow",
    "StoryUpdate",
]
