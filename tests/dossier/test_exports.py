"""Web Annotation JSON-LD and the quotes CSV: selectors that point at the exact words, and
cells that a spreadsheet cannot run as formulas."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import quellenlage
from tests.conftest import EXAMPLES


def test_annotations_point_at_the_words() -> None:
    result = quellenlage.dossier([str(EXAMPLES)])
    collection = json.loads(result.render("annotations"))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    texts = {
        a["url"] or f"urn:quellenlage:article:{a['id']}": a["text"] for a in result.data["articles"]
    }
    assert collection["total"] == len(collection["items"]) > 10
    for annotation in collection["items"]:
        quote, position = annotation["target"]["selector"]
        text = texts[annotation["target"]["source"]]
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text[: position["start"]].endswith(quote["prefix"])


def test_quotes_csv_is_safe_for_spreadsheets(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(
        json.dumps(
            {
                "text": '„=HYPERLINK("http://evil") klick hier bitte“, sagte Anna Berg am Abend.',
                "outlet": "@Verlag",
            }
        )
        + "\n"
    )
    rows = list(csv.reader(io.StringIO(quellenlage.dossier([str(path)]).render("quotes-csv"))))
    assert rows[0] == ["story", "speaker", "kind", "quote", "outlets", "evidence"]
    assert rows[1][1] == "Anna Berg"
    assert rows[1][3].startswith("'=HYPERLINK") and rows[1][4] == "'@Verlag"


def test_claimreview_lists_each_contradiction_with_its_evidence() -> None:
    result = quellenlage.dossier([str(EXAMPLES)])
    graph = json.loads(result.render("claimreview"))["@graph"]
    contradictions = [x for story in result.data["stories"] for x in story["contradictions"]]
    assert contradictions and len(graph) == len(contradictions)
    texts = {a["id"]: a["text"] for a in result.data["articles"]}
    for review in graph:
        assert review["@type"] == "ClaimReview"
        assert review["reviewRating"]["alternateName"] == "Contradicted by another source"
        claims = [review["itemReviewed"], *review["isBasedOn"]]
        assert len(claims) >= 2
        for claim in claims:
            for appearance in claim["appearance"]:
                span = appearance["evidence"]
                assert texts[span["article"]][span["start"] : span["end"]] == appearance["text"]
