"""Crash safety: ``kill -9`` in the middle of an ingest of 4,000 articles, several times, then
the same ingest again: the database opens cleanly, passes its integrity check, and holds every
article exactly once."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ARTICLES = 4_000  # each fully analysed on resume: enough batches to kill mid-way
ROUNDS = 3
TOWNS = ["Husum", "Wismar", "Emden", "Leer", "Aurich", "Heide", "Eutin", "Plön"]


def write_articles(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as stream:
        for n in range(ARTICLES):
            town = TOWNS[n % len(TOWNS)]
            text = (
                f"Meldung {n}: In {town} tagte am Abend der Rat. "
                f"Er beschloss Punkt {n * 7 % 1000} der Tagesordnung."
            )
            stream.write(json.dumps({"text": text, "title": f"{town} {n}"}) + "\n")


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # schema not created yet
        return 0


BULK = ("--ner", "fast", "--no-dossiers")  # the full analysis, with the bulk settings


def ingest(source: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "quellenlage", "ingest", str(source), "--db", str(db), *BULK],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def kill_after(process: subprocess.Popen[bytes], db: Path, at_least: int) -> None:
    deadline = time.monotonic() + 120
    while process.poll() is None and stored(db) < at_least and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_kill_nine_then_resume(tmp_path: Path) -> None:
    source, db = tmp_path / "artikel.jsonl", tmp_path / "q.db"
    write_articles(source)
    progress = []
    for round_number in range(1, ROUNDS + 1):
        kill_after(ingest(source, db), db, at_least=round_number * ARTICLES // (ROUNDS + 2))
        progress.append(stored(db))
    assert progress == sorted(progress) and 0 < progress[-1] < ARTICLES, progress
    final = ingest(source, db)
    _, errors = final.communicate(timeout=600)
    assert final.returncode == 0, errors.decode()
    assert b"Traceback" not in errors
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute(
            "SELECT count(*), count(DISTINCT id) FROM articles"
        ).fetchone() == (ARTICLES, ARTICLES)
        assert connection.execute("SELECT count(*) FROM sources").fetchone() == (ARTICLES,)
        orphans = connection.execute(
            "SELECT count(*) FROM sentences WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()
        assert orphans == (0,)
        placed = connection.execute("SELECT count(*) FROM story_articles").fetchone()
        assert placed == (ARTICLES,)  # every article in exactly one story
        fts = connection.execute("SELECT count(DISTINCT article_id) FROM sentences_fts").fetchone()
        assert fts == (ARTICLES,)
