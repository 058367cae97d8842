"""One-shot functions over the archive (``quellenlage.Archive``), for scripts and the CLI.

import quellenlage
report = quellenlage.ingest_paths(["articles/"], db="news.db")
result = quellenlage.build_dossier(["articles/"])      # a temporary database
print(result.to_json())

Each opens the archive, does one thing and closes it. The one-shot commands (``dossier``,
``analyse``, ``cluster``) ingest their paths first, into a temporary database unless ``db``
is given, and report only the articles read from those paths.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quellenlage.analyse.ner import NER_MODES, NerModelError
from quellenlage.archive import (
    DEFAULT_DB,
    Archive,
    BatchError,
    Interrupted,
    Message,
    NotFound,
    OnMessage,
    OnProgress,
)
from quellenlage.dossier.safe_text import terminal_safe
from quellenlage.executor import ENGINES, EngineMissing, WorkerDied, default_workers
from quellenlage.ingest.outlets import OutletNamer, OutletSpecError
from quellenlage.model import Article, IngestReport
from quellenlage.settings import DEFAULT_SETTINGS, MB, Settings
from quellenlage.store import Filter, Page, QueryError, SearchHit, StoreError, StoryRow

__all__ = [
    "DEFAULT_DB",
    "ENGINES",
    "NER_MODES",
    "BatchError",
    "DossierResult",
    "EngineMissing",
    "Filter",
    "IngestReport",
    "Interrupted",
    "Message",
    "NerModelError",
    "NotFound",
    "OnMessage",
    "OnProgress",
    "Page",
    "QueryError",
    "RecordsResult",
    "Settings",
    "StoreError",
    "WorkerDied",
    "terminal_safe",
]
DB_VARIABLE = "QUELLENLAGE_DB"  # the default database of every command
_EXPORT_PAGE = 500
DEFAULT_SHARDS = "quellenlage-shards"


def make_settings(
    max_article_mb: float = 5.0,
    outlet_from: str | None = None,
    ner: str = "accurate",
    workers: int | None = None,
) -> Settings:
    """Settings from the command line's options; a bad ``outlet_from`` is a ValueError."""
    if outlet_from:
        try:
            OutletNamer.parse(outlet_from)
        except OutletSpecError as error:
            raise ValueError(str(error)) from error
    return Settings(
        max_article_bytes=int(max_article_mb * MB),
        outlet_from=outlet_from,
        ner=ner,
        workers=workers or default_workers(),
    )


def prepare_process() -> None:
    """For a process that owns its imports (the command line), before any analysis: spaCy
    imported without thinc importing torch, which would cost seconds at every start."""
    from quellenlage.analyse.sentences import import_spacy_without_torch

    import_spacy_without_torch()


def open_archive(db: str | Path, *, read_only: bool = True) -> Archive:
    """The archive of ``db``, read-only unless asked: reading commands never migrate or
    switch the journal, so they work on a read-only file or folder."""
    return Archive(db, read_only=read_only)


def ingest_paths(
    paths: Iterable[str],
    db: str | Path = DEFAULT_DB,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    on_message: OnMessage | None = None,
    on_progress: OnProgress | None = None,
    debug: bool = False,
    stories: bool = True,
    dossiers: bool = False,
    keep_ids: bool = True,
) -> IngestReport:
    """Read, clean and analyse every article under ``paths`` and store it in ``db``; with
    ``stories``, new articles then join existing stories or open new ones; with
    ``dossiers``, the dossiers of changed stories are built and stored right away; without
    ``keep_ids``, the report holds only counts (bounded memory for any input)."""
    with Archive(db, settings=settings) as archive:
        report = archive.ingest(
            paths,
            on_message=on_message,
            on_progress=on_progress,
            debug=debug,
            stories=stories,
            keep_ids=keep_ids,
        )
        if stories and dossiers:
            archive.build_dossiers(on_progress)
        return report


def articles(db: str | Path = DEFAULT_DB) -> list[Article]:
    """Every stored article, oldest ingest first."""
    with Archive(db, read_only=True) as archive:
        return archive.store.articles()


def stories(db: str | Path = DEFAULT_DB) -> list[StoryRow]:
    """Stored stories, largest first, with size, outlets and date range."""
    with Archive(db, read_only=True) as archive:
        total = archive.stories(limit=1).total
        return archive.stories(limit=max(total, 1)).items


def search(query: str, db: str | Path = DEFAULT_DB, limit: int = 20) -> list[SearchHit]:
    """Sentences matching a full-text query (SQLite FTS5 syntax)."""
    with Archive(db, read_only=True) as archive:
        return archive.search(query, limit)


@dataclass
class RecordsResult:
    """One JSON record per item or article read from the given paths, and the ingest."""

    records: list[dict[str, object]]
    report: IngestReport

    def to_jsonl(self) -> str:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in self.records)


@dataclass
class DossierResult:
    """A dossier document (the contract) and the ingest that read its articles."""

    data: dict[str, Any]
    report: IngestReport

    def to_json(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, indent=2) + "\n"

    def to_markdown(self) -> str:
        from quellenlage.dossier.export_md import to_markdown

        return to_markdown(self.data)

    def to_html(self) -> str:
        from quellenlage.web.export import to_html

        return to_html(self.data)

    def render(self, fmt: str) -> str:
        from quellenlage.dossier.export_annotations import (
            to_annotations,
            to_claim_reviews,
            to_quotes_csv,
        )

        renderers: dict[str, Callable[[], str]] = {
            "json": self.to_json,
            "md": self.to_markdown,
            "html": self.to_html,
            "annotations": lambda: to_annotations(self.data),
            "quotes-csv": lambda: to_quotes_csv(self.data),
            "claimreview": lambda: to_claim_reviews(self.data),
        }
        return renderers[fmt]()


def cluster(
    paths: Iterable[str],
    db: str | Path | None = None,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    on_message: OnMessage | None = None,
    on_progress: OnProgress | None = None,
    debug: bool = False,
) -> RecordsResult:
    """The story of each item read from ``paths``: ``{"article", "source", "story"}``."""
    with _one_shot(paths, db, settings, on_message, on_progress, debug) as (archive, report):
        placed = archive.store.assignments(report.article_ids)
    rows: list[dict[str, object]] = [
        {"article": aid, "source": source, "story": f"s{placed[aid]}"}
        for aid, source in report.items
    ]
    return RecordsResult(rows, report)


def analyse_paths(
    paths: Iterable[str],
    db: str | Path | None = None,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    on_message: OnMessage | None = None,
    on_progress: OnProgress | None = None,
    debug: bool = False,
) -> RecordsResult:
    """Entities, quotes with speakers, figures and resolved dates of each article read from
    ``paths``; names are evened out within each story."""
    with _one_shot(paths, db, settings, on_message, on_progress, debug) as (archive, report):
        records = archive.analysis(report.article_ids)
    return RecordsResult(records, report)


def build_dossier(
    paths: Iterable[str],
    db: str | Path | None = None,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    on_message: OnMessage | None = None,
    on_progress: OnProgress | None = None,
    debug: bool = False,
) -> DossierResult:
    """The dossier of the stories of the articles read from ``paths`` (only those
    articles are reported, even when ``db`` holds more)."""
    with _one_shot(paths, db, settings, on_message, on_progress, debug) as (archive, report):
        return DossierResult(archive.dossier_of(report.article_ids), report)


def stored_dossier(story_id: int, db: str | Path = DEFAULT_DB) -> DossierResult:
    """The stored dossier of one story (built for this read if its articles changed since;
    the database is opened read-only)."""
    with Archive(db, read_only=True) as archive:
        return DossierResult(archive.dossier_document(story_id), IngestReport())


def batch(
    paths: Sequence[str],
    db: str | Path = DEFAULT_DB,
    *,
    engine: str = "local",
    address: str | None = None,
    shards: str | Path = DEFAULT_SHARDS,
    shard_size: int = 200,
    settings: Settings = DEFAULT_SETTINGS,
    on_message: OnMessage | None = None,
    on_progress: OnProgress | None = None,
    debug: bool = False,
    dossiers: bool = True,
) -> IngestReport:
    """``ingest`` as a batch over an engine (``local`` processes or a ``ray`` cluster at
    ``address``), through resumable Parquet shards in ``shards`` (``quellenlage.batch``)."""
    from quellenlage import batch as batching

    executor = batching.make_executor(settings, engine, address)
    interrupted = False
    try:
        with Archive(db, settings=settings, executor=executor) as archive:
            return batching.run(
                archive,
                paths,
                batching.Shards(Path(shards)),
                executor,
                shard_size=shard_size,
                on_message=on_message,
                on_progress=on_progress,
                debug=debug,
                dossiers=dossiers,
            )
    except KeyboardInterrupt:
        interrupted = True
        raise
    finally:
        executor.close(interrupted=interrupted)


def export_tables(
    out: str | Path,
    db: str | Path = DEFAULT_DB,
    fmt: str = "parquet",
    *,
    settings: Settings = DEFAULT_SETTINGS,
    on_progress: OnProgress | None = None,
) -> dict[str, int]:
    """The archive as tables in ``out`` (``articles``, ``stories``, ``entities``, ``quotes``,
    ``claims``, ``evidence``; Parquet or JSON Lines) from the stored dossiers, building the
    ones missing or stale first. Returns the rows of each table."""
    from quellenlage.dossier.export_tables import write_tables

    with Archive(db, settings=settings) as archive:
        return write_tables(
            Path(out), fmt, _exported_stories(archive, on_progress), _exported_articles(archive)
        )


def _exported_stories(
    archive: Archive, on_progress: OnProgress | None
) -> Iterator[tuple[Any, Any]]:
    from quellenlage.dossier.export_tables import StoryFacts

    total = archive.stories(limit=1).total
    for done, row in enumerate(_every(lambda n, o: archive.stories(limit=n, offset=o)), 1):
        facts = StoryFacts(row.size, row.first_day, row.last_day, row.outlets)
        yield archive.dossier(row.id), facts
        if on_progress:
            on_progress("export", done, total)


def _exported_articles(archive: Archive) -> Iterator[tuple[Article, str | None]]:
    rows: list[Any] = []
    for row in _every(lambda n, o: archive.articles(limit=n, offset=o)):
        rows.append(row)
        if len(rows) == _EXPORT_PAGE:
            yield from _with_text(archive, rows)
            rows = []
    yield from _with_text(archive, rows)


def _with_text(archive: Archive, rows: list[Any]) -> Iterator[tuple[Article, str | None]]:
    loaded = {a.id: a for a in archive.store.articles([r.id for r in rows])} if rows else {}
    for row in rows:
        story = f"s{row.story_id}" if row.story_id is not None else None
        yield loaded[row.id], story


def _every(fetch: Callable[[int, int], Page[Any]]) -> Iterator[Any]:
    """Every item of a listing, a page at a time."""
    offset = 0
    while True:
        page = fetch(_EXPORT_PAGE, offset)
        yield from page.items
        offset += len(page.items)
        if len(page.items) < _EXPORT_PAGE:
            return


@contextmanager
def _one_shot(
    paths: Iterable[str],
    db: str | Path | None,
    settings: Settings,
    on_message: OnMessage | None,
    on_progress: OnProgress | None,
    debug: bool,
) -> Iterator[tuple[Archive, IngestReport]]:
    """``paths`` ingested into ``db``, or into a temporary database when none is given."""
    with (
        tempfile.TemporaryDirectory(prefix="quellenlage-") as scratch,
        Archive(db or Path(scratch) / "scratch.db", settings=settings) as archive,
    ):
        report = archive.ingest(paths, on_message=on_message, on_progress=on_progress, debug=debug)
        yield archive, report
