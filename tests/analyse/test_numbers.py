"""Figures with value, unit and approximation, in German notation and words."""

from __future__ import annotations

import pytest

from quellenlage.analyse.numbers import find_numbers
from quellenlage.lang.base import LanguageData
from quellenlage.model import Article, RawItem
from quellenlage.pipeline import build_article
from quellenlage.settings import Settings


def numbers(text: str, german: LanguageData) -> list[tuple[str, object, object, bool]]:
    built = build_article(RawItem("t", text, "t"), Settings())
    assert isinstance(built, Article)
    return [(text[n.start : n.end], n.value, n.unit, n.approx) for n in find_numbers(built, german)]


@pytest.mark.parametrize(
    ("phrase", "value", "unit", "approx"),
    [
        ("505 Quadratkilometer", 505, "Quadratkilometer", False),
        ("51,4 Prozent", 51.4, "Prozent", False),
        ("fast drei Stunden", 3, "Stunden", True),
        ("rund 24.000 Fahrzeugen", 24000, "Fahrzeugen", True),
        ("zwölf Millionen Euro", 12_000_000, "Euro", False),
        ("mehrere Milliarden Dollar", None, "Dollar", True),
        ("28-Punkte-Plan", 28, "Punkte", False),
        ("fünfstündigen", 5, "Stunden", False),
        ("zum sechsten Mal", 6, "Mal", False),
        ("12 %", 12, "%", False),
    ],
)
def test_figures(phrase: str, value: object, unit: str, approx: bool, german: LanguageData) -> None:
    assert numbers(f"Es ging um {phrase} in Kiel.", german) == [(phrase, value, unit, approx)]


@pytest.mark.parametrize(
    "text",
    [
        "Das Treffen begann um 18 Uhr.",
        "Die Brücke wurde 1968 eröffnet.",
        "Die Möwen gewannen 31:27.",
        "Eine Delegation kam mit einem Plan.",
    ],
)
def test_not_figures(text: str, german: LanguageData) -> None:
    assert numbers(text, german) == []
