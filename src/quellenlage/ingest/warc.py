"""Crawl archives (WARC, WARC.gz), read as a stream with warcio: each HTML ``response``
record becomes an article through the HTML reader, with the record's target URL as its URL
and the crawl date as the date when the page names none.

Everything else a crawl holds (requests, metadata, redirects, images, scripts) is skipped
and counted in one notice per file. A truncated or garbled record is one rejection; reading
resumes at the next record start found after it (a gzip member, or a ``WARC/1.`` line), so
the good records before and after it are kept. Items are located as ``FILE@OFFSET``, the
byte offset that ``warcio extract FILE OFFSET`` takes.
"""

from __future__ import annotations

import contextlib
import io
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from quellenlage.ingest.base import InputFile, ReadResult
from quellenlage.ingest.decode import DecodeError, decode
from quellenlage.ingest.html import page_items
from quellenlage.model import Notice, Rejection
from quellenlage.settings import Settings

if TYPE_CHECKING:  # warcio (and the fsspec it imports) loads with the first WARC file
    from warcio.archiveiterator import ArchiveIterator
    from warcio.recordloader import ArcWarcRecord

EXTENSIONS = (".warc", ".warc.gz")
_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_LINE = b"WARC/1."
_GZIP_START = re.compile(re.escape(_GZIP_MEMBER))
_WARC_START = re.compile(rb"WARC/1\.[01]\r?\n")
_CARRY = 16  # bytes kept between blocks, so a marker across their border is found
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SCAN_BLOCK = 1 << 20


def sniff(head: bytes) -> bool:
    """A WARC file, plain or gzip-compressed, by its first record's version line."""
    if head.startswith(_GZIP_MEMBER):
        try:
            head = zlib.decompressobj(31).decompress(head)
        except zlib.error:
            return False
    return head.startswith(_WARC_LINE)


@dataclass(frozen=True, slots=True)
class _Record:
    """One record read in full: what the HTML reader needs, or why it is skipped."""

    offset: int
    skipped: str | None  # the kind of record when it is not an HTML page
    uri: str | None = None
    date: str | None = None
    body: bytes = b""


def read(file: InputFile, settings: Settings) -> Iterator[ReadResult]:
    skipped: Counter[str] = Counter()
    with file.open() as stream:
        for record in _records(stream, file.label, settings):
            if isinstance(record, Rejection):
                yield record
            elif record.skipped:
                skipped[record.skipped] += 1
            else:
                yield from _page(record, f"{file.label}@{record.offset}", settings)
    if skipped:
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(skipped.items()))
        yield Notice(file.label, f"{skipped.total()} non-HTML record(s) skipped ({kinds})")


def _page(record: _Record, label: str, settings: Settings) -> Iterator[ReadResult]:
    try:
        page, encoding = decode(record.body)
    except DecodeError as error:
        yield Rejection(label, str(error))
        return
    yield from page_items(page, label, encoding, settings, url=record.uri, fetched=record.date)


def _records(stream: BinaryIO, label: str, settings: Settings) -> Iterator[_Record | Rejection]:
    """Every record from the stream's start; a broken stretch is one rejection, after which
    reading restarts at the next record start."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    broken_record = (ArchiveLoadFailed, zlib.error, EOFError, ValueError)
    marker = _GZIP_START if stream.read(len(_GZIP_MEMBER)) == _GZIP_MEMBER else _WARC_START
    start: int | None = 0
    broken = False  # a rejection was given and no good record has come since
    while start is not None:
        stream.seek(start)
        records = ArchiveIterator(stream)
        last_end = start
        try:
            while (record := _next(records, settings)) is not None:
                if records.err_count:  # shorter than its Content-Length: it ran into the next
                    last_end = record.offset
                    break
                last_end = record.offset + records.get_record_length()
                broken = False
                yield record
            else:
                return
        except broken_record:
            pass
        if not broken:
            yield Rejection(f"{label}@{last_end}", "truncated or malformed WARC record; skipped")
        broken = True
        start = _next_start(stream, last_end + 1, marker)


def _next(records: ArchiveIterator, settings: Settings) -> _Record | None:
    """The next record read to its end (warcio reports a bad length on stderr itself;
    the count of such reports is what is kept)."""
    with contextlib.redirect_stderr(io.StringIO()):
        record = next(records, None)
        if record is None:
            return None
        found = _read_record(record, settings)
        records.read_to_end()
        return _Record(records.get_record_offset(), *found)


def _read_record(
    record: ArcWarcRecord, settings: Settings
) -> tuple[str | None, str | None, str | None, bytes]:
    kind = _skipped_kind(record)
    if kind:
        return kind, None, None, b""
    body = record.content_stream().read(settings.max_markup_bytes + 1)
    if len(body) > settings.max_markup_bytes:
        return "page(s) larger than the size cap", None, None, b""
    headers = record.rec_headers
    return None, headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Date"), body


def _skipped_kind(record: ArcWarcRecord) -> str | None:
    """Why a record is no article (None for an HTML page)."""
    if record.rec_type != "response":
        return f"{record.rec_type} record(s)"
    status = record.http_headers.get_statuscode() if record.http_headers else None
    if not status or not status.isdigit():
        return "response(s) without HTTP status"
    if not status.startswith("2"):
        return "redirect(s)" if status.startswith("3") else f"HTTP {status[0]}xx response(s)"
    header = record.http_headers.get_header("Content-Type") or ""
    media = header.split(";")[0].strip().lower()
    if media not in _HTML_TYPES:
        return f"{media or 'untyped'} response(s)"
    return None


def _next_start(stream: BinaryIO, position: int, marker: re.Pattern[bytes]) -> int | None:
    """The offset of the first record start (``marker``: a gzip member header, or a WARC
    version line, which a truncated record may leave mid-line) at or after ``position``,
    reading the stream in blocks; None at the end."""
    stream.seek(position)
    carry = b""
    base = position
    while block := stream.read(_SCAN_BLOCK):
        data = carry + block
        found = marker.search(data)
        if found:
            return base + found.start()
        carry, base = data[-_CARRY:], base + len(data) - len(data[-_CARRY:])
    return None
