"""The store: the only place that speaks SQL. One ``Store`` per database, a narrow set of
methods for what the stages and readers need, and one adapter per database for what only that
database does (upserts, write locks, full-text search): ``sqlite`` for a file,
``postgresql`` for a ``postgresql://user@host:port/name`` URL.

The schema has one definition, the migrations; queries use the tables as the database
reflects them. Every write is one transaction: a batch is either fully in the database or not
at all, and re-running an ingest adds what is missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    Insert,
    MetaData,
    Select,
    Table,
    and_,
    bindparam,
    delete,
    func,
    insert,
    inspect,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, SQLAlchemyError

from quellenlage.model import (
    Article,
    Entity,
    EntityTags,
    Excluded,
    Rejection,
    Sentence,
    Source,
    StoredAnalysis,
)
from quellenlage.store.postgresql import PostgresqlAdapter, QuerySyntaxError, is_postgresql
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
from quellenlage.store.sqlite import WRITE, SqliteAdapter

MIGRATIONS = Path(__file__).with_name("migrations")
KNOWN_REVISIONS = tuple(sorted(p.name[:4] for p in (MIGRATIONS / "versions").glob("0*.py")))
HEAD = KNOWN_REVISIONS[-1]
_TABLES = (
    "articles",
    "sources",
    "excluded",
    "sentences",
    "ingest_errors",
    "stories",
    "story_articles",
    "entity_tags",
    "analyses",
    "dossiers",
    "dossier_entities",
)
ANY = Filter()  # a listing narrowed by nothing
_IN_CHUNK = 500  # ids per IN (...) list: SQLite allows 32,766 parameters, PostgreSQL 65,535
_RETRIES = 5  # a write PostgreSQL aborted as a deadlock or serialisation failure: run it again
_RETRYABLE = {"40P01", "40001"}  # deadlock detected, serialization failure
# Names of the advisory locks (PostgreSQL) of the writes that read before they write.
STORIES_LOCK = "stories"
MIGRATIONS_LOCK = "migrations"
R = TypeVar("R")
K = TypeVar("K", str, int)


class StoreError(Exception):
    """A database that cannot be used as it is; the message says why and what to do.
    ``whole_database``: the database itself failed (locked, read-only, full, gone), so
    trying the same write again item by item cannot help."""

    def __init__(self, message: str, whole_database: bool = True) -> None:
        super().__init__(message)
        self.whole_database = whole_database


class QueryError(StoreError):
    """A full-text query the database cannot parse."""


class Adapter(Protocol):
    """What one database does its own way (``sqlite.py``, ``postgresql.py``)."""

    name: str

    def display(self, location: str) -> str: ...
    def engine(self) -> Engine: ...
    def insert_ignore(self, table: Table) -> Insert: ...
    def lock(self, connection: Connection, name: str) -> None: ...
    def index_sentences(
        self, connection: Connection, rows: Sequence[dict[str, object]]
    ) -> None: ...
    def search(
        self, connection: Connection, query: str, limit: int, article_ids: Sequence[str] | None
    ) -> list[SearchHit]: ...
    def articles_matching(self, connection: Connection, query: str) -> set[str]: ...
    def is_query_error(self, error: Exception) -> bool: ...
    def integrity_ok(self, connection: Connection) -> bool: ...


_CAUSES = (  # what the database says (a regular expression) -> what the user is told
    # SQLite
    ("file is not a database", "not a quellenlage database (not even SQLite)"),
    ("readonly database|read-only transaction", "read-only: cannot write here"),
    ("disk is full|no space left on device", "disk full"),
    ("database is locked", "locked by another process for too long"),
    ("unable to open", "cannot be opened (missing folder or no permission)"),
    ("disk i/o error", "disk I/O error (file too large for the file system or its limit?)"),
    ("no such table", "not a quellenlage database (tables missing)"),
    # PostgreSQL (psycopg's first line of the server's or libpq's message)
    ("connection refused", "no PostgreSQL server answers at this host and port"),
    ("could not translate host name|name or service not known", "unknown host name"),
    ("timeout expired", "the PostgreSQL server did not answer in time"),
    (
        "password authentication failed|authentication failed|no password supplied",
        "login refused: wrong user or password",
    ),
    ('role ".*" does not exist', "login refused: no such user on the server"),
    ("no pg_hba.conf entry", "login refused by the server's pg_hba.conf for this host/user"),
    (
        'database ".*" does not exist',
        "no such database on the server (create it first, e.g. `createdb NAME`)",
    ),
    ('relation ".*" does not exist', "not a quellenlage database (tables missing)"),
    ("too many clients|remaining connection slots", "the server has no free connections"),
)


def database_error(location: str, error: SQLAlchemyError) -> StoreError:
    """One clear sentence for a database failure, naming the cause when it is known."""
    detail = str(getattr(error, "orig", None) or error).split("\n")[0]
    lowered = detail.lower()
    for marker, cause in _CAUSES:
        if re.search(marker, lowered):
            return StoreError(f"{location}: {cause}")
    return StoreError(
        f"{location}: cannot use database ({type(error).__name__}: {detail})",
        whole_database=not isinstance(error, IntegrityError | DataError),
    )


def make_adapter(location: str, read_only: bool) -> Adapter:
    """The adapter for a location: a PostgreSQL URL, else a SQLite file (or sqlite:/// URL)."""
    if is_postgresql(location):
        return PostgresqlAdapter(location, read_only)
    return SqliteAdapter(location, read_only)


def _retryable(error: BaseException) -> bool:
    """Whether PostgreSQL aborted the transaction only because of another one (its
    SQLSTATE), so that running it again is the remedy."""
    cause = error.__cause__
    return isinstance(cause, DBAPIError) and getattr(cause.orig, "sqlstate", None) in _RETRYABLE


class Store:
    """Articles, what each yields, stories and their dossiers, in one database."""

    def __init__(self, location: str | Path, *, read_only: bool = False) -> None:
        self.read_only = read_only
        self._adapter = make_adapter(str(location), read_only)
        self.location = self._adapter.display(str(location))  # never with a password
        if read_only and "://" not in self.location and not Path(self.location).is_file():
            raise StoreError(f"{self.location}: no database here")
        try:
            self._engine = self._adapter.engine()
        except (SQLAlchemyError, ValueError) as error:  # a malformed URL
            raise StoreError(f"{self.location}: not a usable database URL ({error})") from error
        try:
            self._prepare_schema()
            self._t = self._reflect()
        except SQLAlchemyError as error:
            self._engine.dispose()
            raise database_error(self.location, error) from error
        except BaseException:
            self._engine.dispose()
            raise

    # opening -------------------------------------------------------------------------------

    def _prepare_schema(self) -> None:
        """Refuse a newer schema; migrate an older one (never when read-only), as one
        transaction holding the write lock, so concurrent first opens and crashes mid-way
        leave the database as it was or complete. The revision is read again under the lock:
        a check made before it can see another opener's migration half-way through."""
        with self._engine.connect() as connection:  # errors: see __init__
            revision = self._checked_revision(connection)
        if revision == HEAD:
            return
        if self.read_only:
            raise StoreError(
                f"{self.location}: schema {revision or 'none'} is older than {HEAD}: "
                "open it once for writing (e.g. `quellenlage ingest`) to upgrade it"
            )
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self._write() as connection:
            self._adapter.lock(connection, MIGRATIONS_LOCK)
            if self._checked_revision(connection) == HEAD:  # another opener migrated it
                return
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def _checked_revision(self, connection: Connection) -> str | None:
        """The schema revision, or an error for a newer schema or another program's tables.
        The table names come from one query, one snapshot: asked in two, a migration
        committed in between looks like another program's tables without ours."""
        tables = set(inspect(connection).get_table_names())
        if "alembic_version" not in tables:
            if tables:
                raise StoreError(
                    f"{self.location}: not a quellenlage database (tables of another program)"
                )
            return None
        revision = self._revision_on(connection)
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise StoreError(
                f"{self.location}: written by a newer quellenlage (schema {revision}; this "
                f"version knows up to {HEAD}): upgrade quellenlage to use it"
            )
        return revision

    @staticmethod
    def _revision_on(connection: Connection) -> str | None:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def _reflect(self) -> dict[str, Table]:
        metadata = MetaData()
        with self._engine.connect() as connection:
            metadata.reflect(bind=connection, only=list(_TABLES))
        return dict(metadata.tables)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only")
        try:
            connection = self._engine.connect().execution_options(**{WRITE: True})
            with connection, connection.begin():
                yield connection
        except SQLAlchemyError as error:
            raise database_error(self.location, error) from error

    def _retrying(self, work: Callable[[], R]) -> R:
        """Run a write that is safe to repeat again when PostgreSQL aborted it as a deadlock
        (two writers inserting the same keys in different orders) or serialisation failure."""
        for _ in range(_RETRIES - 1):
            try:
                return work()
            except StoreError as error:
                if not _retryable(error):
                    raise
        return work()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as connection:
                yield connection
        except SQLAlchemyError as error:
            raise database_error(self.location, error) from error

    def revision(self) -> str | None:
        with self._read() as connection:
            return self._revision_on(connection)

    def integrity_ok(self) -> bool:
        with self._read() as connection:
            return self._adapter.integrity_ok(connection)

    def count(self, table: str) -> int:
        with self._read() as connection:
            query = select(func.count()).select_from(self._t[table])
            return int(connection.execute(query).scalar_one())

    # articles: writes ------------------------------------------------------------------------

    def save_batch(
        self,
        articles: Sequence[Article],
        rejections: Sequence[Rejection] = (),
        analyses: Sequence[StoredAnalysis] = (),
        tags: Sequence[EntityTags] = (),
    ) -> SavedBatch:
        """New articles (with what they yield), new sources of known ones, and rejections:
        atomically. An article another writer stored meanwhile counts as already present.

        Race-free without a lock: the article row is an insert-ignore on its id, and only the
        writer whose insert took the row writes its noise spans and sentences; under
        PostgreSQL a second writer of the same id waits for the first one's commit and then
        skips it. Rows go in id order, so writers of overlapping batches take the keys in
        the same order (a deadlock that still happens is retried)."""
        ordered = sorted(articles, key=lambda a: a.id)
        analyses = sorted(analyses, key=lambda a: (a.article_id, a.version))
        tags = sorted(tags, key=lambda t: (t.article_id, t.model))

        def save() -> SavedBatch:
            with self._write() as connection:
                # Articles are never deleted: one committed is skipped without an insert.
                known = self._existing(connection, [a.id for a in ordered])
                added = self._insert_articles(connection, [a for a in ordered if a.id not in known])
                self._insert_sources(connection, ordered)
                self._insert_analyses(connection, analyses)
                self._insert_tags(connection, tags)
                self._insert_rejections(connection, rejections)
            return SavedBatch(added, len(ordered) - added)

        return self._retrying(save)

    def save_analyses(
        self, analyses: Sequence[StoredAnalysis] = (), tags: Sequence[EntityTags] = ()
    ) -> None:
        """What the analysis stage found in stored articles (kept rows stay as they are)."""
        if not (analyses or tags):
            return
        analyses = sorted(analyses, key=lambda a: (a.article_id, a.version))
        tags = sorted(tags, key=lambda t: (t.article_id, t.model))

        def save() -> None:
            with self._write() as connection:
                self._insert_analyses(connection, analyses)
                self._insert_tags(connection, tags)

        self._retrying(save)

    def _insert_articles(self, connection: Connection, articles: Sequence[Article]) -> int:
        """The articles with their noise spans and sentences, a few statements for the whole
        batch; an id already stored (by this writer or another) is skipped with all it has.
        Returns how many were inserted."""
        if not articles:
            return 0
        table = self._t["articles"]
        now = _now()
        rows = [
            {
                "id": a.id,
                "text": a.text,
                "source": a.source,
                "title": a.title,
                "url": a.url,
                "outlet": a.outlet,
                "published": a.published,
                "published_at": a.published_at_iso,
                "language": a.language,
                "encoding": a.encoding,
                "raw": a.raw,
                "ingested_at": now,
            }
            for a in articles
        ]
        statement = self._adapter.insert_ignore(table).returning(table.c.id)
        taken = set(connection.execute(statement, rows).scalars())  # only the ids it took
        new = [a for a in articles if a.id in taken]
        excluded = [
            {"article_id": a.id, "start": e.start, "end": e.end, "kind": e.kind}
            for a in new
            for e in a.excluded
        ]
        if excluded:
            connection.execute(insert(self._t["excluded"]), excluded)
        sentences = [
            {
                "article_id": a.id,
                "position": i,
                "start": s.start,
                "end": s.end,
                "heading": s.heading,
                "tokens": json.dumps(s.tokens, separators=(",", ":")),
            }
            for a in new
            for i, s in enumerate(a.sentences)
        ]
        if sentences:
            connection.execute(insert(self._t["sentences"]), sentences)
            self._adapter.index_sentences(
                connection,
                [
                    {"text": a.text[s.start : s.end], "article_id": a.id, "position": i}
                    for a in new
                    for i, s in enumerate(a.sentences)
                ],
            )
        return len(new)

    def _insert_sources(self, connection: Connection, articles: Sequence[Article]) -> None:
        rows = [
            {
                "article_id": a.id,
                "source": s.source,
                "outlet": s.outlet,
                "url": s.url,
                "published": s.published,
            }
            for a in articles
            for s in a.sources
        ]
        if rows:
            connection.execute(self._adapter.insert_ignore(self._t["sources"]), rows)

    def _insert_analyses(self, connection: Connection, analyses: Sequence[StoredAnalysis]) -> None:
        if analyses:
            rows = [
                {
                    "article_id": a.article_id,
                    "version": a.version,
                    "data": a.data,
                    "terms": a.terms,
                    "lead": a.lead,
                    "vectors": a.vectors,
                }
                for a in analyses
            ]
            connection.execute(self._adapter.insert_ignore(self._t["analyses"]), rows)

    def _insert_tags(self, connection: Connection, tags: Sequence[EntityTags]) -> None:
        if tags:
            rows = [
                {
                    "article_id": t.article_id,
                    "model": t.model,
                    "entities": json.dumps([[e.start, e.end, e.type] for e in t.entities]),
                }
                for t in tags
            ]
            connection.execute(self._adapter.insert_ignore(self._t["entity_tags"]), rows)

    def _insert_rejections(self, connection: Connection, rejections: Sequence[Rejection]) -> None:
        if rejections:
            now = _now()
            connection.execute(
                insert(self._t["ingest_errors"]),
                [
                    {"location": r.location, "line": r.line, "reason": r.reason, "created_at": now}
                    for r in rejections
                ],
            )

    # articles: reads -------------------------------------------------------------------------

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        with self._read() as connection:
            return self._existing(connection, list(ids))

    def _existing(self, connection: Connection, ids: list[str]) -> set[str]:
        column = self._t["articles"].c.id
        found: set[str] = set()
        for chunk in _chunks(ids):
            found.update(connection.execute(select(column).where(column.in_(chunk))).scalars())
        return found

    def article_ids(self) -> list[str]:
        """Every article id, oldest ingest first."""
        table = self._t["articles"].c
        with self._read() as connection:
            query = select(table.id).order_by(table.ingested_at, table.id)
            return list(connection.execute(query).scalars())

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Articles with their sources, noise spans and sentences, in the order of ``ids``
        (oldest ingest first without them)."""
        wanted = list(ids) if ids is not None else self.article_ids()
        result: list[Article] = []
        with self._read() as connection:
            for chunk in _chunks(wanted):
                result.extend(self._load_articles(connection, chunk))
        return result

    def article(self, article_id: str) -> Article | None:
        found = self.articles([article_id])
        return found[0] if found else None

    def _load_articles(self, connection: Connection, ids: list[str]) -> list[Article]:
        table = self._t["articles"]
        rows = {row.id: row for row in connection.execute(select(table).where(table.c.id.in_(ids)))}
        present = [i for i in ids if i in rows]
        sources = self._children(connection, "sources", present)
        excluded = self._children(connection, "excluded", present)
        sentences = self._children(connection, "sentences", present)
        return [
            _article_from_rows(
                rows[i], sources.get(i, []), excluded.get(i, []), sentences.get(i, [])
            )
            for i in present
        ]

    def _children(self, connection: Connection, name: str, ids: list[str]) -> dict[str, list[Any]]:
        table = self._t[name]
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

    def article_page(
        self, where: Filter = ANY, limit: int = 50, offset: int = 0
    ) -> Page[ArticleRow]:
        """Articles newest first, narrowed by ``where``."""
        a, sa = self._t["articles"].c, self._t["story_articles"].c
        with self._read() as connection:
            conditions = self._article_conditions(connection, where)
            base = select(a.id).where(*conditions)
            total = int(
                connection.execute(select(func.count()).select_from(base.subquery())).scalar_one()
            )
            query = (
                select(a.id, a.title, a.outlet, a.published, a.source, a.url, sa.story_id)
                .outerjoin(self._t["story_articles"], sa.article_id == a.id)
                .where(*conditions)
                .order_by(a.published.desc().nulls_last(), a.id)
                .limit(limit)
                .offset(offset)
            )
            items = [ArticleRow(*row) for row in connection.execute(query)]
        return Page(items, total, limit, offset)

    def _article_conditions(self, connection: Connection, where: Filter) -> list[Any]:
        a = self._t["articles"].c
        conditions: list[Any] = []
        if where.outlet:
            conditions.append(a.outlet == where.outlet)
        if where.since:
            conditions.append(a.published >= where.since)
        if where.until:
            conditions.append(a.published <= where.until)
        if where.text:
            conditions.append(a.id.in_(self._matching(connection, where.text)))
        if where.entity:
            members = self._t["story_articles"].c
            stories = self._entity_story_ids(connection, where.entity)
            conditions.append(
                a.id.in_(select(members.article_id).where(members.story_id.in_(stories)))
            )
        return conditions

    def ingest_errors(self) -> list[Rejection]:
        table = self._t["ingest_errors"]
        with self._read() as connection:
            rows = connection.execute(select(table).order_by(table.c.id))
            return [Rejection(r.location, r.reason, r.line) for r in rows]

    def search(
        self, query: str, limit: int = 20, article_ids: Sequence[str] | None = None
    ) -> list[SearchHit]:
        """Sentences matching a full-text query (diacritics-insensitive), best first,
        optionally only in ``article_ids``."""
        with self._read() as connection:
            return self._query(
                lambda: self._adapter.search(connection, query, limit, article_ids), query
            )

    def _matching(self, connection: Connection, query: str) -> set[str]:
        return self._query(lambda: self._adapter.articles_matching(connection, query), query)

    def _query(self, run: Callable[[], R], query: str) -> R:
        """A full-text query; a malformed one is a ``QueryError`` on either database."""
        try:
            return run()
        except (SQLAlchemyError, QuerySyntaxError) as error:
            if not self._adapter.is_query_error(error):
                raise
            raise QueryError(f"not a valid search query: {query!r} ({error})") from error

    # analyses --------------------------------------------------------------------------------

    def analyses(self, ids: Sequence[str], version: str) -> dict[str, StoredAnalysis]:
        table = self._t["analyses"]
        found: dict[str, StoredAnalysis] = {}
        with self._read() as connection:
            for chunk in _chunks(list(ids)):
                query = select(table).where(
                    and_(table.c.version == version, table.c.article_id.in_(chunk))
                )
                for row in connection.execute(query):
                    found[row.article_id] = StoredAnalysis(
                        row.article_id, row.version, row.data, row.terms, row.lead, row.vectors
                    )
        return found

    def analysed_ids(self, ids: Sequence[str], version: str) -> set[str]:
        table = self._t["analyses"].c
        return self._ids_with(table.article_id, table.version == version, ids)

    def tagged_ids(self, ids: Sequence[str], models: Sequence[str]) -> set[str]:
        """Articles among ``ids`` that have tags of one of ``models``."""
        table = self._t["entity_tags"].c
        return self._ids_with(table.article_id, table.model.in_(list(models)), ids)

    def _ids_with(self, column: Any, condition: Any, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        with self._read() as connection:
            for chunk in _chunks(list(ids)):
                query = select(column).where(and_(condition, column.in_(chunk)))
                found.update(connection.execute(query).scalars())
        return found

    def unanalysed_ids(self, version: str, limit: int) -> list[str]:
        """Stored articles without an analysis of ``version`` (older databases, interrupted
        runs), oldest first."""
        a, an = self._t["articles"].c, self._t["analyses"].c
        done = select(an.article_id).where(an.version == version)
        with self._read() as connection:
            query = select(a.id).where(a.id.not_in(done)).order_by(a.ingested_at, a.id).limit(limit)
            return list(connection.execute(query).scalars())

    def tags(self, ids: Sequence[str], models: Sequence[str]) -> dict[str, EntityTags]:
        """Tags of each article under the first of ``models`` it has."""
        table = self._t["entity_tags"]
        rank = {model: n for n, model in enumerate(models)}
        found: dict[str, EntityTags] = {}
        with self._read() as connection:
            for chunk in _chunks(list(ids)):
                query = select(table).where(
                    and_(table.c.model.in_(list(models)), table.c.article_id.in_(chunk))
                )
                for row in connection.execute(query):
                    kept = found.get(row.article_id)
                    if kept is None or rank[row.model] < rank[kept.model]:
                        entities = tuple(
                            Entity(a, b, kind) for a, b, kind in json.loads(row.entities)
                        )
                        found[row.article_id] = EntityTags(row.article_id, row.model, entities)
        return found

    # stories ---------------------------------------------------------------------------------

    @contextmanager
    def story_update(self) -> Iterator[StoryUpdate]:
        """One transaction holding the write lock for reading the unplaced articles, grouping
        them and writing the result: two writers never assign the same article twice. SQLite's
        BEGIN IMMEDIATE is that lock; PostgreSQL takes an advisory lock first thing, so every
        read of the update sees what the previous update committed."""
        with self._write() as connection:
            self._adapter.lock(connection, STORIES_LOCK)
            yield StoryUpdate(self, connection)

    def assignments(self, article_ids: Sequence[str] | None = None) -> dict[str, int]:
        table = self._t["story_articles"]
        with self._read() as connection:
            if article_ids is None:
                return {r.article_id: r.story_id for r in connection.execute(select(table))}
            found: dict[str, int] = {}
            for chunk in _chunks(list(article_ids)):
                query = select(table).where(table.c.article_id.in_(chunk))
                found.update({r.article_id: r.story_id for r in connection.execute(query)})
            return found

    def story_members(self, story_id: int) -> list[str]:
        """The story's articles, oldest first."""
        sa, a = self._t["story_articles"].c, self._t["articles"].c
        with self._read() as connection:
            query = (
                select(sa.article_id)
                .join(self._t["articles"], a.id == sa.article_id)
                .where(sa.story_id == story_id)
                .order_by(a.published.nulls_last(), a.id)
            )
            return list(connection.execute(query).scalars())

    def story(self, story_id: int) -> StoryRow | None:
        page = self._stories(ANY, "size", 1, 0, only=story_id)
        return page.items[0] if page.items else None

    def stories(
        self, where: Filter = ANY, sort: str = "size", limit: int = 50, offset: int = 0
    ) -> Page[StoryRow]:
        """Stories narrowed by ``where``; ``sort``: size (largest first), newest, oldest."""
        return self._stories(where, sort, limit, offset)

    def _stories(
        self, where: Filter, sort: str, limit: int, offset: int, only: int | None = None
    ) -> Page[StoryRow]:
        s = self._t["stories"].c
        orders = {
            "size": (s.size.desc(), s.id),
            "newest": (s.last_day.desc().nulls_last(), s.id.desc()),
            "oldest": (s.first_day.nulls_last(), s.id),
        }
        with self._read() as connection:
            conditions = [s.size > 0, *self._story_conditions(connection, where)]
            if only is not None:
                conditions.append(s.id == only)
            total = int(
                connection.execute(
                    select(func.count()).select_from(self._t["stories"]).where(*conditions)
                ).scalar_one()
            )
            query: Select[Any] = (
                select(self._t["stories"])
                .where(*conditions)
                .order_by(*orders[sort])
                .limit(limit)
                .offset(offset)
            )
            rows = list(connection.execute(query))
            outlets = self._outlets(connection, [r.id for r in rows])
        items = [
            StoryRow(
                r.id, r.title, r.first_day, r.last_day, r.size, tuple(sorted(outlets.get(r.id, ())))
            )
            for r in rows
        ]
        return Page(items, total, limit, offset)

    def _story_conditions(self, connection: Connection, where: Filter) -> list[Any]:
        s, sa, a = self._t["stories"].c, self._t["story_articles"].c, self._t["articles"].c
        conditions: list[Any] = []
        if where.since:
            conditions.append(or_(s.last_day.is_(None), s.last_day >= where.since))
        if where.until:
            conditions.append(or_(s.first_day.is_(None), s.first_day <= where.until))
        if where.outlet:
            members = select(sa.story_id).join(self._t["articles"], a.id == sa.article_id)
            conditions.append(s.id.in_(members.where(a.outlet == where.outlet)))
        if where.text:
            matching = self._matching(connection, where.text)
            conditions.append(s.id.in_(select(sa.story_id).where(sa.article_id.in_(matching))))
        if where.entity:
            conditions.append(s.id.in_(self._entity_story_ids(connection, where.entity)))
        return conditions

    def _entity_story_ids(self, connection: Connection, entity: str) -> list[int]:
        e = self._t["dossier_entities"].c
        query = select(e.story_id).where(
            or_(e.entity_id == entity, func.lower(e.name) == entity.lower())
        )
        return list(connection.execute(query).scalars())

    def _outlets(self, connection: Connection, story_ids: list[int]) -> dict[int, set[str]]:
        sa, a = self._t["story_articles"].c, self._t["articles"].c
        outlets: dict[int, set[str]] = {}
        if story_ids:
            joined = (
                select(sa.story_id, a.outlet)
                .join(self._t["articles"], a.id == sa.article_id)
                .where(sa.story_id.in_(story_ids), a.outlet.is_not(None))
                .distinct()
            )
            for story_id, outlet in connection.execute(joined):
                outlets.setdefault(story_id, set()).add(outlet)
        return outlets

    # dossiers --------------------------------------------------------------------------------

    def stored_dossier(self, story_id: int) -> StoredDossier | None:
        d = self._t["dossiers"].c
        with self._read() as connection:
            row = connection.execute(
                select(d.story_id, d.digest, d.data).where(d.story_id == story_id)
            ).first()
        return StoredDossier(row[0], row[1], row[2]) if row else None

    def save_dossier(
        self, dossier: StoredDossier, entities: Sequence[EntityRow], members: Sequence[str]
    ) -> bool:
        """Replace the story's dossier and its entity index, unless the story's articles are
        no longer ``members`` (another writer changed it meanwhile): then nothing is kept and
        the next read rebuilds it. Returns whether it was kept."""
        d, e = self._t["dossiers"], self._t["dossier_entities"]
        sa = self._t["story_articles"].c
        with self._write() as connection:
            self._adapter.lock(connection, STORIES_LOCK)  # not beside a story update
            now = connection.execute(select(sa.article_id).where(sa.story_id == dossier.story_id))
            if set(now.scalars()) != set(members):
                return False
            connection.execute(delete(d).where(d.c.story_id == dossier.story_id))
            connection.execute(delete(e).where(e.c.story_id == dossier.story_id))
            connection.execute(
                insert(d).values(
                    story_id=dossier.story_id,
                    digest=dossier.digest,
                    data=dossier.data,
                    built_at=_now(),
                )
            )
            if entities:
                connection.execute(
                    insert(e),
                    [
                        {
                            "entity_id": row.entity_id,
                            "story_id": row.story_id,
                            "name": row.name,
                            "type": row.type,
                            "variants": json.dumps(list(row.variants), ensure_ascii=False),
                            "mentions": row.mentions,
                        }
                        for row in entities
                    ],
                )
        return True

    def stories_without_dossier(self, limit: int) -> list[int]:
        s, d = self._t["stories"].c, self._t["dossiers"].c
        with self._read() as connection:
            query = (
                select(s.id)
                .where(s.size > 0, s.id.not_in(select(d.story_id)))
                .order_by(s.id)
                .limit(limit)
            )
            return list(connection.execute(query).scalars())

    def count_stories_without_dossier(self) -> int:
        s, d = self._t["stories"].c, self._t["dossiers"].c
        with self._read() as connection:
            query = select(func.count()).where(s.size > 0, s.id.not_in(select(d.story_id)))
            return int(connection.execute(query).scalar_one())

    def entity(self, entity_id: str) -> list[EntityRow]:
        """The entity in every stored dossier that names it, most mentioned first."""
        e = self._t["dossier_entities"].c
        with self._read() as connection:
            query = (
                select(self._t["dossier_entities"])
                .where(e.entity_id == entity_id)
                .order_by(e.mentions.desc(), e.story_id)
            )
            return [
                EntityRow(
                    r.entity_id,
                    r.story_id,
                    r.name,
                    r.type,
                    tuple(json.loads(r.variants)),
                    r.mentions,
                )
                for r in connection.execute(query)
            ]


class StoryUpdate:
    """The story tables inside one locked transaction (``Store.story_update``)."""

    def __init__(self, store: Store, connection: Connection) -> None:
        self._t = store._t
        self._connection = connection

    def unplaced(self, limit: int) -> list[tuple[str, str | None]]:
        """(id, day) of articles without a story, oldest day first."""
        a, sa = self._t["articles"].c, self._t["story_articles"].c
        query = (
            select(a.id, a.published)
            .where(a.id.not_in(select(sa.article_id)))
            .order_by(a.published.nulls_last(), a.id)
            .limit(limit)
        )
        return [(r[0], r[1]) for r in self._connection.execute(query)]

    def members_of_stories_near(self, first: date | None, last: date | None) -> dict[str, int]:
        """Placed articles of stories active between ``first`` and ``last`` (and undated
        stories); every placed article when either is None."""
        s, sa = self._t["stories"].c, self._t["story_articles"]
        query = select(sa)
        if first is not None and last is not None:
            active = select(s.id).where(
                or_(
                    s.first_day.is_(None),
                    and_(s.last_day >= first.isoformat(), s.first_day <= last.isoformat()),
                )
            )
            query = query.where(sa.c.story_id.in_(active))
        return {r.article_id: r.story_id for r in self._connection.execute(query)}

    def features(self, ids: Sequence[str], version: str) -> list[FeatureRow]:
        a, an = self._t["articles"].c, self._t["analyses"].c
        rows: list[FeatureRow] = []
        for chunk in _chunks(list(ids)):
            query = (
                select(a.id, a.published, an.terms, an.lead)
                .join(self._t["analyses"], and_(an.article_id == a.id, an.version == version))
                .where(a.id.in_(chunk))
            )
            rows.extend(FeatureRow(*r) for r in self._connection.execute(query))
        return rows

    def new_story_ids(self, count: int) -> list[int]:
        """``count`` new, empty stories; their ids come from the database."""
        table = self._t["stories"]
        ids = []
        for _ in range(count):
            result = self._connection.execute(insert(table).values(size=0))
            ids.append(int(result.inserted_primary_key[0]))  # type: ignore[index]
        return ids

    def assign(self, placed: Mapping[str, int]) -> None:
        """Move/put articles into stories, refresh the rows of every story that gained or
        lost one, drop stories left empty, and forget the dossiers of all of them."""
        if not placed:
            return
        sa = self._t["story_articles"]
        before: set[int] = set()
        for chunk in _chunks(list(placed)):
            before.update(
                self._connection.execute(
                    select(sa.c.story_id).where(sa.c.article_id.in_(chunk))
                ).scalars()
            )
            self._connection.execute(delete(sa).where(sa.c.article_id.in_(chunk)))
        self._connection.execute(
            insert(sa), [{"article_id": k, "story_id": s} for k, s in placed.items()]
        )
        self._refresh(sorted(before | set(placed.values())))

    def _refresh(self, story_ids: list[int]) -> None:
        """Size, days and title of each story from its members, and its dossier forgotten: a
        few statements per chunk of stories, not per story (a stream opens thousands)."""
        s, sa, a = self._t["stories"], self._t["story_articles"].c, self._t["articles"].c
        d, e = self._t["dossiers"], self._t["dossier_entities"]
        for chunk in _chunks(story_ids):
            self._connection.execute(delete(d).where(d.c.story_id.in_(chunk)))
            self._connection.execute(delete(e).where(e.c.story_id.in_(chunk)))
            members = self._connection.execute(
                select(sa.story_id, a.published, a.title)
                .join(self._t["articles"], a.id == sa.article_id)
                .where(sa.story_id.in_(chunk))
                .order_by(sa.story_id, a.published.nulls_last(), a.id)
            )
            rows = {story_id: _StoryStats() for story_id in chunk}
            for story_id, published, title in members:
                rows[story_id].add(published, title)
            self._connection.execute(
                update(s)
                .where(s.c.id == bindparam("story"))
                .values(
                    size=bindparam("members"),
                    first_day=bindparam("first"),
                    last_day=bindparam("last"),
                    title=bindparam("heading"),
                ),
                [stats.row(story_id) for story_id, stats in rows.items()],
            )


@dataclass
class _StoryStats:
    """A story's row from its members, read in (day, id) order; a story left empty keeps
    its row (size 0), so that its id is never given to another story."""

    size: int = 0
    first: str | None = None
    last: str | None = None
    title: str | None = None

    def add(self, published: str | None, title: str | None) -> None:
        self.size += 1
        if published is not None:
            self.first = min(self.first or published, published)
            self.last = max(self.last or published, published)
        if self.title is None and title is not None:
            self.title = title

    def row(self, story_id: int) -> dict[str, object]:
        return {
            "story": story_id,
            "members": self.size,
            "first": self.first,
            "last": self.last,
            "heading": self.title,
        }


def _chunks(ids: list[K]) -> Iterator[list[K]]:
    for start in range(0, len(ids), _IN_CHUNK):
        yield ids[start : start + _IN_CHUNK]


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
