"""Stage 3c: figures in the text with value, unit and whether they are approximate.

Digits in German notation ("24.000", "51,4"), number words ("drei Stunden", "mehrere
Milliarden Dollar"), scales ("zwölf Millionen Euro"), compounds ("28-Punkte-Plan",
"fünfstündigen") and "zum sechsten Mal". The unit is the word the figure counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from quellenlage.lang.base import LanguageData
from quellenlage.model import Article


@dataclass(frozen=True, slots=True)
class NumberMention:
    start: int
    end: int
    value: float | None
    unit: str | None
    approx: bool

    def to_json(self, text: str) -> dict[str, object]:
        value: float | int | None = self.value
        if value is not None and float(value).is_integer():
            value = int(value)
        return {
            "text": text[self.start : self.end],
            "value": value,
            "unit": self.unit,
            "approx": self.approx,
            "start": self.start,
            "end": self.end,
        }


@cache
def _pattern(de: ModuleType) -> re.Pattern[str]:
    articles = ("ein", "eine", "einen", "einem", "einer")  # articles far more often than "1"
    words = "|".join(sorted((w for w in de.CARDINALS if w not in articles), key=len, reverse=True))
    scales = "|".join(re.escape(s) for s in sorted(de.SCALES, key=len, reverse=True))
    approx = "|".join(re.escape(a) for a in sorted(de.APPROXIMATE, key=len, reverse=True))
    adjective = "|".join(de.ADJECTIVE_UNITS)
    ordinals = "|".join(de.ORDINALS)
    ordinal_stems = "|".join(de.ORDINAL_ADJECTIVES)
    adverbs = "|".join(de.COUNTING_ADVERBS)
    return re.compile(
        rf"(?P<approx>(?i:{approx})\s+)?"
        rf"(?:(?P<digits>\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?)(?P<pct>\s?%)?"
        rf"|(?P<word>(?<!\w)(?i:{words})(?!\w)))"
        rf"(?:\s+(?P<scale>(?i:{scales})))?"
        rf"(?:(?:-(?P<compound>[A-ZÄÖÜ][a-zäöüß]+)-[\wäöüß]+)|\s+(?P<unit>[A-ZÄÖÜ][\wäöüß-]*))?"
        rf"|(?P<adj>(?<!\w)(?i:(?P<adj_n>zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf)"
        rf"(?P<adj_unit>{adjective}))\w*)"
        rf"|(?P<ordinal>(?i:zum)\s+(?P<ord>{ordinals})\s+Mal)"
        rf"|(?P<ordadj>(?<!\w)(?P<ordstem>{ordinal_stems})(?:e|en|er|es)\s+(?:[a-zäöüß]+\s+){{0,2}}"
        rf"(?P<ordunit>[A-ZÄÖÜ][\wäöüß-]*))"
        rf"|(?P<adverb>(?<!\w)(?i:{adverbs})(?!\w))",
    )


def find_numbers(article: Article, language: LanguageData) -> list[NumberMention]:
    """Figures outside the noise, in text order (German only for now)."""
    de = language.numerals
    if de is None:
        return []
    found = []
    for sentence in article.sentences:
        text = article.text[sentence.start : sentence.end]
        for match in _pattern(de).finditer(text):
            mention = _mention(match, sentence.start, de)
            if mention and not article.is_excluded(mention.start, mention.end):
                found.append(mention)
    return found


def _mention(match: re.Match[str], offset: int, de: ModuleType) -> NumberMention | None:
    start, end = offset + match.start(), offset + match.end()
    if match["adj"]:
        return NumberMention(
            start,
            end,
            de.CARDINALS[match["adj_n"].lower()],
            de.ADJECTIVE_UNITS[match["adj_unit"].lower()],
            False,
        )
    if match["ordadj"]:
        ordinal = de.ORDINAL_ADJECTIVES[match["ordstem"].lower()]
        return NumberMention(start, end, ordinal, match["ordunit"], False)
    if match["adverb"]:
        count, unit = de.COUNTING_ADVERBS[match["adverb"].lower()]
        return NumberMention(start, end, count, unit, False)
    if match["ordinal"]:
        return NumberMention(start, end, de.ORDINALS[match["ord"].lower()], "Mal", False)
    if match["digits"]:
        value: float | None = float(match["digits"].replace(".", "").replace(",", "."))
    else:
        word = match["word"].lower()
        if word not in de.CARDINALS:
            return None
        value = de.CARDINALS[word]
        if not (match["unit"] or match["scale"]):
            return None  # a bare number word ("ein", "elf") is rarely a figure
    if match["scale"] and value is not None:
        value *= de.SCALES[match["scale"].lower()]
    unit = "%" if match["pct"] else match["compound"] or match["unit"]
    if unit and unit.lower() in de.SCALES:
        unit = None
    if unit in de.NOT_UNITS or _is_score_or_clock(match):
        return None  # "18 Uhr" is a time, "31:27" a score
    if match["digits"] and not unit and not match["scale"] and _is_date_or_year(match):
        return None
    return NumberMention(start, end, value, unit, bool(match["approx"]) or value is None)


def _is_score_or_clock(match: re.Match[str]) -> bool:
    text, start, end = match.string, match.start("digits"), match.end("digits")
    return bool(match["digits"]) and (
        text[end : end + 1] == ":" or (start > 0 and text[start - 1] == ":")
    )


def _is_date_or_year(match: re.Match[str]) -> bool:
    """Years and ordinal days belong to dates, not figures."""
    digits = match["digits"]
    return bool(re.fullmatch(r"(19|20)\d{2}", digits)) or match.string[match.end() :].startswith(
        "."
    )
