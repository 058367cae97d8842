"""--outlet-from: outlet names for plain files from a sources.csv or a file-name pattern."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import quellenlage
from quellenlage.cli import main
from quellenlage.ingest.outlets import OutletNamer, OutletSpecError
from quellenlage.settings import Settings


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "bote_brücke.txt").write_text("Die Brücke in Lindholm ist gesperrt worden.")
    (tmp_path / "kurier_fähre.txt").write_text("Die Fähre nach Sandeck fährt heute nicht.")
    return tmp_path


def outlets(folder: Path, spec: str) -> dict[str, str | None]:
    report = quellenlage.ingest_paths(
        [str(folder)], folder / "q.db", settings=Settings(outlet_from=spec), stories=False
    )
    return {
        Path(a.source).name: a.outlet
        for a in quellenlage.articles(folder / "q.db")
        if a.id in report.article_ids
    }


def test_pattern(folder: Path) -> None:
    assert outlets(folder, r"(?P<outlet>[^_]+)_") == {
        "bote_brücke.txt": "bote",
        "kurier_fähre.txt": "kurier",
    }


def test_sources_csv(folder: Path) -> None:
    csv = folder / "sources.csv"
    csv.write_text("file,outlet\nbote_brücke.txt,Lindholmer Bote\n", encoding="utf-8")
    assert outlets(folder, str(csv)) == {
        "bote_brücke.txt": "Lindholmer Bote",
        "kurier_fähre.txt": None,
    }


@pytest.mark.parametrize("spec", ["(", "no-group", "/does/not/exist.csv"])
def test_bad_specs(spec: str) -> None:
    with pytest.raises(OutletSpecError):
        OutletNamer.parse(spec)


def test_cli_usage_error(folder: Path) -> None:
    result = CliRunner().invoke(main, ["dossier", str(folder), "--outlet-from", "("])
    assert result.exit_code == 2 and "--outlet-from" in result.stderr
