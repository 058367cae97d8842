"""RSS and Atom files via feedparser: each entry an article, the feed's title its outlet.

Entity declarations are refused before parsing (billion-laughs and external-entity attacks).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from quellenlage.ingest.base import InputFile, ReadResult, read_capped
from quellenlage.ingest.html import fragment_text
from quellenlage.model import RawItem, Rejection
from quellenlage.settings import Settings

EXTENSIONS = (".rss", ".atom", ".xml", ".rdf")
_ROOTS = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]")


def sniff(head: bytes) -> bool:
    return bool(_ROOTS.search(head[:2048]))


def read(file: InputFile, settings: Settings) -> Iterator[ReadResult]:
    with file.open() as stream:
        data = read_capped(stream, settings.max_markup_bytes)
    unsafe = _unsafe_xml(data)
    if unsafe:
        yield Rejection(file.label, unsafe)
        return
    import feedparser  # here, on the first feed: a run without feeds saves its import

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a readable RSS/Atom feed ({problem})" if problem else "feed has no entries"
        yield Rejection(file.label, reason)
        return
    outlet = parsed.get("feed", {}).get("title") or None
    for number, entry in enumerate(entries, start=1):
        yield _item(file, number, entry, outlet)


def _unsafe_xml(data: bytes) -> str | None:
    """Why the XML must not be parsed (entity declarations), or None when it is safe."""
    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        return "unsafe XML: entity declarations are not allowed"
    except (ParseError, ValueError):
        if b"<!ENTITY" in data:
            return "unsafe XML: entity declarations are not allowed"
    return None


def _item(file: InputFile, number: int, entry: Any, outlet: str | None) -> ReadResult:
    location = f"{file.label}#entry-{number}"
    text = fragment_text(_entry_content(entry))
    if not text.strip():
        return Rejection(file.label, f"feed entry {number} has no text")
    link = entry.get("link") or None
    return RawItem(
        source=link or location,
        text=text,
        location=location,
        title=entry.get("title") or None,
        url=link,
        outlet=outlet,
        published=entry.get("published") or entry.get("updated") or None,
        title_in_text=False,
    )


def _entry_content(entry: Any) -> str:
    contents = entry.get("content") or []
    values = [c.get("value", "") for c in contents if c.get("value")]
    return max(values, key=len) if values else str(entry.get("summary") or "")
