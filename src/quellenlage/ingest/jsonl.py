"""JSON Lines (and JSON) files, read as a stream: one line or array item in memory at a time.

Input fields: ``text|body|content``, ``title``, ``url|link``, ``published|date``,
``outlet|site|publisher``. An item's source is its URL, else ``PATH:LINE`` (``-:LINE`` on stdin).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from quellenlage.ingest.base import InputFile, ReadResult
from quellenlage.model import RawItem, Rejection
from quellenlage.settings import Settings

EXTENSIONS = (".jsonl", ".ndjson", ".jsonlines", ".json")
TEXT_FIELDS = ("text", "body", "content")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link")
DATE_FIELDS = ("published", "date", "published_at", "datePublished")
OUTLET_FIELDS = ("outlet", "site", "publisher", "source_name")
_CHUNK = 1 << 16
_JSON_TYPES = {
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
}


def sniff(head: bytes) -> bool:
    return head.lstrip()[:1] in (b"{", b"[")


def read(file: InputFile, settings: Settings) -> Iterator[ReadResult]:
    with file.open() as stream:
        first = _peek_first_byte(stream)
        if first == b"[":
            yield from _array_items(file, stream, settings)
        elif first == b"{" and file.label.endswith(".json"):
            yield from _object_or_lines(file, stream, settings)
        else:
            yield from _lines(file, stream, settings)


def _object_or_lines(file: InputFile, stream: BinaryIO, settings: Settings) -> Iterator[ReadResult]:
    """A ``.json`` file holding one (pretty-printed) object, or JSON Lines after all."""
    data = stream.read(settings.max_article_bytes + 1)
    if len(data) <= settings.max_article_bytes:
        try:
            record = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            record = None
        if isinstance(record, dict):
            items = record.get("articles") or record.get("items")
            records = items if isinstance(items, list) else [record]
            for number, item in enumerate(records, start=1):
                yield item_from_record(item, file.label, number)
            return
    stream.seek(0)
    yield from _lines(file, stream, settings)


def _peek_first_byte(stream: BinaryIO) -> bytes:
    """The first non-blank byte; rewinds seekable files, keeps it for stdin."""
    if stream.seekable():
        head = stream.read(4096)
        stream.seek(0)
        return head.lstrip()[:1]
    return b""


def _lines(file: InputFile, stream: BinaryIO, settings: Settings) -> Iterator[ReadResult]:
    cap = settings.max_article_bytes
    number = 0
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        number += 1
        if len(line) > cap and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield Rejection(
                file.label, f"line longer than the size cap ({cap // 1_000_000} MB)", number
            )
            continue
        if line.strip():
            yield _item_from_line(file, line, number)


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        rest = stream.readline(_CHUNK)
        if not rest or rest.endswith(b"\n"):
            return


def _item_from_line(file: InputFile, line: bytes, number: int) -> ReadResult:
    try:
        record = json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8"))
    except UnicodeDecodeError:
        return Rejection(file.label, "line is not valid UTF-8", number)
    except json.JSONDecodeError as error:
        return Rejection(file.label, f"malformed JSON ({error.msg})", number)
    return item_from_record(record, file.label, number)


def item_from_record(record: Any, label: str, number: int) -> ReadResult:
    """A RawItem from one decoded JSON value, or the reason it is not one."""
    if not isinstance(record, dict):
        kind = _JSON_TYPES.get(type(record), type(record).__name__)
        return Rejection(label, f"not a JSON object (a JSON {kind})", number)
    text = _first_string(record, TEXT_FIELDS)
    if text is None or not text.strip():
        return Rejection(label, "item has no text (fields text, body or content)", number)
    url = _first_string(record, URL_FIELDS)
    return RawItem(
        source=url or f"{label}:{number}",
        text=text,
        location=f"{label}:{number}",
        title=_first_string(record, TITLE_FIELDS),
        url=url,
        outlet=_first_string(record, OUTLET_FIELDS),
        published=_first_string(record, DATE_FIELDS),
        title_in_text=False,
    )


def _first_string(record: dict[str, Any], fields: tuple[str, ...]) -> str | None:
    for name in fields:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, dict):  # {"publisher": {"name": "…"}}
            nested = value.get("name")
            if isinstance(nested, str) and nested.strip():
                return nested
    return None


def _array_items(file: InputFile, stream: BinaryIO, settings: Settings) -> Iterator[ReadResult]:
    """Items of a top-level JSON array, decoded one at a time from a bounded rolling buffer."""
    decoder = json.JSONDecoder()
    chunks = _TextChunks(stream)
    buffer = chunks.read().lstrip("\ufeff \t\r\n")
    if not buffer.startswith("["):
        yield Rejection(file.label, "malformed JSON (expected an array)")
        return
    position, number = 1, 0
    while True:
        position = _skip_separators(buffer, position)
        if position >= len(buffer):
            more = chunks.read()
            if not more:
                yield Rejection(file.label, "malformed JSON (array not closed)")
                return
            buffer, position = more, 0
            continue
        if buffer[position] == "]":
            return
        reason = "unexpected end of data"
        try:
            record, end = decoder.raw_decode(buffer, position)
            complete = end < len(buffer) or chunks.done  # a number may go on in the next chunk
        except json.JSONDecodeError as error:
            complete, reason = False, error.msg
        if not complete:
            more = chunks.read()
            if not more:
                yield Rejection(file.label, f"malformed JSON ({reason})", number + 1)
                return
            if len(buffer) - position > settings.max_article_bytes:
                yield Rejection(file.label, "array item larger than the size cap", number + 1)
                return
            buffer, position = buffer[position:] + more, 0
            continue
        number += 1
        position = end
        yield item_from_record(record, file.label, number)


class _TextChunks:
    """UTF-8 text of a binary stream in chunks (multi-byte characters never cut)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.done = False

    def read(self) -> str:
        while not self.done:
            data = self._stream.read(_CHUNK)
            self.done = not data
            text = self._decoder.decode(data, final=self.done)
            if text:
                return text
        return ""


def _skip_separators(buffer: str, position: int) -> int:
    while position < len(buffer) and buffer[position] in " \t\r\n,":
        position += 1
    return position
