"""NUL characters (U+0000), which PostgreSQL cannot store in text: removed from the text and
metadata with a notice, the url dropped, and the same article stored on both databases."""

from __future__ import annotations

import json
from pathlib import Path

from quellenlage import Archive
from quellenlage.ingest.validate import checked
from quellenlage.model import Notice, RawItem, article_id
from quellenlage.settings import Settings

FAST = Settings(ner="fast", workers=1)
TEXT = (
    "Die Fähre zwischen Nordhafen und der Insel Krell fährt ab Montag wieder nach Fahrplan. "
    "Nach Angaben der Reederei ist der Schaden am Anleger behoben."
)


def with_nul(text: str) -> str:
    return text.replace("Fahrplan", "Fahr\x00plan\x00")


def test_nul_removed_with_one_notice_and_url_dropped() -> None:
    item = RawItem(
        source="https://example.org/\x00faehre",
        text=with_nul(TEXT),
        location="in.jsonl:3",
        title="Fähre\x00 fährt",
        url="https://example.org/\x00faehre",
        outlet="Insel\x00bote",
        raw="<p>\x00</p>",
    )
    results = list(checked(item))
    notices = [r.message_text for r in results if isinstance(r, Notice)]
    assert notices == [
        "NUL character(s) removed from text, title, outlet, raw",
        "url contains a NUL character; url dropped",
    ]
    kept = results[-1]
    assert isinstance(kept, RawItem)
    assert (kept.text, kept.title, kept.outlet, kept.raw) == (
        TEXT,
        "Fähre fährt",
        "Inselbote",
        "<p></p>",
    )
    assert (kept.url, kept.source) == (None, "in.jsonl:3")


def test_only_nul_is_no_text() -> None:
    results = list(checked(RawItem(source="a", text="\x00\x00", location="a")))
    assert isinstance(results[-1], RawItem) and results[-1].text == ""  # then "empty" at build


def test_nul_in_files_and_records_on_both_databases(db_url: str, tmp_path: Path) -> None:
    lines = tmp_path / "nul.jsonl"
    record = {"text": with_nul(TEXT), "title": "Fähre\x00", "url": "https://example.org/f"}
    lines.write_text(json.dumps(record) + "\n", encoding="utf-8")
    seen: list[str] = []
    with Archive(db_url, settings=FAST) as archive:
        report = archive.ingest([str(lines)], on_message=lambda m: seen.append(m.message()))
        again = archive.ingest(records=[{**record, "url": "https://example.org/g\x00"}])
        stored = archive.article(article_id(TEXT))
        assert stored is not None and stored.text == TEXT and stored.title == "Fähre"
        assert {s.url for s in stored.sources} == {"https://example.org/f", None}
        assert archive.search("Fahrplan")[0].article_id == stored.id
    assert (report.added, report.rejections, again.already_present) == (1, [], 1)
    assert seen == [f"quellenlage: {lines}:1: NUL character(s) removed from text, title"]
    assert [n.message_text for n in again.notices] == [
        "NUL character(s) removed from text, title",
        "url contains a NUL character; url dropped",
    ]
