"""The Python API. The CLI (``cli.py``) is a thin shell over these functions.

import quellenlage
report = quellenlage.ingest(["articles/"], db="news.db")
result = quellenlage.dossier(["articles/"])
print(result.to_json())

Story grouping and the dossier are imported where they are used: ``analyse`` and ``search``
then start without loading the clustering and linking libraries (about a second).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from quellenlage.analyse.article import analyse_article
from quellenlage.analyse.ner import find_entities, tag_entities
from quellenlage.ingest.outlets import OutletNamer
from quellenlage.ingest.registry import Walk, read_inputs
from quellenlage.model import Article, IngestReport, Notice, RawItem, Rejection
from quellenlage.pipeline import build_article
from quellenlage.settings import DEFAULT_SETTINGS, Settings
from quellenlage.store import Store
from quellenlage.store.db import SearchHit
from quellenlage.store.stories import StoryRow, assignments, list_stories
from quellenlage.store.tags import StoredTags

if TYPE_CHECKING:
    from quellenlage.dossier.build import Dossier

DEFAULT_DB = "quellenlage.db"
Message = Rejection | Notice
OnMessage = Callable[[Message], None]
OnProgress = Callable[[int], None]


def ingest(
    paths: Iterable[str],
    db: str | Path | Store = DEFAULT_DB,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    on_message: OnMessage | None = None,
    on_progress: OnProgress | None = None,
    debug: bool = False,
    stories: bool = True,
) -> IngestReport:
    """Read, clean and analyse every article under ``paths`` and store it in ``db``.

    Stores one transaction per batch; a text already stored only gains the new source.
    Rejected items are reported (``on_message``) and recorded in ``ingest_errors``.
    With ``stories``, new articles then join existing stories or open new ones.
    """
    with _open_store(db) as store:
        report = _ingest_into(store, paths, settings, on_message, on_progress, debug)
        if stories:
            _group_into_stories(store, settings)
        return report


def _ingest_into(
    store: Store,
    paths: Iterable[str],
    settings: Settings,
    on_message: OnMessage | None,
    on_progress: OnProgress | None,
    debug: bool,
) -> IngestReport:
    report = IngestReport()
    walk = Walk()
    batch: list[Article] = []
    rejected: list[Rejection] = []
    seen: set[str] = set()
    namer = OutletNamer.parse(settings.outlet_from) if settings.outlet_from else None
    for count, result in enumerate(read_inputs(paths, settings, walk), start=1):
        if namer and isinstance(result, RawItem) and _is_plain_file(result):
            result.outlet = namer.outlet_for(result.source)
        outcome = _build(result, settings, debug) if isinstance(result, RawItem) else result
        if isinstance(outcome, Article):
            batch.append(outcome)
            report.items.append((outcome.id, outcome.source))
            if outcome.id not in seen:
                seen.add(outcome.id)
                report.article_ids.append(outcome.id)
        else:
            _record_message(outcome, report, rejected, on_message)
        if len(batch) >= settings.batch_size:
            _flush(store, batch, rejected, report)
        if on_progress:
            on_progress(count)
    _flush(store, batch, rejected, report)
    report.skipped = walk.skipped
    return report


def _group_into_stories(store: Store, settings: Settings) -> None:
    """Stage 4 over the stored articles (clustering is imported here, not at start-up)."""
    from quellenlage.clustering.update import update_stories

    update_stories(store, workers=settings.workers)


def _is_plain_file(item: RawItem) -> bool:
    """A whole file without an outlet (not a JSON line or feed entry, which name their own)."""
    return not item.outlet and item.location == item.source


def _build(item: RawItem, settings: Settings, debug: bool) -> Article | Rejection:
    """Stages 2–3 for one item; an unexpected error costs this item only (``debug`` raises)."""
    try:
        return build_article(item, settings)
    except Exception as error:
        if debug:
            raise
        return Rejection(item.location, f"could not be processed ({type(error).__name__}: {error})")


def _record_message(
    message: Message, report: IngestReport, rejected: list[Rejection], on_message: OnMessage | None
) -> None:
    if isinstance(message, Rejection):
        report.rejections.append(message)
        rejected.append(message)
    else:
        report.notices.append(message)
    if on_message:
        on_message(message)


def _flush(
    store: Store, batch: list[Article], rejected: list[Rejection], report: IngestReport
) -> None:
    if batch or rejected:
        saved = store.save_batch(batch, rejected)
        report.added += saved.added
        report.already_present += saved.already_present
        batch.clear()
        rejected.clear()


@contextmanager
def _open_store(db: str | Path | Store) -> Iterator[Store]:
    if isinstance(db, Store):
        yield db
        return
    store = Store(db)
    try:
        yield store
    finally:
        store.close()


def articles(db: str | Path = DEFAULT_DB) -> list[Article]:
    """Every stored article, oldest ingest first."""
    with _open_store(db) as store:
        return store.articles()


def stories(db: str | Path = DEFAULT_DB) -> list[StoryRow]:
    """Stored stories, largest first, with size, outlets and date range."""
    with _open_store(db) as store:
        return list_stories(store.engine)


@dataclass
class RecordsResult:
    """One JSON record per item or article read from the given paths, and the ingest."""

    records: list[dict[str, object]]
    report: IngestReport

    def to_jsonl(self) -> str:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in self.records)


def cluster(
    paths: Iterable[str],
    db: str | Path | None = None,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    on_message: OnMessage | None = None,
    on_progress: OnProgress | None = None,
    debug: bool = False,
) -> RecordsResult:
    """Ingest ``paths`` (into a temporary database unless ``db`` is given) and report the story
    of each item: ``{"article": id, "source": ..., "story": sid}``."""
    with _one_shot(paths, db, settings, on_message, on_progress, debug) as (store, report):
        _group_into_stories(store, settings)
        placed = assignments(store.engine, report.article_ids)
    rows: list[dict[str, object]] = [
        {"article": aid, "source": source, "story": f"s{placed[aid]}"}
        for aid, source in report.items
    ]
    return RecordsResult(rows, report)


def analyse(
    paths: Iterable[str],
    db: str | Path | None = None,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    on_message: OnMessage | None = None,
    on_progress: OnProgress | None = None,
    debug: bool = False,
) -> RecordsResult:
    """Entities, quotes with speakers, figures and resolved dates of each article in
    ``paths``; the articles are tagged together, so a name reads the same in all of them.
    What the NER model found is kept in ``db``, so a second run over it skips the model."""
    with _one_shot(paths, db, settings, on_message, on_progress, debug) as (store, report):
        articles = store.articles(report.article_ids)
        entities = find_entities(articles, settings.ner, StoredTags(store.engine))
    return RecordsResult(
        [analyse_article(a, e) for a, e in zip(articles, entities, strict=True)], report
    )


@contextmanager
def _one_shot(
    paths: Iterable[str],
    db: str | Path | None,
    settings: Settings,
    on_message: OnMessage | None,
    on_progress: OnProgress | None,
    debug: bool,
) -> Iterator[tuple[Store, IngestReport]]:
    """What every one-shot command starts with: ``paths`` ingested into ``db``, or into a
    temporary database when none is given."""
    with (
        tempfile.TemporaryDirectory(prefix="quellenlage-") as scratch,
        _open_store(db or Path(scratch) / "scratch.db") as store,
    ):
        yield store, _ingest_into(store, paths, settings, on_message, on_progress, debug)


def search(query: str, db: str | Path = DEFAULT_DB, limit: int = 20) -> list[SearchHit]:
    """Sentences matching a full-text query (SQLite FTS5 syntax)."""
    with _open_store(db) as store:
        return store.search(query, limit)


@dataclass
class DossierResult:
    """A dossier of the articles from the given paths, and the ingest that read them."""

    data: Dossier
    report: IngestReport

    def to_json(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, indent=2) + "\n"

    def to_markdown(self) -> str:
        from quellenlage.dossier.export_md import to_markdown

        return to_markdown(self.data)

    def to_html(self) -> str:
        from quellenlage.dossier.export_html import to_html

        return to_html(self.data)

    def render(self, fmt: str) -> str:
        from quellenlage.dossier.export_annotations import (
            to_annotations,
            to_claim_reviews,
            to_quotes_csv,
        )

        renderers = {
            "json": self.to_json,
            "md": self.to_markdown,
            "html": self.to_html,
            "annotations": lambda: to_annotations(self.data),
            "quotes-csv": lambda: to_quotes_csv(self.data),
            "claimreview": lambda: to_claim_reviews(self.data),
        }
        return renderers[fmt]()


def dossier(
    paths: Iterable[str],
    db: str | Path | None = None,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    on_message: OnMessage | None = None,
    on_progress: OnProgress | None = None,
    debug: bool = False,
) -> DossierResult:
    """Ingest ``paths`` (into a temporary database unless ``db`` is given), group the articles
    from those paths into stories and build their dossier; other stored articles are left out.
    What the NER model found is kept in ``db``, so a second run over it skips the model."""
    from quellenlage.dossier.build import build_dossier

    with _one_shot(paths, db, settings, on_message, on_progress, debug) as (store, report):
        _group_into_stories(store, settings)
        chosen = store.articles(report.article_ids)
        placed = assignments(store.engine, report.article_ids)
        tagged = tag_entities(chosen, settings.ner, StoredTags(store.engine))
    by_id = {a.id: found for a, found in zip(chosen, tagged, strict=True)}
    return DossierResult(build_dossier(chosen, placed, settings, by_id), report)
