"""Claims with their support across outlets, and contradictions with explanations."""

from __future__ import annotations

from typing import Any

import pytest

from quellenlage.model import Article, RawItem
from quellenlage.pipeline import build_article
from quellenlage.settings import Settings
from tests.conftest import EXAMPLES
from tests.link.helpers import claims_of


def article(text: str, source: str) -> Article:
    built = build_article(RawItem(source, text, source), Settings())
    assert isinstance(built, Article)
    return built


@pytest.fixture(scope="module")
def seed_story(seed_texts: dict[str, str]) -> tuple[list[Article], list[Any], list[Any]]:
    articles = [article(seed_texts[k], k) for k in sorted(seed_texts)]
    claims, contradictions = claims_of(articles)
    return articles, claims, contradictions


def supported(claims: list[Any], articles: list[Article], *phrases: str) -> set[str]:
    """Sources of the claim whose evidence contains all phrases in some member."""
    by_id = {a.id: a for a in articles}
    for claim in claims:
        texts = [by_id[e["article"]].text[e["start"] : e["end"]] for e in claim["evidence"]]
        if any(all(p in t for p in phrases) for t in texts):
            return {by_id[e["article"]].source for e in claim["evidence"]}
    return set()


def test_seed_claims_with_support(seed_story: tuple[list[Article], list[Any], list[Any]]) -> None:
    articles, claims, _ = seed_story
    assert supported(claims, articles, "drei Stunden") >= {"000", "002"}
    assert supported(claims, articles, "sechsten Mal") >= {"002", "004"}
    assert supported(claims, articles, "Zum ersten Mal", "Kushner") == {"003", "004"}
    assert len(supported(claims, articles, "fünf Stunden")) >= 2


def test_seed_contradiction_about_further_talks(
    seed_story: tuple[list[Article], list[Any], list[Any]],
) -> None:
    _, _, contradictions = seed_story
    polarity = [x for x in contradictions if x["explanation"].startswith("polarity")]
    assert len(polarity) == 1 and "weiteres Treffen geplant" in polarity[0]["explanation"]
    assert sum(x["explanation"].startswith("disputed") for x in contradictions) == 3


def test_single_source_claims_stay(seed_story: tuple[list[Article], list[Any], list[Any]]) -> None:
    _, claims, _ = seed_story
    assert any(c["single_source"] for c in claims)
    assert all(not c["single_source"] for c in claims if len(c["evidence"]) > 1)


def test_example_figure_contradiction() -> None:
    names = ["brueckenwatch-blog.md", "kuestenbote-hafenbruecke.txt"]
    articles = [article((EXAMPLES / n).read_text(encoding="utf-8"), n) for n in names]
    _, contradictions = claims_of(articles)
    [figures] = [x for x in contradictions if x["explanation"].startswith("different figures")]
    assert "31.000" in figures["explanation"] and "24.000" in figures["explanation"]
