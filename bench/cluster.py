"""Clustering throughput (part of ``make bench``).

1. The 2,028 real German articles end to end on 2 cores: ingest (read, clean, sentences,
   store), then embeddings (2 processes) and incremental clustering with repair.
2. The headline stream (``de_headlines.csv.gz``, sorted by date; title as text, date as
   publication date) at 10k, 30k and 100k headlines: embeddings (2 processes) + clustering.
   The scaling ratio is time(100k) / time(10k); near-linear means <= 12.

Prints articles/second per stage and in total, and peak RSS.
"""

from __future__ import annotations

import csv
import functools
import gzip
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA, peak_rss_mb, write_jsonl

from quellenlage import Archive
from quellenlage.analyse.article import embed_texts
from quellenlage.analyse.resources import Resources
from quellenlage.analyse.vectors import normalised_terms
from quellenlage.clustering.features import Features
from quellenlage.clustering.incremental import Clusterer
from quellenlage.executor import make_executor
from quellenlage.settings import Settings

WORKERS = 2
SIZES = [int(n) for n in os.environ.get("HEADLINES", "10000,30000,100000").split(",")]


def german_articles() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "articles.jsonl"
        count = write_jsonl(corpus)
        db = Path(scratch) / "bench.db"
        with Archive(db, settings=Settings(ner="fast", workers=WORKERS)) as archive:
            start = time.perf_counter()
            archive.ingest([str(corpus)], stories=False)
            ingest_seconds = time.perf_counter() - start
            start = time.perf_counter()
            archive.update_stories()
            cluster_seconds = time.perf_counter() - start
        total = ingest_seconds + cluster_seconds
        print(f"German articles ({count}), 2 cores")
        print(f"  ingest with full analysis (--ner fast) {count / ingest_seconds:8.1f} articles/s")
        print(f"  clustering + repair (stored features) {count / cluster_seconds:8.1f} articles/s")
        print(
            f"  full per-article pipeline             {count / total:8.1f} articles/s "
            f"({total:.1f} s)"
        )


def headlines(limit: int) -> list[tuple[str, date]]:
    rows: list[tuple[str, date]] = []
    with gzip.open(DATA / "de_headlines.csv.gz", "rt", encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            try:
                rows.append((row["title"], date.fromisoformat(row["date"][:10])))
            except ValueError:
                continue
    rows.sort(key=lambda r: r[1])
    return rows[:limit]


def headline_stream() -> None:
    print("\nHeadline stream (embeddings in 2 processes + incremental clustering + repair)")
    times: dict[int, float] = {}
    everything = headlines(max(SIZES))
    executor = make_executor(functools.partial(Resources, Settings()), WORKERS)
    for size in SIZES:
        stream = everything[:size]
        start = time.perf_counter()
        titles = [title for title, _ in stream]
        chunks = [titles[i : i + 256] for i in range(0, len(titles), 256)]
        vectors = np.vstack(executor.map(embed_texts, chunks))
        embedded = time.perf_counter() - start
        features = [
            Features(str(n), vectors[n], normalised_terms(title, "de"), day)
            for n, (title, day) in enumerate(stream)
        ]
        clusterer = Clusterer()
        clusterer.add_all(features)
        clusterer.refine(features)
        total = time.perf_counter() - start
        times[size] = total
        print(
            f"  {size:>7,} headlines: embed {size / embedded:7.1f}/s, cluster "
            f"{size / (total - embedded):7.1f}/s, total {size / total:7.1f} headlines/s "
            f"({total:.1f} s, {len(clusterer.stories):,} stories)"
        )
    executor.close()
    if len(SIZES) > 1:
        print(
            f"  scaling ratio time({SIZES[-1]:,}) / time({SIZES[0]:,}) = "
            f"{times[SIZES[-1]] / times[SIZES[0]]:.1f} for {SIZES[-1] / SIZES[0]:.0f}x the input"
        )


if __name__ == "__main__":
    german_articles()
    headline_stream()
    print(f"\npeak RSS {peak_rss_mb():.0f} MB (this process and its workers)")
