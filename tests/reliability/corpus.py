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
