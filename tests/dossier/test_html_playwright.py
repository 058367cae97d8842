"""The HTML export of the examples story, opened in Debian's headless Chromium driven by
Playwright (Chromium is installed by ``make browser``; Playwright only drives it).

Checks what a reader sees: every section, the claims × articles matrix, the entity table,
and that each citation shows exactly the evidence text the JSON contract points at. The page
is self-contained: it makes no request besides its own file and runs no script.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

import quellenlage
from tests.conftest import EXAMPLES

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.fail("chromium missing: `make test` installs it (make browser)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    result = quellenlage.dossier([str(EXAMPLES)])
    page = tmp_path_factory.mktemp("html") / "dossier.html"
    page.write_text(result.to_html(), encoding="utf-8")
    return page, result.data


def test_sections_matrix_and_citations_in_chromium(
    browser: Browser, exported: tuple[Path, dict[str, Any]]
) -> None:
    path, data = exported
    page = browser.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: errors.append(dialog.message))
    page.goto(path.as_uri())
    assert page.title() == "quellenlage dossier"
    headings = page.locator("h3").all_inner_texts()
    for section in (
        "Summary",
        "Claims × articles",
        "Who and what is involved",
        "Quotes",
        "Timeline",
    ):
        assert section in headings
    story = data["stories"][0]
    matrix = page.locator("table", has=page.locator("th", has_text="claim")).first
    assert matrix.locator("tr").first.locator("th").count() == 1 + len(story["articles"])
    assert matrix.locator("td.yes").count() >= 2
    texts = {a["id"]: a["text"] for a in data["articles"]}
    first_story = page.locator("section").first
    shown = first_story.locator("span.cite").evaluate_all(
        "cs => cs.map(c => [c.textContent, c.title])"
    )
    assert len(shown) > 20
    numbers = {n: aid for n, aid in enumerate(story["articles"], 1)}
    for label, evidence in shown:
        found = re.fullmatch(r"\[(\d+): (\d+)–(\d+)\]", label)
        assert found, label
        number, start, end = (int(g) for g in found.groups())
        assert texts[numbers[number]][start:end] == evidence
    assert requests == [path.as_uri()]
    assert errors == []
    assert page.locator("script").count() == 0


def test_entity_table_shows_one_person_across_spellings(
    browser: Browser, exported: tuple[Path, dict[str, Any]]
) -> None:
    path, _ = exported
    page = browser.new_page()
    page.goto(path.as_uri())
    rows = page.locator("table.entities tr", has_text="Kovalchuk").all_inner_texts()
    assert len(rows) == 1, rows
    assert "Kowaltschuk" in rows[0] and "PER" in rows[0]
