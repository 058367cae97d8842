"""Language-neutral data and the shape every language module fills in.

Web boilerplate in English ("SHARE", "Continue reading...") appears on pages in every language,
so it lives here rather than in ``en``. No algorithms here: ``clean`` and ``analyse`` read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType


@dataclass(frozen=True)
class NoisePatterns:
    """Regexes for scrape noise. Line patterns must match a whole (stripped) line."""

    lines: dict[str, tuple[str, ...]] = field(default_factory=dict)  # kind -> patterns
    share_words: tuple[str, ...] = ()  # words of share bars; may be glued ("DruckenTeilen")
    breadcrumb_roots: tuple[str, ...] = ()  # first word of a breadcrumb trail
    caption_cues: tuple[str, ...] = ()  # patterns that start or end an image caption
    comment_tails: tuple[str, ...] = ()  # whole lines that end an article's text
    metadata_prefixes: tuple[str, ...] = ()  # patterns at the very start of a text

    def merged(self, other: NoisePatterns) -> NoisePatterns:
        """This language's patterns extended by ``other`` (used to add the base patterns)."""
        kinds = set(self.lines) | set(other.lines)
        return NoisePatterns(
            lines={k: self.lines.get(k, ()) + other.lines.get(k, ()) for k in sorted(kinds)},
            share_words=self.share_words + other.share_words,
            breadcrumb_roots=self.breadcrumb_roots + other.breadcrumb_roots,
            caption_cues=self.caption_cues + other.caption_cues,
            comment_tails=self.comment_tails + other.comment_tails,
            metadata_prefixes=self.metadata_prefixes + other.metadata_prefixes,
        )


@dataclass(frozen=True)
class SpeechData:
    """Words that mark reported speech and its speaker (see ``lang/de/speech.py``)."""

    verbs: frozenset[str]
    attribution: frozenset[str]
    subjunctive: frozenset[str]
    subjunctive_ii: frozenset[str]
    roles: frozenset[str]
    pronouns: frozenset[str]
    phrase_stops: frozenset[str]
    genitive_articles: frozenset[str]
    skipped_adverbs: frozenset[str]
    determiners: frozenset[str]
    indefinite: frozenset[str]
    report_nouns: frozenset[str] = frozenset()  # "nach Angaben von X"
    subject_pronouns: frozenset[str] = frozenset()  # "lehne er ab": Konjunktiv I by a pronoun
    first_person: frozenset[str] = frozenset()  # continues unmarked direct speech
    not_verbs: frozenset[str] = frozenset()  # words shaped like a Konjunktiv I that are not
    abstract_endings: tuple[str, ...] = ()  # a noun so derived never speaks ("Darstellung")
    relative_pronouns: frozenset[str] = frozenset()  # open a verb-final clause
    subordinators: frozenset[str] = frozenset()  # open a verb-final clause
    not_reported_openers: frozenset[str] = frozenset()  # "sagte X, obwohl …": not X's words
    back_pointers: frozenset[str] = frozenset()  # "Das teilte X mit": the sentence before
    function_words: frozenset[str] = frozenset()  # never part of a name ("So", "Nun")
    title_nouns: frozenset[str] = frozenset()  # a quotation after them is a title
    object_determiners: frozenset[str] = frozenset()  # never open a subject ("den")
    # Words and endings the quote rules look for; each default turns its rule off.
    person_endings: tuple[str, ...] = ()  # a role of a person, not a body ("Sprecherin")
    epithet_articles: tuple[tuple[str, tuple[str, ...]], ...] = ()  # article, noun endings
    age_epithet: str = ""  # regex of an age noun for a person ("63-Jährige")
    attribute_endings: tuple[str, ...] = ()  # "die in Graz tätige X": the attribute's end
    inflection_suffixes: tuple[str, ...] = ()  # dropped before a role look-up ("Sprechers")
    genitive_endings: tuple[str, ...] = ()  # "Putins außenpolitischer Berater"
    subjunctive_endings: tuple[str, ...] = ()  # an unlisted Konjunktiv I ("lehne er")
    weak_past_endings: tuple[str, ...] = ()  # "fehlten": past, alike to a Konjunktiv II
    impersonal_pronouns: frozenset[str] = frozenset()  # subject pronouns of nobody ("man")
    expletive_pronouns: frozenset[str] = frozenset()  # ", heißt es aus X": the source follows
    reflexive_pronouns: frozenset[str] = frozenset()  # "äußerte sich X": not the speaker
    nominative_pronouns: frozenset[str] = frozenset()  # only ever a subject ("er", "man")
    coordinators: frozenset[str] = frozenset()  # ", aber …" after a verb reports nothing
    auxiliaries: frozenset[str] = frozenset()  # ", hatte X gesagt": the subject follows
    possessives: frozenset[str] = frozenset()  # "Ihr Kommentar: …": the owner speaks
    gendered_endings: tuple[tuple[str, tuple[str, ...]], ...] = ()  # "Sprecherin": f
    honorifics: tuple[tuple[str, str], ...] = ()  # ("frau", "f"): the name after it
    pronoun_genders: tuple[tuple[str, str], ...] = ()  # ("er", "m"): whom it can refer to
    article_genders: tuple[tuple[str, str], ...] = ()  # ("der", "m"): "der 33-Jährige"
    place_prepositions: frozenset[str] = frozenset()  # "heißt es im Markt": the circle speaks
    source_prepositions: frozenset[str] = frozenset()  # "heißt es aus X"
    dative_articles: frozenset[str] = frozenset()  # genitive articles that may be datives
    time_prepositions: frozenset[str] = frozenset()  # "sagte am Dienstag X", as written
    closing_attribution: frozenset[str] = frozenset()  # "…, so X"
    source_before: frozenset[str] = frozenset()  # "laut X"
    source_after: frozenset[str] = frozenset()  # "X zufolge"
    report_prepositions: frozenset[str] = frozenset()  # "nach Angaben von X"
    own_words: frozenset[str] = frozenset()  # "nach eigenen Angaben": the subject's
    report_adjective_endings: tuple[str, ...] = ()  # "nach russischen Angaben"
    declension_endings: tuple[str, ...] = ()  # an adjective's, all attested ("fröhlich-er")
    owner_prepositions: frozenset[str] = frozenset()  # "die Angaben von X"
    complementizers: frozenset[str] = frozenset()  # "sagte, dass …"
    as_said: frozenset[str] = frozenset()  # "…, wie X mitteilte"
    accordingly: frozenset[str] = frozenset()  # "Der Mann lag demnach im Wald"
    infinitive_markers: frozenset[str] = frozenset()  # "… ignoriert zu haben"
    infix_infinitive: str = ""  # regex of a verb with the marker inside ("fernzuhalten")
    cited_name: str = ""  # regex of an author in parentheses after a quotation


@dataclass(frozen=True)
class LanguageData:
    """Everything language-specific that the algorithms need."""

    code: str
    stop_words: frozenset[str]
    noise: NoisePatterns
    abbreviations: frozenset[str] = frozenset()  # with trailing dot, lower case
    months: dict[str, int] = field(default_factory=dict)  # lower-case name -> 1..12
    quote_pairs: tuple[tuple[str, str], ...] = ()  # opening, closing
    date_lines: tuple[str, ...] = ()  # regexes with named groups day, month, year, hour, minute
    speech: SpeechData | None = None  # reported speech (quotes with speakers)
    calendar: ModuleType | None = None  # weekday, month and relative-date words (de/dates.py)
    numerals: ModuleType | None = None  # number words, scales, units (de/numbers.py)
    name_key_rules: tuple[tuple[str, str], ...] = ()  # transliteration variants (de/translit.py)
    negations: frozenset[str] = frozenset()  # words that negate a statement (de/claims.py)
    dispute_markers: frozenset[str] = frozenset()  # "bestreitet", "Lüge" (de/claims.py)
    models: Path | None = None  # folder of the shipped NER models (de/models/)
    place_adjective_endings: tuple[str, ...] = ()  # place + ending = adjective ("Moskau-er")
    adjective_endings: tuple[str, ...] = ()  # declension, longest first ("Weiß-en Haus")


SOCIAL_POST_MARKERS = (r"pic\.twitter\.com/\w+", r"https?://t\.co/\w+")
# "— Kirill Dmitriev (@kadmitriev) December 2, 2025": the author line of an embedded post.
SOCIAL_POST_AUTHOR = r"[—–-]\s*(?P<name>[^\n()]{1,80}?)\s*\(@\w{1,30}\)\s*[^\n]{0,40}"

BASE_NOISE = NoisePatterns(
    lines={
        "read-more": (
            r"(?i)continue reading\W*",
            r"(?i)read more\W*",
            r"(?i)show more\W*",
            r"(?i)click here to read more\W*",
        ),
        "paywall": (
            r"(?i)subscribe (now|today)\b.*",
            r"(?i)(sign up|log in) to (continue|read)\b.*",
            r"(?i)already a subscriber\?.*",
        ),
        "share-bar": (r"(?i)(share|tweet|email|print)( this( article| story)?)?",),
        "metadata": (r"(?i)(published|updated|last updated)( on)?:?\s+\d[\d./:, -]+\d",),
    },
    share_words=(
        "SHARE",
        "Share",
        "Tweet",
        "Email",
        "E-Mail",
        "Print",
        "Facebook",
        "Twitter",
        "WhatsApp",
        "LinkedIn",
        "Flipboard",
        "Pinterest",
        "Reddit",
        "Telegram",
    ),
    breadcrumb_roots=("Home",),
    caption_cues=(
        r"©",
        r"(?i)\b(photo|image|picture|credit)\s*:",
        r"(?i)getty images",
        r"(?i)\bAP Photo\b",
        r"(?i)\bimago( images)?\b",
        r"(?i)\bpicture alliance\b",
    ),
    comment_tails=(r"(?i)comments?( \(\d+\))?", r"(?i)\d+ comments?", r"(?i)show comments"),
    metadata_prefixes=(r"[ \t]*date[ \t]+\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?",),
)


def compile_all(patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


# Characters that open a list item; they belong to the layout, not to the sentence.
LIST_MARKERS = frozenset({"•", "·", "▪", "▫", "►", "‣", "◦", "-", "–", "—", "*"})
