"""Story clustering: a second batch joins the right existing stories, the same input always
gives the same stories, and republished copies collapse into one article."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import quellenlage
from quellenlage.store import Store
from tests.conftest import EXAMPLES

BRIDGE = ["kuestenbote-hafenbruecke.txt", "hafenstadt-rundschau.html", "brueckenwatch-blog.md"]
LATER = ["radio-kleinhafen.xml"]


def copy(names: list[str], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(EXAMPLES / name, folder / name)
    return folder


def stories_by_source(db: Path) -> dict[str, int]:
    with Store(db) as store:
        placed = store.assignments()
        return {Path(a.source).name: placed[a.id] for a in store.articles()}


def test_second_batch_joins_existing_stories(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    first = copy([*BRIDGE, "nordpresse.jsonl"], tmp_path / "eins")
    quellenlage.ingest_paths([str(first)], db)
    before = stories_by_source(db)
    bridge_story = before["kuestenbote-hafenbruecke.txt"]
    assert {before[name] for name in BRIDGE} == {bridge_story}
    assert before["4712"] != bridge_story  # the handball report is another story
    second = copy(LATER, tmp_path / "zwei")
    report = quellenlage.ingest_paths([str(second)], db)
    assert report.added == 1
    after = stories_by_source(db)
    assert after["hafenbruecke-dicht"] == bridge_story
    assert {k: v for k, v in after.items() if k in before} == before


def test_deterministic(tmp_path: Path) -> None:
    first = quellenlage.cluster([str(EXAMPLES)]).records
    second = quellenlage.cluster([str(EXAMPLES)]).records
    assert first == second
    assert len({row["story"] for row in first}) == 2


def test_republished_copies_collapse(tmp_path: Path) -> None:
    text = (EXAMPLES / "kuestenbote-hafenbruecke.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"text": text, "url": "https://andere.example/kopie", "outlet": "Kopie"}) + "\n",
        encoding="utf-8",
    )
    result = quellenlage.cluster([str(tmp_path)])
    assert len(result.records) == 2
    assert len({row["article"] for row in result.records}) == 1
    assert len({row["story"] for row in result.records}) == 1
