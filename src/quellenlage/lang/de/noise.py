"""German scrape noise: share bars, paywall promos, breadcrumbs, comment tails, date lines."""

from quellenlage.lang.base import NoisePatterns
from quellenlage.lang.de.dates import DATE_LINES

NOISE = NoisePatterns(
    lines={
        "paywall": (
            r"Ihr Qualitäts-Ticket\b.*",
            r"Holen Sie sich\b.*",
            r"(?i)jetzt (abonnieren|abo abschließen|testen|freischalten)\b.*",
            r"(?i)(weiterlesen|lesen sie weiter) mit\b.*",
            r"(?i)exklusiv für (abonnenten|abonnentinnen)\b.*",
            r"(?i)sie haben bereits ein(en)? (abo|zugang)\?.*",
            r"(?i)\w*\+?[- ]?abo\b.*(gratis|kostenlos|testen|monat).*",
        ),
        "read-more": (
            r"(?i)weiterlesen\W*",
            r"(?i)mehr (lesen|anzeigen)\W*",
            r"(?i)lesen sie (auch|mehr)\W*",
            r"(?i)mehr zum thema\W*",
            r"(?i)zum artikel\W*",
        ),
        "metadata": (
            *DATE_LINES,
            r"(?i)lesezeit\s*:?\s*\d+\s*min(\.|uten)?",
            r"(?i)von [A-ZÄÖÜ][\w.-]+( [A-ZÄÖÜ][\w.-]+){0,3} ?\|.*",
        ),
    },
    share_words=(
        "Teilen",
        "Drucken",
        "Kommentare",
        "Merken",
        "Twittern",
        "Mailen",
        "Senden",
        "Kopieren",
        "Vorlesen",
    ),
    breadcrumb_roots=("Startseite", "Home"),
    caption_cues=(
        r"(?i)\b(foto|bild|bildquelle|fotograf|quelle)\s*:",
        r"(?i)^\(?foto\b",
        r"(?i)\bdpa\s*$",
        r"(?i)\bpicture-alliance\b",
    ),
    comment_tails=(
        r"Kommentare",
        r"(?i)kommentar(e)? (schreiben|anzeigen|lesen)",
        r"(?i)\d+ kommentare?",
        r"(?i)zu den kommentaren",
    ),
)
