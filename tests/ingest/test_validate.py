"""Per-item validation: the JSON guard and the field checks cost one item, never the run."""

from __future__ import annotations

import json

import pytest

from quellenlage.ingest.jsonguard import (
    BAD_UTF8,
    HUGE_NUMBER,
    TOO_DEEP,
    TOO_LARGE,
    JsonGuard,
    guard_line,
    restore,
)
from quellenlage.ingest.validate import checked
from quellenlage.model import Notice, RawItem, Rejection


def parsed(data: bytes, cap: int = 1_000_000) -> tuple[object, set[str]]:
    problems: set[str] = set()
    return restore(json.loads(guard_line(data, cap)), problems), problems


def in_chunks(data: bytes, size: int, cap: int = 1_000_000) -> bytes:
    guard = JsonGuard(cap)
    pieces = [data[i : i + size] for i in range(0, len(data), size)]
    out = b"".join(guard.feed(piece) for piece in pieces)
    return out + guard.feed(b"", final=True)


def test_deep_nesting_becomes_a_marker() -> None:
    value, problems = parsed(b'{"text": "t", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    assert isinstance(value, dict) and value["text"] == "t" and problems == {TOO_DEEP}


def test_huge_number_ignored_small_numbers_kept() -> None:
    value, problems = parsed(b'{"n": ' + b"7" * 5000 + b', "m": -12.5e3, "k": 42}')
    assert value == {"n": None, "m": -12500.0, "k": 42} and problems == {HUGE_NUMBER}


def test_lone_surrogate_restored_pairs_kept() -> None:
    value, problems = parsed(rb'{"a": "x\udc00y", "b": "\ud83d\ude00", "c": "\\udc00"}')
    assert value == {"a": "x\udc00y", "b": "\U0001f600", "c": "\\udc00"} and not problems


def test_long_string_cut_and_flagged() -> None:
    value, problems = parsed(b'{"text": "' + b"a" * 5000 + b'"}', cap=1000)
    assert problems == {TOO_LARGE}
    assert isinstance(value, dict) and len(value["text"] or "") <= 1000


def test_invalid_utf8_and_raw_controls() -> None:
    _, problems = parsed(b'{"text": "\xff\xfe"}')
    assert problems == {BAD_UTF8}
    value, problems = parsed(b'{"text": "a\tb\x00c"}')
    assert value == {"text": "a\tb\x00c"} and not problems


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 64])
def test_chunk_boundaries_never_change_the_value(size: int) -> None:
    record = {
        "text": 'Grüße „zitiert“ 😀 \\ " \u00e4 end',
        "n": [1234567890, -1.5e-3, True, None],
        "deep": [[[["x"]]]],
    }
    for data in (
        json.dumps(record, ensure_ascii=False).encode(),
        json.dumps(record, ensure_ascii=True).encode(),
    ):
        assert json.loads(in_chunks(data, size)) == record


def test_chunked_surrogate_pair_and_huge_number() -> None:
    data = b'["\\ud83d\\ude00", ' + b"1" * 500 + b", 3]"
    for size in (1, 4, 9, 100):
        problems: set[str] = set()
        assert restore(json.loads(in_chunks(data, size)), problems) == ["\U0001f600", None, 3]
        assert problems == {HUGE_NUMBER}


def item(**fields: str) -> RawItem:
    return RawItem(source=fields.get("url", "f.jsonl:3"), location="f.jsonl:3", **fields)  # type: ignore[arg-type]


def test_text_with_lone_surrogate_rejected_once() -> None:
    [result] = checked(item(text="Ein Text \udc00 hier."))
    assert isinstance(result, Rejection)
    assert result.message() == (
        "quellenlage: f.jsonl:3: text is not valid Unicode (lone surrogate U+DC00 at "
        "character 9); not stored"
    )


def test_bad_metadata_repaired_or_dropped_with_notices() -> None:
    results = list(
        checked(
            item(
                text="Guter Text.",
                title="Nord\udc00see",
                outlet="Bote\ud800",
                url="https://x.example/\udc00",
            )
        )
    )
    *notices, kept = results
    assert isinstance(kept, RawItem) and all(isinstance(n, Notice) for n in notices)
    assert (kept.title, kept.outlet, kept.url, kept.source) == (
        "Nord\ufffdsee",
        "Bote\ufffd",
        None,
        "f.jsonl:3",
    )
    assert len(notices) == 3
    "".join(n.message() for n in notices).encode("utf-8")  # every message is printable


@pytest.mark.parametrize(
    "value", ["9999-12-31", "0001-01-01", "31.02.2026", "not a date", "1799-12-31"]
)
def test_bad_dates_kept_as_unknown_with_a_notice(value: str) -> None:
    notice, kept = checked(item(text="Text.", published=value))
    assert isinstance(notice, Notice) and value in notice.message()
    assert isinstance(kept, RawItem) and kept.published is None


def test_good_item_passes_untouched() -> None:
    [kept] = checked(item(text="Text.", title="T", published="2026-03-14"))
    assert isinstance(kept, RawItem) and kept.published == "2026-03-14"
