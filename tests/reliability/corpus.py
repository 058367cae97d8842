"""A hostile-input corpus, generated (never committed as blobs): what scrapers really produce.

Each entry says what must happen to it: kept as an article, or rejected with one message.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

GOOD_GERMAN = (
    "Die Straße in Köln bleibt gesperrt, meldet die Polizei am Dienstag. "
    "„Bitte umfahren“, heißt es."
)


@dataclass(frozen=True)
class Expectation:
    kept: int  # articles that must be stored
    rejected: int  # rejection lines (and ingest_errors rows)
    notices: int  # warnings that cost no article (guessed encodings)


def _nested_html(depth: int) -> str:
    return (
        "<div>" * depth + "<p>Tief verschachtelter Text über den Hafen von Lindholm, "
        "der trotzdem gelesen werden soll.</p>" + "</div>" * depth
    )


def write_corpus(folder: Path, seed: int = 7) -> Expectation:
    """Write the corpus into ``folder``; returns what an ingest of the folder must report."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        # rejected: nothing to read
        "leer.txt": b"",
        "nur-leerraum.txt": b"  \n\t\r\n   \n",
        "bild.txt": b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(512)),
        "archiv.txt": b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(512)),
        "zufall.txt": bytes(rng.randrange(256) for _ in range(4096)),
        "ohne-body.html": b"<html><head><title>Nur Kopf</title></head></html>",
        "bombe.rss": (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
            b"<rss><channel><title>&c;</title><item><description>&c;</description></item>"
            b"</channel></rss>"
        ),
        # kept, with a notice naming the guessed encoding
        "latin1.txt": GOOD_GERMAN.replace("„", '"').replace("“", '"').encode("latin-1"),
        "cp1252.txt": GOOD_GERMAN.encode("cp1252"),
        # kept as they are
        "utf16.txt": GOOD_GERMAN.replace("Köln", "Bonn").encode("utf-16"),
        "zeilenenden.txt": "Erste Zeile über Bremen.\r\nZweite Zeile.\rDritte Zeile.\n".encode(),
        "abgebrochen.html": (
            "<html><body><article><p>Der Bericht über die Flut in Emden bricht mitten im "
            "Satz ab, weil der Download abri"
        ).encode(),
        "verschachtelt.html": _nested_html(10_000).encode(),
        "mit leerzeichen.txt": b"Ein Artikel mit Leerzeichen im Dateinamen, aus Kiel.",
        "zeile\numbruch.txt": b"Ein Artikel mit Zeilenumbruch im Dateinamen, aus Rostock.",
        os.fsdecode(
            b"kaputt-\xff\xfe.txt"
        ): "Ein Artikel aus Lübeck, Dateiname kein UTF-8.".encode(),
    }
    lines = [
        json.dumps({"text": "Gute Zeile eins über Husum.", "title": "Husum"}),
        '{"text": "abgebrochen',
        "42",
        json.dumps({"text": "x" * 6_000_000}),
        json.dumps({"title": "ohne Text"}),
        json.dumps({"text": "Gute Zeile zwei über Wismar."}),
    ]
    files["zeilen.jsonl"] = ("\n".join(lines) + "\n").encode()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "schleife").symlink_to(folder)  # a loop: must not be followed
    (folder / "verwaist.txt").symlink_to(folder / "gibt-es-nicht.txt")
    unreadable = folder / "gesperrt.txt"
    unreadable.write_bytes(b"Geheimer Artikel.")
    unreadable.chmod(0)
    return Expectation(
        kept=10,  # 2 legacy encodings, utf16, line endings, truncated page, 3 odd names, 2 JSON
        rejected=8 + 4 + 2,  # eight files (the 10,000-level page too), 4 JSON lines, 2 links
        notices=2,
    )


@dataclass(frozen=True)
class ItemCase:
    """What one bad item must produce: exactly one stderr line containing ``message``."""

    message: str
    kept: bool  # the article is still stored (a notice), or not (a rejection)


def _line(n: int, **fields: object) -> str:
    record = {"text": f"Meldung {n}: Der Rat in Emden tagte über den Hafen.", **fields}
    return json.dumps(record)


def write_item_corpus(folder: Path) -> tuple[int, dict[str, ItemCase]]:
    """Bad items between good ones (issue 15): returns the articles that must be stored and,
    per bad item, the one line it must get on stderr."""
    folder.mkdir(parents=True, exist_ok=True)
    name = "einzeln.jsonl"
    bad = {
        50: ({"title": "Nord\udc00see"}, "title: lone surrogate replaced by U+FFFD", True),
        100: ({"url": "https://x.example/\udc00"}, "url is not valid Unicode", True),
        150: ({"outlet": "Bote\ud800"}, "outlet: lone surrogate replaced by U+FFFD", True),
        200: ({"text": "Ein Text mit \udc00 darin."}, "text is not valid Unicode", False),
        280: ({}, "a number longer than 100 characters ignored", True),
    }
    lines = []
    cases: dict[str, ItemCase] = {}
    for n in range(1, 302):
        fields, message, kept = bad.get(n, ({}, "", True))
        lines.append(_line(n, **fields))
        if message:
            cases[f"{name}:{n}"] = ItemCase(message, kept)
    lines[249] = '{"text": "tief", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    lines[279] = lines[279][:-1] + ', "id": ' + "7" * 5000 + "}"  # json.dumps refuses it
    cases[f"{name}:250"] = ItemCase("JSON nested deeper than 64 levels", False)
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    dates = ["9999-12-31", "0001-01-01", "31.02.2026", "not a date"]
    date_lines = [_line(1000 + n, published=value) for n, value in enumerate(dates)]
    (folder / "daten.jsonl").write_text("\n".join(date_lines) + "\n", encoding="utf-8")
    for n, value in enumerate(dates, start=1):
        cases[f"daten.jsonl:{n}"] = ItemCase(f"published date '{value}'", True)
    nav = "".join(
        f'<p><a href="/r{i}">Rubrik {i}</a> | <a href="/s{i}">Dienst {i}</a></p>' for i in range(10)
    )
    (folder / "srcdoc.html").write_text(
        f"<html><body><nav>Start Politik Wirtschaft Sport Kultur Wetter Kontakt</nav>"
        f'<iframe srcdoc="&lt;p&gt;{GOOD_GERMAN}&lt;/p&gt;"></iframe></body></html>',
        encoding="utf-8",
    )
    cases["srcdoc.html"] = ItemCase("iframe srcdoc", False)
    (folder / "nur-navigation.html").write_text(
        f"<html><body>{nav}</body></html>", encoding="utf-8"
    )
    cases["nur-navigation.html"] = ItemCase("only navigation and links", False)
    (folder / "gut.html").write_text(
        f"<html><body><nav>{nav}</nav><article><h1>Hafen</h1><p>{GOOD_GERMAN}</p>"
        f"<p>Der <a href='/r'>Rat</a> tagt am Abend erneut über den Hafen von Emden.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    kept = 301 - 2 + len(dates) + 1
    return kept, cases


def write_table_page(path: Path, megabytes: int = 30) -> None:
    """An HTML table of ``megabytes`` MB: must be refused before parsing."""
    row = "<tr><td>1234</td><td>Zelle</td></tr>\n"
    with open(path, "w", encoding="utf-8") as stream:
        stream.write("<html><body><table>\n")
        stream.write(row * (megabytes * 1_000_000 // len(row)))
        stream.write("</table></body></html>\n")


def write_large_document(path: Path, items: int) -> None:
    """A pretty-printed ``{"articles": [...]}`` document."""
    articles = [
        {"title": f"Nr. {n}", "text": f"Meldung {n}: Der Rat in Emden tagte über den Hafen."}
        for n in range(items)
    ]
    path.write_text(json.dumps({"articles": articles}, indent=4), encoding="utf-8")
