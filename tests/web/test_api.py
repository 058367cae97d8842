"""The REST API against the running server, on SQLite and on PostgreSQL: pages and JSON
twins, the security headers, ingest with and without the token, the body limit, and hostile
article data rendered inert on every page in Chromium (a dialog would mean a script ran)."""

from __future__ import annotations

import http.client
import json
from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.reliability.xss import CANARIES, CANARY
from tests.web.conftest import TOKEN, Server, screenshot

pytestmark = pytest.mark.seeds
HOSTILE_TEXT = (
    "Die Hafenbrücke in Kiel bleibt nach einem Schaden am Pfeiler bis Freitag gesperrt. "
    "<script>alert(1)</script> Der Verkehr wird über die Umgehung geleitet, sagte ein "
    "Sprecher der Stadt am Montag. <img src=x onerror=alert(1)> Die Reparatur dauert nach "
    "Angaben der Stadt mindestens vier Tage. [klick](javascript:alert(1)) "
    + " ".join(CANARIES)
    + " Pendler sollen mehr Zeit einplanen, sagte der Sprecher. Nord\u202eesserp meldet das."
)
HOSTILE = {
    "text": HOSTILE_TEXT,
    "title": "Hafenbrücke gesperrt <script>alert(1)</script><img src=x onerror=alert(1)>",
    "url": "javascript:alert(1)",
    "outlet": "<img src=x onerror=alert(1)>",
    "published": "2025-12-08",
}


def jsonl(*records: dict[str, Any]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def test_every_response_has_the_content_security_policy(any_server: Server) -> None:
    for path in ("/", "/api/stories", "/static/style.css", "/nope"):
        _, _, headers = any_server.get(path)
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy
        assert headers["x-content-type-options"] == "nosniff"


def test_openapi_lists_the_api_and_no_cdn_docs(any_server: Server) -> None:
    schema = any_server.json("/api/openapi.json")
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/articles", "/api/search"):
        assert path in schema["paths"]
    assert "post" in schema["paths"]["/api/articles"]
    assert any_server.get("/docs")[0] == 404


def test_json_twins_of_the_pages(any_server: Server) -> None:
    stories = any_server.json("/api/stories")
    story_id = stories["items"][0]["id"]
    document = any_server.json(f"/api/stories/{story_id}")
    assert document["stories"][0]["id"] == story_id
    article = document["articles"][0]
    served = any_server.json(f"/api/articles/{article['id']}")
    assert served["text"] == article["text"] and served["story"] == story_id
    entity = document["stories"][0]["entities"][0]["id"]
    assert any_server.json(f"/api/entities/{entity}")["stories"][0]["story"] == story_id
    hits = any_server.json("/api/search?q=Pokrowsk")["hits"]
    assert hits and all("Pokrowsk" in h["text"] for h in hits)
    answers = any_server.json(f"/api/stories/{story_id}/ask?q=Wie+lange+dauerte+das+Treffen")
    texts = {a["id"]: a["text"] for a in document["articles"]}
    for answer in answers["answers"]:
        for span in answer["evidence"]:
            assert texts[span["article"]][span["start"] : span["end"]] == span["text"]
    assert any_server.get("/api/stories?since=not-a-day")[0] == 400
    assert any_server.get("/api/search?q=%22")[0] == 400
    assert any_server.get("/api/stories/s999999")[0] == 404


def test_ingest_needs_the_token(any_server: Server) -> None:
    body = jsonl({"text": "Ein kurzer Text ohne Token."})
    assert any_server.post("/api/articles", body, {})[0] == 403
    wrong = {"Authorization": "Bearer not-the-token"}
    assert any_server.post("/api/articles", body, wrong)[0] == 403
    basic = {"Authorization": f"Basic {TOKEN}"}
    assert any_server.post("/api/articles", body, basic)[0] == 403


def test_request_body_over_the_limit_is_refused(any_server: Server) -> None:
    """Refused by its Content-Length before the body is read: the answer is read as soon
    as the headers are sent (sending 1.2 MB first races the server's early close)."""
    host, port = any_server.base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    connection.putrequest("POST", "/api/articles")
    connection.putheader("Authorization", f"Bearer {TOKEN}")
    connection.putheader("Content-Length", str(1_200_000))
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 413 and b"too large" in response.read()
    connection.close()


def test_ingest_with_token_then_hostile_article_is_inert_everywhere(
    any_server: Server, browser: Browser
) -> None:
    status, report = any_server.post(
        "/api/articles",
        jsonl(HOSTILE, {"no": "text"}),
        {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"},
    )
    assert status == 200, report
    assert report["added"] == 1 and len(report["rejected"]) == 1
    placed = report["articles"][0]
    assert placed["story"], report
    dossier = any_server.json(f"/api/stories/{placed['story']}")
    assert placed["id"] in dossier["stories"][0]["articles"]

    context = browser.new_context()
    page = context.new_page()
    fired: list[str] = []
    page.on("dialog", lambda dialog: (fired.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: fired.append(str(error)))
    external: list[str] = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(any_server.base) else external.append(request.url)
        ),
    )
    story = dossier["stories"][0]
    paths = [
        "/?sort=newest",
        f"/stories/{placed['story']}",
        f"/stories/{placed['story']}?q=Wie+lange+dauert+die+Reparatur",
        f"/stories/{placed['story']}/compare",
        f"/articles/{placed['id']}",
        f"/articles/{placed['id']}?span=0-40",
        "/search?q=Hafenbr%C3%BCcke",
    ]
    paths += [f"/entities/{e['id']}" for e in story["entities"][:3]]
    for path in paths:
        page.goto(any_server.base + path)
        page.wait_for_load_state("load")
        assert page.title() != CANARY, path
        assert page.locator("script").count() == 0, path
        assert page.locator("img").count() == 0, path
        assert page.locator('a[href^="javascript"], a[href^="data"]').count() == 0, path
    for chart in (f"/stories/{placed['story']}/coverage", "/coverage?text=Hafenbr%C3%BCcke"):
        page.goto(any_server.base + chart)  # the chart is an image: no script, no markup
        assert page.locator("script").count() == 0
        assert "<img src=x" in page.locator("table.coverage").inner_text()
        page.goto(f"{any_server.base}{chart.replace('coverage', 'coverage.svg', 1)}")
        assert page.locator("script").count() == 0 and page.title() != CANARY
    page.goto(f"{any_server.base}/stories/{placed['story']}")
    assert "Hafenbrücke gesperrt <script>" in page.locator("ol.articles").inner_text()
    page.goto(f"{any_server.base}/articles/{placed['id']}")
    assert "\\u202e" in page.locator(".article-text").inner_text()  # the bidi override shown
    screenshot(page, "hostile-article")
    context.close()
    assert fired == [] and external == []
