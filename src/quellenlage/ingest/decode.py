"""Bytes to text: refuse binary files, accept UTF-8 (with or without BOM), detect the rest.

German web text that is not UTF-8 is nearly always Windows-1252 or Latin-1, and a generic
detector often guesses a Central-European code page for short German texts, so Windows-1252 is
preferred whenever it decodes to typical German characters.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"%PDF", "PDF document"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"RIFF", "media file"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_WESTERN = re.compile(r"[äöüÄÖÜßéèàçñ„“”‚‘’–—…«»€°§]")
_MAX_CONTROL_SHARE = 0.01


class DecodeError(Exception):
    """The bytes are not text we can read; the message says why."""


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the encoding used ("utf-8", "cp1252", …)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="strict"), encoding)
    kind = binary_kind(data)
    if kind:
        raise DecodeError(f"binary file ({kind}), not text")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _checked(*_detect(data))


def binary_kind(data: bytes) -> str | None:
    """A name for binary content ("PNG image"), or None when it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if b"\x00" in data[:8192]:
        return "binary data"
    return None


def _detect(data: bytes) -> tuple[str, str]:
    western = _try(data, "cp1252")
    if western is not None and _looks_western(western):
        return western, "cp1252"
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        if western is not None:
            return western, "cp1252"
        raise DecodeError("not UTF-8 and no known encoding fits")
    text = _try(data, best.encoding)
    if text is None:
        raise DecodeError(f"not UTF-8 and not valid {best.encoding}")
    return text, best.encoding


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_western(text: str) -> bool:
    """Most non-ASCII characters are ones German/Western text uses (ä, ß, „, –, …)."""
    special = [c for c in text if ord(c) > 127]
    if not special:
        return True
    return sum(1 for c in special if _WESTERN.match(c)) / len(special) >= 0.6


def _checked(text: str, encoding: str) -> tuple[str, str]:
    """Reject decoded text that is mostly control characters (binary data by another name)."""
    sample = text[:100_000]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > _MAX_CONTROL_SHARE:
        raise DecodeError("binary data (control characters), not text")
    return text, encoding
