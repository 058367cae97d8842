"""JSON Lines (also gzip-compressed, read as it is decompressed) and JSON documents, read as
a stream: one line or article in memory at a time.

Input fields: ``text|body|content``, ``title``, ``url|link``, ``published|date``,
``outlet|site|publisher``. An item's source is its URL, else ``PATH:LINE`` (``-:LINE`` on stdin).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from quellenlage.ingest.base import InputFile, ReadResult
from quellenlage.ingest.jsonguard import (
    BAD_UTF8,
    HUGE_NUMBER,
    MAX_DEPTH,
    MAX_NUMBER_CHARS,
    TOO_DEEP,
    TOO_LARGE,
    GuardedStream,
    guard_line,
    restore,
)
from quellenlage.model import Notice, RawItem, Rejection
from quellenlage.settings import Settings

EXTENSIONS = (".jsonl", ".ndjson", ".jsonlines", ".json", ".jsonl.gz", ".ndjson.gz", ".json.gz")
TEXT_FIELDS = ("text", "body", "content", "maintext")  # maintext: news-please
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link")
DATE_FIELDS = (  # date_publish: news-please; publish_date: Media Cloud
    "published",
    "date",
    "published_at",
    "datePublished",
    "date_publish",
    "publish_date",
)
OUTLET_FIELDS = (  # source_domain: news-please; media_name: Media Cloud
    "outlet",
    "site",
    "publisher",
    "source_name",
    "media_name",
    "source_domain",
)
_CHUNK = 1 << 16
_LINES_EXTENSIONS = (".jsonl", ".ndjson", ".jsonlines", ".jsonl.gz", ".ndjson.gz")
_LIST_KEYS = ("articles", "items")
_PROBLEMS = {
    TOO_DEEP: f"JSON nested deeper than {MAX_DEPTH} levels",
    TOO_LARGE: "item larger than the size cap (see --max-article-mb)",
    BAD_UTF8: "item is not valid UTF-8",
    HUGE_NUMBER: f"a number longer than {MAX_NUMBER_CHARS} characters ignored",
}
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
    with _open(file) as stream:
        if _is_document(file, stream, settings.max_article_bytes):
            yield from _document_items(file, stream, settings)
        else:
            yield from _lines(file, stream, settings)


def _open(file: InputFile) -> BinaryIO:
    """The file's bytes; a ``.gz`` file decompressed as it is read (one line in memory)."""
    if file.path.lower().endswith(".gz"):
        return gzip.open(file.path, "rb")  # type: ignore[return-value]
    return file.open()


def _is_document(file: InputFile, stream: BinaryIO, cap: int) -> bool:
    """True for one JSON value (pretty-printed or not), False for JSON Lines.

    JSON Lines: the first line is a complete value and more follows; or, in a JSON Lines file
    (``.jsonl``…), a first line that starts an object (it may be a broken line). stdin is
    always JSON Lines. Rewinds the stream."""
    if not stream.seekable():
        return False
    first = b""
    while not first.strip():
        first = stream.readline(cap + 1)
        if not first:
            stream.seek(0)
            return False
    stripped = first.lstrip(b"\xef\xbb\xbf \t\r\n")
    more = False
    if _complete(first, cap):
        more = any(line.strip() for line in _next_lines(stream, cap))
    elif file.label.lower().endswith(_LINES_EXTENSIONS) and stripped[:1] == b"{":
        more = True
    stream.seek(0)
    return stripped[:1] in (b"{", b"[") and not more


def _complete(line: bytes, cap: int) -> bool:
    try:
        json.loads(
            guard_line(line.removeprefix(b"\xef\xbb\xbf").rstrip(b"\r\n"), cap), strict=False
        )
    except (UnicodeDecodeError, ValueError):
        return False
    return True


def _next_lines(stream: BinaryIO, cap: int) -> Iterator[bytes]:
    while line := stream.readline(min(cap + 1, _CHUNK)):
        yield line


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
            yield from _item_from_line(file, line, number, cap)


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        rest = stream.readline(_CHUNK)
        if not rest or rest.endswith(b"\n"):
            return


def _item_from_line(file: InputFile, line: bytes, number: int, cap: int) -> Iterator[ReadResult]:
    if number == 1:
        line = line.removeprefix(b"\xef\xbb\xbf")
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        yield Rejection(file.label, "line is not valid UTF-8", number)
        return
    try:
        record = json.loads(guard_line(line.rstrip(b"\r\n"), cap), strict=False)
    except json.JSONDecodeError as error:
        yield Rejection(file.label, f"malformed JSON ({error.msg})", number)
        return
    except (ValueError, RecursionError) as error:  # the guard makes these unreachable
        yield Rejection(file.label, f"malformed JSON ({type(error).__name__})", number)
        return
    yield from _checked_record(record, file.label, number)


def _checked_record(record: Any, label: str, number: int) -> Iterator[ReadResult]:
    """The item of one parsed record, after the guard's markers are resolved."""
    problems: set[str] = set()
    record = restore(record, problems)
    for problem in (TOO_DEEP, TOO_LARGE, BAD_UTF8):
        if problem in problems:
            yield Rejection(label, _PROBLEMS[problem], number)
            return
    if HUGE_NUMBER in problems:
        yield Notice(f"{label}:{number}", _PROBLEMS[HUGE_NUMBER])
    yield item_from_record(record, label, number)


def item_from_record(record: Any, label: str, number: int) -> ReadResult:
    """A RawItem from one decoded JSON value, or the reason it is not one."""
    if not isinstance(record, dict):
        kind = _JSON_TYPES.get(type(record), type(record).__name__)
        return Rejection(label, f"not a JSON object (a JSON {kind})", number)
    text = _first_string(record, TEXT_FIELDS)
    if text is None or not text.strip():
        return Rejection(label, "item has no text (fields text, body, content or maintext)", number)
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


def _document_items(file: InputFile, stream: BinaryIO, settings: Settings) -> Iterator[ReadResult]:
    """The articles of one JSON value, streamed with ijson: a top-level array, an object with
    an ``articles`` or ``items`` array, or one object that is itself the article.

    The stream goes through the guard first, so no item can crash the parser; a syntax error
    ends the document (no parser can resync) after every complete item before it."""
    import ijson  # here, on the first JSON document: JSON Lines never need it

    events = ijson.parse(GuardedStream(stream, settings.max_article_bytes), use_float=True)
    number = 0
    try:
        for number, record in enumerate(_records(events), start=1):
            yield from _checked_record(record, file.label, number)
    except ijson.JSONError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else "unexpected end"
        yield Rejection(file.label, f"malformed JSON ({reason})", number + 1)
    except UnicodeDecodeError:
        yield Rejection(file.label, "malformed JSON (not valid UTF-8)", number + 1)


Event = tuple[str, str, Any]


def _records(events: Iterator[Event]) -> Iterator[Any]:
    """The article records of the document's event stream, one built at a time."""
    _, event, value = next(events, ("", "end", None))
    if event == "end":
        raise _json_error("empty document")
    if event == "start_array":
        yield from _array(events)
        return
    if event != "start_map":
        yield _value(event, value, events)
        return
    record: dict[str, Any] = {}
    listed = False
    for _, event, value in events:
        if event == "end_map":
            break
        key = value
        _, event, value = next(events)
        if key in _LIST_KEYS and event == "start_array" and not listed:
            listed = True
            yield from _array(events)
        else:
            record[key] = _value(event, value, events)
    if not listed:
        yield record


def _array(events: Iterator[Event]) -> Iterator[Any]:
    for _, event, value in events:
        if event == "end_array":
            return
        yield _value(event, value, events)


def _value(event: str, value: Any, events: Iterator[Event]) -> Any:
    """One complete value starting with ``event`` (depth is bounded by the guard)."""
    if event not in ("start_map", "start_array"):
        return value
    import ijson

    builder = ijson.ObjectBuilder()
    builder.event(event, value)
    depth = 1
    for _, event, value in events:
        builder.event(event, value)
        depth += event in ("start_map", "start_array")
        depth -= event in ("end_map", "end_array")
        if depth == 0:
            return builder.value
    raise _json_error("unexpected end of data")


def _json_error(message: str) -> Exception:
    import ijson

    return ijson.JSONError(message)
