"""Language data by ISO code; a new language is a new folder registered here."""

from quellenlage.lang.base import LanguageData
from quellenlage.lang.de import GERMAN
from quellenlage.lang.en import ENGLISH

LANGUAGES: dict[str, LanguageData] = {lang.code: lang for lang in (GERMAN, ENGLISH)}
DEFAULT_LANGUAGE = "de"


def get_language(code: str | None) -> LanguageData:
    """The data for ``code``; German when the language is unknown or not supported yet."""
    return LANGUAGES.get(code or DEFAULT_LANGUAGE, LANGUAGES[DEFAULT_LANGUAGE])


def guess_language(text: str, candidates: tuple[str, ...] = ("de", "en")) -> str | None:
    """The candidate whose function words occur most often in ``text``, or None for no signal."""
    words = [w.strip(".,;:!?\"'()„“”»«").lower() for w in text.split()]
    scores = {code: sum(w in LANGUAGES[code].stop_words for w in words) for code in candidates}
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] > 0 else None
