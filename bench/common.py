"""Shared helpers for the benchmarks: the real German corpora in ../shared/data, peak memory."""

from __future__ import annotations

import csv
import itertools
import json
import resource
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "text"


def german_articles() -> Iterator[dict[str, str]]:
    """The 1,028 10kGNAD and 1,000 XGLUE German articles (benchmark input only)."""
    csv.field_size_limit(sys.maxsize)
    with open(DATA / "10kgnad" / "test.csv", encoding="utf-8", newline="") as stream:
        for number, row in enumerate(csv.reader(stream, delimiter=";", quotechar="'")):
            yield {"text": row[1], "url": f"10kgnad:{number}"}
    with open(DATA / "xglue_news_de" / "dev.txt", encoding="utf-8") as stream:
        for number, line in enumerate(stream):
            title, body, _category = [*line.rstrip("\n").split("\t"), "", "", ""][:3]
            yield {"title": title, "text": body, "url": f"xglue:{number}"}


def write_jsonl(path: Path, limit: int | None = None) -> int:
    """The German articles (the first ``limit`` of them) as JSON Lines; how many."""
    count = 0
    with open(path, "w", encoding="utf-8") as stream:
        for record in itertools.islice(german_articles(), limit):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def peak_rss_mb() -> float:
    """Peak resident memory of this process and its finished children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024
