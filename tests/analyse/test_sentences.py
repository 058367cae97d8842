"""Sentence and token offsets: German edge cases, quotations, noise, and the offset round trip."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quellenlage.analyse import sentences as stage
from quellenlage.analyse.sentences import split_sentences, tokenize
from quellenlage.clean.noise import mark_noise
from quellenlage.lang.base import LanguageData


def sentences(text: str, language: LanguageData) -> list[str]:
    return [
        text[s.start : s.end] for s in split_sentences(text, mark_noise(text, language), language)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Am 2. Dezember reiste die Delegation nach Moskau.",
        "Die Gespräche betrafen z. B. die Grenzfrage und weitere Themen.",
        "Dr. Meier leitete die Sitzung mit großer Geduld.",
        "Der Antrag Nr. 5 wurde abgelehnt.",
        "Das Treffen begann um 18 Uhr. ",
        "Er kam am 20. Januar 2025 im Kanzleramt an.",
        "Der Konzern meldete u. a. höhere Kosten.",
        "Donald J. Trump äußerte sich am Abend.",
        "Es war der 3. Versuch in diesem Jahr.",
    ],
)
def test_never_split(text: str, german: LanguageData) -> None:
    assert sentences(text, german) == [text.strip()]


def test_split_after_year_and_before_capital(german: LanguageData) -> None:
    text = "Die Brücke wurde eröffnet im Jahr 1968. Danach kam der Verkehr."
    assert sentences(text, german) == [
        "Die Brücke wurde eröffnet im Jahr 1968.",
        "Danach kam der Verkehr.",
    ]


def test_split_after_a_road_or_model_name_before_capital(german: LanguageData) -> None:
    """ "A61." is a name with a period, never an ordinal ("am 12. Mai" is one)."""
    text = "Er wechselte auf die A61. Danach fuhr er weiter. Am 12. Mai hielt er."
    assert sentences(text, german) == [
        "Er wechselte auf die A61.",
        "Danach fuhr er weiter.",
        "Am 12. Mai hielt er.",
    ]


def test_quotation_with_two_sentences_stays_with_attribution(german: LanguageData) -> None:
    text = (
        "„Wir sind bereit. Wir warten nur noch auf das Signal“, sagte die Ministerin. "
        "Dann ging sie."
    )
    assert sentences(text, german) == [
        "„Wir sind bereit. Wir warten nur noch auf das Signal“, sagte die Ministerin.",
        "Dann ging sie.",
    ]


def test_quotation_ending_a_sentence(german: LanguageData) -> None:
    text = "Sie sagte: „Das ist gut.“ Danach schwieg sie."
    assert sentences(text, german) == ["Sie sagte: „Das ist gut.“", "Danach schwieg sie."]


def test_unbalanced_quote_falls_back(german: LanguageData) -> None:
    text = "Er sagte: „Das ist gut. Wir gehen. Morgen kommen wir wieder."
    assert len(sentences(text, german)) == 3


def test_lines_are_boundaries_and_headings(german: LanguageData) -> None:
    text = "Eine Überschrift ohne Punkt\nDer erste Satz steht hier. Der zweite auch."
    found = split_sentences(text, [], german)
    assert [s.heading for s in found] == [True, False, False]


def test_wrapped_line_is_joined(german: LanguageData) -> None:
    text = "Der Satz läuft über\nzwei Zeilen hinweg. Dann ist Schluss."
    assert sentences(text, german) == [
        "Der Satz läuft über\nzwei Zeilen hinweg.",
        "Dann ist Schluss.",
    ]


def test_list_markers_are_not_part_of_sentences(german: LanguageData) -> None:
    text = "Zusammenfassung\n\n  • Erster Punkt der Liste.\n  • Zweiter Punkt der Liste.\n"
    assert sentences(text, german) == [
        "Zusammenfassung",
        "Erster Punkt der Liste.",
        "Zweiter Punkt der Liste.",
    ]


def test_noise_never_inside_a_sentence(seed_texts: dict[str, str], german: LanguageData) -> None:
    for text in seed_texts.values():
        excluded = mark_noise(text, german)
        for sentence in split_sentences(text, excluded, german):
            assert not any(e.start < sentence.end and sentence.start < e.end for e in excluded)


def test_seed_quote_with_two_sentences(seed_texts: dict[str, str], german: LanguageData) -> None:
    found = sentences(seed_texts["001"], german)
    assert any(
        s.startswith("„Bislang konnte kein Kompromiss") and s.endswith("sagte Uschakow.")
        for s in found
    )


def test_tokens_inside_sentences(seed_texts: dict[str, str], german: LanguageData) -> None:
    text = seed_texts["002"]
    for sentence in split_sentences(text, mark_noise(text, german), german):
        assert sentence.tokens[0][0] == sentence.start
        assert sentence.tokens[-1][1] == sentence.end
        assert all(text[a:b].strip() == text[a:b] and a < b for a, b in sentence.tokens)


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list('abc XYZ.„“"!?\n\t2-•äß')), max_size=200))
def test_offsets_round_trip(text: str, german: LanguageData) -> None:
    previous_end = 0
    for sentence in split_sentences(text, mark_noise(text, german), german):
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end].strip() == text[sentence.start : sentence.end]
        previous_end = sentence.end


def test_tokenize_offsets(german: LanguageData) -> None:
    text = "Am 2. Dezember, um 18 Uhr."
    assert [text[a:b] for a, b in tokenize(text, "de")] == [
        "Am",
        "2.",
        "Dezember",
        ",",
        "um",
        "18",
        "Uhr",
        ".",
    ]


def test_the_tokenizer_forgets_words_but_not_how_to_tokenize(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its vocabulary is bounded (rebuilt past the cap) and the tokens stay the same."""
    monkeypatch.setattr(stage, "_MAX_LEXEMES", 40)
    bounded = stage._Tokenizer("de")
    built = len(bounded._spacy.vocab)  # the language's exceptions
    texts = [f"Wort{n}a Wort{n}b, „Zitat{n}“ – z. B. am 2. Dezember {n}  Euro." for n in range(60)]
    fresh = [stage._Tokenizer("de").tokens(t) for t in texts]
    assert [bounded.tokens(t) for t in texts] == fresh
    assert len(bounded._spacy.vocab) <= built + 40 + 20  # the cap, plus one text's new words
    assert all(not texts[0][a:b].isspace() for a, b in fresh[0])
