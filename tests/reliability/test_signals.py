"""Ctrl-C and SIGTERM in the middle of an ingest, while the workers analyse: the command
stops with one line and 130 / 143, no worker outlives it, the database passes its integrity
check, and the same command again completes the set."""

from __future__ import annotations

import csv
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

TEXTS = ROOT.parent / "shared" / "data" / "text" / "10kgnad" / "test.csv"
ARTICLES = 300


def write_articles(path: Path) -> int:
    csv.field_size_limit(sys.maxsize)
    texts: dict[str, None] = {}
    with open(TEXTS, encoding="utf-8", newline="") as stream:
        for row in csv.reader(stream, delimiter=";", quotechar="'"):
            texts.setdefault(" ".join(row[1].split()))
            if len(texts) == ARTICLES:
                break
    with open(path, "w", encoding="utf-8") as out:
        for text in texts:
            out.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    return len(texts)


def ingest(source: Path, db: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "quellenlage", "ingest", str(source), "--db", str(db)]
    return subprocess.Popen(
        [*command, "--ner", "fast", "--workers", "2", "--no-dossiers"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_as_from_a_terminal,
    )


def _as_from_a_terminal() -> None:
    """Ctrl-C as a shell leaves it: an earlier test's library may have set SIGINT to ignored
    in this process, and an ignored signal stays ignored across exec (Python then installs
    no handler), so the ingest would never see it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def children(pid: int) -> set[int]:
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.add(int(status.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in state


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM analyses").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


@pytest.mark.parametrize(("sent", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_mid_analysis_stops_cleanly(
    tmp_path: Path, sent: signal.Signals, status: int
) -> None:
    source, db = tmp_path / "artikel.jsonl", tmp_path / "q.db"
    count = write_articles(source)
    process = ingest(source, db)
    deadline = time.monotonic() + 300
    workers: set[int] = set()
    while time.monotonic() < deadline and process.poll() is None:
        workers |= children(process.pid)
        if len(workers) >= 2 and stored(db) > 0:
            break
        time.sleep(0.1)
    assert process.poll() is None, "the ingest finished before it could be interrupted"
    process.send_signal(sent)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == status, errors.decode()
    message = errors.decode().strip().splitlines()
    assert "Traceback" not in errors.decode()
    assert message[-1].endswith("run the same command again to continue"), message
    time.sleep(1)
    assert not [pid for pid in workers if alive(pid)]
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert 0 < connection.execute("SELECT count(*) FROM articles").fetchone()[0] < count
    again = ingest(source, db)
    _, errors = again.communicate(timeout=600)
    assert again.returncode == 0, errors.decode()
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(DISTINCT id) FROM articles").fetchone() == (count,)
        assert connection.execute("SELECT count(*) FROM story_articles").fetchone() == (count,)
        assert connection.execute("SELECT count(*) FROM analyses").fetchone() == (count,)


def test_kill_nine_leaves_no_worker_behind(tmp_path: Path) -> None:
    """``kill -9`` gives the command no chance to end its workers: they notice and end."""
    source, db = tmp_path / "artikel.jsonl", tmp_path / "q.db"
    write_articles(source)
    process = ingest(source, db)
    deadline = time.monotonic() + 300
    workers: set[int] = set()
    while time.monotonic() < deadline and process.poll() is None and len(workers) < 3:
        workers |= children(process.pid)
        time.sleep(0.1)
    assert len(workers) >= 2 and process.poll() is None  # two workers, a resource tracker
    process.kill()
    process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and [pid for pid in workers if alive(pid)]:
        time.sleep(0.2)
    assert not [pid for pid in workers if alive(pid)]
