"""JSON Lines and JSON: field aliases, sources, malformed lines, streaming arrays."""

from __future__ import annotations

import json
from pathlib import Path

from quellenlage.model import RawItem, Rejection
from quellenlage.settings import Settings
from tests.ingest.helpers import read_all


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_fields_and_sources(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "a.jsonl",
        [
            json.dumps(
                {
                    "body": "Text eins über die Wahl.",
                    "headline": "Wahl",
                    "link": "https://x.example/1",
                    "date": "2026-01-02",
                    "publisher": {"name": "Bote"},
                }
            ),
            json.dumps({"content": "Text zwei über das Wetter.", "site": "Wetterdienst"}),
        ],
    )
    first, second = read_all(path)
    assert isinstance(first, RawItem) and isinstance(second, RawItem)
    assert (first.text, first.title, first.url, first.published, first.outlet) == (
        "Text eins über die Wahl.",
        "Wahl",
        "https://x.example/1",
        "2026-01-02",
        "Bote",
    )
    assert first.source == "https://x.example/1"
    assert second.source == f"{path}:2"
    assert second.outlet == "Wetterdienst"


def test_bad_lines_rejected_good_lines_kept(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "b.jsonl",
        [
            json.dumps({"text": "Guter Artikel eins."}),
            '{"text": "kaputt',
            "[1, 2]",
            json.dumps({"title": "ohne Text"}),
            "",
            json.dumps({"text": "Guter Artikel zwei."}),
        ],
    )
    results = read_all(path)
    kept = [r.text for r in results if isinstance(r, RawItem)]
    rejected = [(r.line, r.reason) for r in results if isinstance(r, Rejection)]
    assert kept == ["Guter Artikel eins.", "Guter Artikel zwei."]
    assert [line for line, _ in rejected] == [2, 3, 4]
    assert rejected[0][1].startswith("malformed JSON")
    assert rejected[1][1] == "not a JSON object (a JSON array)"


def test_too_long_line_skipped_without_losing_the_next(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "c.jsonl",
        [
            json.dumps({"text": "x" * 50_000}),
            json.dumps({"text": "Danach geht es weiter."}),
        ],
    )
    results = read_all(path, Settings(max_article_bytes=10_000))
    assert isinstance(results[0], Rejection) and results[0].line == 1
    assert isinstance(results[1], RawItem) and results[1].text == "Danach geht es weiter."


def test_invalid_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes(b'{"text": "gut"}\n{"text": "\xff\xfe"}\n')
    results = read_all(path)
    assert isinstance(results[0], RawItem)
    assert isinstance(results[1], Rejection) and "UTF-8" in results[1].reason


def test_json_array_streamed(tmp_path: Path) -> None:
    items = [
        {"text": f"Artikel Nummer {n} mit Umlauten: äöü.", "title": f"T{n}"} for n in range(300)
    ]
    path = tmp_path / "e.json"
    path.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    results = read_all(path)
    assert [r.title for r in results if isinstance(r, RawItem)] == [f"T{n}" for n in range(300)]


def test_json_array_truncated(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_text('[{"text": "eins"}, {"text": "zw', encoding="utf-8")
    results = read_all(path)
    assert isinstance(results[0], RawItem)
    assert isinstance(results[1], Rejection) and results[1].reason.startswith("malformed JSON")


def test_pretty_printed_single_object(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"text": "Ein Artikel.", "title": "Eins"}, indent=2))
    [item] = read_all(path)
    assert isinstance(item, RawItem) and item.title == "Eins"


def test_outlet_and_fields_of_news_crawlers(tmp_path: Path) -> None:
    """news-please (maintext, date_publish, source_domain) and Media Cloud (media_name,
    publish_date) records, and an outlet taken from the URL when nothing names one."""
    records = [
        {
            "maintext": "Der Hafen von Lindholm bleibt wegen Sturm bis Freitag geschlossen.",
            "date_publish": "2026-03-14 08:30:00",
            "source_domain": "kuestenbote.example",
            "url": "https://www.kuestenbote.example/hafen",
        },
        {
            "text": "Die Fähre nach Sandeck fährt wieder nach dem regulären Fahrplan.",
            "publish_date": "2026-03-15",
            "media_name": "Radio Kleinhafen",
        },
        {"text": "Der Rat tagt am Montag erneut.", "url": "https://www.rat.example/tag"},
        {"text": "Keine Adresse, kein Name.", "url": "javascript:alert(1)"},
    ]
    path = write_lines(tmp_path / "crawl.jsonl", [json.dumps(r) for r in records])
    items = [r for r in read_all(path) if isinstance(r, RawItem)]
    assert [i.outlet for i in items] == [
        "kuestenbote.example",
        "Radio Kleinhafen",
        "rat.example",
        None,
    ]
    assert items[0].text.startswith("Der Hafen") and items[0].published == "2026-03-14 08:30:00"
    assert items[1].published == "2026-03-15"
