"""What the store hands out besides the pipeline's own records (``quellenlage.model``): rows
for listings, pages, filters and stored dossiers. Plain values only: no stage type."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SavedBatch:
    added: int
    already_present: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One sentence that matches a full-text query, with its evidence span."""

    article_id: str
    position: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article as listings show it (no text)."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    source: str
    url: str | None
    story_id: int | None


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: int
    title: str | None
    first_day: str | None
    last_day: str | None
    size: int
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing: ``items`` from ``offset`` on, out of ``total``."""

    items: list[T]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class Filter:
    """What a listing may be narrowed to; every field is optional and they combine (AND).
    ``since``/``until`` are ISO days, inclusive; ``entity`` is an entity id or a name;
    ``text`` a full-text query over the sentences."""

    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    entity: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class FeatureRow:
    """What story grouping reads of one article: its day, term vector and lead embedding
    (as stored by the analysis stage)."""

    article_id: str
    published: str | None
    terms: bytes
    lead: bytes


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One entity of one stored dossier, for lookups across stories."""

    entity_id: str
    story_id: int
    name: str
    type: str
    variants: tuple[str, ...] = field(default_factory=tuple)
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class StoredDossier:
    story_id: int
    digest: str  # what it was built from (members and versions), see ``archive``
    data: bytes
