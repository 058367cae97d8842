"""Hostile input through the real command: one clear line per bad item, nothing lost, no
traceback, and a second run adds nothing. As root, the command runs without the capabilities
that let root read any file (``setpriv``), so that the unreadable file really is unreadable."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.corpus import (
    Expectation,
    ItemCase,
    write_corpus,
    write_item_corpus,
    write_large_document,
    write_table_page,
)

MESSAGE = re.compile(r"^quellenlage: \S.*: \S.*$")
DROP_READ_ANYTHING = [
    "setpriv",
    "--bounding-set=-dac_override,-dac_read_search",
    "--inh-caps=-dac_override,-dac_read_search",
]


@pytest.fixture(scope="module")
def workspace() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="quellenlage-hostile-") as name:
        yield Path(name)


def run_as_user(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as a user who cannot read everything (root drops DAC override)."""
    prefix = DROP_READ_ANYTHING if os.geteuid() == 0 else []
    return subprocess.run(
        [*prefix, sys.executable, "-m", "quellenlage", *args],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def corpus(workspace: Path) -> tuple[Path, Expectation]:
    folder = workspace / "eingang"
    return folder, write_corpus(folder)


@pytest.fixture(scope="module")
def first_run(
    workspace: Path, corpus: tuple[Path, Expectation]
) -> subprocess.CompletedProcess[str]:
    folder, _ = corpus
    return run_as_user("ingest", str(folder), "--db", str(workspace / "q.db"))


def test_exit_status_and_no_traceback(first_run: subprocess.CompletedProcess[str]) -> None:
    assert first_run.returncode == 1
    assert "Traceback" not in first_run.stderr + first_run.stdout


def test_one_line_per_problem(
    first_run: subprocess.CompletedProcess[str], corpus: tuple[Path, Expectation]
) -> None:
    _, expected = corpus
    lines = first_run.stderr.splitlines()
    assert all(MESSAGE.match(line) for line in lines), lines
    notices = [line for line in lines if "not UTF-8; decoded as" in line]
    assert len(notices) == expected.notices
    assert len(lines) - len(notices) == expected.rejected
    assert "gesperrt.txt: permission denied" in first_run.stderr
    assert "zeilen.jsonl:4: line longer than the size cap" in first_run.stderr


def test_store_holds_good_items_and_errors(
    first_run: subprocess.CompletedProcess[str], workspace: Path, corpus: tuple[Path, Expectation]
) -> None:
    _, expected = corpus
    with sqlite3.connect(workspace / "q.db") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone() == (expected.kept,)
        assert db.execute("SELECT count(*) FROM ingest_errors").fetchone() == (expected.rejected,)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        texts = {row[0] for row in db.execute("SELECT text FROM articles")}
    assert "Erste Zeile über Bremen.\r\nZweite Zeile.\rDritte Zeile.\n" in texts
    assert any("Lübeck" in text for text in texts)


def test_second_run_adds_nothing(
    first_run: subprocess.CompletedProcess[str], workspace: Path, corpus: tuple[Path, Expectation]
) -> None:
    folder, expected = corpus
    again = run_as_user("ingest", str(folder), "--db", str(workspace / "q.db"))
    assert again.returncode == 1
    assert f"0 added, {expected.kept} already present" in again.stdout
    assert again.stderr.splitlines() == first_run.stderr.splitlines()


def test_debug_shows_the_traceback(workspace: Path) -> None:
    broken = workspace / "kaputt.db"
    broken.write_bytes(b"not a database " * 100)
    plain = run_as_user("ingest", "-", "--db", str(broken))
    debug = run_as_user("ingest", "-", "--db", str(broken), "--debug")
    assert plain.returncode == 1 and "Traceback" not in plain.stderr
    assert "Traceback" in debug.stderr


def stored_count(db: Path) -> int:
    listing = run_as_user("articles", "--db", str(db), "--format", "json")
    assert listing.returncode == 0 and "Traceback" not in listing.stderr, listing.stderr
    try:  # one JSON array, or one JSON object per line
        return len(json.loads(listing.stdout))
    except json.JSONDecodeError:
        return sum(1 for line in listing.stdout.splitlines() if line.strip())


def assert_named_once(stderr: str, cases: dict[str, ItemCase]) -> None:
    """Every bad item named on exactly one line, with its reason; no other line."""
    lines = stderr.splitlines()
    assert all(MESSAGE.match(line) for line in lines), lines
    for where, case in cases.items():
        hits = [line for line in lines if f"/{where}: " in line]
        assert len(hits) == 1 and case.message in hits[0], (where, hits)
    assert len(lines) == len(cases), lines


@pytest.fixture(scope="module")
def item_run(workspace: Path) -> tuple[subprocess.CompletedProcess[str], int, dict[str, ItemCase]]:
    folder = workspace / "einzeln"
    kept, cases = write_item_corpus(folder)
    run = run_as_user("ingest", str(folder), "--db", str(workspace / "einzeln.db"))
    return run, kept, cases


def test_one_bad_item_costs_only_itself(
    item_run: tuple[subprocess.CompletedProcess[str], int, dict[str, ItemCase]], workspace: Path
) -> None:
    run, kept, cases = item_run
    assert "Traceback" not in run.stderr + run.stdout
    assert run.returncode == 1  # two items and two pages were rejected
    assert_named_once(run.stderr, cases)
    assert stored_count(workspace / "einzeln.db") == kept


def test_bad_dates_never_wedge_the_database(
    item_run: tuple[subprocess.CompletedProcess[str], int, dict[str, ItemCase]], workspace: Path
) -> None:
    extra = workspace / "danach.jsonl"
    extra.write_text(json.dumps({"text": "Ein späterer Artikel über den Hafen von Emden."}) + "\n")
    again = run_as_user("ingest", str(extra), "--db", str(workspace / "einzeln.db"))
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    stories = run_as_user("stories", "--db", str(workspace / "einzeln.db"))
    assert stories.returncode == 0 and "Traceback" not in stories.stderr, stories.stderr


def test_json_document_larger_than_the_cap_is_streamed(workspace: Path) -> None:
    path = workspace / "gross.json"
    write_large_document(path, items=600)
    assert path.stat().st_size > 50_000  # over the cap given below: read item by item
    db = workspace / "gross.db"
    run = run_as_user("ingest", str(path), "--db", str(db), "--max-article-mb", "0.05")
    assert run.returncode == 0 and run.stderr == "", run.stderr
    assert stored_count(db) == 600


def test_huge_html_table_refused_before_parsing(workspace: Path) -> None:
    path = workspace / "tabelle.html"
    write_table_page(path)
    started = time.monotonic()
    run = run_as_user("ingest", str(path), "--db", str(workspace / "tabelle.db"))
    assert time.monotonic() - started < 45  # parsing it took 86 s
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        f"quellenlage: {path}: HTML page with more than 100,000 tags; refused before parsing"
    ]
