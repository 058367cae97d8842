"""Entity resolution: one entity per person across spellings, never two people in one.

The resolution is tested on its own here: mentions are placed on the words by hand (as the
NER model would), so that each rule is checked whatever the model's errors. The end-to-end
checks with the shipped model are in tests/dossier and tests/analyse.
"""

from __future__ import annotations

import re

from quellenlage.analyse.ner import Entity
from quellenlage.link.entities import entity_for_speaker, resolve_entities, surname_index
from quellenlage.model import Article, EntityRecord
from tests.link.test_quotes import article


def tagged(text: str, source: str, names: dict[str, str]) -> tuple[Article, list[Entity]]:
    """The article and an entity at every occurrence of each name (name -> type)."""
    built = article(text, source)
    found: list[Entity] = []
    for name in sorted(names, key=len, reverse=True):  # longest first; no overlaps
        for m in re.finditer(rf"\b{re.escape(name)}\b", built.text):
            if not any(e.start < m.end() and m.start() < e.end for e in found):
                found.append(Entity(m.start(), m.end(), names[name]))
    return built, sorted(found, key=lambda e: e.start)


def resolve(*items: tuple[Article, list[Entity]]) -> dict[str, EntityRecord]:
    entities = resolve_entities([a for a, _ in items], [e for _, e in items])
    return {e.name: e.record() for e in entities}


def test_transliterations_and_surname_join_the_full_name() -> None:
    a = tagged(
        "Kirill Dmitriew traf Witkoff. Dmitriew sprach von Fortschritt.",
        "a",
        {"Kirill Dmitriew": "PER", "Dmitriew": "PER", "Witkoff": "PER"},
    )
    b = tagged("Der Gesandte Kirill Dmitrijew war dabei.", "b", {"Kirill Dmitrijew": "PER"})
    c = tagged("„Produktiv“, schrieb Dmitriev auf X.", "c", {"Dmitriev": "PER"})
    entities = resolve(a, b, c)
    [person] = [e for name, e in entities.items() if "Dmitri" in name]
    assert person.type == "PER"
    assert {"Dmitriev", "Kirill Dmitrijew"} <= set(person.variants) | {person.name}
    assert len(person.mentions) == 4
    assert "Witkoff" in entities


def test_different_people_never_merge() -> None:
    text = (
        "Kremlsprecher Dmitri Peskow und Kirill Dmitriev empfingen Steve Witkoff und Jared "
        "Kushner. Donald Trump und Wladimir Putin telefonierten. Peskow sagte, Putin sei bereit."
    )
    people = {
        "Dmitri Peskow",
        "Kirill Dmitriev",
        "Steve Witkoff",
        "Jared Kushner",
        "Donald Trump",
        "Wladimir Putin",
    }
    names = {n: "PER" for n in (*people, "Peskow", "Putin")}
    entities = resolve(tagged(text, "a", names))
    assert set(entities) == people
    assert len(entities["Dmitri Peskow"].mentions) == 2
    assert len(entities["Wladimir Putin"].mentions) == 2


def test_genitive_joins_the_name() -> None:
    text = (
        "Wladimir Putin empfing die Gäste. Putins Berater Juri Uschakow sprach danach. "
        "Uschakows Worte waren vorsichtig."
    )
    entities = resolve(
        tagged(
            text,
            "a",
            {"Wladimir Putin": "PER", "Putins": "PER", "Juri Uschakow": "PER", "Uschakows": "PER"},
        )
    )
    assert set(entities) == {"Wladimir Putin", "Juri Uschakow"}
    assert entities["Juri Uschakow"].variants == ["Uschakows"]


def test_shared_surname_joins_neither_person() -> None:
    text = "Anna Berg und Paul Berg kandidieren. Berg sagte, sie trete an."
    entities = resolve(tagged(text, "a", {"Anna Berg": "PER", "Paul Berg": "PER", "Berg": "PER"}))
    assert len(entities["Anna Berg"].mentions) == 1
    assert len(entities["Paul Berg"].mentions) == 1
    assert len(entities) == 3


def test_place_spellings_join() -> None:
    a = tagged("Raketen trafen Kiew in der Nacht.", "a", {"Kiew": "LOC"})
    b = tagged("In Kyjiw heulten die Sirenen.", "b", {"Kyjiw": "LOC"})
    [place] = resolve(a, b).values()
    assert place.type == "LOC" and len(place.mentions) == 2


def test_role_before_a_name_is_a_role_not_a_name_and_its_later_use_a_mention() -> None:
    text = (
        "Kremlchef Wladimir Putin empfing die Delegation. Danach äußerte sich der Kremlchef "
        "zufrieden. US-Außenminister Marco Rubio blieb in Washington."
    )
    built, found = tagged(
        text, "a", {"Wladimir Putin": "PER", "Marco Rubio": "PER", "Washington": "LOC"}
    )
    entities = {e.name: e for e in resolve_entities([built], [found])}
    putin = entities["Wladimir Putin"].record()
    assert putin.roles == ["Kremlchef"] and putin.aliases == []
    assert "Kremlchef" not in putin.variants
    spans = [built.text[s.start : s.end] for s in putin.mentions]
    assert spans == [
        "Wladimir Putin",
        "Kremlchef",
    ]  # the role on its own, not the one before the name
    assert entities["Marco Rubio"].roles == {"US-Außenminister"}


def test_speaker_of_a_quote_finds_the_person() -> None:
    built, found = tagged(
        "Kirill Dmitriev sprach. „Produktiv“, schrieb Dmitriew auf X.",
        "a",
        {"Kirill Dmitriev": "PER", "Dmitriew": "PER"},
    )
    entities = resolve_entities([built], [found])
    start = built.text.index("Dmitriew")
    assert (
        entity_for_speaker(entities, surname_index(entities), built, start, start + 8, "Dmitriew")
        is entities[0]
    )
    assert (
        entity_for_speaker(entities, surname_index(entities), built, None, None, "Herr Dmitrijews")
        is entities[0]
    )
    assert (
        entity_for_speaker(entities, surname_index(entities), built, None, None, "Uschakow") is None
    )


def test_a_role_tagged_as_a_person_joins_its_holder() -> None:
    text = (
        "Nato-Generalsekretär Mark Rutte kam nach Brüssel. Der Nato-Generalsekretär sagte, "
        "er sei zuversichtlich. Rutte blieb bis zum Abend."
    )
    names = {"Mark Rutte": "PER", "Rutte": "PER", "Nato-Generalsekretär": "PER"}
    built, found = tagged(text, "a", names)
    found = [e for e in found if e.start != 0]  # the role before the name is no mention
    [rutte] = [e.record() for e in resolve_entities([built], [found])]
    assert rutte.name == "Mark Rutte" and rutte.roles == ["Nato-Generalsekretär"]
    assert rutte.variants == ["Rutte"]  # the role is no variant of the name
    assert len(rutte.mentions) == 3


def test_one_word_spellings_of_different_types_join_as_a_place() -> None:
    a = tagged("Raketen trafen Kiew in der Nacht.", "a", {"Kiew": "LOC"})
    b = tagged("Kyjiw meldete Schäden.", "b", {"Kyjiw": "PER"})  # a model error
    [place] = resolve(a, b).values()
    assert place.type == "LOC" and len(place.mentions) == 2


def test_declined_names_of_places_and_organisations_are_one_entity() -> None:
    a = tagged(
        "Das Weiße Haus und die Deutsche Bahn schweigen.",
        "a",
        {"Weiße Haus": "ORG", "Deutsche Bahn": "ORG"},
    )
    b = tagged(
        "Ein Sprecher des Weißen Hauses sagte, die Züge der Deutschen Bahn führen.",
        "b",
        {"Weißen Hauses": "ORG", "Deutschen Bahn": "ORG"},
    )
    c = tagged(
        "Am Schwarzen Meer: das Schwarze Meer.",
        "c",
        {"Schwarzen Meer": "LOC", "Schwarze Meer": "LOC"},
    )
    entities = resolve(a, b, c)
    assert sorted(len(e.mentions) for e in entities.values()) == [2, 2, 2]
    assert {"Weiße Haus", "Deutsche Bahn"} <= set(entities)


def test_declension_never_joins_people() -> None:
    a = tagged(
        "Petra Sommer traf Petre Sommer.", "a", {"Petra Sommer": "PER", "Petre Sommer": "PER"}
    )
    assert len(resolve(a)) == 2


def test_function_words_and_lower_case_words_are_never_names() -> None:
    text = (
        "Der Hafenmeister Jonas Weidmann prüfte die Kaimauer. Der Befund war klar. Nun "
        "kam der Regen, und nun ruhte die Arbeit."
    )
    names = {"Der": "ORG", "Jonas Weidmann": "PER", "Nun": "MISC"}
    entities = resolve(tagged(text, "a", names))
    assert set(entities) == {"Jonas Weidmann"}


def test_a_word_the_model_tagged_once_of_many_places_is_no_name() -> None:
    text = (
        "Die Pendelfähre fährt wieder. Die Pendelfähre ist voll. Viele warten auf die "
        "Pendelfähre, sagte Ilse Marquardt."
    )
    built, spread = tagged(text, "a", {"Pendelfähre": "ORG", "Ilse Marquardt": "PER"})
    by_model = [spread[0], spread[-1]]  # the model tagged one of the three, and the person
    entities = {e.name for e in resolve_entities([built], [spread], [by_model])}
    assert entities == {"Ilse Marquardt"}
