"""Tables for analysts: the archive's articles, stories, entities, quotes, claims and their
evidence spans, one table each, as Parquet (typed columns, read by pandas, DuckDB, Spark) or
JSON Lines.

The rows come from stored dossiers (typed records), so an export runs no analysis. Tables are
written a chunk at a time (bounded memory) under temporary names and renamed when complete:
a failed export leaves no half table beside the old ones. Ids are the dossier's (``s17``,
content-derived entity, quote and claim ids); ``evidence`` joins to the other tables on
``(kind, item_id)`` and to ``articles`` on ``article_id``: ``text`` holds the words of
``articles.text[start:end]``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from quellenlage.model import Article, Evidence, StoryDossier

FORMATS = ("parquet", "jsonl")
_CHUNK = 5000  # rows per Parquet row group / buffered write
_EVIDENCE = pa.list_(pa.struct([("start", pa.int32()), ("end", pa.int32()), ("kind", pa.string())]))
SCHEMAS = {
    "articles": pa.schema(
        [
            ("id", pa.string()),
            ("story_id", pa.string()),
            ("title", pa.string()),
            ("outlet", pa.string()),
            ("url", pa.string()),
            ("source", pa.string()),
            ("published", pa.date32()),
            ("published_at", pa.string()),  # ISO 8601 as declared (with its offset, if any)
            ("language", pa.string()),
            ("text", pa.string()),
            ("excluded", _EVIDENCE),  # scrape noise: start, end, kind
        ]
    ),
    "stories": pa.schema(
        [
            ("id", pa.string()),
            ("title", pa.string()),
            ("size", pa.int32()),
            ("first_day", pa.date32()),
            ("last_day", pa.date32()),
            ("outlets", pa.list_(pa.string())),
            ("articles", pa.list_(pa.string())),
            ("summary", pa.list_(pa.string())),
        ]
    ),
    "entities": pa.schema(
        [
            ("story_id", pa.string()),
            ("id", pa.string()),
            ("name", pa.string()),
            ("type", pa.string()),
            ("variants", pa.list_(pa.string())),
            ("aliases", pa.list_(pa.string())),
            ("mentions", pa.int32()),
        ]
    ),
    "quotes": pa.schema(
        [
            ("story_id", pa.string()),
            ("id", pa.string()),
            ("speaker", pa.string()),  # entity id
            ("speaker_name", pa.string()),
            ("kind", pa.string()),
            ("text", pa.string()),
            ("articles", pa.int32()),
        ]
    ),
    "claims": pa.schema(
        [
            ("story_id", pa.string()),
            ("id", pa.string()),
            ("text", pa.string()),
            ("single_source", pa.bool_()),
            ("articles", pa.int32()),
            (
                "figures",
                pa.list_(
                    pa.struct(
                        [
                            ("value", pa.float64()),
                            ("unit", pa.string()),
                            ("approx", pa.bool_()),
                            ("text", pa.string()),
                        ]
                    )
                ),
            ),
        ]
    ),
    "evidence": pa.schema(
        [
            ("story_id", pa.string()),
            ("kind", pa.string()),  # entity | quote | claim
            ("item_id", pa.string()),
            ("article_id", pa.string()),
            ("start", pa.int32()),
            ("end", pa.int32()),
            ("text", pa.string()),
        ]
    ),
}
TABLES = tuple(SCHEMAS)
Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class StoryFacts:
    """What a dossier does not hold about its story: the listing's figures."""

    size: int
    first_day: str | None
    last_day: str | None
    outlets: tuple[str, ...]


class TableWriter:
    """One table being written, in chunks, under a temporary name until ``commit``."""

    def __init__(self, folder: Path, name: str, fmt: str) -> None:
        self.schema = SCHEMAS[name]
        self.target = folder / f"{name}.{fmt}"
        self.partial = folder / f".{name}.{fmt}.partial"
        self.rows = 0
        self._buffer: list[Row] = []
        self._parquet: pq.ParquetWriter | None = None
        self._lines: IO[str] | None = None
        if fmt == "parquet":
            self._parquet = pq.ParquetWriter(self.partial, self.schema, compression="zstd")
        else:
            self._lines = open(self.partial, "w", encoding="utf-8")  # noqa: SIM115 (closed in close)

    def add(self, rows: Iterable[Row]) -> None:
        for row in rows:
            self._buffer.append(row)
            if len(self._buffer) >= _CHUNK:
                self._write()

    def _write(self) -> None:
        if not self._buffer:
            return
        self.rows += len(self._buffer)
        if self._parquet is not None:
            self._parquet.write_table(pa.Table.from_pylist(self._buffer, schema=self.schema))
        elif self._lines is not None:
            self._lines.writelines(
                json.dumps(row, ensure_ascii=False, default=_json_value) + "\n"
                for row in self._buffer
            )
        self._buffer.clear()

    def commit(self) -> None:
        self._write()
        self.close()
        os.replace(self.partial, self.target)

    def close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if self._lines is not None:
            self._lines.close()
            self._lines = None


def write_tables(
    folder: Path,
    fmt: str,
    stories: Iterable[tuple[StoryDossier, StoryFacts]],
    articles: Iterable[tuple[Article, str | None]],
) -> dict[str, int]:
    """Every table into ``folder``; returns the rows of each. ``articles`` pairs each article
    with its story's id (``s17``, or None when not placed yet)."""
    folder.mkdir(parents=True, exist_ok=True)
    writers = {name: TableWriter(folder, name, fmt) for name in TABLES}
    try:
        for story, facts in stories:
            for name, rows in story_rows(story, facts).items():
                writers[name].add(rows)
        writers["articles"].add(article_row(a, story_id) for a, story_id in articles)
        for writer in writers.values():
            writer.commit()
    finally:
        for writer in writers.values():
            writer.close()
            writer.partial.unlink(missing_ok=True)
    return {name: writer.rows for name, writer in writers.items()}


def story_rows(story: StoryDossier, facts: StoryFacts) -> dict[str, Iterator[Row]]:
    """The rows one dossier contributes to each table but ``articles``."""
    return {
        "stories": iter([_story_row(story, facts)]),
        "entities": (
            {
                "story_id": story.id,
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "variants": e.variants,
                "aliases": e.aliases,
                "mentions": len(e.mentions),
            }
            for e in story.entities
        ),
        "quotes": (
            {
                "story_id": story.id,
                "id": q.id,
                "speaker": q.speaker,
                "speaker_name": q.speaker_name,
                "kind": q.kind,
                "text": q.text,
                "articles": len({e.article for e in q.evidence}),
            }
            for q in story.quotes
        ),
        "claims": (
            {
                "story_id": story.id,
                "id": c.id,
                "text": c.text,
                "single_source": c.single_source,
                "articles": len({e.article for e in c.evidence}),
                "figures": [
                    {"value": f.value, "unit": f.unit, "approx": f.approx, "text": f.text}
                    for f in c.numbers
                ],
            }
            for c in story.claims
        ),
        "evidence": _evidence_rows(story),
    }


def _story_row(story: StoryDossier, facts: StoryFacts) -> Row:
    return {
        "id": story.id,
        "title": story.title,
        "size": facts.size,
        "first_day": _day(facts.first_day),
        "last_day": _day(facts.last_day),
        "outlets": list(facts.outlets),
        "articles": story.articles,
        "summary": [item.text for item in story.summary],
    }


def _evidence_rows(story: StoryDossier) -> Iterator[Row]:
    items: list[tuple[str, str, list[Evidence]]] = [
        *(("entity", e.id, e.mentions) for e in story.entities),
        *(("quote", q.id, q.evidence) for q in story.quotes),
        *(("claim", c.id, c.evidence) for c in story.claims),
    ]
    for kind, item_id, spans in items:
        for span in spans:
            yield {
                "story_id": story.id,
                "kind": kind,
                "item_id": item_id,
                "article_id": span.article,
                "start": span.start,
                "end": span.end,
                "text": span.text,
            }


def article_row(article: Article, story_id: str | None) -> Row:
    return {
        "id": article.id,
        "story_id": story_id,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "source": article.source,
        "published": article.publication_day,
        "published_at": article.published_at_iso,
        "language": article.language,
        "text": article.text,
        "excluded": [{"start": e.start, "end": e.end, "kind": e.kind} for e in article.excluded],
    }


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _json_value(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")
