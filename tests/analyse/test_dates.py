"""Dates resolved against the publication date, with precision; no false hits."""

from __future__ import annotations

from datetime import date

import pytest

from quellenlage.analyse.dates import find_dates
from quellenlage.lang.base import LanguageData
from quellenlage.model import Article, RawItem, Rejection
from quellenlage.pipeline import build_article
from quellenlage.settings import Settings

WEDNESDAY = "2025-12-03"


def dates(text: str, published: str | None, german: LanguageData) -> list[tuple[str, object, str]]:
    built = build_article(RawItem("t", text, "t", published=published), Settings())
    assert isinstance(built, Article)
    return [(text[d.start : d.end], d.value, d.precision) for d in find_dates(built, german)]


@pytest.mark.parametrize(
    ("phrase", "value", "precision"),
    [
        ("am Dienstag", "2025-12-02", "day"),
        ("am Dienstagabend", "2025-12-02", "day"),
        ("am Mittwoch", "2025-12-03", "day"),
        ("am 2. Dezember", "2025-12-02", "day"),
        ("im Oktober", "2025-10", "month"),
        ("vor zwei Wochen", "2025-11-19", "day"),
        ("am Wochenende", "2025-11-29", "day"),
        ("am 20. Januar dieses Jahres", "2025-01-20", "day"),
        ("im vergangenen November", "2025-11", "month"),
        ("ab Montag", "2025-12-08", "day"),
        ("gestern", "2025-12-02", "day"),
        ("im Jahr 2019", "2019", "year"),
        ("am 14. März 2024", "2024-03-14", "day"),
    ],
)
def test_resolved(phrase: str, value: str, precision: str, german: LanguageData) -> None:
    text = f"Der Rat traf sich {phrase} in Bremen."
    assert dates(text, WEDNESDAY, german) == [(phrase, value, precision)]


def test_time_on_the_named_day(german: LanguageData) -> None:
    text = "Das Treffen begann am Dienstag nach 18 Uhr Moskauer Zeit."
    built = build_article(RawItem("t", text, "t", published=WEDNESDAY), Settings())
    assert isinstance(built, Article)
    found = find_dates(built, german)
    assert [(d.precision, d.value, d.time) for d in found] == [
        ("day", "2025-12-02", None),
        ("time", "2025-12-02", "18:00"),
    ]


def test_without_publication_date_values_stay_open(german: LanguageData) -> None:
    assert dates("Sie kamen am Dienstag.", None, german) == [("am Dienstag", None, "day")]


@pytest.mark.parametrize(
    "text",
    [
        "Sie reisten nach Moskau, um mit der Führung zu sprechen.",
        "Am Morgen war es kalt, sagte sie.",
        "Der Mai-Baum steht, die Maische gärt.",
    ],
)
def test_no_false_hits(text: str, german: LanguageData) -> None:
    assert dates(text, WEDNESDAY, german) == []


def test_seed_tuesday_in_dated_articles(seed_texts: dict[str, str], german: LanguageData) -> None:
    for key, phrase in (("001", "am Dienstagabend"), ("003", "am Dienstag")):
        built = build_article(RawItem(key, seed_texts[key], key), Settings())
        assert (not isinstance(built, Rejection) and built.published_day == date(2025, 12, 3)) or (
            built.published_at is not None
        )
        found = {seed_texts[key][d.start : d.end]: d.value for d in find_dates(built, german)}
        assert found[phrase] == "2025-12-02"


MARCH = "2026-03-15"  # a Sunday


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Der Prüfbericht soll im April vorliegen.", "im April", "2026-04"),  # future: coming
        ("Im April hatte der Rat die Pläne gebilligt.", "Im April", "2025-04"),  # past
        ("Im vergangenen November kam die Zusage.", "Im vergangenen November", "2025-11"),
        ("Der Neubau wird im Januar beginnen.", "im Januar", "2027-01"),
        ("Die Fähre soll am Freitag wieder fahren.", "am Freitag", "2026-03-20"),
        ("Am Freitag warnten die Lotsen vor Nebel.", "Am Freitag", "2026-03-13"),
        ("Der Verband teilte am Montag mit, die Sitzung werde vertagt.", "am Montag", "2026-03-09"),
    ],
)
def test_month_and_weekday_follow_the_tense(
    text: str, phrase: str, value: str, german: LanguageData
) -> None:
    found = {t: v for t, v, _ in dates(text, MARCH, german)}
    assert found[phrase] == value


def test_dateline_dates_an_article_without_publication_date(german: LanguageData) -> None:
    text = "Kiel, 14. März 2026 (dpa) – Am Freitag stimmte der Landtag dem Haushalt zu."
    found = {t: v for t, v, _ in dates(text, None, german)}
    assert found["Am Freitag"] == "2026-03-13"


def test_dateline_without_date_leaves_relative_dates_open(german: LanguageData) -> None:
    text = "Kiel (dpa) – Am Freitag stimmte der Landtag dem Haushalt zu."
    assert dates(text, None, german) == [("Am Freitag", None, "day")]
