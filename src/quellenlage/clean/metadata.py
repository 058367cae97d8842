"""Stage 2b: title and publication date from the text when the container format gave none.

A plain file's first line is its title when it looks like one (short, no final punctuation);
dates come from the metadata noise spans (`` date 2025-12-03``, ``Stand: 03.12.2025, 11:00 Uhr``)
or from the date field a reader found.

Every date leaving this module lies between ``EARLIEST`` and two years from today: a year 9999
or 0001 is a scraper's placeholder, and later stages add days to dates (``date + timedelta``)
that must never overflow. Outside that range a date is unknown (None), never an error.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from quellenlage.clean.noise import split_lines
from quellenlage.lang.base import LanguageData
from quellenlage.model import Excluded

_MAX_TITLE_CHARS = 200
_TITLE_END = re.compile(r"[.,;!?]$")
_ISO_IN_TEXT = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")
_GERMAN_NUMERIC = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s*(\d{1,2})[:.](\d{2}))?")

Published = tuple[datetime | None, date | None]
EARLIEST = date(1800, 1, 1)
_AHEAD = timedelta(days=2 * 366)  # embargoed or scheduled items carry dates a little ahead


def title_line(text: str, excluded: list[Excluded]) -> str | None:
    """The first content line when it looks like a headline, else None."""
    for line in split_lines(text):
        if any(e.start <= line.start and line.end <= e.end for e in excluded):
            continue
        looks_like_title = (
            len(line.text) <= _MAX_TITLE_CHARS
            and len(line.text.split()) >= 2
            and not _TITLE_END.search(line.text)
            and line.end < len(text.rstrip())
        )
        return line.text if looks_like_title else None
    return None


def publication_date(
    declared: str | None, text: str, excluded: list[Excluded], language: LanguageData
) -> Published:
    """(date-time, date) from the declared value, else from the text's metadata lines."""
    if declared:
        parsed = parse_date(declared)
        if parsed != (None, None):
            return parsed
    for span in excluded:
        if span.kind == "metadata":
            found = _in_range(_date_in_metadata(text[span.start : span.end], language))
            if found != (None, None):
                return found
    return None, None


def latest() -> date:
    """The last publication date taken as real: two years from today."""
    return date.today() + _AHEAD


def date_problem(value: str) -> str | None:
    """Why a declared date is kept as unknown (unparseable or out of range), or None if fine."""
    parsed = _parse(value)
    if parsed == (None, None):
        return "not a date we can read"
    if _in_range(parsed) == (None, None):
        return f"outside {EARLIEST.year}..{latest().year}"
    return None


def parse_date(value: str) -> Published:
    """ISO 8601, RFC 2822 (feeds) or German ``03.12.2025[, 11:00]``; (None, None) if none fits
    or the date is out of range."""
    return _in_range(_parse(value))


def _in_range(parsed: Published) -> Published:
    at, day = parsed
    when = at.date() if at else day
    if when is None or not EARLIEST <= when <= latest():
        return None, None
    return at, day


def _parse(value: str) -> Published:
    value = value.strip()
    try:
        if len(value) == 10:
            return None, date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("Z", "+00:00")), None
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value), None
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    match = _GERMAN_NUMERIC.fullmatch(value)
    return _from_parts(match.groups()) if match else (None, None)


def _date_in_metadata(line: str, language: LanguageData) -> Published:
    for pattern in language.date_lines:
        match = re.search(pattern, line)
        if match:
            parts = match.groupdict()
            month = parts.get("month") or str(
                language.months.get((parts.get("month_name") or "").lower().rstrip("."), 0)
            )
            return _from_parts(
                (parts["day"], month, parts["year"], parts.get("hour"), parts.get("minute"))
            )
    match = _ISO_IN_TEXT.search(line)
    if match:
        year, month, day, hour, minute, _second = match.groups()
        return _from_parts((day, month, year, hour, minute))
    return None, None


def _from_parts(parts: tuple[str | None, ...]) -> Published:
    day, month, year, hour, minute = (int(p) if p else None for p in parts[:5])
    try:
        if day is None or month is None or year is None:
            return None, None
        if hour is not None and minute is not None:
            return datetime(year, month, day, hour, minute), None
        return None, date(year, month, day)
    except (ValueError, OverflowError):
        return None, None
