"""Web Annotation JSON-LD and the quotes CSV: selectors that point at the exact words, and
cells that a spreadsheet cannot run as formulas."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

import quellenlage
from quellenlage.dossier.export_annotations import to_annotations, to_quotes_csv
from quellenlage.dossier.export_md import to_markdown
from quellenlage.dossier.safe_text import terminal_safe, web_url
from quellenlage.web.export import to_html
from tests.conftest import EXAMPLES


def test_annotations_point_at_the_words() -> None:
    result = quellenlage.build_dossier([str(EXAMPLES)])
    collection = json.loads(result.render("annotations"))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    texts = {
        a["url"] or f"urn:quellenlage:article:{a['id']}": a["text"] for a in result.data["articles"]
    }
    assert collection["total"] == len(collection["items"]) > 10
    for annotation in collection["items"]:
        quote, position = annotation["target"]["selector"]
        text = texts[annotation["target"]["source"]]
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text[: position["start"]].endswith(quote["prefix"])


def test_quotes_csv_is_safe_for_spreadsheets(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(
        json.dumps(
            {
                "text": '„=HYPERLINK("http://evil") klick hier bitte“, sagte Anna Berg am Abend.',
                "outlet": "@Verlag",
            }
        )
        + "\n"
    )
    rows = list(
        csv.reader(io.StringIO(quellenlage.build_dossier([str(path)]).render("quotes-csv")))
    )
    assert rows[0] == ["story", "speaker", "kind", "quote", "outlets", "evidence"]
    assert rows[1][1] == "Anna Berg"
    assert rows[1][3].startswith("'=HYPERLINK") and rows[1][4] == "'@Verlag"


def test_claimreview_lists_each_contradiction_with_its_evidence() -> None:
    result = quellenlage.build_dossier([str(EXAMPLES)])
    graph = json.loads(result.render("claimreview"))["@graph"]
    contradictions = [x for story in result.data["stories"] for x in story["contradictions"]]
    assert contradictions and len(graph) == len(contradictions)
    texts = {a["id"]: a["text"] for a in result.data["articles"]}
    for review in graph:
        assert review["@type"] == "ClaimReview"
        assert review["reviewRating"]["alternateName"] == "Contradicted by another source"
        claims = [review["itemReviewed"], *review["isBasedOn"]]
        assert len(claims) >= 2
        for claim in claims:
            for appearance in claim["appearance"]:
                span = appearance["evidence"]
                assert texts[span["article"]][span["start"] : span["end"]] == appearance["text"]


SPOOF = "Nord\u202eesserp"  # displays as "Nordpresse" when the override is written raw
CONTROLS = "A\x00B\x1b[31mC\u2066D\u200bE\x85F"


def hostile_dossier(url: str = "javascript:alert(1)") -> dict[str, Any]:
    """A dossier by hand (no analysis needed): article data full of controls."""
    text = f"{SPOOF} meldet: {CONTROLS} Ende."
    span = {"article": "a1", "start": 0, "end": len(SPOOF), "text": SPOOF}
    return {
        "quellenlage": "0.1.0",
        "articles": [
            {
                "id": "a1",
                "source": f"feed{CONTROLS}",
                "sources": [],
                "url": url,
                "outlet": SPOOF,
                "title": f"Titel {SPOOF}",
                "published": None,
                "published_at": None,
                "language": "de",
                "text": text,
                "excluded": [],
            }
        ],
        "stories": [
            {
                "id": "s1",
                "title": f"Titel {SPOOF}",
                "articles": ["a1"],
                "summary": [{"text": text, "evidence": [span]}],
                "quotes": [
                    {
                        "id": "q1",
                        "speaker": None,
                        "speaker_name": SPOOF,
                        "kind": "direct",
                        "text": CONTROLS,
                        "evidence": [span],
                    }
                ],
                "timeline": [],
                "claims": [],
                "contradictions": [],
                "reuse": [],
            }
        ],
    }


RAW_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b]")


def test_markdown_shows_controls_as_escapes() -> None:
    markdown = to_markdown(hostile_dossier())
    assert not RAW_UNSAFE.search(markdown)
    assert "Nord\\u202eesserp" in markdown and "A\\x00B\\x1b" in markdown


def test_html_shows_controls_and_links_only_inside_the_file() -> None:
    html = to_html(hostile_dossier())
    assert not RAW_UNSAFE.search(html)
    assert "Nord\\u202eesserp" in html and "A\\x00B\\x1b" in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(href.startswith("#") for href in hrefs)  # citations and anchors
    assert '<span class="inert">javascript:alert(1)</span>' in html  # shown, not a link
    assert "<script" not in html


def test_html_links_only_web_urls() -> None:
    assert '<a href="https://x.example/a?b=1&amp;c=2"' in to_html(
        hostile_dossier("https://x.example/a?b=1&c=2")
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,x",
        "https://x.example/\u202egpj.exe",
        "https:///kein-host",
        "ftp://x.example/a",
    ],
)
def test_annotations_source_is_never_a_foreign_scheme(url: str) -> None:
    collection = json.loads(to_annotations(hostile_dossier(url)))
    sources = {item["target"]["source"] for item in collection["items"]}
    assert sources == {"urn:quellenlage:article:a1"}


def test_annotations_keep_web_urls() -> None:
    collection = json.loads(to_annotations(hostile_dossier("https://x.example/1")))
    assert {item["target"]["source"] for item in collection["items"]} == {"https://x.example/1"}


def test_quotes_csv_shows_controls() -> None:
    rows = to_quotes_csv(hostile_dossier()).replace("\r\n", "\n")  # CSV's own line ends
    assert not RAW_UNSAFE.search(rows) and "A\\x00B" in rows


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Nord\u202eesserp", "Nord\\u202eesserp"),
        ("a\x1b[2Jb", "a\\x1b[2Jb"),
        ("zwei\nZeilen\tund\x00", "zwei\\x0aZeilen\\x09und\\x00"),
        ("lone \udc00", "lone \\udc00"),
        ("Grüße 😀 \u200d Stra\u00adße", "Grüße 😀 \u200d Stra\u00adße"),
        (
            "\u2067\u2069\u200e\u200f\u061c\ufeff\x85",
            "\\u2067\\u2069\\u200e\\u200f\\u061c\\ufeff\\x85",
        ),
    ],
)
def test_terminal_safe(text: str, shown: str) -> None:
    assert terminal_safe(text) == shown
    terminal_safe(text).encode("utf-8")  # printable on any UTF-8 terminal


def test_terminal_safe_multiline_keeps_breaks() -> None:
    assert terminal_safe("a\nb\tc\x07", multiline=True) == "a\nb\tc\\x07"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.example/a", "https://x.example/a"),
        ("HTTP://X.EXAMPLE", "HTTP://X.EXAMPLE"),
        ("javascript:alert(1)", None),
        (" https://x.example", None),
        ("https://x.example/\x00", None),
        ("https://[::1", None),
        (None, None),
    ],
)
def test_web_url(url: str | None, expected: str | None) -> None:
    assert web_url(url) == expected
