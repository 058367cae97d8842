"""Untrusted markup in article titles, text, outlet names and URLs renders inert: the Markdown
export, rendered by a permissive Markdown renderer (raw HTML allowed), has no active content."""

from __future__ import annotations

import json

import lxml.html
import pytest
from markdown_it import MarkdownIt

import quellenlage
from tests.reliability.xss import VECTORS

ACTIVE_TAGS = {
    "script",
    "img",
    "svg",
    "iframe",
    "object",
    "embed",
    "meta",
    "link",
    "form",
    "input",
    "details",
    "video",
    "source",
    "style",
    "body",
    "math",
    "button",
}


@pytest.fixture(scope="module")
def markdown(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("xss")
    with open(folder / "xss.jsonl", "w", encoding="utf-8") as stream:
        for n, vector in enumerate(VECTORS):
            stream.write(
                json.dumps(
                    {
                        "title": f"Titel {vector}",
                        "text": f"Der Rat tagte am Abend in Kiel {n}. Zitat: {vector} hier.",
                        "outlet": f"Verlag {vector}",
                        "url": vector,
                    }
                )
                + "\n"
            )
    return quellenlage.dossier([str(folder / "xss.jsonl")]).to_markdown()


def test_at_least_thirty_vectors() -> None:
    assert len(VECTORS) >= 30


def test_markdown_renders_inert(markdown: str) -> None:
    html = MarkdownIt("commonmark", {"html": True, "linkify": False}).render(markdown)
    document = lxml.html.fromstring(f"<div>{html}</div>")
    tags = {element.tag for element in document.iter() if isinstance(element.tag, str)}
    assert not tags & ACTIVE_TAGS, tags & ACTIVE_TAGS
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert "javascript:" not in value.lower().replace("\t", ""), (element.tag, value)
            assert not value.lower().startswith("data:"), (element.tag, value)


def test_vectors_visible_as_text(markdown: str) -> None:
    html = MarkdownIt("commonmark", {"html": True}).render(markdown)
    text = lxml.html.fromstring(f"<div>{html}</div>").text_content()
    assert "<script>alert(1)</script>" in text  # shown to the reader, not run


def test_markdown_raw_has_no_unescaped_angle_brackets(markdown: str) -> None:
    assert "<" not in markdown and ">" not in markdown
