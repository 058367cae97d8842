"""Coverage over time: counts per day (or month) and outlet, pygal's SVG made inert, and the
pages in Chromium (chart image loaded from the app itself, the table beside it)."""

from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree
from playwright.sync_api import Page

from quellenlage.web.coverage import CHART_POLICY, MAX_SERIES, chart_svg, count
from tests.web.conftest import Server, screenshot, seed_story

CHART_LOADED = (  # the chart image decoded (a broken image has no natural width)
    "() => { const i = document.querySelector('figure.chart img'); "
    "return i && i.complete && i.naturalWidth > 0; }"
)
HOSTILE = "<script>alert(1)</script>&<img src=x onerror=alert(1)> Nord\u202eesserp"


def test_days_without_gaps_and_the_undated_apart() -> None:
    found = count([("2025-12-01", "A"), ("2025-12-03T10:00:00Z", "B"), (None, "A")], "other")
    assert found.periods == ["2025-12-01", "2025-12-02", "2025-12-03"]
    assert found.series == [("A", [1, 0, 0]), ("B", [0, 0, 1])]
    assert found.undated == 1 and found.total == 2 and not found.by_month
    assert [row[0] for row in found.rows()] == ["2025-12-01", "2025-12-03"]


def test_a_long_range_is_counted_per_month_and_small_outlets_summed() -> None:
    points = [("2024-11-30", f"outlet {n}") for n in range(MAX_SERIES + 3)]
    points += [("2025-04-01", "outlet 0"), ("not a day", "outlet 0")]
    found = count(points, "other")
    assert found.by_month and found.periods[0] == "2024-11" and found.periods[-1] == "2025-04"
    assert len(found.periods) == 6
    assert len(found.series) == MAX_SERIES and found.series[-1][0] == "other"
    assert found.series[0] == ("outlet 0", [1, 0, 0, 0, 0, 1])
    assert found.total == MAX_SERIES + 4 and found.undated == 1


def test_the_svg_is_inert_and_its_labels_escaped() -> None:
    svg = chart_svg(count([("2025-12-01", HOSTILE)], "other"), HOSTILE, "Artikel")
    tree = etree.fromstring(svg.encode())
    assert not [node for node in tree.iter() if str(node.tag).endswith("script")]
    assert "<script" not in svg and "onerror=" not in svg.replace("onerror=alert", "")
    assert "<img" not in svg and "\u202e" not in svg and "\\u202e" in svg
    texts = "".join(tree.itertext())
    assert "<script>alert(1)</script>&<img" in texts  # shown as text, not markup
    assert "kozea.github.io" not in svg and "pygal-tooltips" not in svg


@pytest.mark.seeds
def test_story_entity_and_query_coverage_in_chromium(page: Page, server: Server) -> None:
    document = seed_story(server)
    story = document["stories"][0]
    page.goto(f"{server.base}/stories/{story['id']}")
    page.locator("main a", has_text="Berichterstattung im Zeitverlauf").first.click()
    page.wait_for_url(f"{server.base}/stories/{story['id']}/coverage")
    page.wait_for_function(CHART_LOADED)
    screenshot(page, "coverage")
    days = Counter(a["published"][:10] for a in document["articles"] if a["published"])
    rows = page.locator("table.coverage tbody tr").all_inner_texts()
    shown = {row.split("\t")[0]: int(row.split("\t")[-1]) for row in rows}
    assert shown == dict(days)
    status, svg, headers = server.get(f"/stories/{story['id']}/coverage.svg")
    assert status == 200 and headers["content-type"].startswith("image/svg+xml")
    assert headers["content-security-policy"] == CHART_POLICY and b"<script" not in svg
    entity = story["entities"][0]["id"]
    page.goto(f"{server.base}/entities/{entity}")
    page.locator("main a", has_text="Berichterstattung im Zeitverlauf").click()
    assert page.locator("table.coverage tbody tr").count() >= 1
    page.goto(f"{server.base}/?text=Pokrowsk")
    page.locator("main a", has_text="Berichterstattung im Zeitverlauf").click()
    assert "Pokrowsk" in page.locator("h1").inner_text()
    assert page.locator("table.coverage tbody tr").count() >= 1
    page.wait_for_function(CHART_LOADED)
