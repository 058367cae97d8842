"""The dossier: contract shape (JSON Schema), provenance of every span, the seed story."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import quellenlage
from tests.conftest import EXAMPLES

NOISE_MARKERS = (
    "SHARE",
    "Continue reading",
    "pic.twitter.com",
    "Qualitäts-Ticket",
    "KommentareDruckenTeilen",
    "Home Deutschland",
    "Stand:",
)


@pytest.fixture(scope="module")
def seed_dossier(seeds_dir: Path) -> dict[str, Any]:
    return quellenlage.build_dossier([str(seeds_dir)]).data


@pytest.fixture(scope="module")
def example_dossier() -> dict[str, Any]:
    return quellenlage.build_dossier([str(EXAMPLES)]).data


def schema() -> dict[str, Any]:
    return json.loads((files("quellenlage") / "dossier" / "schema.json").read_text())


def all_spans(dossier: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        span
        for story in dossier["stories"]
        for item in story["summary"]
        for span in item["evidence"]
    ]


def test_seed_dossier_matches_schema(seed_dossier: dict[str, Any]) -> None:
    jsonschema.validate(seed_dossier, schema())


def test_example_dossier_matches_schema(example_dossier: dict[str, Any]) -> None:
    jsonschema.validate(example_dossier, schema())


def test_seed_articles(seed_dossier: dict[str, Any], seeds_dir: Path) -> None:
    articles = seed_dossier["articles"]
    assert len(articles) == 5
    by_file = {Path(a["source"]).name[:3]: a for a in articles}
    for path in seeds_dir.iterdir():
        assert by_file[path.name[:3]]["text"] == path.read_bytes().decode("utf-8")
    assert by_file["001"]["published"] == "2025-12-03"
    assert by_file["003"]["published"] == "2025-12-03"
    assert by_file["003"]["published_at"] == "2025-12-03T11:00:00"
    assert by_file["001"]["excluded"] == [{"start": 0, "end": 16, "kind": "metadata"}]


def test_seed_ids_stable(seed_dossier: dict[str, Any], seeds_dir: Path) -> None:
    again = quellenlage.build_dossier([str(seeds_dir)]).data
    assert [a["id"] for a in again["articles"]] == [a["id"] for a in seed_dossier["articles"]]


def test_seeds_are_one_story(seed_dossier: dict[str, Any]) -> None:
    [story] = seed_dossier["stories"]
    assert sorted(story["articles"]) == sorted(a["id"] for a in seed_dossier["articles"])
    assert 3 <= len(story["summary"]) <= 8


@pytest.mark.parametrize("fixture", ["seed_dossier", "example_dossier"])
def test_summary_is_exact_text_outside_noise(fixture: str, request: pytest.FixtureRequest) -> None:
    dossier = request.getfixturevalue(fixture)
    articles = {a["id"]: a for a in dossier["articles"]}
    for story in dossier["stories"]:
        for item in story["summary"]:
            assert not any(marker in item["text"] for marker in NOISE_MARKERS)
            first = item["evidence"][0]
            text = articles[first["article"]]["text"]
            assert text[first["start"] : first["end"]] == item["text"]
    for span in all_spans(dossier):
        article = articles[span["article"]]
        assert 0 <= span["start"] < span["end"] <= len(article["text"])
        assert not any(
            e["start"] < span["end"] and span["start"] < e["end"] for e in article["excluded"]
        )


def test_examples_two_stories_and_wire_sentence(example_dossier: dict[str, Any]) -> None:
    stories = example_dossier["stories"]
    assert [len(s["articles"]) for s in stories] == [5, 1]
    assert stories[1]["title"].startswith("Handball")
    wire = [item for item in stories[0]["summary"] if "1968 eröffnet" in item["text"]]
    assert wire, "the shared wire sentence should be in the summary"
    articles = {a["id"]: a for a in example_dossier["articles"]}
    supporting = [
        articles[s["article"]]["text"][s["start"] : s["end"]] for s in wire[0]["evidence"]
    ]
    assert len(supporting) == 3  # three outlets carry it with 24.000 ...
    assert all("24.000" in text for text in supporting)  # ... the blog's 31.000 is not support


def test_markdown_escapes_untrusted_text(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(
        json.dumps(
            {
                "title": "<script>alert(1)</script> [klick](javascript:alert(1))",
                "text": "Ein <b>fetter</b> Satz mit [Link](javascript:alert(2)) im Artikel.",
            }
        )
        + "\n"
    )
    markdown = quellenlage.build_dossier([str(path)]).to_markdown()
    assert "<script>" not in markdown and "<b>" not in markdown
    assert not re.search(r"(?<!\\)\]\(javascript", markdown)  # only escaped brackets


def test_seed_quotes_in_dossier(seed_dossier: dict[str, Any]) -> None:
    [story] = seed_dossier["stories"]
    articles = {a["id"]: a for a in seed_dossier["articles"]}
    for quote in story["quotes"]:
        quoted = [articles[e["article"]]["text"][e["start"] : e["end"]] for e in quote["evidence"]]
        assert quote["text"] in quoted  # the quote's text is one of its evidence spans
        for span in quote["evidence"]:
            article = articles[span["article"]]
            assert not any(
                e["kind"] != "social-post" and e["start"] < span["end"] and span["start"] < e["end"]
                for e in article["excluded"]
            )
    surnames = {q["speaker_name"].split()[-1] for q in story["quotes"] if q["speaker_name"]}
    assert {"Uschakow", "Putin", "Rubio"} <= surnames
    produktiv = [q for q in story["quotes"] if q["text"].lower() == "produktiv"]
    assert len(produktiv) == 1 and len(produktiv[0]["evidence"]) == 2  # one quote, two outlets
    assert produktiv[0]["speaker_name"].split()[-1] in ("Dmitriev", "Dmitrijew", "Dmitriew")


def people(dossier: dict[str, Any]) -> dict[str, dict[str, Any]]:
    [story] = dossier["stories"]
    return {e["name"]: e for e in story["entities"] if e["type"] == "PER"}


def test_seed_people_one_entity_each(seed_dossier: dict[str, Any]) -> None:
    found = people(seed_dossier)
    spellings = {name: {name, *e["variants"]} for name, e in found.items()}
    dmitriev = [n for n, forms in spellings.items() if forms & {"Dmitriev", "Dmitrijew"}]
    assert len(dmitriev) == 1, dmitriev
    assert {"Dmitriev", "Dmitrijew"} <= {w for form in spellings[dmitriev[0]] for w in form.split()}
    for surname in ("Putin", "Uschakow", "Witkoff", "Kushner", "Peskow", "Trump", "Rubio"):
        holders = [n for n, forms in spellings.items() if any(surname in f.split() for f in forms)]
        assert len(holders) == 1, (surname, holders)
    articles = {a["id"]: a["text"] for a in seed_dossier["articles"]}
    for entity in found.values():
        for span in entity["mentions"]:
            assert articles[span["article"]][span["start"] : span["end"]]


def test_seed_quote_speakers_are_entities(seed_dossier: dict[str, Any]) -> None:
    [story] = seed_dossier["stories"]
    by_id = {e["id"]: e for e in story["entities"]}
    [europe] = [q for q in story["quotes"] if "Europa" in q["text"] and "hundert" in q["text"]]
    assert europe["speaker"] in by_id and "Putin" in by_id[europe["speaker"]]["name"]
    assert europe["speaker_name"] == by_id[europe["speaker"]]["name"]
