"""Choosing readers, walking folders, and paths that cannot be read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quellenlage.ingest.base import InputFile
from quellenlage.ingest.registry import Walk, read_inputs, reader_for
from quellenlage.model import RawItem, Rejection
from quellenlage.settings import Settings
from tests.ingest.helpers import read_all


@pytest.mark.parametrize(
    ("name", "head", "explicit", "reader"),
    [
        ("a.txt", b"<html>", True, "text"),
        ("a.htm", b"x", False, "html"),
        ("a.ndjson", b"{", False, "jsonl"),
        ("a.xml", b"<?xml version='1.0'?><rss>", False, "feed"),
        ("a.xml", b"<?xml version='1.0'?><doc>", False, None),
        ("a.pdf", b"%PDF", False, None),
        ("noext", b"<!DOCTYPE html><html>", True, "html"),
        ("noext", b'{"text": "x"}', True, "jsonl"),
        ("noext", b"Einfach Text", True, "text"),
    ],
)
def test_reader_choice(name: str, head: bytes, explicit: bool, reader: str | None) -> None:
    chosen = reader_for(InputFile(name, name), head, explicit)
    assert (chosen.name if chosen else None) == reader


def test_folder_recursive_sorted_and_skips(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Zweiter Text hier.")
    (tmp_path / "1.txt").write_text("Erster Text hier.")
    (tmp_path / "bild.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("versteckt")
    walk = Walk()
    results = list(read_inputs([str(tmp_path)], Settings(), walk))
    assert [r.source for r in results if isinstance(r, RawItem)] == [
        str(tmp_path / "1.txt"),
        str(tmp_path / "b" / "2.txt"),
    ]
    assert walk.skipped == [str(tmp_path / "bild.png")]


def test_missing_path(tmp_path: Path) -> None:
    [rejection] = read_all(tmp_path / "gibt-es-nicht.txt")
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "no such file or directory"


def test_symlink_loop_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Ein Text im Ordner.")
    os.symlink(tmp_path, tmp_path / "loop")
    results = read_all(tmp_path)
    assert [type(r) for r in results] == [RawItem]


def test_odd_file_names(tmp_path: Path) -> None:
    odd = os.fsdecode(b"mit Leerzeichen\nund \xff.txt")
    (tmp_path / odd).write_text("Text mit seltsamem Dateinamen.")
    [item] = read_all(tmp_path)
    assert isinstance(item, RawItem)
    assert "\n" not in item.source and "\\xff" in item.source and "\\x0a" in item.source
