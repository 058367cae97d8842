"""The archive object on a real SQLite file and on a real PostgreSQL server (each test that
takes ``db_url`` or ``seeded`` runs on both): every method, stable ids, stored dossiers read
back without analysis, a newer schema refused, four writers at once, and the store as the only
module that speaks SQL."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from quellenlage import Archive, Filter
from quellenlage.analyse import article as unit
from quellenlage.dossier import build
from quellenlage.settings import Settings
from quellenlage.store import Store, StoreError
from tests import pg
from tests.conftest import EXAMPLES, ROOT, new_location

FAST = Settings(ner="fast", workers=1)
UNRELATED = {
    "text": "Der Handballverein aus Lindholm gewinnt das Pokalspiel gegen Sandeck mit 31:27. "
    "Trainerin Jana Kowalczyk lobte die Abwehr. Das Finale findet im Mai in der Stadthalle "
    "statt, die Karten sind bereits ausverkauft.",
    "title": "Lindholm im Pokalfinale",
    "outlet": "Sportblatt Lindholm",
    "published": "2025-12-03",
}


@pytest.fixture(scope="module")
def seeded(
    request: pytest.FixtureRequest,
    backend: str,
    tmp_path_factory: pytest.TempPathFactory,
    seeds_dir: Path,
) -> str:
    db = new_location(request, backend, tmp_path_factory.mktemp("archive"))
    with Archive(db, settings=FAST) as archive:
        report = archive.ingest([str(seeds_dir), str(EXAMPLES)])
        assert report.added == 11 and not report.rejections
        archive.build_dossiers()
    return db


def seed_story(archive: Archive) -> int:
    page = archive.stories(Filter(text="Kreml"), limit=5)
    assert page.total == 1
    return page.items[0].id


def test_stories_articles_and_filters(seeded: str) -> None:
    with Archive(seeded, read_only=True) as archive:
        page = archive.stories()
        assert page.total == 3 and [s.size for s in page.items] == [5, 5, 1]
        assert archive.stories(limit=1, offset=1).items == page.items[1:2]
        newest = archive.stories(sort="newest").items
        assert newest[0].last_day == max(s.last_day or "" for s in page.items)
        story = archive.story(seed_story(archive))
        assert story is not None and story.size == 5 and story.first_day == "2025-12-03"
        assert archive.story(10_000) is None
        everything = archive.articles(limit=100)
        assert everything.total == 11 and len(everything.items) == 11
        radio = archive.articles(Filter(outlet="Radio Kleinhafen"))
        assert radio.total == 1 and radio.items[0].outlet == "Radio Kleinhafen"
        dated = archive.articles(Filter(since="2025-12-03", until="2025-12-03"))
        that_day = [a for a in everything.items if a.published == "2025-12-03"]
        assert dated.total == len(that_day) > 0 and dated.items == that_day
        assert archive.articles(Filter(text="Pokrowsk")).total >= 1
        assert archive.stories(Filter(outlet="Radio Kleinhafen")).total == 1
        assert archive.stories(Filter(since="2030-01-01")).total == 0


def test_dossier_search_entity_and_article(seeded: str) -> None:
    with Archive(seeded, read_only=True) as archive:
        story_id = seed_story(archive)
        dossier = archive.dossier(story_id)
        assert dossier.id == f"s{story_id}" and len(dossier.articles) == 5
        putin = next(e for e in dossier.entities if e.name.endswith("Putin"))
        assert putin.id.startswith("e") and putin.type == "PER"
        [row] = archive.entity(putin.id)
        assert row.story_id == story_id and row.name == putin.name
        assert archive.stories(Filter(entity=putin.id)).items[0].id == story_id
        assert archive.stories(Filter(entity=putin.name.lower())).items[0].id == story_id
        hits = archive.search("Pokrowsk")
        assert hits
        for hit in hits:
            article = archive.article(hit.article_id)
            assert article is not None and article.text[hit.start : hit.end] == hit.text
        only = archive.search("Pokrowsk", article_ids=[hits[0].article_id])
        assert {h.article_id for h in only} == {hits[0].article_id}
        for quote in dossier.quotes:
            for span in quote.evidence:
                text = archive.article(span.article).text  # type: ignore[union-attr]
                assert text[span.start : span.end] == span.text
        for item in dossier.contradictions:
            assert item.kind in {"figures", "dates", "denial", "negation"}
            assert len(item.sides) == 2 and all(side.text for side in item.sides)
        document = archive.dossier_document(story_id)
        assert len(document["articles"]) == 5 and document["stories"][0]["id"] == dossier.id


def test_ingest_records_and_analysis(db_url: str) -> None:
    with Archive(db_url, settings=FAST) as archive:
        report = archive.ingest(records=[UNRELATED, {"title": "ohne Text"}])
        assert report.added == 1 and len(report.rejections) == 1
        [record] = archive.analysis(report.article_ids)
        assert record["id"] == report.article_ids[0]
        assert any(e["text"] == "Lindholm" for e in record["entities"])
        assert archive.ingest(records=[UNRELATED]).already_present == 1


def ids_of(archive: Archive, story_id: int, rebuild: bool) -> dict[str, list[str]]:
    dossier = archive.dossier(story_id, rebuild=rebuild)
    return {
        "entities": [e.id for e in dossier.entities],
        "quotes": [q.id for q in dossier.quotes],
        "claims": [c.id for c in dossier.claims],
        "contradictions": [x.id for x in dossier.contradictions],
    }


def test_ids_stable_across_rebuilds_and_new_articles(db_url: str, seeds_dir: Path) -> None:
    with Archive(db_url, settings=FAST) as archive:
        archive.ingest([str(seeds_dir)])
        story_id = seed_story(archive)
        before = ids_of(archive, story_id, rebuild=False)
        assert all(before.values())
        archive.ingest(records=[UNRELATED])
        assert seed_story(archive) == story_id
        assert ids_of(archive, story_id, rebuild=True) == before


def test_stored_dossier_read_back_without_analysis(
    seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"analyse": 0, "build": 0}
    real_analyse, real_build = unit.analyse_article, build.build_story

    def counted_analyse(*args: object) -> object:
        calls["analyse"] += 1
        return real_analyse(*args)  # type: ignore[arg-type]

    def counted_build(*args: object) -> object:
        calls["build"] += 1
        return real_build(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(unit, "analyse_article", counted_analyse)
    monkeypatch.setattr(build, "build_story", counted_build)
    with Archive(seeded, settings=FAST) as archive:
        story_id = seed_story(archive)
        first = archive.dossier(story_id)
        assert archive.dossier(story_id) == first
    assert calls == {"analyse": 0, "build": 0}
    with Archive(seeded, settings=FAST) as archive:
        rebuilt = archive.dossier(seed_story(archive), rebuild=True)
    assert calls == {"analyse": 0, "build": 1}  # rebuilt from the stored analyses
    assert rebuilt == first


def test_newer_schema_refused(db_url: str, backend: str) -> None:
    db = db_url
    Archive(db).close()
    pg.rows(db, "UPDATE alembic_version SET version_num = '9001'")
    for read_only in (False, True):
        with pytest.raises(StoreError, match=r"newer quellenlage \(schema 9001"):
            Archive(db, read_only=read_only)
    if backend != "sqlite":
        return  # the reading commands of cli.py look for a file before they open the store
    completed = subprocess.run(
        [sys.executable, "-m", "quellenlage", "stories", "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1 and "Traceback" not in completed.stderr
    assert len(completed.stderr.splitlines()) == 1 and "9001" in completed.stderr


def test_four_processes_ingest_overlapping_input_at_once(
    db_url: str, tmp_path: Path, seeds_dir: Path
) -> None:
    """Every article stored exactly once and placed in exactly one story: SQLite serialises
    the writers with its write lock, PostgreSQL with upserts and an advisory lock."""
    db = db_url
    Store(db).close()  # the server's database exists; the file would be made by any writer
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps(UNRELATED, ensure_ascii=False) + "\n", encoding="utf-8")
    seeds, examples = str(seeds_dir), str(EXAMPLES)
    inputs = [[seeds, str(extra)], [examples, seeds], [str(extra), examples], [examples, seeds]]
    command = [sys.executable, "-m", "quellenlage", "ingest", "--db", db, "--ner", "fast"]
    writers = [
        subprocess.Popen(
            [*command, "--workers", "1", *paths], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for paths in inputs
    ]
    for writer in writers:
        _, stderr = writer.communicate(timeout=600)
        assert writer.returncode == 0, stderr.decode()
    ids = [i for (i,) in pg.rows(db, "SELECT id FROM articles")]
    placed = [i for (i,) in pg.rows(db, "SELECT article_id FROM story_articles")]
    [(sizes,)] = pg.rows(db, "SELECT sum(size) FROM stories")
    [(members,)] = pg.rows(db, "SELECT count(DISTINCT story_id) FROM story_articles")
    assert len(ids) == len(set(ids)) == 12
    assert sorted(placed) == sorted(ids) and sizes == 12  # type: ignore[type-var]
    non_empty = pg.rows(db, "SELECT count(*) FROM stories WHERE size > 0")
    assert non_empty == [(members,)]  # the sizes agree with the memberships
    with Store(db) as store:
        assert store.integrity_ok()
        assert store.count("sentences") == sum(len(a.sentences) for a in store.articles())


def test_only_the_store_speaks_sql() -> None:
    package = ROOT / "src" / "quellenlage"
    offenders = []
    for path in package.rglob("*.py"):
        if package / "store" in path.parents:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(
                n.split(".")[0] in {"sqlalchemy", "sqlite3", "alembic", "psycopg"} for n in names
            ):
                offenders.append(f"{path.relative_to(package)} imports {names}")
            if isinstance(node, ast.Attribute) and node.attr in {"engine", "_engine"}:
                offenders.append(f"{path.relative_to(package)} touches .{node.attr}")
    assert offenders == []
