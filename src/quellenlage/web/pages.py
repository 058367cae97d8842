"""The HTML pages: story list, story (the dossier, and "ask"), article with a highlighted
span, search and entity. Each is a read of the archive; each has a JSON twin in ``rest``."""

from __future__ import annotations

import math
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from quellenlage.api import QueryError
from quellenlage.archive import Archive
from quellenlage.dossier.records import StoryDossier
from quellenlage.dossier.safe_text import web_url
from quellenlage.model import Article
from quellenlage.web import compare, present
from quellenlage.web.ask import Answer, Asker
from quellenlage.web.params import SORTS, Listing, archive_of
from quellenlage.web.render import render

router = APIRouter(include_in_schema=False)
ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")


@router.get("/", response_class=HTMLResponse)
def story_list(
    request: Request,
    where: Listing,
    sort: str = "size",
    page: int = Query(1, ge=1, le=1_000_000),
) -> HTMLResponse:
    size = request.app.state.config.page_size
    sort = sort if sort in SORTS else "size"  # a page forgives an unknown sort; the API refuses
    found = archive_of(request).stories(where, sort, size, (page - 1) * size)
    pages = max(1, math.ceil(found.total / size))
    return render(
        request,
        "stories.html",
        {"found": found, "page": page, "pages": pages, "sort": sort, "form": where},
    )


def load_story(archive: Archive, story_id: str) -> tuple[Any, StoryDossier]:
    number = present.story_number(story_id)
    row = archive.story(number) if number is not None else None
    if row is None or number is None:
        raise HTTPException(404, "no such story")
    return row, archive.dossier(number)


def story_articles(archive: Archive, story: StoryDossier) -> list[Article]:
    by_id = {a.id: a for a in archive.store.articles(story.articles)}
    return [by_id[i] for i in story.articles if i in by_id]


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str, q: str | None = None) -> HTMLResponse:
    archive = archive_of(request)
    row, story = load_story(archive, story_id)
    named = present.sources(story_articles(archive, story))
    answers: list[Answer] | None = None
    if q and q.strip():
        asker: Asker = request.app.state.asker
        answers = asker.ask(archive, story.articles, q)

    def cite(evidence: Any) -> list[present.Citation]:
        return present.citations(evidence, named)

    entities = sorted(
        (e for e in story.entities if e.type in ENTITY_TYPES),
        key=lambda e: (ENTITY_TYPES.index(e.type), -len(e.mentions), e.name),
    )
    context = {
        "row": row,
        "story": story,
        "named": named,
        "cite": cite,
        "entities": entities,
        "speakers": present.quotes_by_speaker(story, named),
        "matrix": present.claims_matrix(story, named),
        "dots": present.timeline_dots([event.date for event in story.timeline]),
        "question": q or "",
        "answers": answers,
        "answer_cites": lambda answer: [
            present.Citation(
                present.cite_href(h.article_id, h.start, h.end),
                h.article_id,
                h.start,
                h.end,
                answer.text,
                named[h.article_id].outlet if h.article_id in named else h.article_id,
                named[h.article_id].number if h.article_id in named else 0,
            )
            for h in answer.hits
        ],
    }
    return render(request, "story.html", context)


@router.get("/stories/{story_id}/compare", response_class=HTMLResponse)
def compare_page(
    request: Request, story_id: str, a: str | None = None, b: str | None = None
) -> HTMLResponse:
    """Two articles of the story side by side (``a``, ``b``; by default the pair that
    shares the most), their shared passages and differing figures marked."""
    archive = archive_of(request)
    row, story = load_story(archive, story_id)
    articles = {article.id: article for article in story_articles(archive, story)}
    named = present.sources(list(articles.values()))
    pair = (a, b) if a and b else compare.default_pair(story)
    if pair and (pair[0] not in articles or pair[1] not in articles or pair[0] == pair[1]):
        raise HTTPException(400, "a and b must be two different articles of this story")
    columns = []
    comparison = None
    if pair:
        comparison = compare.compare(story, *pair)
        for article_id in pair:
            article = articles[article_id]
            marks = comparison.marks[article_id]
            columns.append(
                (named[article_id], article, compare.runs(article_id, article.text, marks))
            )
    context = {
        "row": row,
        "story": story,
        "named": named,
        "pair": pair,
        "columns": columns,
        "comparison": comparison,
        "cite": lambda evidence: present.citations(evidence, named),
    }
    return render(request, "compare.html", context)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, span: str | None = None) -> HTMLResponse:
    archive = archive_of(request)
    article = archive.article(article_id) if len(article_id) <= 64 else None
    if article is None:
        raise HTTPException(404, "no such article")
    marked = present.parse_span(span, len(article.text))
    excluded = [(x.start, x.end, x.kind) for x in article.excluded]
    story_number = archive.store.assignments([article.id]).get(article.id)
    statements: list[present.Statement] = []
    if story_number is not None:
        statements = present.statements_citing(archive.dossier(story_number), article.id)
    context = {
        "article": article,
        "label": present.article_label(article),
        "url": web_url(article.url),
        "sources": [(s, web_url(s.url)) for s in article.sources],
        "pieces": present.pieces(article.text, excluded, marked),
        "span": marked,
        "bad_span": span is not None and marked is None,
        "story_number": story_number,
        "statements": statements,
    }
    return render(request, "article.html", context)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str | None = None) -> HTMLResponse:
    archive = archive_of(request)
    hits = []
    error = None
    if q and q.strip():
        try:
            found = archive.search(q[:500], 50)
        except QueryError as failure:
            found, error = [], str(failure)
        titles = {a.id: a for a in archive.store.articles(sorted({h.article_id for h in found}))}
        for hit in found:
            article = titles.get(hit.article_id)
            title = present.article_label(article) if article else hit.article_id
            hits.append((hit, title, present.cite_href(hit.article_id, hit.start, hit.end)))
    status = 400 if error else 200
    return render(request, "search.html", {"q": q or "", "hits": hits, "error": error}, status)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str) -> HTMLResponse:
    archive = archive_of(request)
    rows = archive.entity(entity_id[:100])
    if not rows:
        raise HTTPException(404, "no such entity")
    stories = []
    for row in rows:
        story = archive.story(row.story_id)
        dossier = archive.dossier(row.story_id)
        named = present.sources(story_articles(archive, dossier))
        quotes = [
            (quote.kind, quote.text, present.citations(quote.evidence, named))
            for quote in dossier.quotes
            if quote.speaker == row.entity_id
        ]
        stories.append((row, story, quotes))
    variants = sorted({v for row in rows for v in (row.name, *row.variants)})
    context = {"entity": rows[0], "variants": variants, "stories": stories}
    return render(request, "entity.html", context)
