"""Plain text and Markdown files: the file's decoded content is the article text, verbatim."""

from __future__ import annotations

from collections.abc import Iterator

from quellenlage.ingest.base import InputFile, ReadResult, read_decoded
from quellenlage.model import RawItem
from quellenlage.settings import Settings

EXTENSIONS = (".txt", ".md", ".markdown", ".text")


def sniff(head: bytes) -> bool:
    """Anything may be text; this reader is the last resort."""
    return True


def read(file: InputFile, settings: Settings) -> Iterator[ReadResult]:
    text, encoding, notice = read_decoded(file, settings.max_article_bytes)
    if notice:
        yield notice
    yield RawItem(source=file.label, text=text, location=file.label, encoding=encoding)
