"""Migrations are one locked transaction: concurrent first opens all succeed, a migration that
fails half-way leaves the database as it was, and reading commands never write."""

from __future__ import annotations

import multiprocessing
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command

from quellenlage.store import Store, StoreError
from quellenlage.store.db import HEAD
from tests import pg
from tests.conftest import EXAMPLES


def open_and_close(path: str) -> str | None:
    with Store(path) as store:
        return store.revision()


def test_concurrent_first_opens(db_url: str) -> None:
    """SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock around the migrations."""
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        revisions = pool.map(open_and_close, [db_url] * 8)
    assert revisions == [HEAD] * 8
    assert pg.rows(db_url, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    with Store(db_url) as store:
        assert store.integrity_ok()


def test_failed_migration_leaves_the_database_usable(
    db_url: str, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = db_url
    real = command.upgrade

    def power_cut(config: object, revision: str) -> None:
        real(config, "0002")  # type: ignore[arg-type]
        raise RuntimeError("power cut")

    monkeypatch.setattr(command, "upgrade", power_cut)
    with pytest.raises(RuntimeError):
        Store(db)
    listing = {
        "sqlite": "SELECT name FROM sqlite_master",
        "postgresql": "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()",
    }[backend]
    assert "articles" not in {n for (n,) in pg.rows(db, listing)}  # rolled back as a whole
    monkeypatch.undo()
    with Store(db) as store:
        assert store.revision() == HEAD


def test_reading_commands_never_write(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    quellenlage = [sys.executable, "-m", "quellenlage"]
    subprocess.run([*quellenlage, "ingest", str(EXAMPLES), "--db", str(db)], check=True)
    for leftover in (db.with_name("q.db-wal"), db.with_name("q.db-shm")):
        leftover.unlink(missing_ok=True)
    before = db.read_bytes()
    for args in (["stories"], ["articles"], ["search", "Hafen"], ["dossier", "--story", "1"]):
        completed = subprocess.run(
            [*quellenlage, *args, "--db", str(db)], capture_output=True, text=True, check=False
        )
        assert completed.returncode == 0, completed.stderr
    assert db.read_bytes() == before
    wal = db.with_name("q.db-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # SQLite's reader index, no write


def test_read_only_open_of_an_old_schema_says_what_to_do(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    sqlite3.connect(db).close()  # an empty SQLite file: schema none
    with pytest.raises(StoreError, match="open it once for writing"):
        Store(db, read_only=True)
    with pytest.raises(StoreError, match="no database here"):
        Store(tmp_path / "missing.db", read_only=True)


def test_a_database_of_another_program_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE kunden (name TEXT)")
    for read_only in (False, True):
        with pytest.raises(StoreError, match=r"not a quellenlage database \(tables of another"):
            Store(db, read_only=read_only)
    with sqlite3.connect(db) as connection:  # and it was left as it was
        assert [n for (n,) in connection.execute("SELECT name FROM sqlite_master")] == ["kunden"]
