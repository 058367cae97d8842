"""HTML: trafilatura's main text plus title, site name, date and URL; the raw page is kept."""

from __future__ import annotations

from pathlib import Path

from quellenlage.ingest.html import fragment_text
from quellenlage.model import RawItem, Rejection
from tests.conftest import EXAMPLES
from tests.ingest.helpers import read_all

PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Fähre fällt aus | Lindholmer Bote</title>
<meta property="og:site_name" content="Lindholmer Bote">
<meta property="article:published_time" content="2026-01-20T07:00:00+01:00">
<link rel="canonical" href="https://bote.example/faehre"></head>
<body><nav>Startseite › Lokales</nav><article><h1>Fähre fällt aus</h1>
<p>Die Fähre zwischen Lindholm und Sandeck fällt wegen Sturm den ganzen Dienstag aus.</p>
<p>Pendler sollen auf den Bus ausweichen, teilte die Reederei am Morgen mit.</p>
</article><footer>Impressum</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "faehre.html"
    path.write_text(PAGE, encoding="utf-8")
    [item] = read_all(path)
    assert isinstance(item, RawItem)
    assert "Die Fähre zwischen Lindholm und Sandeck" in item.text
    assert "Impressum" not in item.text and "Startseite" not in item.text
    assert item.title == "Fähre fällt aus"
    assert item.outlet == "Lindholmer Bote"
    assert item.url == "https://bote.example/faehre"
    assert item.published == "2026-01-20"
    assert item.raw == PAGE


def test_truncated_html_keeps_what_is_there(tmp_path: Path) -> None:
    path = tmp_path / "cut.html"
    path.write_text(PAGE[: PAGE.index("Pendler sollen") + 20], encoding="utf-8")
    [item] = read_all(path)
    assert isinstance(item, RawItem)
    assert "Die Fähre zwischen Lindholm" in item.text


def test_html_without_text_rejected(tmp_path: Path) -> None:
    path = tmp_path / "leer.html"
    path.write_text("<html><head><title>x</title></head><body></body></html>")
    [rejection] = read_all(path)
    assert isinstance(rejection, Rejection)
    assert rejection.reason.startswith("no extractable text in HTML")


def test_example_page() -> None:
    [item] = read_all(EXAMPLES / "hafenstadt-rundschau.html")
    assert isinstance(item, RawItem)
    assert item.outlet == "Hafenstadt-Rundschau"
    assert "Foto: Jana Ehlers" not in item.text


def test_fragment_text_keeps_blocks() -> None:
    text = fragment_text("<p>Erster  Absatz.</p><p>Zweiter<br>Teil.</p><script>x</script>")
    assert text.splitlines()[:2] == ["Erster Absatz.", "Zweiter"]
