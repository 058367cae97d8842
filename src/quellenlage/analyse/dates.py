"""Stage 3d: dates and times in the text, resolved against the publication date.

"am Dienstag" in an article of Wednesday 3 December 2025 is Tuesday 2 December; "im Oktober"
is the last October; "vor zwei Wochen" counts back from the publication day. The tense of the
clause decides which way a month or weekday without a year points: "soll im April vorliegen"
in March is the coming April, "kam im April" the last one; without a cue the nearer one counts,
leaning to the past. An article without a publication date takes the date of its dateline
("Berlin, 14. März 2026 (dpa) – …"). Expressions that need a reference the article lacks keep
``value`` null (the story supplies it later). Only patterns built from the language's month,
weekday and number words match, so ordinary words never read as dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from types import ModuleType

from quellenlage.lang.base import LanguageData
from quellenlage.model import Article


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    value: str | None  # ISO date, year-month or year, by precision
    precision: str  # time | day | month | year
    time: str | None = None

    def to_json(self, text: str) -> dict[str, object]:
        record: dict[str, object] = {
            "text": text[self.start : self.end],
            "value": self.value,
            "precision": self.precision,
            "start": self.start,
            "end": self.end,
        }
        if self.time:
            record["time"] = self.time
        return record


@cache
def _patterns(de: ModuleType) -> re.Pattern[str]:
    months = "|".join(sorted(de.MONTHS, key=len, reverse=True))
    weekdays = "|".join(de.WEEKDAYS)
    parts = "|".join(de.DAYPARTS)
    numbers = "|".join([*de.NUMBER_WORDS, r"\d{1,2}"])
    units = "|".join(de.UNIT_DAYS)
    relative = "|".join(de.RELATIVE_DAYS)
    past = "|".join(de.PAST_WORDS + de.NEXT_WORDS)
    return re.compile(
        rf"(?P<explicit>(?:(?:am|vom|seit|bis\s+zum)\s+)?(?P<day>\d{{1,2}})\.\s?(?P<month>{months})\.?(?:\s+(?P<year>\d{{4}}))?"
        rf"(?P<this_year>\s+dieses\s+Jahres)?(?P<last_year>\s+(?:vergangenen|letzten)\s+Jahres)?)"
        rf"|(?P<numeric>(?P<nday>\d{{1,2}})\.(?P<nmonth>\d{{1,2}})\.(?P<nyear>\d{{4}}))"
        rf"|(?P<weekday_expr>(?:(?P<ahead>ab|bis|kommenden|nächsten|am\s+kommenden)\s+)?"
        rf"(?:(?:am|vom|seit)\s+(?:(?P<weekday_past>vergangenen|letzten)\s+|(?:späten|frühen)\s+)?)?"
        rf"(?P<weekday>{weekdays})(?P<part>{parts})?)(?!\w)"
        rf"|(?P<month_expr>(?:im|seit|Anfang|Mitte|Ende)\s+(?:(?P<month_rel>{past})\s+)?"
        rf"(?P<month_only>{months})(?:\s+(?P<month_year>\d{{4}}))?)(?!\w)"
        rf"|(?P<ago>vor\s+(?P<ago_n>{numbers})\s+(?P<ago_unit>{units}))(?!\w)"
        rf"|(?P<weekend>am\s+(?:(?:vergangenen|letzten)\s+)?Wochenende)"
        rf"|(?P<relative>(?<![\w-])(?:{relative})(?:(?P<rel_part>{parts}))?)(?!\w)"
        rf"|(?P<year_expr>(?:im\s+Jahr(?:e)?\s+|seit\s+)(?P<year_only>(?:19|20)\d{{2}}))(?!\w)",
        re.IGNORECASE,
    )


_TIME = re.compile(r"(?:um|gegen|nach|ab|bis)\s+(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s+Uhr")


def find_dates(
    article: Article, language: LanguageData, reference: date | None = None
) -> list[DateMention]:
    """Date mentions outside the noise, in text order; relative ones are resolved against the
    publication date, or against ``reference`` when the article has none."""
    de = language.calendar
    if de is None:
        return []
    own = article.publication_day
    reference = own or _dateline(article.text, de) or reference
    found: list[DateMention] = []
    for sentence in article.sentences:
        text = article.text[sentence.start : sentence.end]
        days: list[DateMention] = []
        for match in _patterns(de).finditer(text):
            tense = _tense(text, match.start(), match.end(), de)
            mention = _resolve(match, reference, sentence.start, de, tense)
            if mention and not article.is_excluded(mention.start, mention.end):
                days.append(mention)
        found.extend(days)
        found.extend(_times(text, sentence.start, days))
    return sorted(found, key=lambda m: m.start)


def _dateline(text: str, de: ModuleType) -> date | None:
    """The date a dateline gives at the start of wire copy ("Berlin, 14. März 2026 (dpa) –")."""
    match = re.match(de.DATELINE, text)
    if match is None or not match["day"] or not match["year"]:
        return None
    month = match["month"]
    number = int(month) if month.isdigit() else de.MONTHS.get(month.lower())
    return _safe_date(int(match["year"]), number, int(match["day"])) if number else None


def _tense(text: str, start: int, end: int, de: ModuleType) -> int:
    """+1 when the clause around a date speaks of the future, -1 of the past, 0 without a
    cue; the clause (between commas) is asked first, then the whole sentence."""
    left = max(text.rfind(",", 0, start), text.rfind(";", 0, start)) + 1
    right = min(
        (i for i in (text.find(",", end), text.find(";", end)) if i >= 0), default=len(text)
    )
    for part in (text[left:right], text):
        words = re.findall(r"\w+", part)
        lowered = {w.lower() for w in words}
        future = bool(lowered & de.FUTURE_CUES)
        past = bool(lowered & de.PAST_CUES) or _weak_past(words, de)
        if future != past:
            return 1 if future else -1
    return 0


def _weak_past(words: list[str], de: ModuleType) -> bool:
    """A weak verb in the past tense ("teilte", "warnten"), not an adjective after an article."""
    return any(
        word.islower()
        and len(word) >= 5
        and word.endswith(("te", "ten"))
        and word not in de.NOT_PAST_IN_TE
        and word not in de.FUTURE_CUES
        and (i == 0 or words[i - 1].lower() not in de.ATTRIBUTIVE_BEFORE)
        for i, word in enumerate(words)
    )


def _times(text: str, offset: int, days: list[DateMention]) -> list[DateMention]:
    """ "nach 18 Uhr": a time, on the day the same sentence names."""
    day = next((d.value for d in days if d.precision == "day" and d.value), None)
    mentions = []
    for match in _TIME.finditer(text):
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        if hour < 24 and minute < 60:
            mentions.append(
                DateMention(
                    offset + match.start(),
                    offset + match.end(),
                    day,
                    "time",
                    f"{hour:02d}:{minute:02d}",
                )
            )
    return mentions


def _resolve(
    match: re.Match[str], reference: date | None, offset: int, de: ModuleType, tense: int = 0
) -> DateMention | None:
    start, end = offset + match.start(), offset + match.end()
    if match["explicit"]:
        return _explicit(match, reference, start, end, de, tense)
    if match["numeric"]:
        day = _safe_date(int(match["nyear"]), int(match["nmonth"]), int(match["nday"]))
        return DateMention(start, end, day.isoformat(), "day") if day else None
    if match["weekday_expr"]:
        weekday = de.WEEKDAYS[match["weekday"].lower()]
        if reference is None:
            return DateMention(start, end, None, "day")
        if match["ahead"]:  # "ab Montag": the next one
            ahead = (weekday - reference.weekday()) % 7 or 7
            return DateMention(start, end, (reference + timedelta(days=ahead)).isoformat(), "day")
        if tense > 0 and not match["weekday_past"]:  # "soll am Freitag beginnen"
            ahead = (weekday - reference.weekday()) % 7
            return DateMention(start, end, (reference + timedelta(days=ahead)).isoformat(), "day")
        back = (reference.weekday() - weekday) % 7
        return DateMention(start, end, (reference - timedelta(days=back)).isoformat(), "day")
    if match["month_expr"]:
        return _month(match, reference, start, end, de, tense)
    if match["ago"]:
        count = de.NUMBER_WORDS.get(match["ago_n"].lower()) or int(match["ago_n"])
        days = count * de.UNIT_DAYS[match["ago_unit"].lower()]
        back_to = (reference - timedelta(days=days)).isoformat() if reference else None
        return DateMention(start, end, back_to, "day")
    if match["weekend"]:
        if reference is None:
            return DateMention(start, end, None, "day")
        back = (reference.weekday() - 5) % 7 or 7
        return DateMention(start, end, (reference - timedelta(days=back)).isoformat(), "day")
    if match["relative"]:
        word = match["relative"].lower()
        for part in de.DAYPARTS:
            word = word.removesuffix(part) if word != part else word
        shift = de.RELATIVE_DAYS.get(word)
        if shift is None or (word == "morgen" and match["relative"][0].isupper()):
            return None  # "Morgen" is a noun ("am Morgen"), not "tomorrow"
        shifted = (reference + timedelta(days=shift)).isoformat() if reference else None
        return DateMention(start, end, shifted, "day")
    if match["year_expr"]:
        return DateMention(start, end, match["year_only"], "year")
    return None


def _explicit(
    match: re.Match[str], reference: date | None, start: int, end: int, de: ModuleType, tense: int
) -> DateMention | None:
    month = de.MONTHS[match["month"].lower()]
    day = int(match["day"])
    if match["year"]:
        year = int(match["year"])
    elif reference is None:
        return DateMention(start, end, None, "day")
    elif match["last_year"]:
        year = reference.year - 1
    else:
        year = reference.year
        candidate = _safe_date(year, month, day)
        if candidate and not match["this_year"]:
            if tense > 0 and candidate < reference - timedelta(days=30):
                year += 1  # "soll am 10. Januar beginnen" in a December article
            elif candidate > reference + timedelta(days=7 if tense < 0 else 60):
                year -= 1  # "am 20. Dezember" in a January article
    value = _safe_date(year, month, day)
    return DateMention(start, end, value.isoformat(), "day") if value else None


def _month(
    match: re.Match[str], reference: date | None, start: int, end: int, de: ModuleType, tense: int
) -> DateMention | None:
    month = de.MONTHS[match["month_only"].lower()]
    if match["month_year"]:
        return DateMention(start, end, f"{match['month_year']}-{month:02d}", "month")
    if reference is None:
        return DateMention(start, end, None, "month")
    relation = (match["month_rel"] or "").lower()
    year = reference.year + _month_year_shift(month, reference.month, relation, tense, de)
    return DateMention(start, end, f"{year}-{month:02d}", "month")


def _month_year_shift(month: int, current: int, relation: str, tense: int, de: ModuleType) -> int:
    """-1, 0 or +1: which year a month without one belongs to. "im kommenden/vergangenen"
    decide first, then the tense; without a cue the nearer month, a tie going to the past."""
    if relation in de.NEXT_WORDS:
        return 1 if month <= current else 0
    if relation in de.PAST_WORDS:
        return -1 if month >= current else 0
    if month == current:
        return 0
    if tense > 0:
        return 1 if month < current else 0
    if tense < 0:
        return -1 if month > current else 0
    ahead = (month - current) % 12
    if month > current:
        return 0 if ahead < 12 - ahead else -1
    return 1 if ahead < 12 - ahead else 0


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
