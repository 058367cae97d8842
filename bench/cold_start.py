"""Cold start of ``quellenlage analyse`` on one short article, per NER mode: what a user
waits for from pressing Enter to the JSON line (interpreter start, imports, model load).

    .venv/bin/python bench/cold_start.py [RUNS]      (default 5 runs per mode)

Targets (issue "German language analysis"): fast under 3 s, accurate under 10 s. Prints the
median and range of the wall-clock times and the peak memory of the slowest run.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "kuestenbote-hafenbruecke.txt"
COMMAND = ROOT / ".venv" / "bin" / "quellenlage"


def one_run(mode: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(COMMAND), "analyse", str(ARTICLE), "--ner", mode, "--format", "jsonl"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print(f"cold start, `quellenlage analyse` of {ARTICLE.name} ({ARTICLE.stat().st_size} bytes)")
    for mode in ("fast", "accurate"):
        seconds = [one_run(mode) for _ in range(runs)]
        print(
            f"  --ner {mode:<8}  median {statistics.median(seconds):.2f} s"
            f"  (range {min(seconds):.2f}–{max(seconds):.2f} s over {runs} runs)"
        )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  peak memory of one run: {peak:.0f} MB; 1 article per run, so articles/s = 1/time")


if __name__ == "__main__":
    main()
