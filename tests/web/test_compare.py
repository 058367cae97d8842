"""The compare page in Chromium: reached from the story page, two articles side by side,
every shared passage of the dossier marked in both, differing figures marked, and each mark
a link to exactly its span in the article view."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from quellenlage.model import Evidence, Figure, story_from_json
from quellenlage.web.compare import Comparison, Mark, compare, differing_figures, runs
from tests.web.conftest import MARKED, Server, screenshot, seed_story

pytestmark = pytest.mark.seeds
MARKS = (
    "sel => Array.from(document.querySelectorAll(sel))"
    ".map(a => [a.getAttribute('href'), a.textContent])"
)


def joined(found: list[list[str]]) -> dict[str, str]:
    """Each link's whole marked text (a mark cut by another one is several links)."""
    texts: dict[str, str] = {}
    for href, text in found:
        texts[href] = texts.get(href, "") + text
    return texts


def mark_article(comparison: Comparison, mark: Mark) -> str:
    return next(article for article, marks in comparison.marks.items() if mark in marks)


def test_compare_marks_shared_passages_and_differing_figures(page: Page, server: Server) -> None:
    document = seed_story(server)
    story = document["stories"][0]
    texts = {a["id"]: a["text"] for a in document["articles"]}
    reuse = max(story["reuse"], key=lambda r: r["share"])
    page.goto(f"{server.base}/stories/{story['id']}")
    page.locator("section[aria-labelledby=reuse-h] a.compare-link").first.click()
    page.wait_for_url(re.compile(r"/compare\?a=\w+&b=\w+"))
    assert page.locator(".compare-column").count() == 2
    screenshot(page, "compare")
    expected = compare(story_from_json(story), *reuse["articles"])
    links = joined(page.evaluate(MARKS, "a.marked"))
    for passage in reuse["passages"]:
        for span in (passage["a"], passage["b"]):
            href = f"/articles/{span['article']}?span={span['start']}-{span['end']}"
            shown = [text for link, text in links.items() if link.startswith(href + "#")]
            words = texts[span["article"]][span["start"] : span["end"]]
            cut = any(  # a figure inside the passage links to the figure
                m.kind == "figure" and span["start"] <= m.start and m.end <= span["end"]
                for m in expected.marks[span["article"]]
            )
            assert shown == [words] or (cut and len(shown) == 1 and shown[0] in words)
    figures = [m for marks in expected.marks.values() for m in marks if m.kind == "figure"]
    assert figures, "the seed pair differs in a figure (hours of the meeting)"
    shown_figures = joined(page.evaluate(MARKS, "a.marked.figure"))
    assert len(shown_figures) == len(figures)
    for mark in figures:
        assert mark.note and texts[mark_article(expected, mark)][mark.start : mark.end] in (
            shown_figures.values()
        )
    assert any("drei Stunden" in text for text in shown_figures.values()), shown_figures
    listed = page.locator("section[aria-labelledby=figures-h] article.contradiction")
    assert listed.count() == len(expected.contradictions)
    href, text = next((h, t) for h, t in shown_figures.items() if "drei Stunden" in t)
    page.locator(f'a.marked.figure[href="{href}"]').first.click()
    page.wait_for_url(re.compile(re.escape(href.split("#")[0])))
    assert page.evaluate(MARKED) == text


def test_compare_of_articles_outside_the_story_is_refused(server: Server) -> None:
    story = seed_story(server)["stories"][0]
    status, body, _ = server.get(f"/stories/{story['id']}/compare?a=nope&b={story['articles'][0]}")
    assert status == 400 and b"<script" not in body


def figure(value: float, unit: str, start: int) -> Figure:
    return Figure(value, unit, False, f"{value} {unit}", Evidence("a", start, start + 3, ""))


def test_a_figure_differs_only_against_the_same_unit() -> None:
    ours = [figure(3, "Stunden", 0), figure(5, "Prozent", 10), figure(7, "Tage", 20)]
    theirs = [figure(5, "stunden", 0), figure(5, "Prozent", 10)]
    differing = differing_figures(ours, theirs)
    assert [(f.value, [o.value for o in other]) for f, other in differing] == [(3, [5])]


def test_a_run_under_two_marks_links_to_the_inner_one() -> None:
    marks = [Mark(0, 10, "shared", "x"), Mark(4, 6, "figure", "y")]
    cut = runs("a1", "0123456789AB", marks)
    assert [(r.text, r.kinds) for r in cut] == [
        ("0123", ("shared",)),
        ("45", ("figure", "shared")),
        ("6789", ("shared",)),
        ("AB", ()),
    ]
    assert cut[1].href == "/articles/a1?span=4-6#m-4-6" and cut[3].href is None
