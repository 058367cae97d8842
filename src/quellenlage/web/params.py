"""The query parameters that several pages and API operations share, each declared once as
a FastAPI dependency: the listing filter (outlet, days, entity, text) and the paging."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import Depends, Query, Request

from quellenlage.api import Filter, QueryError
from quellenlage.archive import Archive

Sort = Literal["size", "newest", "oldest"]
SORTS: tuple[Sort, ...] = ("size", "newest", "oldest")


def archive_of(request: Request) -> Archive:
    archive: Archive = request.app.state.archive
    return archive


def listing_filter(
    outlet: str | None = None,
    since: str | None = Query(None, description="first day, YYYY-MM-DD"),
    until: str | None = Query(None, description="last day, YYYY-MM-DD"),
    entity: str | None = Query(None, description="an entity id or a name"),
    text: str | None = Query(None, description="a full-text query over the sentences"),
) -> Filter:
    """The filter of a listing's parameters (empty ones left out); an unreadable day is a
    QueryError (400 on both pages and API)."""
    for day in (since, until):
        if day:
            try:
                date.fromisoformat(day)
            except ValueError as error:
                raise QueryError(f"not a day (YYYY-MM-DD): {day[:40]!r}") from error
    return Filter(
        outlet=outlet or None,
        since=since or None,
        until=until or None,
        entity=entity or None,
        text=text or None,
    )


def filter_query(where: Filter) -> str:
    """The query string of ``where`` (its set fields), for links between its pages."""
    return urlencode({name: value for name, value in asdict(where).items() if value})


@dataclass(frozen=True, slots=True)
class Paging:
    limit: int
    offset: int


def paging(
    limit: int = Query(20, ge=1, le=500), offset: int = Query(0, ge=0, le=10_000_000)
) -> Paging:
    return Paging(limit, offset)


Listing = Annotated[Filter, Depends(listing_filter)]
Paged = Annotated[Paging, Depends(paging)]
