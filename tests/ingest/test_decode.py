"""Decoding: UTF-8 with or without BOM, detected legacy encodings, binary refused."""

from __future__ import annotations

import codecs
import os

import pytest

from quellenlage.ingest.decode import DecodeError, decode

GERMAN = "Straßenbahn fährt wieder: „Gute Nachrichten“ für Pendler – sagt die Müllerin.\n"


def test_utf8_exact() -> None:
    assert decode(GERMAN.encode("utf-8")) == (GERMAN, "utf-8")


def test_utf8_bom_tolerated() -> None:
    assert decode(codecs.BOM_UTF8 + GERMAN.encode("utf-8")) == (GERMAN, "utf-8-sig")


def test_utf16_with_bom() -> None:
    assert decode(GERMAN.encode("utf-16")) == (GERMAN, "utf-16")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_western_legacy_encodings(encoding: str) -> None:
    text = "Die Straße in München ist gesperrt, sagt Jürgen Weiß.\n"
    assert decode(text.encode(encoding))[0] == text


def test_cp1252_quotes() -> None:
    text, encoding = decode(GERMAN.encode("cp1252"))
    assert (text, encoding) == (GERMAN, "cp1252")


def test_cyrillic_detected() -> None:
    text = "Переговоры в Москве закончились без результата, сообщил Кремль.\n" * 5
    decoded, encoding = decode(text.encode("cp1251"))
    assert decoded == text
    assert encoding.replace("_", "").lower() in ("cp1251", "windows1251")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
        (b"PK\x03\x04" + bytes(50), "ZIP archive"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"abc\x00def", "binary data"),
    ],
)
def test_binary_refused(data: bytes, kind: str) -> None:
    with pytest.raises(DecodeError, match=kind):
        decode(data)


def test_random_bytes_refused() -> None:
    data = bytes(b for b in os.urandom(4000) if b)  # no NUL: must still be seen as binary
    with pytest.raises(DecodeError):
        decode(data)
