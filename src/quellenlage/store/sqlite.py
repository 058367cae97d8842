"""The SQLite adapter: what only SQLite does — pragmas, write locks, upserts and FTS5.

Every write transaction starts with ``BEGIN IMMEDIATE``: it takes SQLite's single write lock at
the start, so two processes writing one file queue behind each other (``busy_timeout``)
instead of failing when a read turns into a write, and the story update, which reads and then
writes, is serialised with it. Reads use plain deferred transactions and never block writers
(WAL).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, Insert, Table, create_engine, event, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from quellenlage.store.records import SearchHit

BUSY_TIMEOUT_MS = 60_000
WRITE = "quellenlage_write"  # execution option: this transaction will write


_QUERY_ERRORS = ("fts5", "syntax error", "unterminated string", "no such column", "unknown special")


class SqliteAdapter:
    name = "sqlite"

    def __init__(self, location: str | Path, read_only: bool) -> None:
        self.read_only = read_only
        self.location = str(location)

    def engine(self) -> Engine:
        path = self.location.removeprefix("sqlite:///")
        url = f"sqlite:///{path}"
        if self.read_only:
            url = f"sqlite:///file:{quote(path)}?mode=ro{_unwritable(path)}&uri=true"
        engine = create_engine(url)
        event.listen(engine, "connect", self._on_connect)
        event.listen(engine, "begin", _on_begin)
        return engine

    def _on_connect(self, dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # transactions are begun by ``_on_begin``
        cursor = dbapi_connection.cursor()
        if not self.read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    def display(self, location: str) -> str:
        return location

    def lock(self, connection: Connection, name: str) -> None:
        """Nothing to take: a write transaction already holds SQLite's one write lock."""

    def insert_ignore(self, table: Table) -> Insert:
        """An INSERT that skips rows whose key is already there."""
        return sqlite_insert(table).on_conflict_do_nothing()

    def index_sentences(self, connection: Connection, rows: Sequence[dict[str, object]]) -> None:
        """Rows of ``{"text", "article_id", "position"}`` into the full-text index."""
        if rows:
            connection.execute(
                text(
                    "INSERT INTO sentences_fts (text, article_id, position) "
                    "VALUES (:text, :article_id, :position)"
                ),
                list(rows),
            )

    def search(
        self, connection: Connection, query: str, limit: int, article_ids: Sequence[str] | None
    ) -> list[SearchHit]:
        """Sentences matching an FTS5 query, best first ("munchen" finds München)."""
        within = ""
        params: dict[str, object] = {"query": query, "limit": limit}
        if article_ids is not None:
            names = [f"a{i}" for i in range(len(article_ids))]
            within = f" AND f.article_id IN ({', '.join(':' + n for n in names)})"
            params.update(zip(names, article_ids, strict=True))
        rows = connection.execute(
            text(
                'SELECT f.article_id, f.position, s.start, s."end", f.text FROM '
                "(SELECT article_id, position, text, rank FROM sentences_fts "
                "WHERE sentences_fts MATCH :query) f JOIN sentences s "
                "ON s.article_id = f.article_id AND s.position = f.position "
                f"WHERE 1 = 1{within} ORDER BY f.rank LIMIT :limit"
            ),
            params,
        )
        return [SearchHit(r[0], int(r[1]), int(r[2]), int(r[3]), r[4]) for r in rows]

    def articles_matching(self, connection: Connection, query: str) -> set[str]:
        rows = connection.execute(
            text("SELECT DISTINCT article_id FROM sentences_fts WHERE sentences_fts MATCH :q"),
            {"q": query},
        )
        return {r[0] for r in rows}

    def is_query_error(self, error: Exception) -> bool:
        """Whether the database refused a full-text query as malformed (not a failure)."""
        message = str(getattr(error, "orig", error)).lower()
        return any(marker in message for marker in _QUERY_ERRORS)

    def integrity_ok(self, connection: Connection) -> bool:
        return connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def _unwritable(path: str) -> str:
    """For a database in a folder this process cannot write, with no journal beside it: read
    it as immutable (SQLite could not create the reader index of WAL mode there)."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.access(folder, os.W_OK) or os.path.exists(path + "-wal"):
        return ""
    return "&immutable=1"


def _on_begin(connection: Connection) -> None:
    write = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
