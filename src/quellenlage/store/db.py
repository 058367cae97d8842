"""The store: every write goes through here, one transaction per batch.

SQLite runs in WAL mode so that a crash mid-ingest leaves the file consistent: a batch is
either fully in the database or not at all, and re-running the ingest adds what is missing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, func, insert, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from quellenlage.model import Article, Excluded, Rejection, Sentence, Source
from quellenlage.store import schema

MIGRATIONS = Path(__file__).with_name("migrations")


@dataclass(frozen=True, slots=True)
class SavedBatch:
    added: int
    already_present: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: str
    position: int
    text: str


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class Store:
    """Articles and what the pipeline found in them, in SQLite (or any SQLAlchemy URL)."""

    def __init__(self, location: str | Path) -> None:
        url = str(location) if "://" in str(location) else f"sqlite:///{location}"
        self.engine: Engine = create_engine(url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.migrate()

    def migrate(self) -> None:
        """Bring the schema to the newest revision (a no-op when it is there already)."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()

    # writes ------------------------------------------------------------------------------

    def save_batch(
        self, articles: Sequence[Article], rejections: Sequence[Rejection] = ()
    ) -> SavedBatch:
        """Store new articles, add new sources of known ones and record rejections: atomically."""
        added = present = 0
        with self.engine.begin() as connection:
            known = self._existing_ids(connection, [a.id for a in articles])
            for article in articles:
                if article.id in known:
                    present += 1
                else:
                    self._insert_article(connection, article)
                    known.add(article.id)
                    added += 1
                self._insert_sources(connection, article.id, article.sources)
            self._insert_rejections(connection, rejections)
        return SavedBatch(added, present)

    def _existing_ids(self, connection: Connection, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        query = select(schema.articles.c.id).where(schema.articles.c.id.in_(ids))
        return set(connection.execute(query).scalars())

    def _insert_article(self, connection: Connection, article: Article) -> None:
        connection.execute(
            insert(schema.articles).values(
                id=article.id,
                text=article.text,
                source=article.source,
                title=article.title,
                url=article.url,
                outlet=article.outlet,
                published=article.published,
                published_at=article.published_at_iso,
                language=article.language,
                encoding=article.encoding,
                raw=article.raw,
                ingested_at=_now(),
            )
        )
        if article.excluded:
            connection.execute(
                insert(schema.excluded),
                [
                    {"article_id": article.id, "start": e.start, "end": e.end, "kind": e.kind}
                    for e in article.excluded
                ],
            )
        if article.sentences:
            rows = [
                {
                    "article_id": article.id,
                    "position": i,
                    "start": s.start,
                    "end": s.end,
                    "heading": s.heading,
                    "tokens": json.dumps(s.tokens, separators=(",", ":")),
                }
                for i, s in enumerate(article.sentences)
            ]
            connection.execute(insert(schema.sentences), rows)
            if self.engine.dialect.name == "sqlite":
                connection.execute(
                    text(
                        "INSERT INTO sentences_fts (text, article_id, position) "
                        "VALUES (:text, :article_id, :position)"
                    ),
                    [
                        {
                            "text": article.text[s.start : s.end],
                            "article_id": article.id,
                            "position": i,
                        }
                        for i, s in enumerate(article.sentences)
                    ],
                )

    def _insert_sources(
        self, connection: Connection, article_id: str, sources: Iterable[Source]
    ) -> None:
        rows = [
            {
                "article_id": article_id,
                "source": s.source,
                "outlet": s.outlet,
                "url": s.url,
                "published": s.published,
            }
            for s in sources
        ]
        if rows:
            statement = sqlite_insert(schema.sources).on_conflict_do_nothing()
            connection.execute(statement, rows)

    def _insert_rejections(self, connection: Connection, rejections: Sequence[Rejection]) -> None:
        if rejections:
            now = _now()
            connection.execute(
                insert(schema.ingest_errors),
                [
                    {"location": r.location, "line": r.line, "reason": r.reason, "created_at": now}
                    for r in rejections
                ],
            )

    # reads -------------------------------------------------------------------------------

    def article_ids(self) -> list[str]:
        with self.engine.connect() as connection:
            query = select(schema.articles.c.id).order_by(
                schema.articles.c.ingested_at, schema.articles.c.id
            )
            return list(connection.execute(query).scalars())

    def count(self, table: str) -> int:
        with self.engine.connect() as connection:
            return int(
                connection.execute(
                    select(func.count()).select_from(schema.metadata.tables[table])
                ).scalar_one()
            )

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Articles with their sources, noise spans and sentences, in the order of ``ids``."""
        with self.engine.connect() as connection:
            query = select(schema.articles)
            if ids is not None:
                query = query.where(schema.articles.c.id.in_(list(ids)))
            rows = {row.id: row for row in connection.execute(query)}
            order = (
                list(ids) if ids is not None else sorted(rows, key=lambda i: rows[i].ingested_at)
            )
            wanted = [i for i in order if i in rows]
            sources = self._children(connection, schema.sources, wanted)
            excluded = self._children(connection, schema.excluded, wanted)
            sentences = self._children(connection, schema.sentences, wanted)
        return [
            _article_from_rows(
                rows[i], sources.get(i, []), excluded.get(i, []), sentences.get(i, [])
            )
            for i in wanted
        ]

    def _children(self, connection: Connection, table: Any, ids: list[str]) -> dict[str, list[Any]]:
        grouped: dict[str, list[Any]] = {}
        if not ids:
            return grouped
        query = select(table).where(table.c.article_id.in_(ids))
        if "position" in table.c:
            query = query.order_by(table.c.article_id, table.c.position)
        elif "start" in table.c:
            query = query.order_by(table.c.article_id, table.c.start)
        for row in connection.execute(query):
            grouped.setdefault(row.article_id, []).append(row)
        return grouped

    def ingest_errors(self) -> list[Rejection]:
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(schema.ingest_errors).order_by(schema.ingest_errors.c.id)
            )
            return [Rejection(r.location, r.reason, r.line) for r in rows]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Sentences matching an FTS5 query (diacritics-insensitive: "munchen" finds München)."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT article_id, position, text FROM sentences_fts "
                    "WHERE sentences_fts MATCH :query ORDER BY rank LIMIT :limit"
                ),
                {"query": query, "limit": limit},
            )
            return [SearchHit(r.article_id, int(r.position), r.text) for r in rows]


def _article_from_rows(
    row: Any, sources: list[Any], excluded: list[Any], sentences: list[Any]
) -> Article:
    published_at = datetime.fromisoformat(row.published_at) if row.published_at else None
    published_day = date.fromisoformat(row.published) if row.published else None
    return Article(
        id=row.id,
        text=row.text,
        source=row.source,
        sources=[Source(s.source, s.outlet, s.url, s.published) for s in sources],
        title=row.title,
        url=row.url,
        outlet=row.outlet,
        published_at=published_at,
        published_day=published_day,
        language=row.language,
        encoding=row.encoding,
        raw=row.raw,
        excluded=[Excluded(e.start, e.end, e.kind) for e in excluded],
        sentences=[
            Sentence(s.start, s.end, tuple(tuple(t) for t in json.loads(s.tokens)), bool(s.heading))
            for s in sentences
        ],
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
