"""The web UI on a database of at least 10,000 articles: p50/p95 of the story list, a story
page and an article page, over a real ``quellenlage serve`` (uvicorn) on 127.0.0.1.

    .venv/bin/python bench/web.py [--db out/bench-web.db] [--requests 60] [--build-only]

The database is built once and kept (``out/bench-web.db`` unless ``--db`` names another):
the 2,028 German articles (10kGNAD, XGLUE) and the newest headlines of the headline stream
(``de_headlines.csv.gz``: title as text, its outlet, day and URL), ingested by the real
command with ``--ner fast --workers 2 --no-dossiers``. The dossiers of the opened stories
are therefore built on their first view and stored: every page is requested once to warm up
(that first view is reported apart), then measured. Target p95 ≤ 300 ms for each page.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA, ROOT, german_articles

COMMAND = ROOT / ".venv" / "bin" / "quellenlage"
DEFAULT_DB = ROOT / "out" / "bench-web.db"
TOTAL = 10_000
ITEMS = 10_300  # the headline stream repeats some headlines: ingest a few more than TOTAL
TARGET_MS = 300.0
INGEST_OPTIONS = ("--ner", "fast", "--workers", "2", "--no-dossiers")


def headline_records(count: int) -> list[dict[str, str]]:
    """The ``count`` newest headlines, each as an article (a headline stream's item)."""
    rows = []
    with gzip.open(DATA / "de_headlines.csv.gz", "rt", encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            if row["title"].strip() and row["date"][:10].count("-") == 2:
                rows.append(row)
    rows.sort(key=lambda row: row["date"])
    return [
        {
            "title": row["title"],
            "text": row["title"],
            "outlet": row["outlet"],
            "published": row["date"][:10],
            "url": row["url"],
        }
        for row in rows[-count:]
    ]


def corpus() -> Iterator[dict[str, str]]:
    articles = list(german_articles())
    yield from articles
    yield from headline_records(ITEMS - len(articles))


def build(db: Path) -> None:
    """Ingests the corpus into ``db`` by the real command; built beside it and moved in
    place only when complete, so a stopped build is never taken for the cache."""
    db.parent.mkdir(parents=True, exist_ok=True)
    partial = db.with_name(db.name + ".building")
    for leftover in db.parent.glob(partial.name + "*"):
        leftover.unlink()
    with tempfile.TemporaryDirectory(prefix="quellenlage-bench-web-") as folder:
        lines = Path(folder) / "corpus.jsonl"
        count = 0
        with open(lines, "w", encoding="utf-8") as stream:
            for record in corpus():
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        print(f"building {db} from {count} items (--ner fast --workers 2 --no-dossiers) …")
        started = time.perf_counter()
        subprocess.run(
            [str(COMMAND), "ingest", str(lines), "--db", str(partial), *INGEST_OPTIONS],
            check=True,
        )
        print(f"built in {time.perf_counter() - started:.0f} s")
    partial.rename(db)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def get(url: str, timeout: float = 120) -> tuple[float, bytes]:
    """Milliseconds to the whole body, and the body (a non-200 answer is an error)."""
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=timeout) as response:
        body = response.read()
        assert response.status == 200, (url, response.status)
    return (time.perf_counter() - started) * 1000, body


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def serve(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [str(COMMAND), "serve", "--db", str(db), "--ner", "fast", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            get(base + "/api/stories?limit=1")
            return process, base
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("the server did not start in 120 s")


def pages(base: str) -> dict[str, str]:
    """The measured paths: the first page of the story list, the largest story, and one of
    its articles with a cited span highlighted."""
    stories = json.loads(get(base + "/api/stories?sort=size&limit=1")[1])
    story = stories["items"][0]["id"]
    built, body = get(f"{base}/api/stories/{story}", timeout=1800)  # builds the dossier
    document = json.loads(body)
    claim = next(iter(document["stories"][0]["claims"]), None)
    if claim:
        span = claim["evidence"][0]
        article = f"/articles/{span['article']}?span={span['start']}-{span['end']}"
    else:
        article = f"/articles/{document['articles'][0]['id']}"
    print(
        f"database: {stories['total']} stories; the largest, {story}, has "
        f"{len(document['articles'])} articles (its dossier JSON first: {built:.0f} ms, built then "
        "and stored when new)"
    )
    return {"story list": "/", "story page": f"/stories/{story}", "article page": article}


def other_pages(story_page: str) -> dict[str, str]:
    """Measured too, without a target: compare, and coverage of the story and of a query
    over all articles (5,000 counted)."""
    return {
        "compare": f"{story_page}/compare",
        "story coverage": f"{story_page}/coverage.svg",
        "all coverage": "/coverage.svg",
    }


def measure(base: str, paths: dict[str, str], requests: int, target: bool = True) -> bool:
    met = True
    for name, path in paths.items():
        first, _ = get(base + path)
        times = [get(base + path)[0] for _ in range(requests)]
        p95 = percentile(times, 0.95)
        met = met and p95 <= TARGET_MS
        print(
            f"  {name:<14} p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  "
            f"(first view {first:.0f} ms, {requests} requests"
            + (f"; target p95 ≤ {TARGET_MS:.0f} ms)" if target else ")")
        )
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--build-only", action="store_true")
    options = parser.parse_args()
    if not options.db.exists():
        build(options.db)
    if options.build_only:
        return
    process, base = serve(options.db)
    try:
        print(f"web pages over a real server ({os.cpu_count()} CPUs, after one warm-up view)")
        paths = pages(base)
        met = measure(base, paths, options.requests)
        measure(base, other_pages(paths["story page"]), max(options.requests // 3, 5), False)
    finally:
        process.terminate()
        process.wait(10)
    print("all targets met" if met else "a target missed")


if __name__ == "__main__":
    main()
