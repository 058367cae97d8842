"""Ingest throughput on 2,028 real German articles: articles/second per stage and peak memory.

    make bench        (or: .venv/bin/python bench/ingest.py)

Stages measured separately, each including the ones before it:
  read        JSON Lines reader (decode + parse)
  + clean     noise spans, title/date, language guess
  + sentences tokens and sentences (spaCy tokenizer + our rules)
  + analyse, store  everything above, plus the per-article analysis (quotes, figures, dates,
              embeddings, terms, --ner fast) in the default workers, written to a fresh SQLite
              file in batches (stories: bench/cluster.py; both NER modes: bench/archive.py)
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import peak_rss_mb, write_jsonl

import quellenlage
from quellenlage.analyse.sentences import split_sentences, tokenizer
from quellenlage.clean.metadata import publication_date, title_line
from quellenlage.clean.noise import mark_noise
from quellenlage.ingest.registry import Walk, read_inputs
from quellenlage.lang import get_language, guess_language
from quellenlage.model import RawItem
from quellenlage.settings import Settings


def timed(label: str, count: int, work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    print(f"{label:<12} {count / seconds:8.1f} articles/s   ({seconds:.2f} s)")
    return seconds


def main() -> None:
    settings = Settings()
    analysed = Settings(ner="fast")  # the whole per-article analysis, stored with the article
    tokenizer("de")  # load once, as a long-running process would
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "articles.jsonl"
        count = write_jsonl(corpus)
        print(f"quellenlage bench/ingest.py — {count} German articles, one process\n")
        items = [r for r in read_inputs([str(corpus)], settings, Walk()) if isinstance(r, RawItem)]

        def read() -> None:
            list(read_inputs([str(corpus)], settings, Walk()))

        def clean() -> None:
            for item in read_inputs([str(corpus)], settings, Walk()):
                if isinstance(item, RawItem):
                    language = get_language(guess_language(item.text[:5000]))
                    excluded = mark_noise(item.text, language)
                    title_line(item.text, excluded)
                    publication_date(item.published, item.text, excluded, language)

        def sentences() -> None:
            for item in read_inputs([str(corpus)], settings, Walk()):
                if isinstance(item, RawItem):
                    language = get_language(guess_language(item.text[:5000]))
                    excluded = mark_noise(item.text, language)
                    split_sentences(item.text, excluded, language)

        def store() -> None:
            quellenlage.ingest_paths(
                [str(corpus)], Path(scratch) / "bench.db", settings=analysed, stories=False
            )

        timed("read", len(items), read)
        timed("+ clean", len(items), clean)
        timed("+ sentences", len(items), sentences)
        timed("+ analyse, store", len(items), store)
    print(f"\npeak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
