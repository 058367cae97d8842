"""Titles and publication dates found in the text or given by the container."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from quellenlage.clean.metadata import (
    date_problem,
    latest,
    parse_date,
    publication_date,
    title_line,
)
from quellenlage.clean.noise import mark_noise
from quellenlage.lang.base import LanguageData


def title_of(text: str, language: LanguageData) -> str | None:
    return title_line(text, mark_noise(text, language))


def test_title_from_first_line(seed_texts: dict[str, str], german: LanguageData) -> None:
    assert title_of(seed_texts["002"], german) == (
        "Ukraine-Krieg: Witkoff-Putin-Treffen in Moskau endet ohne konkrete Ergebnisse"
    )
    assert title_of(seed_texts["004"], german) == (
        'Nach Treffen von Putin und Witkoff: "Sind Lösung nicht näher gekommen"'
    )


def test_title_after_breadcrumb(seed_texts: dict[str, str], german: LanguageData) -> None:
    assert title_of(seed_texts["003"], german) == (
        "US-Delegation trifft Putin – Gespräche ohne Kompromisse"
    )


def test_no_title_when_first_line_is_a_paragraph(
    seed_texts: dict[str, str], german: LanguageData
) -> None:
    assert title_of(seed_texts["000"], german) is None
    assert title_of(seed_texts["001"], german) is None


def test_single_line_text_has_no_title(german: LanguageData) -> None:
    assert title_of("Nur eine Zeile ohne Punkt", german) is None


def test_dates_from_seed_text(seed_texts: dict[str, str], german: LanguageData) -> None:
    for key, expected in (
        ("001", (None, date(2025, 12, 3))),
        ("003", (datetime(2025, 12, 3, 11, 0), None)),
    ):
        text = seed_texts[key]
        assert publication_date(None, text, mark_noise(text, german), german) == expected
    text = seed_texts["000"]
    assert publication_date(None, text, mark_noise(text, german), german) == (None, None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-14", (None, date(2026, 3, 14))),
        ("2026-03-14T15:02:00", (datetime(2026, 3, 14, 15, 2), None)),
        ("2026-03-14T15:02:00Z", (datetime(2026, 3, 14, 15, 2, tzinfo=UTC), None)),
        (
            "Sat, 14 Mar 2026 18:05:00 +0100",
            (datetime(2026, 3, 14, 18, 5, tzinfo=timezone(timedelta(hours=1))), None),
        ),
        ("14.03.2026", (None, date(2026, 3, 14))),
        ("14.03.2026, 09:30", (datetime(2026, 3, 14, 9, 30), None)),
        ("gestern", (None, None)),
        ("31.02.2026", (None, None)),
    ],
)
def test_parse_date(value: str, expected: tuple[object, object]) -> None:
    assert parse_date(value) == expected


def test_named_month_in_metadata_line(german: LanguageData) -> None:
    text = "Ein Titel hier\nAktualisiert am 3. März 2026\nDer Text des Artikels geht hier weiter.\n"
    assert publication_date(None, text, mark_noise(text, german), german) == (
        None,
        date(2026, 3, 3),
    )


def test_declared_date_wins(german: LanguageData) -> None:
    text = "Stand: 03.12.2025, 11:00 Uhr\nText des Artikels, der weitergeht.\n"
    found = publication_date("2025-12-01", text, mark_noise(text, german), german)
    assert found == (None, date(2025, 12, 1))


@pytest.mark.parametrize(
    "value",
    ["9999-12-31", "0001-01-01", "1799-12-31", "9999-12-31T23:59:59-12:00", "01.01.0001", "x"],
)
def test_dates_outside_the_range_are_unknown(value: str) -> None:
    assert parse_date(value) == (None, None)
    assert date_problem(value) is not None


def test_dates_inside_the_range_have_room_for_arithmetic() -> None:
    for value in ("1800-01-01", "2026-03-14T15:02:00+14:00", latest().isoformat()):
        at, day = parse_date(value)
        when = at.date() if at else day
        assert when is not None and date_problem(value) is None
        assert when + timedelta(days=3650) > when - timedelta(days=3650)


def test_metadata_line_with_a_placeholder_year_is_unknown(german: LanguageData) -> None:
    text = "Ein Titel hier\nStand: 31.12.9999, 11:00 Uhr\nDer Text des Artikels geht hier weiter.\n"
    assert publication_date(None, text, mark_noise(text, german), german) == (None, None)
