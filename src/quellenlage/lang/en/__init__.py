"""English language data: only what German text needs to recognise English in it (captions)."""

from quellenlage.lang.base import BASE_NOISE, LanguageData
from quellenlage.lang.en.stop_words import STOP_WORDS

ENGLISH = LanguageData(code="en", stop_words=STOP_WORDS, noise=BASE_NOISE)
