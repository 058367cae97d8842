"""A byte filter in front of every JSON parser: hostile JSON costs one item, never the run.

The parsers we use fail badly on a few inputs: ``json`` raises ``RecursionError`` on deep
nesting and ``ValueError`` on integers of more than 4,300 digits; ijson's C backend even
crashes the process on such an integer and needs memory quadratic in the nesting depth. The
guard rewrites the byte stream, still valid JSON, before a parser sees it:

- a value nested deeper than ``MAX_DEPTH`` becomes a marker string (the item is rejected);
- a number longer than ``MAX_NUMBER_CHARS`` becomes a marker string (the field is ignored);
- a string longer than the size cap is cut with a marker (the item is rejected);
- invalid UTF-8 in a string is replaced, with a marker (the item is rejected);
- a lone surrogate escape (``"\\udc00"``) becomes a marker that ``restore`` turns back into
  the character, so the item validator (``validate``) decides about it, field by field;
- raw control characters inside strings are escaped (sloppy scrapers write raw tabs).

Markers start with NUL, which no parser output of ours can contain by accident: ``restore``
turns them back and names the problems it found.
"""

from __future__ import annotations

import re
from typing import Any, BinaryIO

MAX_DEPTH = 64  # nesting levels; real article records use fewer than ten
MAX_NUMBER_CHARS = 100  # no number an article needs is longer
TOO_DEEP = "too-deep"
HUGE_NUMBER = "huge-number"
TOO_LARGE = "too-large"
BAD_UTF8 = "bad-utf8"
_MARK_TEXT = "\x00quellenlage:"
_MARKER = re.compile("\x00quellenlage:([a-z0-9-]+)(?::([0-9a-fA-F]{4}))?\x00")
_QUOTE, _BACKSLASH = 0x22, 0x5C
_OPEN, _CLOSE = b"[{", b"]}"
_PLAIN = re.compile(rb'[^"\[\]{}0-9\-]+')
_NUMBER = re.compile(rb"[0-9.eE+\-]+")
_STRING_BODY = re.compile(rb'[^"\\]*(?:\\(?:u[0-9a-fA-F]{4}|[^u])[^"\\]*)*')
_RAW_CONTROL = re.compile(rb"[\x00-\x1f]")
_MAYBE_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
_ESCAPES = re.compile(
    rb"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|\\u([dD][89a-fA-F][0-9a-fA-F]{2})|\\(?:u[0-9a-fA-F]{4}|.)",
    re.S,
)
_HIGH_AT_END = re.compile(rb"\\u[dD][89abAB][0-9a-fA-F]{2}$")
_CHUNK = 1 << 16


def _sentinel(kind: str) -> bytes:
    return b'"\\u0000quellenlage:' + kind.encode() + b'\\u0000"'


def _inline(kind: str) -> bytes:
    return b"\\u0000quellenlage:" + kind.encode() + b"\\u0000"


class JsonGuard:
    """Stateful filter: ``feed`` chunks of JSON bytes, get safe JSON bytes back."""

    def __init__(self, max_string_bytes: int, max_depth: int = MAX_DEPTH) -> None:
        self.max_string_bytes = max_string_bytes
        self.max_depth = max_depth
        self.depth = 0
        self.swallow = 0  # depth of the too-deep value being dropped (0: none)
        self.in_string = False
        self.string_bytes = 0
        self.string_cut = False
        self.huge_number = False  # dropping the rest of an over-long number
        self.pending = b""  # bytes held back until the next chunk shows how they end
        self.tail = b""  # held back inside a string: a cut UTF-8 character or high surrogate

    def feed(self, data: bytes, final: bool = False) -> bytes:
        buf = self.pending + data
        self.pending = b""
        out: list[bytes] = []
        pos, size = 0, len(buf)
        while pos < size:
            if self.huge_number:
                match = _NUMBER.match(buf, pos)
                pos = match.end() if match else pos
                if pos < size or final:
                    self.huge_number = False
                continue
            if self.in_string:
                pos = self._string(buf, pos, final, out)
                continue
            plain = _PLAIN.match(buf, pos)
            if plain:
                if not self.swallow:
                    out.append(plain.group())
                pos = plain.end()
                continue
            byte = buf[pos]
            if byte == _QUOTE:
                self.in_string, self.string_bytes, self.string_cut = True, 0, False
                if not self.swallow:
                    out.append(b'"')
                pos += 1
            elif byte in _OPEN:
                self.depth += 1
                if not self.swallow and self.depth > self.max_depth:
                    self.swallow = self.depth
                    out.append(_sentinel(TOO_DEEP))
                elif not self.swallow:
                    out.append(buf[pos : pos + 1])
                pos += 1
            elif byte in _CLOSE:
                if self.swallow and self.depth == self.swallow:
                    self.swallow = 0
                elif not self.swallow:
                    out.append(buf[pos : pos + 1])
                self.depth -= 1
                pos += 1
            else:
                pos = self._number(buf, pos, final, out)
        return b"".join(out)

    def _number(self, buf: bytes, pos: int, final: bool, out: list[bytes]) -> int:
        match = _NUMBER.match(buf, pos)
        assert match is not None  # called on a digit or minus sign
        token = match.group()
        if match.end() == len(buf) and not final and len(token) <= MAX_NUMBER_CHARS:
            self.pending = token  # the number may go on in the next chunk
            return match.end()
        if self.swallow:
            pass
        elif len(token) > MAX_NUMBER_CHARS:
            out.append(_sentinel(HUGE_NUMBER))
            self.huge_number = match.end() == len(buf) and not final
        else:
            out.append(token)
        return match.end()

    def _string(self, buf: bytes, pos: int, final: bool, out: list[bytes]) -> int:
        match = _STRING_BODY.match(buf, pos)
        end = match.end() if match else pos
        size = len(buf)
        closed = end < size and buf[end] == _QUOTE
        if end < size and not closed:  # a backslash whose escape is cut or invalid
            if size - end < 6 and not final:
                self.pending = buf[end:]
                self._piece(buf[pos:end], False, out)
                return size
            self._piece(buf[pos:end], False, out)
            if not self.swallow and not self.string_cut:
                out.append(buf[end : end + 2])  # the parser names the bad escape
            return end + 2
        self._piece(buf[pos:end], closed or final, out)
        if closed:
            self.in_string = False
            if not self.swallow:
                out.append(b'"')
            return end + 1
        return end

    def _piece(self, piece: bytes, last: bool, out: list[bytes]) -> None:
        """One stretch of string content made of whole escapes; held back tail first."""
        if self.swallow or self.string_cut:
            self.tail = b""
            return
        piece, self.tail = self.tail + piece, b""
        if not last:
            piece, self.tail = _split_tail(piece)
        self.string_bytes += len(piece)
        if self.string_bytes > self.max_string_bytes:
            self.string_cut, self.tail = True, b""
            out.append(_inline(TOO_LARGE))
            return
        if _RAW_CONTROL.search(piece):
            piece = _RAW_CONTROL.sub(lambda m: b"\\u%04x" % m.group()[0], piece)
        if _MAYBE_SURROGATE.search(piece):
            piece = _ESCAPES.sub(_mark_lone_surrogate, piece)
        try:
            piece.decode("utf-8")
        except UnicodeDecodeError:
            piece = piece.decode("utf-8", errors="replace").encode("utf-8") + _inline(BAD_UTF8)
        out.append(piece)


def _mark_lone_surrogate(match: re.Match[bytes]) -> bytes:
    lone = match.group(3)
    if lone is None:
        return match.group()
    return b"\\u0000quellenlage:surrogate:" + lone + b"\\u0000"


def _split_tail(piece: bytes) -> tuple[bytes, bytes]:
    """``piece`` without what the next chunk may complete: a cut UTF-8 character, or a high
    surrogate escape whose low half may follow."""
    high = _HIGH_AT_END.search(piece)
    if high:
        start = escaped = high.start()
        while escaped and piece[escaped - 1] == _BACKSLASH:
            escaped -= 1
        if (start - escaped) % 2 == 0:  # the backslash starts an escape, is not escaped itself
            return piece[:start], piece[start:]
    for back in range(1, min(3, len(piece)) + 1):
        byte = piece[-back]
        if byte < 0x80:
            break
        if byte >= 0xC0:  # a lead byte: is its sequence complete?
            needed = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            if needed > back:
                return piece[:-back], piece[-back:]
            break
    return piece, b""


class GuardedStream:
    """A binary stream read through a ``JsonGuard`` (what ijson reads from)."""

    def __init__(self, stream: BinaryIO, max_string_bytes: int) -> None:
        self._stream = stream
        self._guard = JsonGuard(max_string_bytes)
        self._started = False
        self._done = False

    def read(self, size: int = _CHUNK) -> bytes:
        if size == 0:  # ijson asks for zero bytes to learn the stream's type
            return b""
        while not self._done:
            data = self._stream.read(size if size > 0 else _CHUNK)
            if not self._started:
                data, self._started = data.removeprefix(b"\xef\xbb\xbf"), True
            self._done = not data
            out = self._guard.feed(data, final=self._done)
            if out:
                return out
        return b""


def guard_line(line: bytes, max_string_bytes: int) -> bytes:
    """One complete JSON text (a JSON Lines line) made safe to parse."""
    return JsonGuard(max_string_bytes).feed(line, final=True)


def restore(value: Any, problems: set[str]) -> Any:
    """``value`` with markers resolved: lone surrogates back as characters, sentinel strings
    as None; every other marker kind is added to ``problems``. Depth is bounded by the guard."""
    if isinstance(value, str):
        return _restore_string(value, problems) if _MARK_TEXT in value else value
    if isinstance(value, list):
        return [restore(item, problems) for item in value]
    if isinstance(value, dict):
        return {
            (_restore_string(k, problems) or "") if _MARK_TEXT in k else k: restore(v, problems)
            for k, v in value.items()
        }
    return value


def _restore_string(text: str, problems: set[str]) -> str | None:
    whole = _MARKER.fullmatch(text)
    if whole and whole.group(1) != "surrogate":
        problems.add(whole.group(1))
        return None

    def resolve(match: re.Match[str]) -> str:
        if match.group(1) == "surrogate" and match.group(2):
            return chr(int(match.group(2), 16))
        problems.add(match.group(1))
        return ""

    return _MARKER.sub(resolve, text)
