"""Plain text and Markdown files: the file's decoded content is the article text, verbatim."""

from __future__ import annotations

from collections.abc import Iterator

from quellenlage.ingest.base import InputFile, ReadResult, decoded_notice, read_capped
from quellenlage.ingest.decode import decode
from quellenlage.model import RawItem
from quellenlage.settings import Settings

EXTENSIONS = (".txt", ".md", ".markdown", ".text")


def sniff(head: bytes) -> bool:
    """Anything may be text; this reader is the last resort."""
    return True


def read(file: InputFile, settings: Settings) -> Iterator[ReadResult]:
    with file.open() as stream:
        data = read_capped(stream, settings.max_article_bytes)
    text, encoding = decode(data)
    notice = decoded_notice(file, encoding)
    if notice:
        yield notice
    yield RawItem(source=file.label, text=text, location=file.label, encoding=encoding)
