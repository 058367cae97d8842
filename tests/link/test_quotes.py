"""Quote alignment: one utterance quoted in several articles, also in another translation."""

from __future__ import annotations

from quellenlage.model import Article, RawItem
from quellenlage.pipeline import build_article
from quellenlage.settings import Settings
from tests.conftest import EXAMPLES
from tests.link.helpers import quotes_of


def article(text: str, source: str) -> Article:
    built = build_article(RawItem(source, text, source), Settings())
    assert isinstance(built, Article)
    return built


def test_putin_europe_quote_is_one_quote(seed_texts: dict[str, str]) -> None:
    articles = [article(seed_texts[k], k) for k in ("002", "003")]
    quotes = quotes_of(articles)
    [europe] = [q for q in quotes if "Europa" in q.text and "hundert" in q.text]
    assert {span.article for span in europe.evidence} == {a.id for a in articles}
    assert europe.speaker_name == "Putin"


def test_two_wordings_same_speaker() -> None:
    texts = [(EXAMPLES / n).read_text(encoding="utf-8") for n in ("kuestenbote-hafenbruecke.txt",)]
    radio = (
        "Oberbürgermeisterin Petra Sommerfeld verteidigte den Schritt: „Sicherheit hat "
        "Vorrang, selbst wenn es für zahlreiche Pendlerinnen und Pendler schmerzhaft ist.“"
    )
    quotes = quotes_of([article(texts[0], "a"), article(radio, "b")])
    [safety] = [q for q in quotes if "Pendler" in q.text]
    assert len(safety.evidence) == 2


def test_different_speakers_never_join() -> None:
    a = article("„Wir schaffen das bis zum Sommer“, sagte Ministerin Anna Berg.", "a")
    b = article("„Wir schaffen das bis zum Sommer“, sagte Oppositionschef Paul Kern.", "b")
    assert len(quotes_of([a, b])) == 2


def test_a_statement_that_says_more_is_not_the_narrower_one() -> None:
    a = article(
        "Die Pläne für den neuen Hafen seien ebenso besprochen worden wie der Ausbau der "
        "Fährlinie nach Nordholm und die Zukunft der Werft, sagte Bürgermeisterin Ina Kolb.",
        "a",
    )
    b = article("Die Pläne für den neuen Hafen seien besprochen worden, sagte Ina Kolb.", "b")
    quotes = quotes_of([a, b])
    assert len(quotes) == 2
    assert all(len(q.evidence) == 1 for q in quotes)
