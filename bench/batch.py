"""Batch engines and the two databases, on this machine, in one run:

    .venv/bin/python bench/batch.py [--limit N] [--dossiers]

1. ``batch --engine local`` (the process pool) against ``batch --engine ray`` (a local Ray
   cluster of as many CPUs) over the 2,028 German articles (``--limit`` for a subset),
   ``--ner fast``, each into its own SQLite file with its own shards: articles/s over the
   whole batch, and the seconds of each step (sharding and analysis, store load, stories,
   and with ``--dossiers`` the dossiers), from the progress callbacks. Both must end with
   the same stories.
2. The seed story's dossier on SQLite and on PostgreSQL (a throwaway server, ``tests/pg.py``):
   the seeds ingested into each, the dossier built (and stored) and read back, timed, and
   compared (equal JSON, ids included).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import ROOT, peak_rss_mb, write_jsonl
from tests import pg

from quellenlage import Archive, Filter, api
from quellenlage.executor import default_workers
from quellenlage.model import encode_story
from quellenlage.settings import Settings

SEEDS = ROOT.parent / "shared" / "seeds"


class StepClock:
    """The time at which each progress step was last reported: a step's duration is from
    the end of the step before it to its own last report."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.last: dict[str, float] = {}

    def __call__(self, step: str, done: int, total: int | None = None) -> None:
        self.last[step] = time.perf_counter()

    def durations(self, end: float) -> dict[str, float]:
        steps = sorted(self.last.items(), key=lambda item: item[1])
        result, before = {}, self.start
        for step, at in steps:
            result[step] = at - before
            before = at
        result["rest (stories, dossiers and closing)"] = end - before
        return result


def run_engine(engine: str, corpus: Path, folder: Path, dossiers: bool) -> dict[str, object]:
    settings = Settings(ner="fast", workers=default_workers())
    db = folder / f"{engine}.db"
    clock = StepClock()
    report = api.batch(
        [str(corpus)],
        db,
        engine=engine,
        shards=folder / f"{engine}-shards",
        settings=settings,
        on_progress=clock,
        dossiers=dossiers,
    )
    seconds = time.perf_counter() - clock.start
    with Archive(db, read_only=True) as archive:
        stories = archive.stories(limit=100_000).items
        members = sorted(tuple(sorted(archive.store.story_members(s.id))) for s in stories)
    return {
        "articles": report.added,
        "rejected": len(report.rejections),
        "seconds": round(seconds, 1),
        "articles_per_s": round(report.added / seconds, 2),
        "steps_s": {k: round(v, 1) for k, v in clock.durations(time.perf_counter()).items()},
        "stories": len(stories),
        "members": members,
    }


def seed_dossier(location: str) -> dict[str, object]:
    settings = Settings(ner="fast", workers=1)
    with Archive(location, settings=settings) as archive:
        started = time.perf_counter()
        archive.ingest([str(SEEDS)])
        ingest_s = time.perf_counter() - started
        story = archive.stories(Filter(text="Kreml"), limit=1).items[0].id
        builds = []
        for _ in range(3):  # the first build in a process also imports the linking stages
            started = time.perf_counter()
            built = archive.dossier(story, rebuild=True)
            builds.append(time.perf_counter() - started)
        reads = []
        for _ in range(20):
            started = time.perf_counter()
            archive.dossier(story)
            reads.append(time.perf_counter() - started)
    return {
        "story": f"s{story}",
        "ingest_s": round(ingest_s, 2),
        "build_s_first_and_best": [round(builds[0], 2), round(min(builds[1:]), 2)],
        "read_p50_ms": round(statistics.median(reads) * 1000, 1),
        "dossier": encode_story(built).decode(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="articles (default: all 2,028)")
    parser.add_argument("--dossiers", action="store_true", help="build dossiers in each batch")
    options = parser.parse_args()
    api.prepare_process()
    results: dict[str, object] = {"cpus": os.cpu_count(), "load_before": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="quellenlage-bench-") as scratch:
        folder = Path(scratch)
        corpus = folder / "german.jsonl"
        results["corpus_articles"] = write_jsonl(corpus, options.limit)
        engines = {e: run_engine(e, corpus, folder, options.dossiers) for e in ("local", "ray")}
        results["same_stories"] = engines["local"]["members"] == engines["ray"]["members"]
        for numbers in engines.values():
            del numbers["members"]
        results["engines"] = engines
        with pg.server() as server:
            databases = {
                "sqlite": seed_dossier(str(folder / "seeds.db")),
                "postgresql": seed_dossier(server.create_database()),
            }
        results["seed_dossier_equal"] = (
            databases["sqlite"]["dossier"] == databases["postgresql"]["dossier"]
        )
        for numbers in databases.values():
            del numbers["dossier"]
        results["seed_dossier"] = databases
    results["peak_rss_mb_driver"] = round(peak_rss_mb(), 1)
    results["load_after"] = os.getloadavg()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
