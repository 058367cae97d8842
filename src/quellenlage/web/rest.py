"""The REST API under ``/api/`` (OpenAPI at ``/api/openapi.json``): the JSON twin of every
page, and ``POST /api/articles`` to ingest JSON Lines with a bearer token."""

from __future__ import annotations

import hmac
import tempfile
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool

from quellenlage.api import Page
from quellenlage.archive import Archive
from quellenlage.web import present
from quellenlage.web.ask import Asker
from quellenlage.web.pages import load_story
from quellenlage.web.params import Listing, Paged, Sort, archive_of

router = APIRouter(prefix="/api", tags=["api"])


def _page(page: Page[Any], record: Any = asdict) -> dict[str, Any]:
    return {
        "items": [record(item) for item in page.items],
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
    }


def _story_record(row: Any) -> dict[str, Any]:
    record = asdict(row)
    record["id"] = f"s{row.id}"
    record["outlets"] = list(row.outlets)
    return record


def _article_row(row: Any) -> dict[str, Any]:
    record = asdict(row)
    record["story"] = f"s{row.story_id}" if row.story_id is not None else None
    del record["story_id"]
    return record


@router.get("/stories", summary="Stories, paged and filtered")
def stories(
    request: Request,
    where: Listing,
    paged: Paged,
    sort: Sort = "size",
) -> dict[str, Any]:
    found = archive_of(request).stories(where, sort, paged.limit, paged.offset)
    return _page(found, _story_record)


@router.get("/stories/{story_id}", summary="One story's dossier (the contract JSON)")
def story(request: Request, story_id: str) -> dict[str, Any]:
    archive = archive_of(request)
    row, _ = load_story(archive, story_id)
    return archive.dossier_document(row.id)


@router.get("/stories/{story_id}/ask", summary="The story's sentences that answer a question")
def ask(
    request: Request,
    story_id: str,
    q: str = Query(..., min_length=1, max_length=500),
    limit: int = Query(5, ge=1, le=50),
) -> dict[str, Any]:
    archive = archive_of(request)
    _, dossier = load_story(archive, story_id)
    asker: Asker = request.app.state.asker
    answers = asker.ask(archive, dossier.articles, q, limit)
    return {
        "question": q,
        "answers": [
            {
                "text": answer.text,
                "score": round(answer.score, 4),
                "evidence": [
                    {"article": h.article_id, "start": h.start, "end": h.end, "text": answer.text}
                    for h in answer.hits
                ],
            }
            for answer in answers
        ],
    }


@router.get("/articles", summary="Articles, newest first, paged and filtered")
def articles(
    request: Request,
    where: Listing,
    paged: Paged,
) -> dict[str, Any]:
    found = archive_of(request).articles(where, paged.limit, paged.offset)
    return _page(found, _article_row)


@router.get("/articles/{article_id}", summary="One article: text, noise spans, sentences")
def article(request: Request, article_id: str) -> dict[str, Any]:
    archive = archive_of(request)
    found = archive.article(article_id) if len(article_id) <= 64 else None
    if found is None:
        raise HTTPException(404, "no such article")
    story_number = archive.store.assignments([found.id]).get(found.id)
    return {
        "id": found.id,
        "title": found.title,
        "outlet": found.outlet,
        "url": found.url,
        "published": found.published,
        "published_at": found.published_at_iso,
        "language": found.language,
        "source": found.source,
        "sources": [s.to_json() for s in found.sources],
        "story": f"s{story_number}" if story_number is not None else None,
        "text": found.text,
        "excluded": [x.to_json() for x in found.excluded],
        "sentences": [{"start": s.start, "end": s.end} for s in found.sentences],
    }


@router.get("/entities/{entity_id}", summary="An entity in every story that names it")
def entity(request: Request, entity_id: str) -> dict[str, Any]:
    rows = archive_of(request).entity(entity_id[:100])
    if not rows:
        raise HTTPException(404, "no such entity")
    return {
        "id": rows[0].entity_id,
        "stories": [
            {**asdict(row), "story": f"s{row.story_id}", "variants": list(row.variants)}
            for row in rows
        ],
    }


@router.get("/search", summary="Sentences matching a full-text query, best first")
def search(
    request: Request,
    q: str = Query(..., min_length=1, max_length=500),
    limit: int = Query(20, ge=1, le=200),
) -> dict[str, Any]:
    hits = archive_of(request).search(q, limit)
    return {
        "query": q,
        "hits": [
            {**asdict(hit), "href": present.cite_href(hit.article_id, hit.start, hit.end)}
            for hit in hits
        ],
    }


def _authorised(configured: str | None, header: str | None) -> bool:
    """A bearer token equal to the configured one, compared in constant time."""
    if not configured or not header:
        return False
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), configured.encode())


@router.post(
    "/articles",
    summary="Ingest JSON Lines (one article object per line); needs the bearer token",
    status_code=200,
    responses={403: {"description": "no token configured, or a wrong one"}},
)
async def ingest(request: Request, authorization: str | None = Header(None)) -> dict[str, Any]:
    config = request.app.state.config
    if not config.token:
        raise HTTPException(403, "ingest is disabled: no token configured")
    if not _authorised(config.token, authorization):
        raise HTTPException(403, "wrong or missing bearer token")
    body = await request.body()
    archive = archive_of(request)
    return await run_in_threadpool(_ingest, request, archive, body)


def _ingest(request: Request, archive: Archive, body: bytes) -> dict[str, Any]:
    """The body through the project's JSON Lines reader (its guards and size caps), then
    stories and their stored dossiers updated. One ingest at a time per process."""
    with request.app.state.write_lock, tempfile.TemporaryDirectory() as folder:
        upload = Path(folder) / "upload.jsonl"
        upload.write_bytes(body)
        received = datetime.now(UTC).isoformat(timespec="seconds")
        report = archive.ingest([str(upload)], labels={str(upload): f"upload {received}"})
        archive.build_dossiers()
    placed = archive.store.assignments(report.article_ids)
    return {
        "added": report.added,
        "already_present": report.already_present,
        "articles": [
            {"id": i, "story": f"s{placed[i]}" if i in placed else None} for i in report.article_ids
        ],
        "rejected": [{"line": r.line, "reason": r.reason} for r in report.rejections],
    }
