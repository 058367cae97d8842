"""The web UI in Debian's headless Chromium (driven by Playwright) against a real server with
the seed articles: story list → story → a claim's citation → the article with exactly that
span highlighted (also after the emoji), search, ask, English, and phone width."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.web.conftest import MARKED, Server, screenshot, seed_story

pytestmark = pytest.mark.seeds


def after_astral(document: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A claim whose evidence lies after a character outside the BMP (an emoji: two UTF-16
    units in the browser, one code point in Python)."""
    texts = {a["id"]: a["text"] for a in document["articles"]}
    for claim in document["stories"][0]["claims"]:
        for span in claim["evidence"]:
            before = texts[span["article"]][: span["start"]]
            if any(ord(char) > 0xFFFF for char in before):
                return claim["id"], span
    raise AssertionError("no claim evidence after an astral character in the seeds")


def test_story_list_story_and_citations_land_on_the_exact_span(page: Page, server: Server) -> None:
    document = seed_story(server)
    story = document["stories"][0]
    texts = {a["id"]: a["text"] for a in document["articles"]}
    page.goto(server.base + "/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").inner_text() == "Geschichten"
    screenshot(page, "stories")
    page.locator("table.stories a", has_text=story["title"]).click()
    page.wait_for_url(re.compile(r"/stories/s\d+$"))
    headings = page.locator("h2").all_inner_texts()
    for section in ("Zusammenfassung", "Beteiligte", "Zitate nach Sprecher", "Aussagen × Medien"):
        assert section in headings
    screenshot(page, "story")
    story_url = page.url
    _, late = after_astral(document)
    first = story["claims"][0]["evidence"][0]
    for span in (first, late):
        href = f"/articles/{span['article']}?span={span['start']}-{span['end']}"
        page.locator(f'table.matrix a.cite[href^="{href}#"]').first.click()
        page.wait_for_url(re.compile(re.escape(href)))
        expected = texts[span["article"]][span["start"] : span["end"]]
        assert page.evaluate(MARKED) == expected == span["text"]
        target = page.evaluate("() => document.querySelector(':target')?.tagName")
        assert target == "MARK"
        assert page.locator("aside.cited li.current").count() >= 1
        screenshot(page, "article")
        page.goto(story_url)


def test_noise_is_greyed_and_other_statements_are_links(page: Page, server: Server) -> None:
    document = seed_story(server)
    noisy = next(a for a in document["articles"] if a["excluded"])
    page.goto(f"{server.base}/articles/{noisy['id']}")
    greyed = page.locator(".article-text .noise").all_inner_texts()
    kept = noisy["excluded"][0]
    assert noisy["text"][kept["start"] : kept["end"]] in greyed
    links = page.locator("aside.cited a")
    assert links.count() > 3
    links.first.click()
    assert page.evaluate(MARKED)


def test_search_links_to_the_highlighted_sentence(page: Page, server: Server) -> None:
    page.goto(server.base + "/search")
    page.fill("#q", "Pokrowsk")
    page.locator("main form button").click()
    hits = page.locator("ol.hits a")
    assert hits.count() >= 1
    sentence = hits.first.inner_text()
    assert "Pokrowsk" in sentence
    screenshot(page, "search")
    hits.first.click()
    assert page.evaluate(MARKED) == sentence


def test_ask_gives_a_cited_sentence_about_the_duration(page: Page, server: Server) -> None:
    story_id = seed_story(server)["stories"][0]["id"]
    page.goto(f"{server.base}/stories/{story_id}")
    page.fill("#q", "Wie lange dauerte das Treffen?")
    page.locator(".ask button").click()
    answers = page.locator("ol.answers > li")
    assert answers.count() >= 1
    top = answers.all_inner_texts()[:3]
    assert any("Stunden" in answer and "dauert" in answer for answer in top), top
    screenshot(page, "ask")
    best = next(i for i, a in enumerate(top) if "Stunden" in a and "dauert" in a)
    quoted = answers.nth(best).locator("q").inner_text()
    answers.nth(best).locator("a.cite").first.click()
    assert page.evaluate(MARKED) == quoted


def test_english_by_switch_and_by_accept_language(
    page: Page, server: Server, browser: Browser
) -> None:
    page.goto(server.base + "/")
    page.locator("a.lang").click()
    assert page.locator("h1").inner_text() == "Stories"
    page.goto(server.base + "/search")  # the choice is kept (cookie)
    assert page.locator("h1").inner_text() == "Search"
    assert page.locator("html").get_attribute("lang") == "en"
    screenshot(page, "english")
    page.locator("a.lang").click()
    assert page.locator("h1").inner_text() == "Suche"
    context = browser.new_context(locale="en-GB")
    english = context.new_page()
    english.goto(server.base + "/")
    assert english.locator("h1").inner_text() == "Stories"
    context.close()


def test_phone_width_has_no_sideways_scroll(browser: Browser, server: Server) -> None:
    story_id = seed_story(server)["stories"][0]["id"]
    context = browser.new_context(viewport={"width": 375, "height": 800})
    phone = context.new_page()
    for path in ("/", f"/stories/{story_id}", "/search?q=Pokrowsk"):
        phone.goto(server.base + path)
        width = phone.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 376, (path, width)
    screenshot(phone, "story-375")
    phone.keyboard.press("Tab")
    focused = phone.evaluate("() => document.activeElement.className")
    assert focused == "skip"
    context.close()
