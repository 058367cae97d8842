"""Shared fixtures. Third-party text (the seed articles) is read from ../shared, never copied."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from quellenlage.lang import get_language
from quellenlage.lang.base import LanguageData

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples"


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


settings.register_profile("default", max_examples=100, deadline=None, derandomize=True)
settings.register_profile("fuzz", max_examples=5_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
