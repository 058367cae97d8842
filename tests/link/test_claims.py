"""Claims with their support across outlets, and contradictions with explanations."""

from __future__ import annotations

from typing import Any

import pytest

from quellenlage.link.claims import story_claims
from quellenlage.model import Article, Entity, RawItem
from quellenlage.pipeline import build_article
from quellenlage.settings import Settings
from tests.conftest import EXAMPLES
from tests.link.helpers import analysed, claims_of


def article(text: str, source: str) -> Article:
    built = build_article(RawItem(source, text, source), Settings())
    assert isinstance(built, Article)
    return built


@pytest.fixture(scope="module")
def seed_story(seed_texts: dict[str, str]) -> tuple[list[Article], list[Any], list[Any]]:
    articles = [article(seed_texts[k], k) for k in sorted(seed_texts)]
    claims, contradictions = claims_of(articles)
    return articles, claims, contradictions


def supported(claims: list[Any], articles: list[Article], *phrases: str) -> set[str]:
    """Sources of the claim whose evidence contains all phrases in some member."""
    by_id = {a.id: a for a in articles}
    for claim in claims:
        texts = [by_id[e.article].text[e.start : e.end] for e in claim.evidence]
        if any(all(p in t for p in phrases) for t in texts):
            return {by_id[e.article].source for e in claim.evidence}
    return set()


def test_seed_claims_with_support(seed_story: tuple[list[Article], list[Any], list[Any]]) -> None:
    articles, claims, _ = seed_story
    assert supported(claims, articles, "drei Stunden") >= {"000", "002"}
    assert len(supported(claims, articles, "fünf Stunden")) >= 2


def test_seed_contradiction_about_further_talks(
    seed_story: tuple[list[Article], list[Any], list[Any]],
) -> None:
    _, _, contradictions = seed_story
    polarity = [x for x in contradictions if x.kind == "negation"]
    assert len(polarity) == 1 and "weiteres Treffen geplant" in polarity[0].explanation
    assert sum(x.kind == "denial" for x in contradictions) == 3
    assert not [x for x in contradictions if x.kind == "figures"]  # a delay is no duration


def test_seed_close_sentences_with_other_predicates_are_no_support(
    seed_story: tuple[list[Article], list[Any], list[Any]],
) -> None:
    articles, claims, _ = seed_story
    assert supported(claims, articles, "traf sich am Dienstag im Kreml") == {"003"}


def test_seed_figure_in_an_attribution_is_no_support(
    seed_story: tuple[list[Article], list[Any], list[Any]],
) -> None:
    articles, claims, _ = seed_story
    assert supported(claims, articles, "Kriegsspiel") == {"001"}


def test_single_source_claims_stay(seed_story: tuple[list[Article], list[Any], list[Any]]) -> None:
    _, claims, _ = seed_story
    assert any(c.single_source for c in claims)
    assert all(not c.single_source for c in claims if len(c.evidence) > 1)


def test_example_figure_contradiction() -> None:
    names = ["brueckenwatch-blog.md", "kuestenbote-hafenbruecke.txt"]
    articles = [article((EXAMPLES / n).read_text(encoding="utf-8"), n) for n in names]
    _, contradictions = claims_of(articles)
    [figures] = [x for x in contradictions if x.kind == "figures"]
    assert "31.000" in figures.explanation and "24.000" in figures.explanation


def test_example_repair_costs_contradict() -> None:
    names = ["hafenstadt-rundschau.html", "kuestenbote-hafenbruecke.txt"]
    articles = [article((EXAMPLES / n).read_text(encoding="utf-8"), n) for n in names]
    _, contradictions = claims_of(articles)
    costs = [x for x in contradictions if x.kind == "figures" and "Euro" in x.explanation]
    assert len(costs) == 1


# Each kind of error of issue 12 on text written for the test -------------------------------


def sides(contradiction: dict[str, Any]) -> list[str]:
    return [side.text for side in contradiction.sides]


def test_a_shared_count_is_no_support() -> None:
    a = article(
        "Die Abgeordneten haben sich auf einen riskanten Kompromiss eingelassen, schreibt "
        "das Magazin Weltblick über die dritte Sitzung des Ausschusses. Danach gingen alle.",
        "a",
    )
    b = article(
        "Der Ausschuss kam am Mittwoch zur dritten Sitzung zusammen. Es gab Kaffee und "
        "belegte Brötchen für alle Teilnehmer.",
        "b",
    )
    claims, _ = claims_of([a, b])
    assert supported(claims, [a, b], "riskanten Kompromiss") == {"a"}


def test_a_close_sentence_that_says_something_else_is_no_support() -> None:
    a = article("Der Minister traf sich am Montag in Lindau mit den Vertretern der Fischer.", "a")
    b = article(
        "Der Minister und die Vertreter der Fischer sind nach dem Treffen in Lindau einer "
        "Einigung nicht näher gekommen.",
        "b",
    )
    claims, _ = claims_of([a, b])
    assert all(len(c.evidence) == 1 for c in claims)


def test_each_supporting_article_has_its_own_wording() -> None:
    a = article("Die Sanierung der Schule am Lindenweg kostet 4 Millionen Euro, so der Rat.", "a")
    b = article(
        "Für die Sanierung der Schule am Lindenweg sind 4 Millionen Euro veranschlagt.", "b"
    )
    claims, _ = claims_of([a, b])
    [claim] = [c for c in claims if len(c.evidence) == 2]
    texts = {
        e.article: (a if e.article == a.id else b).text[e.start : e.end] for e in claim.evidence
    }
    assert texts[a.id].startswith("Die Sanierung") and texts[b.id].startswith("Für die")


def test_different_figures_for_the_same_cost_contradict_in_text_order() -> None:
    a = article("Die Reparatur des Daches soll rund 2 Millionen Euro kosten.", "a")
    b = article("Die Kosten der Reparatur des Daches schätzt das Amt auf 3,5 Millionen Euro.", "b")
    _, contradictions = claims_of([a, b])
    [x] = contradictions
    assert x.kind == "figures"
    assert sides(x) == [a.text.strip(), b.text.strip()]  # in full, in text order


def test_about_and_exact_figures_agree() -> None:
    a = article("Die Fahrgäste mussten am Bahnhof fast drei Stunden auf den Zug warten.", "a")
    b = article("Am Bahnhof mussten die Fahrgäste drei Stunden auf den Zug warten.", "b")
    claims, contradictions = claims_of([a, b])
    assert not contradictions
    assert supported(claims, [a, b], "drei Stunden") == {"a", "b"}


def test_figures_about_different_places_neither_join_nor_contradict() -> None:

    a = article("Der Stadtrat in Amselfeld tagte am Montag zum vierten Mal.", "a")
    b = article("Der Stadtrat in Birkenau tagte am Montag zum neunten Mal.", "b")
    names = [
        [Entity(x.text.index(place), x.text.index(place) + len(place), "LOC")]
        for x, place in ((a, "Amselfeld"), (b, "Birkenau"))
    ]
    claims, contradictions = story_claims([a, b], analysed([a, b]), names)
    assert len(claims) == 2 and not contradictions


def test_a_denial_in_another_outlet_is_linked() -> None:
    a = article("Die Armee hat nach eigenen Angaben die Stadt Kornhausen vollständig erobert.", "a")
    b = article("Die Verteidiger bestreiten, dass die Stadt Kornhausen erobert worden sei.", "b")

    names = [
        [Entity(x.text.index("Kornhausen"), x.text.index("Kornhausen") + 10, "LOC")] for x in (a, b)
    ]
    _, contradictions = story_claims([a, b], analysed([a, b]), names)
    [x] = [c for c in contradictions if c.kind == "denial"]
    assert sides(x) == [a.text.strip(), b.text.strip()]


def test_contradictions_stay_bounded_in_a_story_of_near_copies() -> None:
    texts = [
        f"Die Brücke am Mühlbach bleibt {n % 7 + 1} Wochen gesperrt, sagte die Stadt. Meldung {n}."
        for n in range(60)
    ]
    articles = [article(t, f"a{n}") for n, t in enumerate(texts)]
    claims, contradictions = claims_of(articles)
    assert len(claims) == 7  # one claim per figure, each with its own articles
    pairs = {frozenset(x.items) for x in contradictions}
    assert len(pairs) == len(contradictions)  # one contradiction per pair of claims
    assert len(contradictions) <= 7 * 3


def test_two_days_for_one_event_contradict() -> None:
    a = article("Der neue Vertrag wurde am 3. März 2026 in Lindholm feierlich unterzeichnet.", "a")
    b = article("Der neue Vertrag wurde am 5. März 2026 in Lindholm feierlich unterzeichnet.", "b")
    _, contradictions = claims_of([a, b])
    [x] = [c for c in contradictions if c.kind == "dates"]
    assert sides(x) == [a.text.strip(), b.text.strip()]
    assert "2026-03-03" in x.explanation and "2026-03-05" in x.explanation


def test_a_report_of_both_days_and_one_day_agree() -> None:
    a = article(
        "Der Vertrag wurde am 2. März 2026 angekündigt und am 3. März 2026 unterzeichnet.", "a"
    )
    b = article("Der Vertrag wurde am 3. März 2026 in Lindholm feierlich unterzeichnet.", "b")
    _, contradictions = claims_of([a, b])
    assert not [c for c in contradictions if c.kind == "dates"]


def test_days_of_different_events_never_contradict() -> None:
    a = article("Die Brücke in Lindholm wurde am 3. März 2026 für den Verkehr geöffnet.", "a")
    b = article("Der Stadtrat tagte am 5. März 2026 lange über den Haushalt der Stadt.", "b")
    _, contradictions = claims_of([a, b])
    assert not contradictions
