"""``quellenlage batch``: the seeds and 200 German articles (from ../shared/data) on a local Ray
cluster and through the local process pool, with the same stories and dossiers; a shard lost
in a crash is analysed again on resume; without Ray, one line says how to install it."""

from __future__ import annotations

import csv
import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from quellenlage import Archive
from quellenlage.model import encode_story
from tests.conftest import ROOT

DATA = ROOT.parent / "shared" / "data" / "text"
ARTICLES = 200


def german_articles(count: int) -> list[dict[str, str]]:
    """Half from 10kGNAD, half from XGLUE (third-party text, read from ../shared)."""
    csv.field_size_limit(sys.maxsize)
    records = []
    with open(DATA / "10kgnad" / "test.csv", encoding="utf-8", newline="") as stream:
        for number, row in enumerate(csv.reader(stream, delimiter=";", quotechar="'")):
            if number == count // 2:
                break
            records.append({"text": row[1], "url": f"https://10kgnad.example/{number}"})
    with open(DATA / "xglue_news_de" / "dev.txt", encoding="utf-8") as stream:
        for number, line in enumerate(stream):
            if number == count - count // 2:
                break
            title, body = [*line.rstrip("\n").split("\t"), "", ""][:2]
            records.append({"title": title, "text": body, "url": f"https://xglue.example/{number}"})
    return records


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("batch") / "german.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        for record in german_articles(ARTICLES):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def batch(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quellenlage", "batch", *args, "--ner", "fast", "--workers", "2"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=900,
    )


def archive_state(db: Path) -> tuple[dict[int, list[str]], dict[int, bytes]]:
    """Every story's members and its stored dossier, as they are in the database."""
    with Archive(db, read_only=True) as archive:
        stories = archive.stories(limit=1000).items
        members = {s.id: sorted(archive.store.story_members(s.id)) for s in stories}
        stored = {s.id: archive.store.stored_dossier(s.id) for s in stories}
    assert all(d is not None for d in stored.values()), "every dossier built by the batch"
    return members, {i: d.data for i, d in stored.items() if d is not None}


State = tuple[dict[int, list[str]], dict[int, bytes]]


@pytest.fixture(scope="module")
def ran(
    inputs: Path, seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[str], dict[str, State]]:
    """The seeds and the articles through each engine: the folder, the inputs, and the
    archive each run left."""
    folder = tmp_path_factory.mktemp("engines")
    paths = [str(seeds_dir), str(inputs), "--shard-size", "50"]
    runs = {}
    for engine in ("local", "ray"):
        db, shards = folder / f"{engine}.db", folder / f"{engine}-shards"
        done = batch(*paths, "--engine", engine, "--db", str(db), "--shards", str(shards))
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert f"{ARTICLES + 5} articles read: {ARTICLES + 5} added" in done.stdout
        runs[engine] = archive_state(db)
        assert len(list((shards / "analysed").glob("*.parquet"))) == 5  # 205 items, 50 a shard
    return folder, paths, runs


def test_ray_and_local_engines_give_the_same_archive(
    ran: tuple[Path, list[str], dict[str, State]],
) -> None:
    folder, _, runs = ran
    (local_members, local_dossiers), (ray_members, ray_dossiers) = runs["local"], runs["ray"]
    assert ray_members == local_members
    assert sum(map(len, ray_members.values())) == ARTICLES + 5
    assert max(map(len, ray_members.values())) >= 5  # the seed story
    assert ray_dossiers == local_dossiers
    with Archive(folder / "ray.db", read_only=True) as archive:
        seed = max(ray_members, key=lambda s: len(ray_members[s]))
        story = archive.dossier(seed)
        assert story.quotes and story.claims and story.entities
        assert encode_story(story) == local_dossiers[seed]


def test_resume_analyses_only_the_missing_shard(
    ran: tuple[Path, list[str], dict[str, State]], inputs: Path
) -> None:
    """After the local run: a shard lost in a crash (and its half-written file) is analysed
    again, the others are kept, and nothing is stored twice."""
    folder, paths, _ = ran
    db, shards = folder / "local.db", folder / "local-shards"
    analysed = sorted((shards / "analysed").glob("*.parquet"))
    kept = {p: p.stat().st_mtime_ns for p in analysed if p != analysed[2]}
    analysed[2].unlink()  # as if the run had stopped before this shard was renamed
    (shards / "analysed" / f"{analysed[2].name}.123.partial").write_bytes(b"half")
    again = batch(*paths, "--engine", "local", "--db", str(db), "--shards", str(shards))
    assert again.returncode == 0, again.stderr
    assert f"{ARTICLES + 5} articles read: 0 added, {ARTICLES + 5} already present" in again.stdout
    assert analysed[2].exists() and all(p.stat().st_mtime_ns == t for p, t in kept.items())
    with Archive(db, read_only=True) as archive:
        assert archive.store.count("articles") == ARTICLES + 5
        assert archive.store.count_stories_without_dossier() == 0
    other = batch(str(inputs), "--db", str(db), "--shards", str(shards))
    assert other.returncode == 1 and "holds the shards of other inputs" in other.stderr
    assert len(other.stderr.splitlines()) == 1


def test_ray_engine_without_ray_is_one_line(tmp_path: Path, inputs: Path) -> None:
    """An interpreter on which ``import ray`` fails, as where the extra is not installed."""
    blocker = tmp_path / "no-ray" / "ray"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('No module named ray')\n")
    env = {"PYTHONPATH": str(blocker.parent), "PATH": "/usr/bin:/bin"}
    done = batch(str(inputs), "--engine", "ray", "--db", str(tmp_path / "n.db"), env=env)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        "quellenlage: --engine ray needs Ray: pip install 'quellenlage[ray]'"
    ]
