"""Large JSON documents are streamed item by item (ijson behind the guard)."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from quellenlage.model import Notice, RawItem, Rejection
from quellenlage.settings import Settings
from tests.ingest.helpers import read_all


def articles(count: int) -> list[dict[str, str]]:
    return [
        {"text": f"Meldung {n}: Der Rat in Emden tagte lange über äöü. " * 8, "title": f"T{n}"}
        for n in range(count)
    ]


def test_large_pretty_printed_document(tmp_path: Path) -> None:
    path = tmp_path / "gross.json"
    document = {"source": "export", "articles": articles(12_000)}
    path.write_text(json.dumps(document, indent=4, ensure_ascii=False), encoding="utf-8")
    assert path.stat().st_size > 5_000_000
    tracemalloc.start()
    results = read_all(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    kept = [r for r in results if isinstance(r, RawItem)]
    assert len(kept) == len(results) == 12_000
    assert kept[11_999].title == "T11999" and kept[0].source == f"{path}:1"
    assert peak < 60_000_000  # the results themselves; the document is never held whole


def test_top_level_array_with_bad_items(tmp_path: Path) -> None:
    items: list[object] = list(articles(3))
    items.insert(1, {"text": "tief", "x": json.loads("[" * 200 + "]" * 200)})
    items.insert(2, 42)
    items.insert(3, {"text": "Zahl egal", "id": 10**200})
    path = tmp_path / "liste.json"
    path.write_text(json.dumps(items, indent=2), encoding="utf-8")
    results = read_all(path)
    kept = [r.text for r in results if isinstance(r, RawItem)]
    assert len(kept) == 4 and "Zahl egal" in kept
    rejected = [(r.line, r.reason) for r in results if isinstance(r, Rejection)]
    assert rejected == [
        (2, "JSON nested deeper than 64 levels"),
        (3, "not a JSON object (a JSON number)"),
    ]
    assert [n.location for n in results if isinstance(n, Notice)] == [f"{path}:4"]


def test_per_item_cap_applies_to_each_item(tmp_path: Path) -> None:
    items = [{"text": "kurz eins"}, {"text": "x" * 50_000}, {"text": "kurz zwei"}]
    path = tmp_path / "cap.json"
    path.write_text(json.dumps({"items": items}), encoding="utf-8")
    results = read_all(path, Settings(max_article_bytes=10_000))
    assert [r.text for r in results if isinstance(r, RawItem)] == ["kurz eins", "kurz zwei"]
    [rejection] = [r for r in results if isinstance(r, Rejection)]
    assert rejection.line == 2 and "size cap" in rejection.reason


def test_syntax_error_keeps_the_items_before(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.json"
    path.write_text('{"articles": [{"text": "eins"}, {"text": "zwei"}, {"text": "dr', "utf-8")
    results = read_all(path)
    assert [r.text for r in results if isinstance(r, RawItem)] == ["eins", "zwei"]
    [rejection] = [r for r in results if isinstance(r, Rejection)]
    assert rejection.line == 3 and rejection.reason.startswith("malformed JSON")


def test_json_lines_in_a_json_file_stay_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "zeilen.json"
    lines = [json.dumps({"text": "eins"}), '{"text": "kaputt', json.dumps({"text": "drei"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = read_all(path)
    assert [r.text for r in results if isinstance(r, RawItem)] == ["eins", "drei"]
    assert [r.line for r in results if isinstance(r, Rejection)] == [2]


def test_broken_first_line_of_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "kaputt\n' + json.dumps({"text": "zwei"}) + "\n", "utf-8")
    results = read_all(path)
    assert [r.text for r in results if isinstance(r, RawItem)] == ["zwei"]


def test_single_object_document_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "eins.json"
    path.write_bytes(
        b"\xef\xbb\xbf" + json.dumps({"text": "Ein Artikel.", "title": "E"}, indent=2).encode()
    )
    [kept] = read_all(path)
    assert isinstance(kept, RawItem) and kept.title == "E"
