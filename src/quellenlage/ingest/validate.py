"""Every item is checked on its own before it leaves the readers, so one bad item costs only
itself: a string that cannot be stored, or a date later stages cannot compute with, never
reaches a batch.

What happens to a bad field (one ``Notice`` or ``Rejection`` line each):

- ``text`` with a lone surrogate (not encodable as UTF-8): the item is rejected. The text is
  the evidence every offset points into, so it is never repaired.
- ``title`` or ``outlet`` with lone surrogates: kept, each surrogate replaced by U+FFFD, with
  a notice; a reader still recognises the headline, and offsets do not index it.
- ``url`` that is not encodable: dropped, with a notice; a repaired URL would point elsewhere.
  The item's source falls back to its location (``PATH:LINE``).
- NUL (U+0000) in the text, title, outlet, date or raw page: removed, with one notice naming
  the fields. PostgreSQL cannot store it in text, and a NUL is no character a reader sees,
  so the text without it has the same words: offsets index the stored text, the evidence
  stays exact, and both databases store the same article under the same id. (Rejecting
  would lose an article over an invisible byte; a file of mostly NULs, such as UTF-16 read
  as UTF-8, is refused earlier by the decoder as binary.) A ``url`` with a NUL is dropped,
  as one with a surrogate is: without the byte it would name another address.
- ``published`` unparseable (``31.02.2026``) or outside the sane range (before 1800, more than
  two years ahead): kept as unknown, with a notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from quellenlage.clean.metadata import date_problem
from quellenlage.model import Notice, RawItem, Rejection

_SURROGATE = re.compile("[\ud800-\udfff]")
_SHOWN_CHARS = 40


def checked(item: RawItem) -> Iterator[RawItem | Rejection | Notice]:
    """The item's notices, then the item itself (repaired) or its rejection."""
    removed = without_nul(item)
    if removed:
        yield Notice(item.location, f"NUL character(s) removed from {', '.join(removed)}")
    bad = _SURROGATE.search(item.text)
    if bad:
        yield Rejection(
            item.location,
            f"text is not valid Unicode (lone surrogate U+{ord(bad.group()):04X} at character "
            f"{bad.start()}); not stored",
        )
        return
    for name in ("title", "outlet"):
        value = getattr(item, name)
        if value is not None and _SURROGATE.search(value):
            setattr(item, name, _SURROGATE.sub("\ufffd", value))
            yield Notice(item.location, f"{name}: lone surrogate replaced by U+FFFD")
    if item.url is not None and _SURROGATE.search(item.url):
        yield Notice(item.location, "url is not valid Unicode (lone surrogate); url dropped")
        _drop_url(item)
    elif item.url is not None and "\x00" in item.url:
        yield Notice(item.location, "url contains a NUL character; url dropped")
        _drop_url(item)
    if _SURROGATE.search(item.source) or "\x00" in item.source:
        item.source = item.location
    if item.published is not None:
        problem = _date_problem(item.published)
        if problem:
            yield Notice(
                item.location, f"published date {shown(item.published)} {problem}; kept as unknown"
            )
            item.published = None
    if item.outlet is None and item.url:
        item.outlet = outlet_of_url(item.url)
    yield item


_NUL_FIELDS = ("text", "title", "outlet", "published", "raw")


def without_nul(item: RawItem) -> list[str]:
    """Remove U+0000 from the fields of ``item`` that keep their meaning without it; the
    names of those that had one."""
    found = []
    for name in _NUL_FIELDS:
        value = getattr(item, name)
        if value is not None and "\x00" in value:
            setattr(item, name, value.replace("\x00", ""))
            found.append(name)
    return found


def _drop_url(item: RawItem) -> None:
    if item.source == item.url:
        item.source = item.location
    item.url = None


def outlet_of_url(url: str) -> str | None:
    """The outlet an http(s) URL names when the input names none: its host without "www."
    (``https://www.tagesschau.de/…`` → tagesschau.de)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    return host[4:] if host.startswith("www.") else host


def _date_problem(value: str) -> str | None:
    if _SURROGATE.search(value):
        return "is not valid Unicode"
    return date_problem(value)


def shown(value: str) -> str:
    """A field value quoted for a message line: one line, escaped, cut to a few words."""
    short = value if len(value) <= _SHOWN_CHARS else value[:_SHOWN_CHARS] + "…"
    return ascii(short) if not short.isprintable() else f"'{short}'"
