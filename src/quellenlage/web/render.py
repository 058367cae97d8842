"""Pages rendered for a request: the template environment (``templating``) with the
request's language, its links and the language cookie."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse

from quellenlage.web.i18n import COOKIE, choose_language, translator
from quellenlage.web.templating import ENVIRONMENT


def language(request: Request) -> tuple[str, bool]:
    """The page language and whether ``?lang=`` asked for it."""
    return choose_language(
        request.query_params.get("lang"),
        request.cookies.get(COOKIE),
        request.headers.get("accept-language"),
    )


def with_query(request: Request, **changes: object) -> str:
    """This page's path and query with ``changes`` (None removes a parameter)."""
    params = {k: v for k, v in request.query_params.items()}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return f"{request.url.path}?{query}" if query else request.url.path


def render(
    request: Request, template: str, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    lang, explicit = language(request)
    other = "en" if lang == "de" else "de"
    page = ENVIRONMENT.get_template(template).render(
        {
            **context,
            "t": translator(lang),
            "lang": lang,
            "switch_href": with_query(request, lang=other),
            "switch_lang": other,
            "path": request.url.path,
            "with_query": lambda **changes: with_query(request, **changes),
        }
    )
    response = HTMLResponse(page, status_code=status)
    if explicit:
        response.set_cookie(COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True)
    return response
