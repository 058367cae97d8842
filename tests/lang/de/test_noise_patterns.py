"""German noise patterns, each checked on examples written for this test in the seeds' style."""

from __future__ import annotations

import pytest

from quellenlage.lang.base import LanguageData
from tests.lang.helpers import kinds_of

BODY = (
    "Der Stadtrat von Lindholm hat am Dienstag einen neuen Haushalt beschlossen. "
    "Die Mehrheit fiel knapper aus als erwartet, berichtete die Verwaltung.\n"
)
TAIL = "Die Opposition kündigte an, gegen einzelne Posten zu klagen.\n"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Ihr Qualitäts-Ticket der Lindholmer Zeitung: alle Artikel 30 Tage gratis.", "paywall"),
        ("Holen Sie sich unbegrenzten Zugang zu allen Recherchen für 1 Euro.", "paywall"),
        ("Jetzt abonnieren und weiterlesen", "paywall"),
        ("Weiterlesen mit Z+ für nur 1 Euro im ersten Monat", "paywall"),
        ("Weiterlesen", "read-more"),
        ("Lesen Sie auch", "read-more"),
        ("Mehr zum Thema", "read-more"),
        ("KommentareDruckenTeilen", "share-bar"),
        ("Teilen Drucken", "share-bar"),
        ("Stand: 14.02.2026, 09:45 Uhr", "metadata"),
        ("Aktualisiert am 3. März 2026, 18:20 Uhr", "metadata"),
        ("Lesezeit: 4 Min.", "metadata"),
    ],
)
def test_line_patterns_in_the_middle_of_an_article(
    line: str, kind: str, german: LanguageData
) -> None:
    text = BODY + line + "\n" + TAIL
    assert kinds_of(text, german) == {line: kind}


def test_breadcrumb_with_startseite(german: LanguageData) -> None:
    text = "Startseite › Politik › Lindholm\n\nHaushalt beschlossen\n\n" + BODY
    assert kinds_of(text, german) == {"Startseite › Politik › Lindholm": "breadcrumb"}


@pytest.mark.parametrize("tail", ["Kommentare", "12 Kommentare", "Kommentar schreiben"])
def test_comment_tails(tail: str, german: LanguageData) -> None:
    text = BODY + TAIL + "\n" + tail + "\n"
    assert kinds_of(text, german) == {tail: "comments"}


def test_kommentare_inside_a_sentence_is_content(german: LanguageData) -> None:
    text = BODY + "Kommentare von Lesern erreichten die Redaktion noch am Abend.\n" + TAIL
    assert kinds_of(text, german) == {}


def test_german_photo_credit_is_caption(german: LanguageData) -> None:
    caption = "Der Bürgermeister vor dem Rathaus. Foto: Lena Hartwig/dpa"
    text = BODY + caption + "\n" + TAIL
    assert kinds_of(text, german) == {caption: "caption"}


def test_summary_box_is_content(german: LanguageData) -> None:
    text = (
        "Haushalt in Lindholm beschlossen\n\nZusammenfassung\n\n"
        "  • Der Stadtrat beschloss den Haushalt mit knapper Mehrheit.\n"
        "  • Die Opposition will gegen einzelne Posten klagen.\n\n" + BODY
    )
    assert kinds_of(text, german) == {}


def test_share_counters_with_german_share_word(german: LanguageData) -> None:
    text = BODY + "17\n2\nTeilen\n" + TAIL
    assert kinds_of(text, german) == {"17\n2\nTeilen": "share-bar"}


def test_lone_number_line_is_content(german: LanguageData) -> None:
    text = BODY + "2026\n" + TAIL
    assert kinds_of(text, german) == {}
