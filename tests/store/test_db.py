"""The SQLite store: migrations, idempotent batches, sources of repeated texts, FTS, integrity."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from quellenlage.model import RawItem, Rejection
from quellenlage.pipeline import build_article
from quellenlage.settings import Settings
from quellenlage.store import Store
from quellenlage.store.db import HEAD


def article(text: str, source: str = "a.txt"):  # type: ignore[no-untyped-def]
    built = build_article(RawItem(source=source, text=text, location=source), Settings())
    assert not isinstance(built, Rejection)
    return built


def test_schema_versioned_and_wal(db: Path) -> None:
    Store(db).close()
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    Store(db).close()  # migrating again is a no-op


def test_save_is_idempotent_and_records_sources(db: Path) -> None:
    store = Store(db)
    first = article("Die Fähre nach Sandeck fällt aus. Busse fahren.", "a.txt")
    again = article("Die Fähre nach Sandeck  fällt aus.\nBusse fahren.", "b.txt")
    assert first.id == again.id
    assert store.save_batch([first]).added == 1
    saved = store.save_batch([again, first])
    assert (saved.added, saved.already_present) == (0, 2)
    [stored] = store.articles()
    assert stored.text == first.text
    assert [s.source for s in stored.sources] == ["a.txt", "b.txt"]
    assert store.count("articles") == 1 and store.count("sources") == 2


def test_round_trip_of_spans_and_sentences(db: Path) -> None:
    store = Store(db)
    original = article("Titel der Meldung\n\n42\nSHARE\n\nDer erste Satz. Der zweite Satz.\n")
    store.save_batch([original])
    [loaded] = store.articles([original.id])
    assert loaded.excluded == original.excluded
    assert loaded.sentences == original.sentences
    assert loaded.title == "Titel der Meldung"


def test_rejections_recorded(db: Path) -> None:
    store = Store(db)
    store.save_batch([], [Rejection("x.jsonl", "malformed JSON", 3)])
    assert store.ingest_errors() == [Rejection("x.jsonl", "malformed JSON", 3)]


def test_full_text_search_ignores_diacritics(db: Path) -> None:
    store = Store(db)
    store.save_batch([article("In München regnet es. Die Isar steigt.")])
    [hit] = store.search("munchen")
    assert hit.text == "In München regnet es." and hit.position == 0
    assert (hit.start, hit.end) == (0, len(hit.text))


def test_integrity(db: Path) -> None:
    store = Store(db)
    store.save_batch([article("Ein Satz. Noch ein Satz.")])
    store.close()
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
