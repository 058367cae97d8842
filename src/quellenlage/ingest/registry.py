"""Pick a reader for each input, walk folders, and turn every failure into a Rejection.

Explicit files go by extension, else by content, else as text (contract: "a file named
explicitly is tried as text"); files found in folders go by extension only, and files of
unknown type are reported once as skipped.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from quellenlage.ingest import feed, html, jsonl, text, validate, warc
from quellenlage.ingest.base import InputFile, Reader, ReadResult, TooLarge
from quellenlage.ingest.decode import DecodeError
from quellenlage.model import RawItem, Rejection
from quellenlage.settings import Settings

READERS = (
    Reader("warc", warc.EXTENSIONS, warc.sniff, warc.read),
    Reader("feed", feed.EXTENSIONS, feed.sniff, feed.read),
    Reader("html", html.EXTENSIONS, html.sniff, html.read),
    Reader("jsonl", jsonl.EXTENSIONS, jsonl.sniff, jsonl.read),
    Reader("text", text.EXTENSIONS, text.sniff, text.read),
)
_BY_NAME = {reader.name: reader for reader in READERS}


@dataclass
class Walk:
    """What walking the inputs found besides items: files skipped as of unknown type."""

    skipped: list[str] = field(default_factory=list)


def reader_for(file: InputFile, head: bytes, explicit: bool) -> Reader | None:
    """The reader for ``file``: by extension, then (explicit files only) by content."""
    extension = _extension(file.path)
    for reader in READERS:
        if extension in reader.extensions and (extension != ".xml" or reader.sniff(head)):
            return reader
    if not explicit:
        return None
    return next(r for r in READERS if r.sniff(head))


def _extension(path: str) -> str:
    """The file's extension, two parts for compressed files (``.warc.gz``, ``.jsonl.gz``)."""
    stem, extension = os.path.splitext(path.lower())
    return os.path.splitext(stem)[1] + extension if extension == ".gz" else extension


def read_inputs(
    paths: Iterable[str], settings: Settings, walk: Walk, labels: Mapping[str, str] | None = None
) -> Iterator[ReadResult]:
    """Everything the given paths hold, in a stable order; ``-`` is JSON Lines on stdin.
    ``labels`` names a file in sources and messages instead of its path (an upload's
    temporary file is no place a reader can go)."""
    labels = labels or {}
    for path in paths:
        if path == "-":
            yield from _read_file(InputFile("-", "-"), _BY_NAME["jsonl"], settings)
        elif os.path.isdir(path):
            yield from _read_folder(path, settings, walk)
        else:
            file = InputFile(path, labels[path]) if path in labels else InputFile.at(path)
            yield from _read_explicit(file, settings)


def _read_explicit(file: InputFile, settings: Settings) -> Iterator[ReadResult]:
    if not os.path.lexists(file.path):
        yield Rejection(file.label, "no such file or directory")
        return
    try:
        head = file.head()
    except OSError as error:
        yield Rejection(file.label, _os_reason(error))
        return
    reader = reader_for(file, head, explicit=True)
    assert reader is not None  # the text reader accepts anything
    yield from _read_file(file, reader, settings)


def _read_folder(folder: str, settings: Settings, walk: Walk) -> Iterator[ReadResult]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            if name.startswith("."):
                continue
            file = InputFile.at(os.path.join(root, name))
            try:
                head = file.head()
            except OSError as error:
                yield Rejection(file.label, _os_reason(error))
                continue
            reader = reader_for(file, head, explicit=False)
            if reader is None:
                walk.skipped.append(file.label)
                continue
            yield from _read_file(file, reader, settings)
    for failure in errors:
        yield Rejection(InputFile.at(str(failure.filename)).label, _os_reason(failure))


def _read_file(file: InputFile, reader: Reader, settings: Settings) -> Iterator[ReadResult]:
    """The reader's results, each item validated on its own (``validate``); an error the
    reader did not catch costs the rest of this file only, never the items before it."""
    try:
        for result in reader.read(file, settings):
            if isinstance(result, RawItem):
                yield from validate.checked(result)
            else:
                yield result
    except DecodeError as error:
        yield Rejection(file.label, str(error))
    except TooLarge as error:
        yield Rejection(file.label, str(error))
    except (EOFError, zlib.error):
        yield Rejection(file.label, "compressed data is truncated or corrupt")
    except OSError as error:
        yield Rejection(file.label, _os_reason(error))
    except (ValueError, RecursionError, MemoryError) as error:
        yield Rejection(file.label, f"could not be read ({type(error).__name__})")


def _os_reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()
