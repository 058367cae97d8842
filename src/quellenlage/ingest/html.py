"""HTML pages: main text, title, site name, date and URL extracted with trafilatura/htmldate.

The raw page is kept (``RawItem.raw``) so a later, better extraction can be re-run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import lxml.html

from quellenlage.ingest.base import InputFile, ReadResult, read_decoded
from quellenlage.model import RawItem, Rejection
from quellenlage.settings import Settings

if TYPE_CHECKING:
    from trafilatura.settings import Document

EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")
_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<p>")
_BLOCK_TAGS = (
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "section",
    "article",
    "figcaption",
    "pre",
)
NO_TEXT = "no extractable text in HTML (no article text, or markup too broken to parse)"
_SPACES = re.compile(r"[ \t\u00a0]+")


def sniff(head: bytes) -> bool:
    lowered = head.lstrip()[:1024].lower()
    return any(marker in lowered for marker in _MARKERS)


def read(file: InputFile, settings: Settings) -> Iterator[ReadResult]:
    page, encoding, notice = read_decoded(file, settings.max_markup_bytes)
    if notice:
        yield notice
    document = _extract(page)
    text = (document.text or "") if document else ""
    if not text.strip():
        yield Rejection(file.label, NO_TEXT)
        return
    yield RawItem(
        source=file.label,
        text=text,
        location=file.label,
        title=document.title if document else None,
        url=document.url if document else None,
        outlet=document.sitename if document else None,
        published=document.date if document else None,
        encoding=encoding,
        raw=page,
        title_in_text=False,
    )


def _extract(page: str) -> Document | None:
    """trafilatura's main-text extraction with metadata; None when the page cannot be parsed.

    trafilatura is imported here, on the first page: it takes 0.2 s, which a run over text
    files should not pay."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            page, with_metadata=True, include_comments=False, favor_precision=True
        )
    except (ValueError, TypeError, RecursionError, lxml.etree.LxmlError):
        return None
    return result if isinstance(result, trafilatura.settings.Document) else None


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (feed entry content), one line per block element."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.LxmlError):
        return fragment.strip()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (_SPACES.sub(" ", line).strip() for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
