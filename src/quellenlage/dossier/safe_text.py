"""Untrusted article text made safe to show: no invisible character may change what a reader
sees, and only web URLs become links.

Article titles, outlets and texts come from scrapers and may hold bidirectional controls
(``Nord\\u202eesserp`` displays as "Nordpresse" and reverses the rest of the line), NUL and
other C0/C1 controls (terminal escape sequences, truncated strings in C tools), zero-width
characters and lone surrogates (which no UTF-8 output can encode). Every export and the
terminal output replace them with a visible escape such as ``\\u202e`` or ``\\x00``: the
reader sees that something is there, and nothing is hidden or reordered.

Kept as they are: tab and newline where the output allows them, the zero-width joiner and
non-joiner (emoji sequences and several scripts need them) and the soft hyphen (common in
German web text, harmless).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

# bidirectional embeddings, overrides, isolates and marks; the Arabic letter mark
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
# C0 (but tab and newline, decided per output), DEL, C1, zero-width space, word joiner and
# invisible operators, line/paragraph separators, BOM/zero-width no-break space, interlinear
# annotation and object replacement marks, tag characters, lone surrogates
_INVISIBLE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\u2060-\u2064\u206a-\u206f\ufeff"
    "\ufff9-\ufffb\U000e0000-\U000e007f\ud800-\udfff"
)
_UNSAFE = re.compile(f"[{BIDI_CONTROLS}{_INVISIBLE}]")
_UNSAFE_OR_BREAK = re.compile(f"[{BIDI_CONTROLS}{_INVISIBLE}\t\n]")
_WEB_SCHEMES = ("http", "https")


def escape_of(char: str) -> str:
    """The visible escape of one character: ``\\x00``, ``\\u202e``, ``\\U000e0041``."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def has_unsafe(text: str) -> bool:
    """True when ``text`` holds a character the outputs make visible."""
    return _UNSAFE.search(text) is not None


def visible_controls(
    text: str, keep_breaks: bool = True, wrap: Callable[[str], str] | None = None
) -> str:
    """``text`` with every bidirectional, invisible or control character as a visible escape
    (passed through ``wrap``, e.g. to style it); tab and newline stay when ``keep_breaks``."""
    pattern = _UNSAFE if keep_breaks else _UNSAFE_OR_BREAK
    if wrap is None:
        return pattern.sub(lambda m: escape_of(m.group()), text)
    return pattern.sub(lambda m: wrap(escape_of(m.group())), text)


def terminal_safe(text: str, multiline: bool = False) -> str:
    """One value for a terminal line (``articles``, ``stories``, ``search``): no escape
    sequence, control or bidi character reaches the terminal raw, and the value stays on one
    line unless ``multiline``."""
    return visible_controls(text, keep_breaks=multiline)


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL with a host and no invisible characters or spaces,
    else None: only such URLs become links or IRIs (never ``javascript:`` or ``data:``)."""
    if not url or _UNSAFE_OR_BREAK.search(url) or " " in url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _WEB_SCHEMES or not parts.hostname:
        return None
    return url
