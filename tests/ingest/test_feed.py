"""RSS/Atom: one article per entry, the feed title as outlet; entity attacks refused."""

from __future__ import annotations

from pathlib import Path

from quellenlage.model import RawItem, Rejection
from tests.conftest import EXAMPLES
from tests.ingest.helpers import read_all

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Lindholm Aktuell</title>
<entry><title>Sturm legt Fähre lahm</title><link href="https://la.example/1"/>
<updated>2026-01-20T06:00:00Z</updated>
<content type="html">&lt;p&gt;Die Fähre fährt heute nicht.&lt;/p&gt;
&lt;p&gt;Busse fahren.&lt;/p&gt;</content>
</entry>
<entry><title>Ohne Link</title><summary>Kurze Meldung ohne Link.</summary></entry>
<entry><title>Leer</title></entry>
</feed>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>x</title>
<description>&lol3;</description></item></channel></rss>"""


def test_atom_entries(tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    first, second, third = read_all(path)
    assert isinstance(first, RawItem) and isinstance(second, RawItem)
    assert first.text == "Die Fähre fährt heute nicht.\nBusse fahren."
    assert (first.title, first.outlet, first.source) == (
        "Sturm legt Fähre lahm",
        "Lindholm Aktuell",
        "https://la.example/1",
    )
    assert first.published == "2026-01-20T06:00:00Z"
    assert second.source == f"{path}#entry-2"
    assert isinstance(third, Rejection) and "entry 3 has no text" in third.reason


def test_rss_example() -> None:
    [item] = read_all(EXAMPLES / "radio-kleinhafen.xml")
    assert isinstance(item, RawItem)
    assert item.outlet == "Radio Kleinhafen"
    assert item.text.startswith("Die Hafenbrücke in Kleinhafen ist seit Samstagmittag gesperrt.")


def test_entity_expansion_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.rss"
    path.write_text(BILLION_LAUGHS)
    [rejection] = read_all(path)
    assert isinstance(rejection, Rejection)
    assert "entity declarations" in rejection.reason


def test_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.rss"
    path.write_text("<rss><channel><title>x</title>")
    [rejection] = read_all(path)
    assert isinstance(rejection, Rejection)
