"""Timeline: dated events with evidence, undated articles read against the story's date."""

from __future__ import annotations

from quellenlage.model import Article, RawItem
from quellenlage.pipeline import build_article
from quellenlage.settings import Settings
from tests.link.helpers import timeline_of


def article(text: str, published: str | None) -> Article:
    built = build_article(RawItem("t", text, "t", published=published), Settings())
    assert isinstance(built, Article)
    return built


def test_events_merge_and_inferred_dates() -> None:
    dated = article(
        "Die Brücke wurde am Dienstag gesperrt. Am Mittwoch kamen Prüfer.", "2025-12-03"
    )
    undated = article("Die Brücke wurde am Dienstag gesperrt, heißt es.", None)
    timeline = timeline_of([dated, undated])
    assert [(e.date, len(e.evidence), e.inferred) for e in timeline] == [
        ("2025-12-02", 2, False),
        ("2025-12-03", 1, False),
    ]
    span = timeline[0].evidence[1]
    assert undated.text[span.start : span.end].startswith("Die Brücke wurde am Dienstag")


def test_undated_story_keeps_relative_dates_open() -> None:
    assert timeline_of([article("Sie kamen am Dienstag.", None)]) == []


def test_seed_tuesday_events(seed_texts: dict[str, str]) -> None:
    articles = [build_article(RawItem(k, seed_texts[k], k), Settings()) for k in sorted(seed_texts)]
    timeline = timeline_of([a for a in articles if isinstance(a, Article)])
    tuesday = [e for e in timeline if e.date == "2025-12-02"]
    assert len(tuesday) >= 3
    assert any(e.inferred for e in tuesday)  # undated seeds read against 2025-12-03
