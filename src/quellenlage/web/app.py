"""The ASGI app: one archive per process, pages (``pages``) and the REST API (``rest``).

Every response carries a Content-Security-Policy that allows only the app's own files and no
inline script, so even a missed escape could not run; request bodies are capped in size.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from quellenlage.api import QueryError
from quellenlage.archive import Archive
from quellenlage.version import __version__
from quellenlage.web import pages, rest
from quellenlage.web.ask import Asker
from quellenlage.web.config import WebConfig
from quellenlage.web.render import render

HERE = Path(__file__).parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class SecurityHeaders:
    """Adds the CSP and friends to every HTTP response (pages, API, static files, errors)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses a request body over ``limit`` bytes with 413, by its Content-Length or, when
    it streams without one, as soon as it has sent more."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and (not value.isdigit() or int(value) > self.limit):
                await _too_large(scope, receive, send)
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _BodyTooLarge:
            await _too_large(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


async def _too_large(scope: Scope, receive: Receive, send: Send) -> None:
    response = JSONResponse({"detail": "request body too large"}, status_code=413)
    await response(scope, receive, send)


def create_app(config: WebConfig) -> FastAPI:
    """The app over ``config.db`` (opened for writing, so the API can ingest)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        archive = Archive(config.db, settings=config.settings)
        app.state.archive = archive
        app.state.asker = Asker(config.settings)
        app.state.config = config
        app.state.write_lock = threading.Lock()
        try:
            yield
        finally:
            archive.close()

    app = FastAPI(
        title="quellenlage",
        version=__version__,
        description="Stories, dossiers, articles, entities, search and ask over one archive.",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI loads scripts from a CDN and runs inline ones
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(rest.router)
    app.include_router(pages.router)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(QueryError, _query_error)
    app.add_middleware(BodyLimit, limit=config.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": error.detail}, error.status_code, headers=error.headers)
    key = "not_found" if error.status_code == 404 else "bad_request"
    return render(
        request, "error.html", {"heading": key, "detail": error.detail}, error.status_code
    )


async def _query_error(request: Request, error: Exception) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": str(error)}, 400)
    return render(request, "error.html", {"heading": "bad_request", "detail": str(error)}, 400)
