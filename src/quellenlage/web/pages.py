"""The HTML pages: story list, story (the dossier, and "ask"), article with a highlighted
span, search and entity. Each is a read of the archive; each has a JSON twin in ``rest``."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from quellenlage.api import Filter, QueryError
from quellenlage.archive import Archive
from quellenlage.dossier.safe_text import web_url
from quellenlage.model import Article, StoryDossier
from quellenlage.web import compare, coverage, present
from quellenlage.web.ask import Answer, Asker
from quellenlage.web.i18n import translator
from quellenlage.web.params import SORTS, Listing, archive_of, filter_query
from quellenlage.web.render import language, render

router = APIRouter(include_in_schema=False)


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
        {
            "found": found,
            "page": page,
            "pages": pages,
            "sort": sort,
            "form": where,
            "coverage_query": filter_query(where),
        },
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

    entities = present.shown_entities(story)
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
        "links": present.WEB_LINKS,
        "p": "",
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


QUERY_COVERAGE_CAP = 5_000  # articles counted for a query (the newest)
PAGE = 500


@dataclass(frozen=True, slots=True)
class CoverageSubject:
    """What one coverage chart is about: its heading, the page it belongs to, the counts."""

    heading: str
    back: str  # the page of the story, entity or query
    coverage: coverage.Coverage
    axis: str  # message key of the counted thing: articles or mentions
    capped: bool = False


def _outlet_label(outlet: str | None, url: str | None, unknown: str) -> str:
    link = web_url(url)
    return outlet or (urlsplit(link).hostname if link else None) or unknown


def query_subject(request: Request, where: Filter) -> CoverageSubject:
    archive = archive_of(request)
    t = translator(language(request)[0])
    unknown = t("unknown_outlet")
    points: list[tuple[str | None, str]] = []
    total = 0
    for offset in range(0, QUERY_COVERAGE_CAP, PAGE):
        found = archive.articles(where, PAGE, offset)
        total = found.total
        points += [(a.published, _outlet_label(a.outlet, a.url, unknown)) for a in found.items]
        if offset + PAGE >= total:
            break
    query = filter_query(where)
    heading = " · ".join(f"{t(k)}: {v}" for k, v in asdict(where).items() if v) or t("all_articles")
    counted = coverage.count(points, t("other_outlets"))
    return CoverageSubject(
        heading, f"/?{query}".rstrip("?"), counted, "articles", total > len(points)
    )


def story_subject(request: Request, story_id: str) -> CoverageSubject:
    archive = archive_of(request)
    t = translator(language(request)[0])
    row, story = load_story(archive, story_id)
    articles = story_articles(archive, story)
    named = present.sources(articles)
    points = [(a.published, named[a.id].outlet) for a in articles]
    counted = coverage.count(points, t("other_outlets"))
    return CoverageSubject(row.title or story.id, f"/stories/{story.id}", counted, "articles")


def entity_subject(request: Request, entity_id: str) -> CoverageSubject:
    """Mentions per day of an entity across its stories, by the outlet that mentions it."""
    archive = archive_of(request)
    t = translator(language(request)[0])
    rows = archive.entity(entity_id[:100])
    if not rows:
        raise HTTPException(404, "no such entity")
    mentions: list[str] = []
    for row in rows:
        for entity in archive.dossier(row.story_id).entities:
            if entity.id == row.entity_id:
                mentions += [span.article for span in entity.mentions]
    articles = {a.id: a for a in archive.store.articles(sorted(set(mentions)))}
    unknown = t("unknown_outlet")
    points = [
        (articles[i].published, _outlet_label(articles[i].outlet, articles[i].url, unknown))
        for i in mentions
        if i in articles
    ]
    counted = coverage.count(points, t("other_outlets"))
    return CoverageSubject(rows[0].name, f"/entities/{rows[0].entity_id}", counted, "mentions")


def coverage_page(request: Request, subject: CoverageSubject) -> HTMLResponse:
    query = request.url.query
    chart = f"{request.url.path}.svg" + (f"?{query}" if query else "")
    return render(request, "coverage.html", {"subject": subject, "chart": chart})


def coverage_chart(request: Request, subject: CoverageSubject) -> Response:
    """The chart as an SVG image, under a policy of its own: pygal's inline style may
    apply, nothing may run or load."""
    t = translator(language(request)[0])
    title = f"{t('coverage')}: {subject.heading}"
    svg = coverage.chart_svg(subject.coverage, title, t(subject.axis))
    headers = {"content-security-policy": coverage.CHART_POLICY}
    return Response(svg, media_type="image/svg+xml", headers=headers)


@router.get("/coverage", response_class=HTMLResponse)
def query_coverage(request: Request, where: Listing) -> HTMLResponse:
    return coverage_page(request, query_subject(request, where))


@router.get("/coverage.svg")
def query_coverage_chart(request: Request, where: Listing) -> Response:
    return coverage_chart(request, query_subject(request, where))


@router.get("/stories/{story_id}/coverage", response_class=HTMLResponse)
def story_coverage(request: Request, story_id: str) -> HTMLResponse:
    return coverage_page(request, story_subject(request, story_id))


@router.get("/stories/{story_id}/coverage.svg")
def story_coverage_chart(request: Request, story_id: str) -> Response:
    return coverage_chart(request, story_subject(request, story_id))


@router.get("/entities/{entity_id}/coverage", response_class=HTMLResponse)
def entity_coverage(request: Request, entity_id: str) -> HTMLResponse:
    return coverage_page(request, entity_subject(request, entity_id))


@router.get("/entities/{entity_id}/coverage.svg")
def entity_coverage_chart(request: Request, entity_id: str) -> Response:
    return coverage_chart(request, entity_subject(request, entity_id))
