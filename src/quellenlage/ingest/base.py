"""What every reader shares: the input it reads, what it yields, and size-capped reading."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from quellenlage.ingest.decode import decode
from quellenlage.model import Notice, RawItem, Rejection
from quellenlage.settings import Settings

ReadResult = RawItem | Rejection | Notice

_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


def safe_label(path: str) -> str:
    """A printable, storable name for ``path``: undecodable bytes and control characters escaped."""
    text = os.fsencode(path).decode("utf-8", errors="backslashreplace")
    return _CONTROL_CHARS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to read (``path``) and the name it has in sources and messages (``label``)."""

    path: str
    label: str

    @classmethod
    def at(cls, path: str) -> InputFile:
        return cls(path, safe_label(path))

    @property
    def is_stdin(self) -> bool:
        return self.path == "-"

    def open(self) -> BinaryIO:
        if self.is_stdin:
            return sys.stdin.buffer
        return open(self.path, "rb")

    def head(self, size: int = 2048) -> bytes:
        """The first bytes, to pick a reader by content."""
        with open(self.path, "rb") as stream:
            return stream.read(size)


class TooLarge(Exception):
    """Input over the configured size cap."""


def read_capped(stream: BinaryIO, cap: int) -> bytes:
    """All bytes of ``stream``, refusing to hold more than ``cap`` in memory."""
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise TooLarge(f"larger than the size cap ({cap // 1_000_000} MB; see --max-article-mb)")
    return data


def read_decoded(file: InputFile, cap: int) -> tuple[str, str, Notice | None]:
    """The file's text and encoding, with a notice when the encoding had to be detected."""
    with file.open() as stream:
        text, encoding = decode(read_capped(stream, cap))
    if encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        return text, encoding, None
    return text, encoding, Notice(file.label, f"not UTF-8; decoded as {encoding}")


@dataclass(frozen=True, slots=True)
class Reader:
    """One input format: file extensions, a content sniffer and the reading function."""

    name: str
    extensions: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    read: Callable[[InputFile, Settings], Iterator[ReadResult]]
