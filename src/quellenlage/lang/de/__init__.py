"""German language data, wired into one ``LanguageData`` (no algorithms here)."""

from quellenlage.lang.base import BASE_NOISE, LanguageData
from quellenlage.lang.de.abbreviations import ABBREVIATIONS
from quellenlage.lang.de.dates import DATE_LINES, MONTHS
from quellenlage.lang.de.noise import NOISE
from quellenlage.lang.de.punctuation import QUOTE_PAIRS
from quellenlage.lang.de.stop_words import STOP_WORDS

GERMAN = LanguageData(
    code="de",
    stop_words=STOP_WORDS,
    noise=NOISE.merged(BASE_NOISE),
    abbreviations=ABBREVIATIONS,
    months=MONTHS,
    quote_pairs=QUOTE_PAIRS,
    date_lines=DATE_LINES,
)
