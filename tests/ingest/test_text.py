"""Plain text and Markdown: the text is the file's content exactly as decoded."""

from __future__ import annotations

from pathlib import Path

from quellenlage.model import Notice, RawItem, Rejection
from quellenlage.settings import Settings
from tests.ingest.helpers import read_all


def test_text_is_file_content_verbatim(tmp_path: Path) -> None:
    content = "Titel der Meldung\r\n\r\nErster Absatz.\rZweiter\n"
    path = tmp_path / "a.txt"
    path.write_bytes(content.encode("utf-8"))
    [item] = read_all(path)
    assert isinstance(item, RawItem)
    assert item.text == content
    assert item.source == str(path)


def test_seed_files_verbatim(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.iterdir()):
        [item] = read_all(path)
        assert isinstance(item, RawItem)
        assert item.text == path.read_bytes().decode("utf-8")


def test_legacy_encoding_gives_notice(tmp_path: Path) -> None:
    path = tmp_path / "alt.txt"
    path.write_bytes("Die Straße nach Köln ist „frei“.".encode("cp1252"))
    notice, item = read_all(path)
    assert isinstance(notice, Notice) and "cp1252" in notice.message()
    assert isinstance(item, RawItem) and item.encoding == "cp1252"


def test_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Wort " * 3000)
    [rejection] = read_all(path, Settings(max_article_bytes=10_000))
    assert isinstance(rejection, Rejection)
    assert "size cap" in rejection.reason


def test_markdown_extension(tmp_path: Path) -> None:
    path = tmp_path / "notiz.md"
    path.write_text("# Überschrift\n\nText der Notiz.\n")
    [item] = read_all(path)
    assert isinstance(item, RawItem) and item.text.startswith("# Überschrift")
