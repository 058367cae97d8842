"""Hostile input through the real command: one clear line per bad item, nothing lost, no
traceback, and a second run adds nothing. As root, the command runs without the capabilities
that let root read any file (``setpriv``), so that the unreadable file really is unreadable."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.corpus import Expectation, write_corpus

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
