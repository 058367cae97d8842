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
ONLY_NAVIGATION = "no main text in HTML (only navigation and links)"
IN_SRCDOC = "; the page's text sits in an iframe srcdoc, which is not read"
MAX_TAGS = 100_000  # trafilatura needs ~4 s per 100,000 tags; real article pages have < 20,000
_NAVIGATION_SHARE = 0.15  # below this share of letters outside links/menus: navigation only
_SPACES = re.compile(r"[ \t\u00a0]+")
_SCRIPTS = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_WHITESPACE = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")
_NAVIGATION = "//nav | //header | //footer | //menu | //aside | //*[@role='navigation'] | //a"
_SRCDOC = re.compile(r"<iframe\b[^>]*\bsrcdoc\s*=", re.I)


def sniff(head: bytes) -> bool:
    lowered = head.lstrip()[:1024].lower()
    return any(marker in lowered for marker in _MARKERS)


def read(file: InputFile, settings: Settings) -> Iterator[ReadResult]:
    page, encoding, notice = read_decoded(file, settings.max_markup_bytes)
    if notice:
        yield notice
    yield from page_items(page, file.label, encoding, settings)


def page_items(
    page: str,
    label: str,
    encoding: str,
    settings: Settings,
    *,
    url: str | None = None,
    fetched: str | None = None,
) -> Iterator[ReadResult]:
    """The article of one HTML page (a file, or a crawl record fetched from ``url`` at
    ``fetched``, which is the date when the page names none), or why it has none."""
    too_costly = _too_costly(page, settings.max_article_bytes)
    if too_costly:
        yield Rejection(label, too_costly)
        return
    document = _extract(page)
    text = (document.text or "") if document else ""
    srcdoc = IN_SRCDOC if _SRCDOC.search(page) else ""
    if not text.strip():
        yield Rejection(label, NO_TEXT + srcdoc)
        return
    if only_navigation(page, text):
        yield Rejection(label, ONLY_NAVIGATION + srcdoc)
        return
    yield RawItem(
        source=url or label,
        text=text,
        location=label,
        title=document.title if document else None,
        url=url or (document.url if document else None),
        outlet=document.sitename if document else None,
        published=(document.date if document else None) or fetched,
        encoding=encoding,
        raw=page,
        title_in_text=False,
    )


def _too_costly(page: str, cap: int) -> str | None:
    """Why the page is refused before parsing (parsing costs time and memory in its size)."""
    tags = page.count("<")
    if tags > MAX_TAGS:
        return f"HTML page with more than {MAX_TAGS:,} tags; refused before parsing"
    visible = _WHITESPACE.sub(" ", _TAG.sub("", _SCRIPTS.sub("", page)))
    if len(visible) > cap:
        return f"HTML text larger than the size cap ({cap // 1_000_000} MB; see --max-article-mb)"
    return None


def only_navigation(page: str, text: str) -> bool:
    """True when nearly all letters of the extracted text are link or menu text of the page:
    a front page, a menu, or a page whose article sits where extraction cannot see it."""
    letters = len(_LETTER.findall(text))
    if not letters:
        return True
    try:
        root = lxml.html.document_fromstring(page)
        parts = {_WHITESPACE.sub(" ", e.text_content()).strip() for e in root.xpath(_NAVIGATION)}
    except (ValueError, lxml.etree.LxmlError, RecursionError):
        return False
    parts = {p for p in parts if _LETTER.search(p)}
    if not parts:
        return False
    pattern = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
    rest = re.sub(rf"(?<!\w)(?:{pattern})(?!\w)", " ", _WHITESPACE.sub(" ", text))
    return len(_LETTER.findall(rest)) < _NAVIGATION_SHARE * letters


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
