"""The one place that knows the order of the per-article stages.

1. ingest   (``ingest``)   read and decode; a RawItem per article
2. clean    (``clean``)    scrape noise as excluded spans; title and date from the text
3. analyse  (``analyse``)  sentences and tokens outside the noise
Cross-article stages (grouping into stories, the dossier) run in ``api`` over stored articles.
"""

from __future__ import annotations

from quellenlage.analyse.sentences import split_sentences
from quellenlage.clean.metadata import publication_date, title_line
from quellenlage.clean.noise import mark_noise
from quellenlage.lang import get_language, guess_language
from quellenlage.model import Article, RawItem, Rejection, Source, article_id
from quellenlage.settings import Settings

_LANGUAGE_SAMPLE = 5000


def build_article(item: RawItem, settings: Settings) -> Article | Rejection:
    """Stages 2–3 for one item; a Rejection when the item yields no article."""
    text = item.text
    if not text.strip():
        return Rejection(item.location, "empty or whitespace-only text")
    if len(text) > settings.max_article_bytes:
        return Rejection(item.location, "text larger than the per-article size cap")
    code = guess_language(text[:_LANGUAGE_SAMPLE]) or settings.default_language
    language = get_language(code)
    excluded = mark_noise(text, language)
    title = item.title or (title_line(text, excluded) if item.title_in_text else None)
    published_at, published_day = publication_date(item.published, text, excluded, language)
    article = Article(
        id=article_id(text),
        text=text,
        source=item.source,
        sources=[],
        title=title.strip() if title else None,
        url=item.url,
        outlet=item.outlet,
        published_at=published_at,
        published_day=published_day,
        language=language.code,
        encoding=item.encoding,
        raw=item.raw,
        excluded=excluded,
        sentences=split_sentences(text, excluded, language),
    )
    article.sources.append(Source(item.source, item.outlet, item.url, article.published))
    return article
