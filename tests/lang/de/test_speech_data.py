"""German speech data: every field of ``SpeechData`` filled, and its patterns on examples."""

from __future__ import annotations

import re
from dataclasses import fields

import pytest

from quellenlage.lang.base import LanguageData, SpeechData


def test_german_fills_every_speech_field(german: LanguageData) -> None:
    assert german.speech is not None
    empty = [f.name for f in fields(SpeechData) if not getattr(german.speech, f.name)]
    assert empty == []


@pytest.mark.parametrize(
    ("field", "text", "found"),
    [
        ("age_epithet", "63-Jährige", True),
        ("age_epithet", "37-jährigen", True),
        ("age_epithet", "Jährige", False),
        ("infix_infinitive", "fernzuhalten", True),
        ("infix_infinitive", "abzuwarten", True),
        ("infix_infinitive", "zuhalten", False),
    ],
)
def test_word_patterns(field: str, text: str, found: bool, german: LanguageData) -> None:
    assert german.speech is not None
    assert bool(re.fullmatch(getattr(german.speech, field), text)) is found


def test_cited_name_after_a_quotation(german: LanguageData) -> None:
    assert german.speech is not None
    found = re.match(german.speech.cited_name, " (Max Muster).")
    assert found is not None and found[1] == "Max Muster"
    assert re.match(german.speech.cited_name, " (siehe oben)") is None
