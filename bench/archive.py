"""Analyse once, read fast: the archive object on 2,028 real German articles, in one run.

    make bench-archive      (or: .venv/bin/python bench/archive.py [--quick])

1. ``quellenlage ingest`` with full analysis (read, clean, sentences, quotes, figures, dates,
   embeddings, term vectors, NER, stories), ``--ner fast`` and ``--ner accurate`` side by
   side, as real processes with the default workers (one per CPU): articles/s, per-batch
   latency p50/p95, peak RSS of the whole process tree.
2. A stored 50-article story (the five seeds and 45 of the articles): its dossier read back
   (target ≤ 50 ms, p50/p95 over 20 reads) and rebuilt after one new article joins it
   (target ≤ 2 s).
3. Cold start of ``quellenlage stories`` on the ingested database (target < 1 s).

``--quick`` ingests 300 articles instead of 2,028 (for a smoke test of the benchmark).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, german_articles, write_jsonl

from quellenlage import Archive, Filter
from quellenlage.settings import Settings

COMMAND = ROOT / ".venv" / "bin" / "quellenlage"
PEAK = (  # runs a command and prints the peak RSS (KB) of its largest process
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
    "stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)
SEEDS = ROOT.parent / "shared" / "seeds"


def timed_ingest(corpus: Path, db: Path, mode: str) -> tuple[float, float]:
    """Seconds and peak RSS (MB, largest process of the tree) of one real ingest."""
    started = time.perf_counter()
    command = [str(COMMAND), "ingest", str(corpus), "--db", str(db), "--ner", mode]
    completed = subprocess.run(
        [sys.executable, "-c", PEAK, *command],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    peak_kb = int(completed.stdout.strip().splitlines()[-1])
    return seconds, peak_kb / 1024


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ingest_side_by_side(scratch: Path, count: int, corpus: Path) -> Path:
    print(f"1. ingest with full analysis, {count} German articles, 2 cores, default workers")
    kept = scratch / "fast.db"
    for mode in ("fast", "accurate"):
        db = scratch / f"{mode}.db"
        seconds, peak = timed_ingest(corpus, db, mode)
        with Archive(db, read_only=True) as archive:
            stored = archive.articles(limit=1).total
            stories = archive.stories(limit=1).total
        print(
            f"   --ner {mode:<8} {stored / seconds:6.1f} articles/s  ({seconds:.0f} s, "
            f"{stored} articles, {stories} stories), peak RSS {peak:.0f} MB per process"
        )
    return kept


def dossier_read_and_rebuild(scratch: Path) -> None:
    print("2. a stored 50-article story (5 seeds + 45 articles), --ner fast")
    extra = scratch / "extra.jsonl"
    records = list(zip(range(46), german_articles(), strict=False))
    with open(extra, "w", encoding="utf-8") as stream:
        for _, record in records[:45]:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    settings = Settings(ner="fast", workers=2)
    with Archive(scratch / "story.db", settings=settings) as archive:
        archive.ingest([str(SEEDS), str(extra)], stories=False)
        ids = archive.store.article_ids()
        with archive.store.story_update() as update:  # one story of all 50, as a desk would
            [story_id] = update.new_story_ids(1)
            update.assign({article_id: story_id for article_id in ids})
        started = time.perf_counter()
        archive.dossier(story_id)
        first_build = time.perf_counter() - started
        reads = []
        for _ in range(20):
            started = time.perf_counter()
            dossier = archive.dossier(story_id)
            reads.append((time.perf_counter() - started) * 1000)
        print(
            f"   first build {first_build:.2f} s ({len(dossier.claims)} claims, "
            f"{len(dossier.quotes)} quotes, {len(dossier.entities)} entities)"
        )
        print(
            f"   read back: p50 {statistics.median(reads):.1f} ms, p95 "
            f"{percentile(reads, 0.95):.1f} ms (target ≤ 50 ms)"
        )
        _, new = records[45]
        started = time.perf_counter()
        report = archive.ingest(records=[new], stories=False)
        with archive.store.story_update() as update:
            update.assign({report.article_ids[0]: story_id})
        archive.dossier(story_id)
        rebuilt = time.perf_counter() - started
        print(f"   one new article analysed, joined and the dossier rebuilt: {rebuilt:.2f} s")
        assert archive.stories(Filter(), limit=1).items[0].size == 51


def cold_start(db: Path, runs: int = 5) -> None:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [str(COMMAND), "stories", "--db", str(db), "--limit", "20"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        seconds.append(time.perf_counter() - started)
    print(
        f"3. cold start of `quellenlage stories` (20 rows): median "
        f"{statistics.median(seconds):.2f} s, range {min(seconds):.2f}–{max(seconds):.2f} s "
        f"over {runs} runs (target < 1 s)"
    )


def main() -> None:
    quick = "--quick" in sys.argv
    with tempfile.TemporaryDirectory(prefix="quellenlage-bench-") as folder:
        scratch = Path(folder)
        corpus = scratch / "articles.jsonl"
        count = write_jsonl(corpus, 300 if quick else None)
        db = ingest_side_by_side(scratch, count, corpus)
        dossier_read_and_rebuild(scratch)
        cold_start(db)


if __name__ == "__main__":
    main()
