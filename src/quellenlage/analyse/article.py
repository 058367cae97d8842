"""Stage 3 as one record per article: what ``quellenlage analyse`` prints (offsets into the
article's ``text``, as in the dossier contract)."""

from __future__ import annotations

from typing import Any

from quellenlage.analyse.dates import find_dates
from quellenlage.analyse.ner import Entity
from quellenlage.analyse.numbers import find_numbers
from quellenlage.analyse.quotes import find_quotes
from quellenlage.lang import get_language
from quellenlage.model import Article


def analyse_article(article: Article, entities: list[Entity]) -> dict[str, Any]:
    language = get_language(article.language)
    text = article.text
    return {
        "id": article.id,
        "source": article.source,
        "published": article.published,
        "entities": [e.to_json(text) for e in entities],
        "quotes": [q.to_json(text) for q in find_quotes(article, language)],
        "numbers": [n.to_json(text) for n in find_numbers(article, language)],
        "dates": [d.to_json(text) for d in find_dates(article, language)],
    }
