"""Stress runs for huge inputs (``make stress``; never part of ``make test``).

1. a 200 MB plain-text file: rejected by the size cap without being read into memory;
2. a 200 MB JSON Lines file whose second line is one 200 MB string between two good lines:
   the long line is skipped in bounded memory, both good lines are kept;
3. 100,000 tiny files in one folder: all ingested;
4. a 5 MB article without a single sentence break: bounded work, peak RSS under 1 GB;
5. a stream of small JSON Lines articles at 100,000 and at 1,000,000 (``--stream N``):
   real headlines with their real dates and outlets as titles, a sentence of a real article
   as body, so the stories look like a news stream's; peak RSS must stay flat
   (1M ≤ 1.3 × 100k, ≤ 1.5 GB). Dossiers are left to be built when first read
   (``--no-dossiers``): a stream of unrelated items makes one story each.
Each run prints wall time, articles/s, the command's peak RSS and its exit status.

    make stress                                   (1-4 and the 100,000 stream)
    .venv/bin/python bench/stress.py --stream 1000000 --only-stream
"""

from __future__ import annotations

import argparse
import csv
import gzip
import itertools
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA, german_articles

MB = 1_000_000
TINY_FILES = 100_000
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])")


PEAK = (  # runs a command in its own process and prints the peak RSS (KB) of its largest
    # process (the ingest itself or one of its workers), so runs in one bench do not mix
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True, "
    "text=True); sys.stderr.write(r.stderr); "
    "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def run_ingest(label: str, path: Path, db: Path, *options: str) -> None:
    command = ["quellenlage", "ingest", str(path), "--db", str(db), *options]
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", PEAK, sys.executable, "-m", *command],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    status, peak_kb = completed.stdout.split() if completed.stdout else ("?", "0")
    with sqlite3.connect(db) as connection:
        articles = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    traceback = "Traceback" in completed.stderr
    print(
        f"{label:<28} {seconds:7.1f} s  {articles / seconds:6.1f} articles/s  "
        f"peak RSS {int(peak_kb) / 1024:6.0f} MB  exit {status}  articles {articles}  "
        f"traceback {'YES' if traceback else 'no'}",
        flush=True,
    )
    for line in completed.stderr.splitlines()[-3:]:
        print(f"    {line[:120]}")


def stream_items(count: int) -> Iterator[dict[str, str]]:
    """``count`` small articles, each text new (an article is known by its text): headline
    n as title, day, outlet and URL, over two real body sentences, pair n of all pairs."""
    with gzip.open(DATA / "de_headlines.csv.gz", "rt", encoding="utf-8", newline="") as stream:
        headlines = [row for row in csv.DictReader(stream) if row["title"] and row["date"]]
    sentences = (s for article in german_articles() for s in _SENTENCE.split(article["text"]))
    bodies = list(dict.fromkeys(s for s in sentences if 8 <= len(s.split()) <= 40))
    for number in range(count):
        first, shift = number % len(bodies), number // len(bodies) + 1
        headline = headlines[number * 7919 % len(headlines)]
        yield {
            "id": f"stream-{number}",
            "title": headline["title"],
            "text": f"{bodies[first]} {bodies[(first + shift) % len(bodies)]}",
            "published": headline["date"],
            "outlet": headline["outlet"],
            "url": f"{headline['url']}#{number}",
        }


def run_stream(count: int, scratch: Path) -> None:
    path = scratch / f"stream-{count}.jsonl"
    with open(path, "w", encoding="utf-8") as stream:
        for item in stream_items(count):
            stream.write(json.dumps(item, ensure_ascii=False) + "\n")
    db = scratch / f"stream-{count}.db"
    run_ingest(f"{count:,} small articles", path, db, "--ner", "fast", "--no-dossiers")
    path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stream", type=int, nargs="*", default=[100_000])
    parser.add_argument("--only-stream", action="store_true")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="quellenlage-stress-") as name:
        scratch = Path(name)
        if not arguments.only_stream:
            run_huge_inputs(scratch)
        for count in arguments.stream:
            run_stream(count, scratch)


def run_huge_inputs(scratch: Path) -> None:
    big = scratch / "gross.txt"
    with open(big, "w", encoding="utf-8") as stream:
        line = "Die Brücke in Kleinhafen bleibt gesperrt, sagt die Stadt. " * 20 + "\n"
        for _ in range(200 * MB // len(line.encode())):
            stream.write(line)
    run_ingest("200 MB text file", big, scratch / "a.db")
    big.unlink()

    lines = scratch / "zeilen.jsonl"
    with open(lines, "w", encoding="utf-8") as stream:
        stream.write(json.dumps({"text": "Erste gute Meldung aus Husum."}) + "\n")
        stream.write('{"text": "')
        chunk = "x" * MB
        for _ in range(200):
            stream.write(chunk)
        stream.write('"}\n')
        stream.write(json.dumps({"text": "Zweite gute Meldung aus Wismar."}) + "\n")
    run_ingest("200 MB JSON line", lines, scratch / "b.db")
    lines.unlink()

    folder = scratch / "viele"
    folder.mkdir()
    for n in range(TINY_FILES):
        (folder / f"{n:06d}.txt").write_text(f"Kurzmeldung {n}: Der Rat in Heide tagte.\n")
    run_ingest(f"{TINY_FILES:,} tiny files", folder, scratch / "c.db")

    unbroken = scratch / "ohne-punkt.txt"
    words = itertools.cycle(["Hafen", "brücke", "und", "Rat", "der", "Stadt", "tagte"])
    unbroken.write_text(" ".join(itertools.islice(words, 5 * MB // 6)), encoding="utf-8")
    run_ingest("5 MB without a sentence end", unbroken, scratch / "d.db")


if __name__ == "__main__":
    main()
