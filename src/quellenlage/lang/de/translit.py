"""Spelling variants of transliterated names (Dmitriew / Dmitrijew / Dmitriev, Peskow /
Peskov, Selenskyj / Selensky, Witkoff / Witkow, Kiew / Kyjiw): ordered rewrite rules to one
comparison key. Applied to lower-case names; data only (``link.names`` applies them)."""

NAME_KEY_RULES = (
    (r"tsch", "ch"),
    (r"sch", "sh"),
    (r"w", "v"),
    (r"[yj]", "i"),
    (r"(.)\1+", r"\1"),  # doubled letters: "ii", "ff"
    (r"ie", "i"),
    (r"of$", "ov"),
)
