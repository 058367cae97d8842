"""The linking stages on articles analysed here, as ingest would have stored them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from quellenlage.analyse.article import ArticleAnalysis, analyse_article
from quellenlage.analyse.resources import Resources
from quellenlage.link.claims import story_claims
from quellenlage.link.quotes import story_quotes
from quellenlage.link.timeline import build_timeline
from quellenlage.model import Article, ClaimRecord, Contradiction, QuoteRecord, TimelineEvent
from quellenlage.settings import Settings

RESOURCES = Resources(Settings())  # one per test process, as each worker has one


def analysed(articles: Sequence[Article]) -> list[ArticleAnalysis]:
    return [analyse_article(a, RESOURCES) for a in articles]


def claims_of(articles: Sequence[Article]) -> tuple[list[ClaimRecord], list[Contradiction]]:
    return story_claims(articles, analysed(articles))


def quotes_of(articles: Sequence[Article], entities: Sequence[Any] = ()) -> list[QuoteRecord]:
    return story_quotes(articles, analysed(articles), entities)


def timeline_of(articles: Sequence[Article]) -> list[TimelineEvent]:
    return build_timeline(articles, analysed(articles))
