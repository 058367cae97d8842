"""The HTML export in a real headless Chromium: with XSS vectors as titles, text, outlet names
and URLs, no script runs (the page title stays unchanged) and the rendered DOM has no script
elements, event handlers or javascript: links. Chromium is installed by ``make browser``."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

import quellenlage
from tests.conftest import CHROMIUM_ARGS
from tests.reliability.xss import CANARIES, CANARY, VECTORS

URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "background", "style"}


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("chromium missing: `make test` installs it (make browser)")
    return found


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("html")
    with open(folder / "xss.jsonl", "w", encoding="utf-8") as stream:
        for n, vector in enumerate(VECTORS + CANARIES):
            stream.write(
                json.dumps(
                    {
                        "title": f"Titel {vector}",
                        "text": f"Der Rat tagte am Abend in Kiel {n}. Zitat: {vector} hier. "
                        f"„Das ist {vector} gesagt“, sagte Anna Berg.",
                        "outlet": f"Verlag {vector}",
                        "url": vector if n % 2 else f"https://example.org/{n}?q={vector}",
                        "published": "2026-03-14",
                    }
                )
                + "\n"
            )
    html = folder / "dossier.html"
    html.write_text(
        quellenlage.build_dossier([str(folder / "xss.jsonl")]).to_html(), encoding="utf-8"
    )
    return html


def dump_dom(chromium: str, page: Path, profile: Path) -> str:
    completed = subprocess.run(
        [
            chromium,
            *CHROMIUM_ARGS,
            f"--user-data-dir={profile}",
            "--virtual-time-budget=2000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout


def test_no_script_runs_and_dom_is_inert(chromium: str, page: Path, tmp_path: Path) -> None:
    dom = dump_dom(chromium, page, tmp_path / "profile")
    document = lxml.html.fromstring(dom)
    assert document.findtext(".//title") == "quellenlage dossier"
    assert CANARY not in (document.findtext(".//title") or "")
    assert document.xpath("//script|//iframe|//object|//embed|//svg|//img") == []
    for element in document.iter():
        if isinstance(element.tag, str):
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), (element.tag, name)
                if name.lower() in URL_ATTRIBUTES:  # a tooltip may quote such text, inert
                    assert not value.strip().lower().startswith(("javascript:", "data:"))
    assert "Verlag <script>" in document.text_content()  # shown as text, not run
