"""Run one reader over a file written by the test."""

from __future__ import annotations

from pathlib import Path

from quellenlage.ingest.base import InputFile, ReadResult
from quellenlage.ingest.registry import Walk, read_inputs
from quellenlage.settings import Settings


def read_all(path: Path | str, settings: Settings | None = None) -> list[ReadResult]:
    return list(read_inputs([str(path)], settings or Settings(), Walk()))


def input_file(path: Path) -> InputFile:
    return InputFile.at(str(path))
