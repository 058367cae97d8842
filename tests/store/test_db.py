"""The store on both databases (SQLite file and a real PostgreSQL server): migrations,
idempotent batches, sources of repeated texts, full-text search and its syntax, integrity,
concurrent writers, story ids from the database, and named connection failures."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from quellenlage.model import RawItem, Rejection
from quellenlage.pipeline import build_article
from quellenlage.settings import Settings
from quellenlage.store import QueryError, Store, StoreError
from quellenlage.store.db import HEAD
from tests import pg


def article(text: str, source: str = "a.txt"):  # type: ignore[no-untyped-def]
    built = build_article(RawItem(source=source, text=text, location=source), Settings())
    assert not isinstance(built, Rejection)
    return built


def test_schema_versioned(db_url: str) -> None:
    Store(db_url).close()
    assert pg.rows(db_url, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    with Store(db_url) as store:  # migrating again is a no-op
        assert store.revision() == HEAD


def test_sqlite_file_is_wal(db: Path) -> None:
    Store(db).close()
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_save_is_idempotent_and_records_sources(db_url: str) -> None:
    store = Store(db_url)
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
    store.close()


def test_round_trip_of_spans_and_sentences(db_url: str) -> None:
    store = Store(db_url)
    original = article("Titel der Meldung\n\n42\nSHARE\n\nDer erste Satz. Der zweite Satz.\n")
    store.save_batch([original])
    [loaded] = store.articles([original.id])
    assert loaded.excluded == original.excluded
    assert loaded.sentences == original.sentences
    assert loaded.title == "Titel der Meldung"
    store.close()


def test_rejections_recorded(db_url: str) -> None:
    store = Store(db_url)
    store.save_batch([], [Rejection("x.jsonl", "malformed JSON", 3)])
    assert store.ingest_errors() == [Rejection("x.jsonl", "malformed JSON", 3)]
    store.close()


def test_full_text_search_ignores_diacritics(db_url: str) -> None:
    store = Store(db_url)
    store.save_batch([article("In München regnet es. Die Isar steigt.")])
    [hit] = store.search("munchen")
    assert hit.text == "In München regnet es." and hit.position == 0
    assert (hit.start, hit.end) == (0, len(hit.text))
    store.close()


SENTENCES = (
    "Die Hafenbrücke in Kleinhafen ist gesperrt. "
    "Die Fähre nach Sandeck fährt wieder. "
    "Der Bürgermeister sperrt die Straße am Hafen. "
    "Die Brücke bleibt bis Freitag zu."
)


@pytest.mark.parametrize(
    ("query", "positions"),
    [
        ("hafenbrucke AND gesperrt", [0]),
        ("Hafenbrücke gesperrt", [0]),  # adjacent words: AND
        ("fahre OR brucke", [1, 3]),
        ("die NOT hafenbrucke", [1, 2, 3]),
        ('"die fahre nach"', [1]),
        ('"nach die"', []),  # a phrase keeps its order
        ("(fahre OR freitag) AND die", [1, 3]),
        ("burgermeister", [2]),
        ("hafenbr*", [0]),
    ],
)
def test_search_syntax_is_the_same_on_both(db_url: str, query: str, positions: list[int]) -> None:
    with Store(db_url) as store:
        store.save_batch([article(SENTENCES)])
        found = sorted(hit.position for hit in store.search(query))
    assert found == positions


@pytest.mark.parametrize("query", ['"unbalanced', "brücke AND", "NOT brücke", "(brücke", "a . b"])
def test_malformed_query_is_a_query_error(db_url: str, query: str) -> None:
    with Store(db_url) as store:
        store.save_batch([article(SENTENCES)])
        with pytest.raises(QueryError):
            store.search(query)


def test_integrity(db_url: str) -> None:
    store = Store(db_url)
    store.save_batch([article("Ein Satz. Noch ein Satz.")])
    assert store.integrity_ok()
    store.close()


def test_sqlite_integrity_and_foreign_keys(db: Path) -> None:
    store = Store(db)
    store.save_batch([article("Ein Satz. Noch ein Satz.")])
    store.close()
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_concurrent_batches_store_each_article_once(db_url: str) -> None:
    """Writers of overlapping batches, each in its own connection at once: every article is
    stored once with its sentences, and each counts as added by exactly one writer."""
    texts = [
        f"Meldung {n}: Die Fähre nach Sandeck fällt {n} Mal aus. Busse fahren." for n in range(30)
    ]
    Store(db_url).close()  # migrated before the race
    start = threading.Barrier(4)
    saved: list[tuple[int, int]] = []

    def write(offset: int) -> None:
        with Store(db_url) as store:
            batch = [article(t, f"w{offset}-{n}.txt") for n, t in enumerate(texts)]
            batch = batch[offset:] + batch[:offset]  # the same keys in different orders
            start.wait()
            result = store.save_batch(batch)
            saved.append((result.added, result.already_present))

    threads = [threading.Thread(target=write, args=(offset * 7,)) for offset in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(added for added, _ in saved) == 30
    assert len(saved) == 4
    assert all(added + present == 30 for added, present in saved)
    with Store(db_url) as store:
        assert store.count("articles") == 30 and store.count("sources") == 120
        assert store.count("sentences") == sum(len(a.sentences) for a in store.articles())
        assert len(store.search("sandeck", limit=100)) == 30


def test_story_ids_come_from_the_database(db_url: str) -> None:
    with Store(db_url) as store:
        first = article("Die Fähre nach Sandeck fällt aus.")
        store.save_batch([first])
        with store.story_update() as update:
            ids = update.new_story_ids(3)
            update.assign({first.id: ids[0]})
        assert len(set(ids)) == 3 and all(isinstance(i, int) for i in ids)
        with store.story_update() as update:
            assert update.unplaced(10) == []
            later = update.new_story_ids(1)
        assert later[0] > max(ids)
        assert store.assignments() == {first.id: ids[0]}
        story = store.story(ids[0])
        assert story is not None and story.size == 1


def test_story_updates_run_one_at_a_time(db_url: str) -> None:
    """The second writer's story update starts only when the first one has committed
    (SQLite: BEGIN IMMEDIATE; PostgreSQL: pg_advisory_xact_lock)."""
    Store(db_url).close()
    entered, times = threading.Event(), {}

    def first() -> None:
        with Store(db_url) as store, store.story_update() as update:
            entered.set()
            update.new_story_ids(1)
            time.sleep(0.5)
            times["first_done"] = time.monotonic()

    def second() -> None:
        entered.wait(10)
        with Store(db_url) as store, store.story_update() as update:
            times["second_in"] = time.monotonic()
            assert len(update.new_story_ids(1)) == 1

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert times["second_in"] >= times["first_done"]
    assert pg.rows(db_url, "SELECT count(*) FROM stories") == [(2,)]


def test_read_only_store_never_writes(db_url: str) -> None:
    Store(db_url).close()
    with Store(db_url, read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.save_batch([article("Ein Satz.")])
        assert store.count("articles") == 0


def test_postgresql_failures_are_named(postgres: pg.Server) -> None:
    port = postgres.port
    cases = {
        f"postgresql://postgres@127.0.0.1:{pg.free_port()}/x": "no PostgreSQL server answers",
        f"postgresql://postgres@127.0.0.1:{port}/missing": "no such database",
        f"postgresql://nobody:secret@127.0.0.1:{port}/postgres": "no such user",
        "postgresql://nobody:secret@127.0.0.1:notaport/x": "not a usable database URL",
    }
    for url, cause in cases.items():
        with pytest.raises(StoreError, match=cause) as caught:
            Store(url)
        assert "secret" not in str(caught.value)


def test_postgresql_login_failure_is_named(postgres: pg.Server) -> None:
    url = postgres.create_database()
    pg.rows(url, "CREATE ROLE writer LOGIN PASSWORD 'right'")
    hba = postgres.data / "pg_hba.conf"
    original = hba.read_text()
    try:
        hba.write_text("host all writer 127.0.0.1/32 scram-sha-256\n" + original)
        pg.rows(url, "SELECT pg_reload_conf()")
        wrong = url.replace("postgres@", "writer:wrong@")
        with pytest.raises(StoreError, match="wrong user or password") as caught:
            Store(wrong)
        assert "wrong@" not in str(caught.value)
    finally:
        hba.write_text(original)
        pg.rows(url, "SELECT pg_reload_conf()")
