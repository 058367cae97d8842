"""Stress runs for huge inputs (``make stress``; never part of ``make test``).

1. a 200 MB plain-text file: rejected by the size cap without being read into memory;
2. a 200 MB JSON Lines file whose second line is one 200 MB string between two good lines:
   the long line is skipped in bounded memory, both good lines are kept;
3. 100,000 tiny files in one folder: all ingested.
Each run prints wall time, the command's peak RSS and its exit status.
"""

from __future__ import annotations

import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MB = 1_000_000
TINY_FILES = 100_000


def run_ingest(label: str, path: Path, db: Path) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "quellenlage", "ingest", str(path), "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    with sqlite3.connect(db) as connection:
        articles = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    traceback = "Traceback" in completed.stderr
    print(
        f"{label:<28} {seconds:7.1f} s  peak RSS {peak:6.0f} MB  exit {completed.returncode}  "
        f"articles {articles}  traceback {'YES' if traceback else 'no'}"
    )
    for line in completed.stderr.splitlines()[:3]:
        print(f"    {line[:120]}")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="quellenlage-stress-") as name:
        scratch = Path(name)
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


if __name__ == "__main__":
    main()
