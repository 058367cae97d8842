"""German month names and the date lines that news pages print ("Stand: 03.12.2025, 11:00 Uhr")."""

from quellenlage.lang.de.numbers import CARDINALS

MONTHS = {
    "januar": 1,
    "jänner": 1,
    "jan": 1,
    "februar": 2,
    "feb": 2,
    "märz": 3,
    "maerz": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
}

_DAY = r"(?P<day>\d{1,2})\.\s?"
_NUMERIC = _DAY + r"(?P<month>\d{1,2})\.\s?(?P<year>\d{4})"
_NAMED = _DAY + r"(?P<month_name>[A-Za-zäÄ]+)\.?\s+(?P<year>\d{4})"
_TIME = r"(?:,?\s*(?:um\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?:Uhr)?)?"
_LEAD = r"(?:Stand|Aktualisiert(?: am)?|Veröffentlicht(?: am)?|Erstellt(?: am)?|Datum)\s*:?\s*"

DATE_LINES = (
    _LEAD + _NUMERIC + _TIME,
    _LEAD + _NAMED + _TIME,
)

WEEKDAYS = {
    "montag": 0,
    "dienstag": 1,
    "mittwoch": 2,
    "donnerstag": 3,
    "freitag": 4,
    "samstag": 5,
    "sonnabend": 5,
    "sonntag": 6,
}
DAYPARTS = ("früh", "morgen", "vormittag", "mittag", "nachmittag", "abend", "nacht")
NUMBER_WORDS = {w: n for w, n in CARDINALS.items() if n is not None and n <= 12}
UNIT_DAYS = {
    "tag": 1,
    "tagen": 1,
    "woche": 7,
    "wochen": 7,
    "monat": 30,
    "monaten": 30,
    "jahr": 365,
    "jahren": 365,
}
RELATIVE_DAYS = {"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2}
PAST_WORDS = ("vergangenen", "letzten", "vorigen")
NEXT_WORDS = ("kommenden", "nächsten")
THIS_YEAR = ("dieses jahres",)
LAST_YEAR = ("vergangenen jahres", "letzten jahres", "des vorjahres")
WEEKEND = "wochenende"

# Tense cues: a month or weekday without a year lies ahead in a clause that speaks of the
# future ("Das Gutachten soll im April vorliegen") and behind in one in the past tense.
FUTURE_CUES = frozenset(
    """soll sollen solle sollte sollten wird werden werde will wollen wolle plant planen
    geplant voraussichtlich künftig demnächst""".split()
)
PAST_CUES = frozenset(
    """war waren hatte hatten wurde wurden gab kam kamen begann begannen fand fanden lag lagen
    stieg stiegen fiel fielen blieb blieben ging gingen traf trafen sagte sagten gewesen zuletzt
    damals""".split()
)

# A dateline opens wire copy: "Paris (dpa) – …", "Berlin, 14. März 2026 (AFP) – …".
DATELINE = (
    r"^\s*[A-ZÄÖÜ][\w .'/-]{1,40}?,?\s*(?:(?P<day>\d{1,2})\.\s?(?P<month>[A-Za-zäÄ]+|\d{1,2})\.?"
    r"\s*(?P<year>\d{4})?\s*)?(?:\((?:[\w/ ]{1,20})\))?\s*[-–—]\s"
)
# Weak verbs form the past in -te/-ten ("teilte … mit", "warnten"); after these words such a
# form is an adjective ("die geplante Sanierung"), and these are never past forms.
ATTRIBUTIVE_BEFORE = frozenset(
    "der die das den dem des ein eine einen einem einer eines im am zum zur vom beim".split()
)
NOT_PAST_IN_TE = frozenset(
    """bitte erste ersten letzte letzten nächste nächsten beste besten mitte weite weiten
    rechte rechten leute""".split()
)
