"""A batch: the per-article work of an ingest spread over an engine (this machine's processes,
or a Ray cluster), through Parquet shards on disk, so that it can be resumed.

1. **Input shards.** The inputs are read here (the ingest readers: files, folders, WARC,
   JSON Lines …) and written as ``SHARDS/input/NNNNN.parquet`` of ``shard_size`` items
   each (text and metadata, and the reading's rejections and notices in their place), then
   ``SHARDS/input/manifest.json``. A later run with the same inputs reuses them.
2. **Analysis.** Each input shard becomes ``SHARDS/analysed/NNNNN.parquet``: every item
   cleaned, split and analysed by the per-article unit of work (``analyse.article``) in the
   executor's workers, which load their models once. A shard is written under a temporary
   name and renamed when complete, so after a crash or Ctrl-C the finished ones are
   skipped and only the rest is analysed.
3. **Load.** The analysed shards are stored in shard order through the archive, in
   transactions as ``ingest`` makes them (idempotent: a text already stored only gains the
   source), then stories are updated and the dossiers of changed stories built.

Both engines run the same code on the same shards, so they give the same archive.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import pyarrow as pa
import pyarrow.parquet as pq

from quellenlage.analyse.article import Task, TaskResult, ner_model, run_task, without_markup
from quellenlage.analyse.resources import Resources
from quellenlage.archive import Archive, BatchError, OnMessage, OnProgress
from quellenlage.executor import FileExecutor, make_file_executor, write_parquet
from quellenlage.ingest.registry import Walk
from quellenlage.model import (
    Article,
    EntityTags,
    IngestReport,
    Notice,
    RawItem,
    Rejection,
    StoredAnalysis,
)
from quellenlage.pipeline import build_article
from quellenlage.settings import Settings

SHARD_SIZE = 200  # items per shard: the unit of resumption and of work per actor call
MANIFEST = "manifest.json"
_LAYOUT = 1  # bump when the shard columns change: older shards are then not reused
INPUT_SCHEMA = pa.schema(
    [
        ("kind", pa.string()),  # item | rejection | notice
        ("location", pa.string()),
        ("line", pa.int64()),
        ("message", pa.string()),  # a rejection's reason or a notice's text
        ("source", pa.string()),
        ("text", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("published", pa.string()),
        ("encoding", pa.string()),
        ("raw", pa.string()),
        ("title_in_text", pa.bool_()),
    ]
)
OUTPUT_SCHEMA = pa.schema(
    [
        ("kind", pa.string()),  # article | rejection | notice
        ("location", pa.string()),
        ("line", pa.int64()),
        ("message", pa.string()),
        ("article_id", pa.string()),
        ("article", pa.binary()),  # msgspec JSON of the Article (keeps dates' offsets)
        ("analysis", pa.binary()),  # msgpack of the StoredAnalysis
        ("tags", pa.binary()),  # msgpack of the EntityTags
        ("error", pa.string()),  # why the analysis failed (the article is then rejected)
    ]
)
Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Shards:
    """Where one batch keeps its shards."""

    folder: Path

    @property
    def inputs(self) -> Path:
        return self.folder / "input"

    @property
    def analysed(self) -> Path:
        return self.folder / "analysed"

    def input_files(self) -> list[Path]:
        return sorted(self.inputs.glob("*.parquet"))

    def output_of(self, shard: Path) -> Path:
        return self.analysed / shard.name


def run(
    archive: Archive,
    paths: Sequence[str],
    shards: Shards,
    executor: FileExecutor[Resources],
    *,
    shard_size: int = SHARD_SIZE,
    on_message: OnMessage | None = None,
    on_progress: OnProgress | None = None,
    debug: bool = False,
    dossiers: bool = True,
) -> IngestReport:
    """The batch of ``paths`` into ``archive``: shard, analyse what is not analysed yet,
    load, update stories and (``dossiers``) build the dossiers of changed stories."""
    skipped = prepare_inputs(archive, paths, shards, shard_size)
    inputs = shards.input_files()
    shards.analysed.mkdir(parents=True, exist_ok=True)
    pending = [s for s in inputs if not shards.output_of(s).exists()]
    task = functools.partial(analyse_row, settings=archive.settings, debug=debug)
    jobs = [(str(s), str(shards.output_of(s))) for s in pending]
    finished = len(inputs) - len(pending)
    for done, _ in enumerate(executor.map_files(task, jobs, OUTPUT_SCHEMA), start=finished + 1):
        if on_progress:
            on_progress("analyse shards", done, len(inputs))
    outputs = [shards.output_of(s) for s in inputs]
    report = archive.add_analysed(
        loaded_items(outputs), on_message=on_message, on_progress=on_progress, keep_ids=False
    )
    report.skipped = skipped
    archive.update_stories(on_progress)
    if dossiers:
        archive.build_dossiers(on_progress)
    return report


def make_executor(settings: Settings, engine: str, address: str | None) -> FileExecutor[Resources]:
    return make_file_executor(
        functools.partial(Resources, settings), engine, settings.workers, address
    )


# input shards ----------------------------------------------------------------------------


def prepare_inputs(archive: Archive, paths: Sequence[str], shards: Shards, size: int) -> list[str]:
    """The input shards of ``paths`` (made now, or kept from an earlier run of the same
    inputs); returns the files skipped as of unknown type."""
    if "-" in paths:
        raise BatchError(
            "a batch reads files and folders (to resume, it must be able to read them again); "
            "save standard input to a file first"
        )
    wanted = _description(paths, archive.settings, size)
    manifest = shards.inputs / MANIFEST
    if manifest.exists():
        kept = json.loads(manifest.read_text(encoding="utf-8"))
        if {k: v for k, v in kept.items() if k != "skipped"} == wanted:
            return list(kept["skipped"])
        raise BatchError(
            f"{shards.folder} holds the shards of other inputs or settings; give another "
            "--shards folder, or remove this one to start over"
        )
    if shards.analysed.exists() and any(shards.analysed.glob("*.parquet")):
        raise BatchError(
            f"{shards.folder} holds analysed shards without their inputs; remove it to start over"
        )
    shards.inputs.mkdir(parents=True, exist_ok=True)
    for stale in shards.inputs.glob("*.parquet"):  # an earlier run stopped while sharding
        stale.unlink()
    walk = Walk()
    count = 0
    for count, rows in enumerate(_chunks(map(input_row, archive.read(paths, walk)), size)):
        write_parquet(rows, shards.inputs / f"{count:05d}.parquet", INPUT_SCHEMA)
    _write_text_atomically(manifest, json.dumps({**wanted, "skipped": walk.skipped}))
    return walk.skipped


def _description(paths: Sequence[str], settings: Settings, size: int) -> dict[str, Any]:
    """What the shards are made of: the inputs (absolute paths) and what changes the items."""
    return {
        "layout": _LAYOUT,
        "inputs": [os.path.abspath(p) for p in paths],
        "shard_size": size,
        "max_article_bytes": settings.max_article_bytes,
        "outlet_from": settings.outlet_from,
        "ner": settings.ner,
    }


def input_row(result: RawItem | Rejection | Notice) -> Row:
    if isinstance(result, Rejection):
        return {
            "kind": "rejection",
            "location": result.location,
            "line": result.line,
            "message": result.reason,
        }
    if isinstance(result, Notice):
        return {"kind": "notice", "location": result.location, "message": result.message_text}
    return {
        "kind": "item",
        "location": result.location,
        "source": result.source,
        "text": result.text,
        "title": result.title,
        "url": result.url,
        "outlet": result.outlet,
        "published": result.published,
        "encoding": result.encoding,
        "raw": result.raw,
        "title_in_text": result.title_in_text,
    }


# the work of one item (in the engine's workers) --------------------------------------------


def analyse_row(row: Row, resources: Resources, *, settings: Settings, debug: bool) -> Row:
    """One input row to one output row: the item cleaned, split and analysed (the same
    stages and unit of work as ``ingest``); rejections and notices pass through. An error
    costs this item only (``debug`` raises it)."""
    if row["kind"] != "item":
        return {k: row[k] for k in ("kind", "location", "line", "message")}
    item = RawItem(**{k: row[k] for k in _ITEM_FIELDS})
    try:
        built = build_article(item, settings)
    except Exception as error:
        if debug:
            raise
        built = Rejection(
            item.location, f"could not be processed ({type(error).__name__}: {error})"
        )
    if isinstance(built, Rejection):
        return {
            "kind": "rejection",
            "location": built.location,
            "line": built.line,
            "message": built.reason,
        }
    mode = settings.ner if ner_model(settings.ner, built.language) else None
    result = run_task(Task(without_markup(built), True, mode), resources)
    return {
        "kind": "article",
        "location": item.location,
        "article_id": built.id,
        "article": msgspec.json.encode(built),
        "analysis": msgspec.msgpack.encode(result.analysis) if result.analysis else None,
        "tags": msgspec.msgpack.encode(result.tags) if result.tags else None,
        "error": result.error,
    }


_ITEM_FIELDS = (
    "source",
    "text",
    "location",
    "title",
    "url",
    "outlet",
    "published",
    "encoding",
    "raw",
    "title_in_text",
)


# loading ---------------------------------------------------------------------------------


def loaded_items(
    outputs: Iterable[Path],
) -> Iterator[tuple[Article, TaskResult] | Rejection | Notice]:
    """The analysed shards' rows as the archive stores them, one shard in memory at a time."""
    for output in outputs:
        for batch in pq.ParquetFile(output).iter_batches(batch_size=64):
            yield from map(_loaded, batch.to_pylist())


def _loaded(row: Row) -> tuple[Article, TaskResult] | Rejection | Notice:
    if row["kind"] == "rejection":
        return Rejection(row["location"], row["message"], row["line"])
    if row["kind"] == "notice":
        return Notice(row["location"], row["message"])
    article = msgspec.json.decode(row["article"], type=Article)
    analysis = (
        msgspec.msgpack.decode(row["analysis"], type=StoredAnalysis) if row["analysis"] else None
    )
    tags = msgspec.msgpack.decode(row["tags"], type=EntityTags) if row["tags"] else None
    return article, TaskResult(article.id, analysis, tags, row["error"])


# files -----------------------------------------------------------------------------------


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _write_text_atomically(target: Path, text: str) -> None:
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)
