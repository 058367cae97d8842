"""Noise marking on the real seed articles: every kind the seeds show, and nothing else."""

from __future__ import annotations

from itertools import pairwise

from quellenlage.clean.noise import mark_noise, split_lines
from quellenlage.lang.base import LanguageData


def noise(text: str, language: LanguageData) -> list[tuple[str, str]]:
    return [(e.kind, text[e.start : e.end]) for e in mark_noise(text, language)]


def test_seed_without_noise(seed_texts: dict[str, str], german: LanguageData) -> None:
    assert noise(seed_texts["000"], german) == []


def test_metadata_prefix(seed_texts: dict[str, str], german: LanguageData) -> None:
    assert noise(seed_texts["001"], german) == [("metadata", " date 2025-12-03")]


def test_embedded_post(seed_texts: dict[str, str], german: LanguageData) -> None:
    [(kind, text)] = noise(seed_texts["002"], german)
    assert kind == "social-post"
    assert text.startswith("Productive") and text.endswith("December 2, 2025")


def test_scraped_page(seed_texts: dict[str, str], german: LanguageData) -> None:
    found = noise(seed_texts["003"], german)
    kinds = [kind for kind, _ in found]
    assert kinds == [
        "breadcrumb",
        "share-bar",
        "metadata",
        "share-bar",
        "repeated",
        "paywall",
        "read-more",
    ]
    assert found[1][1] == "103\n0\nSHARE"
    assert found[2][1] == "Stand: 03.12.2025, 11:00 Uhr"
    assert found[5][1].startswith("Ihr Qualitäts-Ticket")
    assert found[6][1] == "Continue reading..."


def test_caption_and_comments(seed_texts: dict[str, str], german: LanguageData) -> None:
    found = noise(seed_texts["004"], german)
    assert [kind for kind, _ in found] == ["caption", "comments"]
    assert found[0][1].startswith("Russian President Putin meets")
    assert found[0][1].endswith("nach fünf Stunden.")
    assert found[1][1] == "Kommentare"


def test_summary_box_stays_content(seed_texts: dict[str, str], german: LanguageData) -> None:
    text = seed_texts["004"]
    start = text.index("Zusammenfassung")
    assert not any(e.start <= start < e.end for e in mark_noise(text, german))


def test_spans_are_sorted_disjoint_and_inside(
    seed_texts: dict[str, str], german: LanguageData
) -> None:
    for text in seed_texts.values():
        spans = mark_noise(text, german)
        for first, second in pairwise(spans):
            assert first.end <= second.start
        assert all(0 <= e.start < e.end <= len(text) for e in spans)


def test_split_lines_blocks() -> None:
    lines = split_lines("a b\nc d\n\n  e f  \r\n\r\ng")
    assert [(line.text, line.block) for line in lines] == [
        ("a b", 0),
        ("c d", 0),
        ("e f", 1),
        ("g", 2),
    ]
    assert lines[2].start == 11
