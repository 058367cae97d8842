"""A real server for the web tests: the five seed articles (read from ../shared) ingested into
a temporary database, then ``quellenlage serve`` started on a free 127.0.0.1 port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from quellenlage import Archive
from quellenlage.settings import Settings
from tests import pg
from tests.conftest import ROOT

TOKEN = "test-token-4f1c"
UPLOAD_MB = "1"
SCREENSHOTS = ROOT / "out" / "screenshots"
MARKED = "() => Array.from(document.querySelectorAll('mark.hl')).map(m => m.textContent).join('')"


@dataclass(frozen=True)
class Server:
    base: str
    db: str  # a file or a postgresql:// URL

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, Any]:
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers

    def json(self, path: str) -> Any:
        status, body, _ = self.get(path)
        assert status == 200, (path, status, body[:300])
        return json.loads(body)

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(db: str, seeds: Path) -> Iterator[Server]:
    """The seeds ingested into ``db`` (a file or a PostgreSQL URL), then the real command
    serving it on a free port until the session ends."""
    with Archive(db, settings=Settings(ner="fast")) as archive:
        report = archive.ingest([str(seeds)])
        assert report.added == 5
        archive.build_dossiers()
    port = free_port()
    env = {**os.environ, "QUELLENLAGE_TOKEN": TOKEN, "QUELLENLAGE_MAX_UPLOAD_MB": UPLOAD_MB}
    command = [sys.executable, "-m", "quellenlage", "serve", "--db", db, "--ner", "fast"]
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    found = Server(f"http://127.0.0.1:{port}", db)
    deadline = time.monotonic() + 90
    while True:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            pytest.fail(f"server ended: {output[-2000:]}")
        try:
            if found.get("/api/stories")[0] == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("server did not start in 90 s")
        time.sleep(0.3)
    yield found
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Iterator[Server]:
    """The app over a SQLite file (the pages in Chromium run on this one)."""
    yield from start_server(str(tmp_path_factory.mktemp("web") / "seeds.db"), seeds_dir)


@pytest.fixture(scope="session")
def pg_server(postgres: pg.Server, seeds_dir: Path) -> Iterator[Server]:
    """The app over a database of the session's PostgreSQL server."""
    yield from start_server(postgres.create_database("web"), seeds_dir)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def any_server(request: pytest.FixtureRequest) -> Server:
    """The app on each backend: a test taking it runs on SQLite and on PostgreSQL."""
    found: Server = request.getfixturevalue("server" if request.param == "sqlite" else "pg_server")
    return found


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


@pytest.fixture
def page(browser: Browser, server: Server) -> Iterator[Page]:
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}"))
    opened.on("pageerror", lambda error: problems.append(f"error: {error}"))
    opened.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(server.base)
            else problems.append(f"external request: {request.url}")
        ),
    )
    yield opened
    context.close()
    assert problems == []


def seed_story(server: Server) -> dict[str, Any]:
    stories = server.json("/api/stories?sort=size")["items"]
    return dict(server.json(f"/api/stories/{stories[0]['id']}"))
