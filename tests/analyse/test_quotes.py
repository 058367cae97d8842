"""Quotes with speakers: the seed story's known quotes, and tricky cases written for this test."""

from __future__ import annotations

import pytest

from quellenlage.analyse.quotes import Quote, find_quotes
from quellenlage.lang.base import LanguageData
from quellenlage.model import Article, RawItem, Rejection
from quellenlage.pipeline import build_article
from quellenlage.settings import Settings


def article(text: str) -> Article:
    built = build_article(RawItem("t", text, "t"), Settings())
    assert not isinstance(built, Rejection)
    return built


def quotes(text: str, german: LanguageData) -> list[tuple[str, str, str | None]]:
    found = find_quotes(article(text), german)
    return [(q.kind, text[q.start : q.end], q.speaker) for q in found]


def seed_quotes(seed_texts: dict[str, str], key: str, german: LanguageData) -> list[Quote]:
    return find_quotes(article(seed_texts[key]), german)


def speaker_of(found: list[Quote], text: str, start_of_quote: str) -> str | None:
    [quote] = [q for q in found if text[q.start : q.end].startswith(start_of_quote)]
    return quote.speaker


@pytest.mark.parametrize(
    ("key", "start", "speaker"),
    [
        ("001", "Bislang konnte kein Kompromiss", "Uschakow"),
        ("003", "Es wurden noch keine Kompromisse", "Juri Uschakow"),
        ("003", "Wir haben nicht über konkrete", "Juri Uschakow"),  # standalone continuation
        ("003", "Wir werden keinen Krieg", "Putin"),
        ("003", "Ich denke, die Regierung", "Karoline Leavitt"),  # apposition after a role
        ("003", "Produktiv", "Dmitriev"),
        ("004", "Was wir also versucht haben", "Rubio"),
        ("002", "Wladimir Putin sucht immer", "Johann Wadephul"),  # "sagte er" -> subject
        ("002", "Ich habe jedes Vertrauen", "Rutte"),
        ("002", "produktiv", "Dmitrijew"),  # partial quote, subject before the verb
    ],
)
def test_seed_direct_quotes(
    key: str, start: str, speaker: str, seed_texts: dict[str, str], german: LanguageData
) -> None:
    found = seed_quotes(seed_texts, key, german)
    assert speaker_of(found, seed_texts[key], start) == speaker


@pytest.mark.parametrize("key", ["002", "004"])
def test_seed_indirect_die_seiten_seien(
    key: str, seed_texts: dict[str, str], german: LanguageData
) -> None:
    text = seed_texts[key]
    [quote] = [
        q
        for q in seed_quotes(seed_texts, key, german)
        if text[q.start : q.end].startswith("Die Seiten seien")
    ]
    assert quote.kind == "indirect"
    assert quote.speaker is not None and quote.speaker.endswith("Uschakow")


def test_scare_quotes_are_not_speech(seed_texts: dict[str, str], german: LanguageData) -> None:
    text = seed_texts["000"]
    assert all(
        q.speaker is not None
        for q in seed_quotes(seed_texts, "000", german)
        if text[q.start : q.end] != "Grundlage für eine künftige Einigung"
    )


def test_colon_introduced_quote(german: LanguageData) -> None:
    text = "Die Ministerin Anna Berg sagte: „Wir werden die Brücke so schnell wie möglich öffnen.“"
    assert quotes(text, german) == [
        ("direct", "Wir werden die Brücke so schnell wie möglich öffnen.", "Anna Berg")
    ]


def test_quote_spanning_sentences_then_attribution(german: LanguageData) -> None:
    text = (
        "„Die Lage ist ernst. Wir brauchen jetzt Geduld“, sagte Bürgermeister Jens Albers am Abend."
    )
    assert quotes(text, german) == [
        ("direct", "Die Lage ist ernst. Wir brauchen jetzt Geduld", "Jens Albers")
    ]


def test_nested_quotes(german: LanguageData) -> None:
    text = "„Er nannte das Projekt ‚völlig überteuert‘, das stimmt nicht“, erklärte Sabine Roth."
    found = quotes(text, german)
    assert found[0] == (
        "direct",
        "Er nannte das Projekt ‚völlig überteuert‘, das stimmt nicht",
        "Sabine Roth",
    )


def test_speaker_named_only_by_role_later(german: LanguageData) -> None:
    text = (
        "„Das Geld reicht nicht“, sagte Stadtkämmerer Paul Vogt. "
        "Es fehlten rund zwei Millionen Euro, sagte der Kämmerer."
    )
    found = quotes(text, german)
    assert found[1] == ("indirect", "Es fehlten rund zwei Millionen Euro", "Paul Vogt")


def test_indirect_with_pronoun_and_so(german: LanguageData) -> None:
    text = (
        "Innenministerin Lea Hahn verteidigte den Plan. Die Kosten seien vertretbar, "
        "so Hahn. Man habe alle Varianten geprüft, sagte sie."
    )
    found = quotes(text, german)
    assert [(kind, speaker) for kind, _, speaker in found] == [
        ("indirect", "Hahn"),
        ("indirect", "Hahn"),
    ]


def test_conditional_is_not_reported_speech(german: LanguageData) -> None:
    text = "Hätte es Fortschritte gegeben, wäre eine Absage nicht nötig gewesen."
    assert quotes(text, german) == []


def test_pronoun_finds_the_last_named_subject(german: LanguageData) -> None:
    text = (
        "Bürgermeisterin Jana Holm kam zu spät. Die Stadträte warteten eine Stunde. "
        "Alle Vorschläge der Opposition lehnte sie ab. Und dabei wollte es die Politikerin "
        "nicht belassen: „Wir bauen die Brücke neu, und zwar bis zum Herbst“, sagte sie."
    )
    [(kind, quote, speaker)] = quotes(text, german)
    assert quote.startswith("Wir bauen") and kind == "direct"
    assert speaker == "Jana Holm"  # not "Die Stadträte", not "Alle Vorschläge"


def test_seed_europe_quote_is_putins(seed_texts: dict[str, str], german: LanguageData) -> None:
    found = seed_quotes(seed_texts, "002", german)
    assert speaker_of(found, seed_texts["002"], "Wir haben nicht vor") == "Putin"
