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
        person_endings=speech.PERSON_ENDINGS,
        epithet_articles=speech.EPITHET_ARTICLES,
        age_epithet=speech.AGE_EPITHET,
        attribute_endings=speech.ATTRIBUTE_ENDINGS,
        inflection_suffixes=speech.INFLECTION_SUFFIXES,
        genitive_endings=speech.GENITIVE_ENDINGS,
        subjunctive_endings=speech.SUBJUNCTIVE_ENDINGS,
        weak_past_endings=speech.WEAK_PAST_ENDINGS,
        impersonal_pronouns=speech.IMPERSONAL_PRONOUNS,
        expletive_pronouns=speech.EXPLETIVE_PRONOUNS,
        reflexive_pronouns=speech.REFLEXIVE_PRONOUNS,
        nominative_pronouns=speech.NOMINATIVE_PRONOUNS,
        coordinators=speech.COORDINATORS,
        auxiliaries=speech.AUXILIARIES,
        possessives=speech.POSSESSIVES,
        gendered_endings=speech.GENDERED_ENDINGS,
        honorifics=speech.HONORIFICS,
        pronoun_genders=speech.PRONOUN_GENDERS,
        article_genders=speech.ARTICLE_GENDERS,
        place_prepositions=speech.PLACE_PREPOSITIONS,
        source_prepositions=speech.SOURCE_PREPOSITIONS,
        dative_articles=speech.DATIVE_ARTICLES,
        time_prepositions=speech.TIME_PREPOSITIONS,
        closing_attribution=speech.CLOSING_ATTRIBUTION,
        source_before=speech.SOURCE_BEFORE,
        source_after=speech.SOURCE_AFTER,
        report_prepositions=speech.REPORT_PREPOSITIONS,
        own_words=speech.OWN_WORDS,
        report_adjective_endings=speech.REPORT_ADJECTIVE_ENDINGS,
        declension_endings=speech.DECLENSION_ENDINGS,
        owner_prepositions=speech.OWNER_PREPOSITIONS,
        complementizers=speech.COMPLEMENTIZERS,
        as_said=speech.AS_SAID,
        accordingly=speech.ACCORDINGLY,
        infinitive_markers=speech.INFINITIVE_MARKERS,
        infix_infinitive=speech.INFIX_INFINITIVE,
        cited_name=speech.CITED_NAME,
    ),
)
