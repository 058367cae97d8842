"""Language-neutral noise (English web boilerplate, social embeds), on examples written here."""

from __future__ import annotations

import pytest

from quellenlage.clean.noise import mark_noise
from quellenlage.lang.base import LanguageData
from tests.lang.helpers import kinds_of

BODY = (
    "In Lindholm hat der Stadtrat am Dienstag den Haushalt beschlossen. "
    "Die Entscheidung fiel nach einer langen Debatte.\n"
)
TAIL = "Die Verwaltung will den Plan im Frühjahr umsetzen.\n"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Continue reading...", "read-more"),
        ("Read more", "read-more"),
        ("SHARE", "share-bar"),
        ("Subscribe now for unlimited access", "paywall"),
    ],
)
def test_english_boilerplate_lines(line: str, kind: str, german: LanguageData) -> None:
    assert kinds_of(BODY + line + "\n" + TAIL, german) == {line: kind}


def test_share_counters(german: LanguageData) -> None:
    text = "Haushalt beschlossen\n\n215\n14\nSHARE\n\n" + BODY + TAIL
    assert kinds_of(text, german) == {"215\n14\nSHARE": "share-bar"}


def test_embedded_post_with_author_line(german: LanguageData) -> None:
    post = (
        "Great news for Lindholm 🎉 pic.twitter.com/Ab3dEf9Hij\n"
        "— Lindholm City Council (@lindholm_rat) February 3, 2026"
    )
    assert kinds_of(BODY + post + "\n" + TAIL, german) == {post: "social-post"}


def test_author_line_alone(german: LanguageData) -> None:
    post = "— Maria Vogt (@mvogt) 3. Februar 2026"
    assert kinds_of(BODY + post + "\n" + TAIL, german) == {post: "social-post"}


def test_metadata_prefix_before_lead_in_same_line(german: LanguageData) -> None:
    text = " date 2026-02-03 In Lindholm hat der Stadtrat getagt.\n" + TAIL
    spans = mark_noise(text, german)
    assert [(e.start, e.end, e.kind) for e in spans] == [(0, 16, "metadata")]


def test_caption_in_other_language_with_its_block(german: LanguageData) -> None:
    caption = "Mayor Jens Albers speaks at the town hall\nBürgermeister Albers im Rathaus."
    text = "Haushalt beschlossen\n\n" + caption + "\n\n" + BODY + TAIL
    assert kinds_of(text, german) == {caption: "caption"}


@pytest.mark.parametrize("credit", ["Photo: Reuters", "© Getty Images", "Image: AP Photo"])
def test_photo_credits(credit: str, german: LanguageData) -> None:
    assert kinds_of(BODY + credit + "\n" + TAIL, german) == {credit: "caption"}


def test_repeated_paragraph_second_copy_only(german: LanguageData) -> None:
    text = BODY + TAIL + BODY
    spans = mark_noise(text, german)
    second = len(BODY) + len(TAIL)
    assert [(e.start, e.kind) for e in spans] == [(second, "repeated")]
    assert text[spans[0].start : spans[0].end] == BODY.strip()
