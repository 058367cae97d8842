"""Shared fixtures. Third-party text (the seed articles) is read from ../shared, never copied."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from playwright.sync_api import Browser, sync_playwright

from quellenlage.lang import get_language
from quellenlage.lang.base import LanguageData
from tests import pg

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples"
CHROMIUM = "/usr/bin/chromium"  # Debian's, installed by `make browser`: Playwright downloads none
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the session: Playwright's sync API runs one event loop per
    thread, so two browsers opened by modules of one run would collide."""
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.fail("chromium missing: `make test` installs it (make browser)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five seed articles, read from ../shared (never copied into the repository)."""
    if not SEEDS.is_dir():
        pytest.fail(f"seed articles missing at {SEEDS}: the project expects ../shared beside it")
    return SEEDS


@pytest.fixture(scope="session")
def seed_texts(seeds_dir: Path) -> dict[str, str]:
    """File name prefix ("000" …) -> file content, read as bytes and decoded as UTF-8."""
    return {p.name[:3]: p.read_bytes().decode("utf-8") for p in sorted(seeds_dir.iterdir())}


@pytest.fixture(scope="session")
def german() -> LanguageData:
    return get_language("de")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture(scope="session")
def postgres() -> Iterator[pg.Server]:
    """One throwaway PostgreSQL server for the whole run (started on first need)."""
    with pg.server() as running:
        yield running


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """The database kind a store or archive test runs on: each such test runs on both."""
    return str(request.param)


def new_location(request: pytest.FixtureRequest, backend: str, folder: Path) -> str:
    """A new, empty database of ``backend``: a file in ``folder`` or a PostgreSQL database."""
    if backend == "sqlite":
        return str(folder / "test.db")
    server: pg.Server = request.getfixturevalue("postgres")
    return server.create_database()


@pytest.fixture
def db_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> str:
    """A new database on each backend: a SQLite file path, or a ``postgresql://`` URL."""
    return new_location(request, backend, tmp_path)


settings.register_profile("default", max_examples=100, deadline=None, derandomize=True)
settings.register_profile("fuzz", max_examples=5_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
