"""``quellenlage export``: the archive as Parquet and JSON Lines tables, read back with
pyarrow and checked row by row against the stored dossiers and articles."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from quellenlage import Archive
from quellenlage.cli import main
from quellenlage.dossier.export_tables import SCHEMAS, TABLES
from quellenlage.settings import Settings
from tests.conftest import EXAMPLES

FAST = Settings(ner="fast", workers=1)


@pytest.fixture(scope="module")
def archive_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """The seeds and examples, ingested without dossiers: the export builds them."""
    db = tmp_path_factory.mktemp("export") / "news.db"
    with Archive(db, settings=FAST) as archive:
        report = archive.ingest([str(seeds_dir), str(EXAMPLES)])
        assert report.added == 11 and not report.rejections
    return db


def export(db: Path, out: Path, fmt: str) -> None:
    result = CliRunner().invoke(
        main, ["export", "--db", str(db), "--format", fmt, "--out", str(out), "--ner", "fast"]
    )
    assert result.exit_code == 0, result.output
    assert "wrote 6 tables" in result.output


def test_parquet_tables_equal_the_dossiers(archive_db: Path, tmp_path: Path) -> None:
    export(archive_db, tmp_path, "parquet")
    tables = {name: pq.read_table(tmp_path / f"{name}.parquet") for name in TABLES}
    for name, table in tables.items():
        assert table.schema.equals(SCHEMAS[name]), name
    assert tables["articles"].schema.field("published").type == pa.date32()
    with Archive(archive_db, read_only=True) as archive:
        stories = archive.stories(limit=100).items
        dossiers = {f"s{s.id}": archive.dossier(s.id) for s in stories}
        articles = {a.id: a for a in archive.store.articles()}
        placed = archive.store.assignments()
    rows = {name: table.to_pylist() for name, table in tables.items()}
    assert {r["id"]: r["size"] for r in rows["stories"]} == {f"s{s.id}": s.size for s in stories}
    assert {r["id"]: r["articles"] for r in rows["stories"]} == {
        k: d.articles for k, d in dossiers.items()
    }
    assert sorted((r["story_id"], r["id"], r["name"]) for r in rows["entities"]) == sorted(
        (k, e.id, e.name) for k, d in dossiers.items() for e in d.entities
    )
    assert sorted(
        (r["story_id"], r["id"], r["speaker_name"], r["text"]) for r in rows["quotes"]
    ) == sorted((k, q.id, q.speaker_name, q.text) for k, d in dossiers.items() for q in d.quotes)
    assert sorted((r["story_id"], r["id"], r["text"]) for r in rows["claims"]) == sorted(
        (k, c.id, c.text) for k, d in dossiers.items() for c in d.claims
    )
    expected_spans = sorted(
        (k, kind, item.id, e.article, e.start, e.end, e.text)
        for k, d in dossiers.items()
        for kind, items in (("quote", d.quotes), ("claim", d.claims))
        for item in items
        for e in item.evidence
    )
    spans = [r for r in rows["evidence"] if r["kind"] in ("quote", "claim")]
    assert (
        expected_spans
        and sorted(
            (
                r["story_id"],
                r["kind"],
                r["item_id"],
                r["article_id"],
                r["start"],
                r["end"],
                r["text"],
            )
            for r in spans
        )
        == expected_spans
    )
    for span in rows["evidence"]:  # every span's words are the article's text at its offsets
        assert articles[span["article_id"]].text[span["start"] : span["end"]] == span["text"]
    assert {r["id"]: r["story_id"] for r in rows["articles"]} == {
        i: f"s{placed[i]}" for i in articles
    }
    assert {r["id"]: r["text"] for r in rows["articles"]} == {
        i: a.text for i, a in articles.items()
    }
    assert {r["id"]: r["published"] for r in rows["articles"]} == {
        i: a.publication_day for i, a in articles.items()
    }


def test_json_lines_tables_and_rerun_replaces(archive_db: Path, tmp_path: Path) -> None:
    export(archive_db, tmp_path, "jsonl")
    export(archive_db, tmp_path, "jsonl")  # again: replaced, not appended
    parquet = tmp_path / "p"
    export(archive_db, parquet, "parquet")
    for name in TABLES:
        lines = (tmp_path / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        table = pq.read_table(parquet / f"{name}.parquet")
        assert len(lines) == table.num_rows, name
        first = json.loads(lines[0])
        assert list(first) == table.schema.names
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_export_of_a_missing_database_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["export", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "t")]
    )
    assert result.exit_code == 2 and "no database at" in result.output
