"""German language data, wired into one ``LanguageData`` (no algorithms here)."""

from pathlib import Path

from quellenlage.lang.base import BASE_NOISE, LanguageData, SpeechData
from quellenlage.lang.de import dates, numbers, speech
from quellenlage.lang.de.abbreviations import ABBREVIATIONS
from quellenlage.lang.de.claims import DISPUTE_MARKERS, NEGATIONS
from quellenlage.lang.de.dates import DATE_LINES, MONTHS
from quellenlage.lang.de.noise import NOISE
from quellenlage.lang.de.punctuation import QUOTE_PAIRS
from quellenlage.lang.de.stop_words import STOP_WORDS
from quellenlage.lang.de.translit import NAME_KEY_RULES

GERMAN = LanguageData(
    code="de",
    stop_words=STOP_WORDS,
    noise=NOISE.merged(BASE_NOISE),
    abbreviations=ABBREVIATIONS,
    months=MONTHS,
    quote_pairs=QUOTE_PAIRS,
    date_lines=DATE_LINES,
    calendar=dates,
    numerals=numbers,
    name_key_rules=NAME_KEY_RULES,
    negations=NEGATIONS,
    dispute_markers=DISPUTE_MARKERS,
    models=Path(__file__).parent / "models",
    place_adjective_endings=("er",),  # "Moskauer Zeit", "Kyjiwer Führung": never a name
    adjective_endings=("en", "em", "er", "es", "e"),  # "die Deutsche / der Deutschen Bahn"
    speech=SpeechData(
        verbs=speech.SPEECH_VERBS,
        attribution=speech.ATTRIBUTION_BEFORE_NAME,
        subjunctive=speech.SUBJUNCTIVE,
        subjunctive_ii=speech.SUBJUNCTIVE_II,
        roles=speech.ROLE_WORDS,
        pronouns=speech.PRONOUNS,
        phrase_stops=speech.PHRASE_STOPS,
        genitive_articles=speech.GENITIVE_ARTICLES,
        skipped_adverbs=speech.SKIPPED_ADVERBS,
        determiners=speech.DETERMINERS,
        indefinite=speech.INDEFINITE,
        report_nouns=speech.REPORT_NOUNS,
        subject_pronouns=speech.SUBJECT_PRONOUNS,
        first_person=speech.FIRST_PERSON,
        not_verbs=speech.NOT_VERBS_IN_E,
        abstract_endings=speech.ABSTRACT_ENDINGS,
        relative_pronouns=speech.RELATIVE_PRONOUNS,
        subordinators=speech.SUBORDINATORS,
        not_reported_openers=speech.NOT_REPORTED_OPENERS,
        back_pointers=speech.BACK_POINTERS,
        function_words=speech.FUNCTION_WORDS,
        title_nouns=speech.TITLE_NOUNS,
        object_determiners=speech.OBJECT_DETERMINERS,
    ),
)
