"""German number words, scales, units and the words that make a figure approximate."""

CARDINALS = {
    "ein": 1,
    "eine": 1,
    "einen": 1,
    "einem": 1,
    "einer": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "zwanzig": 20,
    "dreißig": 30,
    "vierzig": 40,
    "fünfzig": 50,
    "hundert": 100,
    "tausend": 1000,
    "mehrere": None,
    "einige": None,
    "dutzende": None,
    "hunderte": None,
    "tausende": None,
}
ORDINALS = {
    "ersten": 1,
    "zweiten": 2,
    "dritten": 3,
    "vierten": 4,
    "fünften": 5,
    "sechsten": 6,
    "siebten": 7,
    "achten": 8,
    "neunten": 9,
    "zehnten": 10,
}
SCALES = {
    "tausend": 1e3,
    "million": 1e6,
    "millionen": 1e6,
    "mio.": 1e6,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "mrd.": 1e9,
    "billion": 1e12,
    "billionen": 1e12,
}
APPROXIMATE = (
    "fast",
    "rund",
    "etwa",
    "ungefähr",
    "knapp",
    "mehr als",
    "über",
    "bis zu",
    "mindestens",
    "gut",
    "circa",
    "ca.",
    "weitere",
)
# "fünfstündigen" -> 5 Stunden
ADJECTIVE_UNITS = {
    "stündig": "Stunden",
    "tägig": "Tage",
    "wöchig": "Wochen",
    "monatig": "Monate",
    "jährig": "Jahre",
    "minütig": "Minuten",
}
# Words after a figure that make it a time or date, not a quantity.
NOT_UNITS = frozenset({"Uhr", "Jahrhundert", "Jahrhunderts"})

# "das sechste bilaterale Treffen" -> 6 Treffen ("erste" is left out: "der erste Schritt")
ORDINAL_ADJECTIVES = {
    "zweit": 2,
    "dritt": 3,
    "viert": 4,
    "fünft": 5,
    "sechst": 6,
    "siebt": 7,
    "acht": 8,
    "neunt": 9,
    "zehnt": 10,
}
# Adverbs that count: "erstmals" = for the first time
COUNTING_ADVERBS = {"erstmals": (1, "Mal")}
