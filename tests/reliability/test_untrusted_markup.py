"""Untrusted markup in article titles, text, outlet names and URLs renders inert: the Markdown
export, rendered by a permissive Markdown renderer (raw HTML allowed), has no active content."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

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
    return quellenlage.build_dossier([str(folder / "xss.jsonl")]).to_markdown()


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


RAW_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]"
)


@pytest.fixture(scope="module")
def spoofed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Articles whose outlet, title and text carry bidi overrides, NUL and escape sequences,
    and whose URL is a ``javascript:`` URL."""
    folder = tmp_path_factory.mktemp("spoof")
    records = [
        {
            "title": f"Hafen {n}: Nord\u202eesserp meldet",
            "outlet": "Nord\u202eesserp",
            "url": "javascript:alert(1)" if n == 0 else f"https://x.example/{n}",
            "text": f"Der Rat in Emden tagte am Abend {n}. Nord\u202eesserp\x00 und \x1b[2J Ende.",
        }
        for n in range(2)
    ]
    path = folder / "spoof.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["md", "html", "annotations"])
def test_exports_through_the_command_show_no_raw_controls(spoofed: Path, fmt: str) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "quellenlage", "dossier", str(spoofed), "--format", fmt],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    if fmt == "annotations":
        sources = {item["target"]["source"] for item in json.loads(run.stdout)["items"]}
        assert sources and not any(s.lower().startswith("javascript:") for s in sources)
        return
    assert not RAW_CONTROLS.search(run.stdout)
    assert "\\u202e" in run.stdout and "\\x1b" in run.stdout
    assert "NUL character(s) removed from text" in run.stderr  # at ingest, with a notice
    if fmt == "html":
        assert 'href="javascript:' not in run.stdout.lower()
