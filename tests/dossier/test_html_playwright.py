"""The HTML export of the examples story, opened in Debian's headless Chromium driven by
Playwright (Chromium is installed by ``make browser``; Playwright only drives it).

Checks what a reader sees: the story page's sections, the claims × outlets matrix, the
entity table, and that every citation is a link inside the file whose target highlights
exactly the evidence text the JSON contract points at (by CSS alone). The page is
self-contained: it makes no request besides its own file and runs no script.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

import quellenlage
from quellenlage.web.export import to_html
from quellenlage.web.present import named_source
from tests.conftest import EXAMPLES

HIGHLIGHTED = """() => {
  const id = location.hash.slice(1);
  const runs = Array.from(document.getElementsByClassName(id));
  const marked = runs.filter(r => getComputedStyle(r).backgroundColor !== 'rgba(0, 0, 0, 0)');
  return [runs.map(r => r.textContent).join(''), marked.length === runs.length && runs.length > 0];
}"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    result = quellenlage.build_dossier([str(EXAMPLES)])
    page = tmp_path_factory.mktemp("html") / "dossier.html"
    page.write_text(to_html(result.data), encoding="utf-8")
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
    headings = page.locator("h2").all_inner_texts()
    for section in ("Summary", "Claims × outlets", "Who is involved", "Quotes by speaker"):
        assert section in headings
    story = data["stories"][0]
    articles = {a["id"]: a for a in data["articles"]}
    outlets = {  # an article without an outlet is named by its URL's host or its number
        named_source(n, i, articles[i]["outlet"], articles[i]["url"], "", None).outlet
        for n, i in enumerate(story["articles"], 1)
    }
    matrix = page.locator("table.matrix").first
    assert matrix.locator("thead th").count() == 1 + len(outlets)
    assert matrix.locator("td.yes").count() >= 2
    texts = {a["id"]: a["text"] for a in data["articles"]}
    numbers = {n: aid for n, aid in enumerate(story["articles"], 1)}
    cites = page.locator("article.story").first.locator("a.cite")
    shown = cites.evaluate_all("cs => cs.map(c => c.getAttribute('href'))")
    assert len(shown) > 20 and all(href.startswith("#d1-t") for href in shown)
    for href in sorted(set(shown))[:: max(1, len(set(shown)) // 12)]:  # a dozen, spread out
        number, start, end = (int(part) for part in href.removeprefix("#d1-t").split("-"))
        page.locator(f'a.cite[href="{href}"]').first.click()
        assert page.evaluate("() => location.hash") == href
        words, all_marked = page.evaluate(HIGHLIGHTED)
        assert words == texts[numbers[number]][start:end] and all_marked, href
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
