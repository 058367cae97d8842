"""Stories in the store: assignments, the stories table, and article embeddings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Engine, and_, delete, func, insert, or_, select

from quellenlage.store import schema


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: int
    title: str | None
    first_day: str | None
    last_day: str | None
    size: int
    outlets: tuple[str, ...]


def unassigned_article_ids(engine: Engine) -> list[str]:
    """Articles without a story yet (new ones, or left over by an interrupted ingest)."""
    with engine.connect() as connection:
        assigned = select(schema.story_articles.c.article_id)
        query = (
            select(schema.articles.c.id)
            .where(schema.articles.c.id.not_in(assigned))
            .order_by(schema.articles.c.published, schema.articles.c.id)
        )
        return list(connection.execute(query).scalars())


def assignments(engine: Engine, article_ids: Sequence[str] | None = None) -> dict[str, int]:
    with engine.connect() as connection:
        query = select(schema.story_articles)
        if article_ids is not None:
            query = query.where(schema.story_articles.c.article_id.in_(list(article_ids)))
        return {row.article_id: row.story_id for row in connection.execute(query)}


def story_assignments(engine: Engine, story_ids: Sequence[int]) -> dict[str, int]:
    """The articles of the given stories."""
    with engine.connect() as connection:
        query = select(schema.story_articles).where(
            schema.story_articles.c.story_id.in_(list(story_ids))
        )
        return {row.article_id: row.story_id for row in connection.execute(query)}


def stories_active(engine: Engine, first: str, last: str) -> list[int]:
    """Stories that can take an article dated between ``first`` and ``last`` (ISO days):
    those whose date range meets that span, and undated ones."""
    table = schema.stories.c
    with engine.connect() as connection:
        query = select(table.id).where(
            or_(table.first_day.is_(None), and_(table.last_day >= first, table.first_day <= last))
        )
        return list(connection.execute(query).scalars())


def max_story_id(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.max(schema.stories.c.id))).scalar() or 0)


def load_embeddings(engine: Engine, article_ids: Sequence[str]) -> dict[str, np.ndarray]:
    with engine.connect() as connection:
        query = select(schema.embeddings).where(
            schema.embeddings.c.article_id.in_(list(article_ids))
        )
        return {
            row.article_id: np.frombuffer(row.vector, dtype=np.float32)
            for row in connection.execute(query)
        }


def save_stories(
    engine: Engine,
    placed: Mapping[str, int],
    vectors: Mapping[str, np.ndarray],
    stories: Sequence[StoryRow],
) -> None:
    """Write new embeddings and the complete current assignment of ``placed`` articles and the
    rows of the ``stories`` they belong to, in one transaction."""
    with engine.begin() as connection:
        if vectors:
            connection.execute(
                insert(schema.embeddings).prefix_with("OR IGNORE"),
                [
                    {"article_id": k, "vector": v.astype(np.float32).tobytes()}
                    for k, v in vectors.items()
                ],
            )
        if placed:
            connection.execute(
                delete(schema.story_articles).where(
                    schema.story_articles.c.article_id.in_(list(placed))
                )
            )
            connection.execute(
                insert(schema.story_articles),
                [{"article_id": k, "story_id": s} for k, s in placed.items()],
            )
        ids = [s.id for s in stories]
        if ids:
            connection.execute(delete(schema.stories).where(schema.stories.c.id.in_(ids)))
            connection.execute(
                insert(schema.stories),
                [
                    {
                        "id": s.id,
                        "title": s.title,
                        "first_day": s.first_day,
                        "last_day": s.last_day,
                        "size": s.size,
                    }
                    for s in stories
                ],
            )


def list_stories(engine: Engine) -> list[StoryRow]:
    """Stories with their size, outlets and date range, largest first."""
    with engine.connect() as connection:
        outlets: dict[int, set[str]] = {}
        joined = select(schema.story_articles.c.story_id, schema.articles.c.outlet).join(
            schema.articles, schema.articles.c.id == schema.story_articles.c.article_id
        )
        for story_id, outlet in connection.execute(joined):
            if outlet:
                outlets.setdefault(story_id, set()).add(outlet)
        rows = connection.execute(
            select(schema.stories).order_by(schema.stories.c.size.desc(), schema.stories.c.id)
        )
        return [
            StoryRow(
                r.id, r.title, r.first_day, r.last_day, r.size, tuple(sorted(outlets.get(r.id, ())))
            )
            for r in rows
        ]
