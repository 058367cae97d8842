"""Our sentence splitter against SoMaJo on real German news: speed and boundary agreement.

    .venv/bin/python bench/sentences.py [N]      (N articles, default 500)

Both split the same lines (paragraphs), so the comparison is about sentence ends inside a
paragraph. Disagreements are printed; one known, deliberate one: we keep a quotation of
several sentences with its attribution („A. B“, sagte sie.), SoMaJo splits inside it.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import german_articles
from somajo import SoMaJo

from quellenlage.analyse.sentences import split_sentences, tokenizer
from quellenlage.lang import get_language

LINE = re.compile(r"[^\n]+")


def paragraphs(texts: list[str]) -> list[tuple[int, str]]:
    return [(n, m.group()) for n, text in enumerate(texts) for m in LINE.finditer(text)]


def ours(lines: list[tuple[int, str]]) -> list[set[int]]:
    german = get_language("de")
    return [{s.end for s in split_sentences(line, [], german)} for _, line in lines]


def somajo(lines: list[tuple[int, str]]) -> list[set[int]]:
    splitter = SoMaJo("de_CMC", split_camel_case=False, character_offsets=True)
    return [
        {sentence[-1].character_offset[1] for sentence in splitter.tokenize_text([line])}
        for _, line in lines
    ]


def main() -> None:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    texts = [record["text"] for _, record in zip(range(limit), german_articles(), strict=False)]
    lines = paragraphs(texts)
    tokenizer("de")
    start = time.perf_counter()
    our_ends = ours(lines)
    our_seconds = time.perf_counter() - start
    start = time.perf_counter()
    reference = somajo(lines)
    somajo_seconds = time.perf_counter() - start
    agree = sum(len(a & b) for a, b in zip(our_ends, reference, strict=True))
    only_ours = sum(len(a - b) for a, b in zip(our_ends, reference, strict=True))
    only_somajo = sum(len(b - a) for a, b in zip(our_ends, reference, strict=True))
    print(f"{len(texts)} articles, {len(lines)} paragraphs (one process)")
    print(f"quellenlage  {len(texts) / our_seconds:8.1f} articles/s")
    print(f"SoMaJo       {len(texts) / somajo_seconds:8.1f} articles/s")
    print(
        f"sentence ends: {agree} agree, {only_ours} only ours, {only_somajo} only SoMaJo; "
        f"agreement F1 {2 * agree / (2 * agree + only_ours + only_somajo):.3f}"
    )
    shown = 0
    for (_, line), a, b in zip(lines, our_ends, reference, strict=True):
        if a != b and shown < 8:
            shown += 1
            marks = sorted(a ^ b)
            print(f"  differs at {marks}: …{line[max(0, marks[0] - 70) : marks[0] + 30]!r}")


if __name__ == "__main__":
    main()
