"""German month names and the date lines that news pages print ("Stand: 03.12.2025, 11:00 Uhr")."""

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
