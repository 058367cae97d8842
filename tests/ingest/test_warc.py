"""Crawl archives made here with warcio (HTML, a redirect, an image, a request and a truncated
record) through the real ``quellenlage ingest`` command, and gzip-compressed JSON Lines."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quellenlage.ingest.base import InputFile
from quellenlage.ingest.registry import reader_for
from quellenlage.model import Notice, RawItem, Rejection
from quellenlage.store import Store
from tests.ingest.helpers import read_all

FIRST = (
    "Der Gemeinderat von Wiesenfeld hat am Montag den Bau einer neuen Brücke über den "
    "Mühlbach beschlossen. Die Kosten liegen nach Angaben der Verwaltung bei 2,4 Millionen "
    "Euro. Bürgermeisterin Hanna Kessler sagte, die alte Brücke sei seit Jahren marode."
)
SECOND = (
    "In Talheim öffnet die Stadtbibliothek ab Dezember auch sonntags. Der Förderverein "
    "übernimmt die Kosten für das zusätzliche Personal. Die Leiterin der Bibliothek "
    "erwartet, dass vor allem Familien das neue Angebot nutzen werden."
)
LOST = (
    "Dieser Bericht über die Sanierung des Freibads in Ostheim ist in der Mitte "
    "abgeschnitten, weil der Crawler beim Schreiben des Archivs unterbrochen wurde."
)


def _page(title: str, text: str) -> bytes:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1><p>{text}</p></article></body></html>"
    ).encode()


def _record(uri: str, status: str, content_type: str, body: bytes, gz: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": "2025-11-20T08:30:00Z"},
    )
    writer.write_record(record)
    return buffer.getvalue()


def _request(uri: str, gz: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
    writer.write_record(writer.create_warc_record(uri, "request", http_headers=headers))
    return buffer.getvalue()


def make_crawl(path: Path, gz: bool) -> None:
    """Two HTML pages around a truncated one, a redirect, a PNG image and a request."""
    truncated = _record(
        "https://example.org/freibad", "200 OK", "text/html", _page("Freibad", LOST), gz
    )
    parts = [
        _request("https://example.org/bruecke", gz),
        _record(
            "https://example.org/bruecke",
            "200 OK",
            "text/html; charset=utf-8",
            _page("Neue Brücke", FIRST),
            gz,
        ),
        _record("https://example.org/alt", "301 Moved Permanently", "text/html", b"", gz),
        _record("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG" + bytes(40), gz),
        truncated[: len(truncated) * 2 // 3],
        _record(
            "https://example.org/bibliothek", "200 OK", "text/html", _page("Bibliothek", SECOND), gz
        ),
    ]
    path.write_bytes(b"".join(parts))


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_crawl_archive_through_the_ingest_command(tmp_path: Path, name: str) -> None:
    crawl = tmp_path / name
    make_crawl(crawl, gz=name.endswith(".gz"))
    db = tmp_path / "news.db"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "quellenlage",
            "ingest",
            str(crawl),
            "--db",
            str(db),
            "--ner",
            "fast",
            "--workers",
            "1",
            "--no-dossiers",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in completed.stderr
    lines = completed.stderr.splitlines()
    assert completed.returncode == 1, completed.stderr
    rejected = [line for line in lines if "truncated or malformed WARC record" in line]
    skipped = [line for line in lines if "non-HTML record(s) skipped" in line]
    assert len(rejected) == 1 and len(skipped) == 1 and len(lines) == 2, lines
    assert "1 redirect(s)" in skipped[0] and "1 image/png response(s)" in skipped[0]
    assert "1 request record(s)" in skipped[0]
    with Store(db, read_only=True) as store:
        articles = {a.url: a for a in store.articles()}
        assert set(articles) == {"https://example.org/bruecke", "https://example.org/bibliothek"}
        assert FIRST in articles["https://example.org/bruecke"].text
        assert SECOND in articles["https://example.org/bibliothek"].text
        assert articles["https://example.org/bruecke"].published == "2025-11-20"  # WARC-Date
        assert articles["https://example.org/bruecke"].outlet == "example.org"
        assert len(store.ingest_errors()) == 1


def test_page_date_comes_before_the_crawl_date(tmp_path: Path) -> None:
    crawl = tmp_path / "dated.warc"
    page = (
        b'<html><head><meta property="article:published_time" content="2025-10-02">'
        b"</head><body><article><p>" + FIRST.encode() + b"</p></article></body></html>"
    )
    crawl.write_bytes(_record("https://example.org/a", "200 OK", "text/html", page, gz=False))
    items = [r for r in read_all(crawl) if isinstance(r, RawItem)]
    assert [(i.published, i.url, i.source) for i in items] == [
        ("2025-10-02", "https://example.org/a", "https://example.org/a")
    ]
    assert items[0].location == f"{crawl}@0"


@pytest.mark.parametrize(
    ("name", "gz", "reader"), [("a.warc.gz", True, "warc"), ("noext", False, "warc")]
)
def test_crawl_archives_are_recognised(tmp_path: Path, name: str, gz: bool, reader: str) -> None:
    path = tmp_path / name
    path.write_bytes(_record("https://example.org/a", "200 OK", "text/html", b"<p>x</p>", gz))
    chosen = reader_for(InputFile(str(path), name), path.read_bytes()[:2048], explicit=True)
    assert chosen is not None and chosen.name == reader


def test_gzip_json_lines_streamed(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write(json.dumps({"text": FIRST, "url": "https://example.org/1"}) + "\n")
        stream.write('{"text": "kaputt\n')
        stream.write(json.dumps({"text": SECOND}) + "\n")
    results = read_all(path)
    assert [r.text for r in results if isinstance(r, RawItem)] == [FIRST, SECOND]
    assert [(r.line, r.reason) for r in results if isinstance(r, Rejection)] == [
        (2, "malformed JSON (Unterminated string starting at)")
    ]


def test_truncated_gzip_json_lines_keeps_the_lines_before(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    whole = gzip.compress(
        "".join(json.dumps({"text": f"{FIRST} Meldung {n}."}) + "\n" for n in range(50)).encode()
    )
    path.write_bytes(whole[: len(whole) - 40])
    results = read_all(path)
    assert 0 < sum(isinstance(r, RawItem) for r in results) < 50
    assert [r.reason for r in results if isinstance(r, Rejection)] == [
        "compressed data is truncated or corrupt"
    ]
    assert not [r for r in results if isinstance(r, Notice)]
