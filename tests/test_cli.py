"""The command line: messages, exit status, idempotency, stdin — checked through the store."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quellenlage.cli import main
from quellenlage.store import Store
from tests.conftest import EXAMPLES

MESSAGE = re.compile(r"^quellenlage: (?P<where>.+?)(?::(?P<line>\d+))?: (?P<reason>.+)$")


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


@pytest.fixture
def bad_inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "eingang"
    folder.mkdir()
    (folder / "leer.txt").write_bytes(b"")
    (folder / "bild.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (folder / "abgebrochen.html").write_text(
        "<html><body><article><p>Die Sitzung des Kreistags in Lindholm wurde nach "
        "zwei Stunden unterbrochen, weil der Strom ausfiel und die Technik strei",
        "utf-8",
    )
    (folder / "meldungen.jsonl").write_text(
        json.dumps({"text": "Erste gute Meldung über den Hafen.", "title": "Hafen"})
        + "\n"
        + '{"text": "kaputt\n'
        + json.dumps({"text": "Zweite gute Meldung über die Schule."})
        + "\n",
        "utf-8",
    )
    (folder / "alt.txt").write_bytes(
        "Die Straße nach Köln ist wieder „frei“, meldet die Polizei.".encode("cp1252")
    )
    return folder


def test_bad_inputs_one_line_each_and_good_items_kept(bad_inputs: Path, db: Path) -> None:
    missing = str(bad_inputs / "fehlt.txt")
    result = run("ingest", str(bad_inputs), missing, "--db", str(db))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.stderr + result.stdout
    assert all(MESSAGE.match(line) for line in lines), lines
    reasons = {MESSAGE.match(line)["where"]: MESSAGE.match(line)["reason"] for line in lines}
    assert reasons[str(bad_inputs / "leer.txt")] == "empty or whitespace-only text"
    assert reasons[str(bad_inputs / "bild.txt")].startswith("binary file (PNG image)")
    assert reasons[missing] == "no such file or directory"
    assert reasons[str(bad_inputs / "alt.txt")] == "not UTF-8; decoded as cp1252"
    assert any(
        line.startswith(f"quellenlage: {bad_inputs / 'meldungen.jsonl'}:2: malformed JSON")
        for line in lines
    )
    store = Store(db)
    titles = sorted(a.title or a.text[:20] for a in store.articles())
    assert len(titles) == 4  # two JSON lines, the truncated page, the cp1252 file
    assert "Hafen" in titles
    assert len(store.ingest_errors()) == 4


def test_second_ingest_adds_nothing(bad_inputs: Path, db: Path) -> None:
    run("ingest", str(bad_inputs), "--db", str(db))
    result = run("ingest", str(bad_inputs), "--db", str(db))
    assert "0 added, 4 already present" in result.stdout
    assert Store(db).count("articles") == 4


def test_clean_ingest_exits_zero(db: Path) -> None:
    result = run("ingest", str(EXAMPLES), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "6 articles read: 6 added" in result.stdout


@pytest.mark.parametrize(
    "args",
    [["ingest"], ["ingest", "--nope", "x"], ["dossier"], ["dossier", "x", "--format", "pdf"]],
)
def test_usage_errors_exit_two(args: list[str]) -> None:
    assert run(*args).exit_code == 2


def test_stdin_jsonl(db: Path) -> None:
    lines = json.dumps({"text": "Meldung von der Standardeingabe."}) + "\nkein json\n"
    result = run("ingest", "-", "--db", str(db), stdin=lines)
    assert result.exit_code == 1
    assert result.stderr.startswith("quellenlage: -:2: malformed JSON")
    [article] = Store(db).articles()
    assert article.source == "-:1"


def test_dossier_out_file_and_only_given_paths(tmp_path: Path, db: Path) -> None:
    other = tmp_path / "anderes.txt"
    other.write_text("Ein ganz anderer Artikel über das Wetter an der Küste.")
    run("ingest", str(other), "--db", str(db))
    out = tmp_path / "out" / "dossier.json"
    result = run("dossier", str(EXAMPLES), "--db", str(db), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    dossier = json.loads(out.read_text())
    assert len(dossier["articles"]) == 6
    assert Store(db).count("articles") == 7


def test_dossier_markdown_on_stdout() -> None:
    result = run("dossier", str(EXAMPLES), "--format", "md")
    assert result.exit_code == 0
    assert result.stdout.startswith("# quellenlage dossier (6 articles, 2 stories)")


def test_articles_and_search(db: Path) -> None:
    run("ingest", str(EXAMPLES), "--db", str(db))
    listed = run("articles", "--db", str(db)).stdout.splitlines()
    assert len(listed) == 6
    as_json = json.loads(run("articles", "--db", str(db), "--format", "json").stdout)
    assert {a["outlet"] for a in as_json} >= {"Radio Kleinhafen", "Nordpresse-Agentur"}
    as_lines = run("articles", "--db", str(db), "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in as_lines] == as_json
    hits = run("search", "Hafenbrucke AND gesperrt", "--db", str(db)).stdout.splitlines()
    assert hits and all("Hafenbrücke" in hit for hit in hits)
    assert run("search", '"unbalanced', "--db", str(db)).exit_code == 2


def test_missing_database_is_usage_error(tmp_path: Path) -> None:
    result = run("articles", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2 and "no database" in result.stderr


@pytest.mark.parametrize(
    "command",
    [["ingest", str(EXAMPLES)], ["articles"], ["stories"], ["search", "Hafen"], ["entity", "e1"]],
)
def test_unusable_database_is_one_line_with_one_wording(tmp_path: Path, command: list[str]) -> None:
    bad = tmp_path / "kein.db"
    bad.write_bytes(b"this is not a database file at all" * 200)
    result = run(*command, "--db", str(bad))
    assert result.exit_code == 1
    assert result.stderr == f"quellenlage: {bad}: not a quellenlage database (not even SQLite)\n"


def test_real_process_no_traceback(bad_inputs: Path, db: Path) -> None:
    """The installed entry point, not the test runner: stderr and exit status as users see."""
    completed = subprocess.run(
        [sys.executable, "-m", "quellenlage", "ingest", str(bad_inputs), "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    assert len(completed.stderr.splitlines()) == 4  # 3 rejections + 1 encoding notice


def test_reading_commands_take_the_database_url(db_url: str) -> None:
    """A file or a PostgreSQL URL: every command that takes --db reads it."""
    assert (
        run("ingest", str(EXAMPLES / "kuestenbote-hafenbruecke.txt"), "--db", db_url).exit_code == 0
    )
    stories = json.loads(run("stories", "--db", db_url, "--format", "json").stdout)
    assert len(stories) == 1 and stories[0]["size"] == 1
    assert run("articles", "--db", db_url).exit_code == 0
    assert run("dossier", "--db", db_url, "--story", stories[0]["id"]).exit_code == 0
