"""Claims, contradictions and entity merges of the dossier, scored against gold by offsets
(the claims part of ``make eval-dossier``).

The gold (``eval/gold/claims/*.json``) holds no text: each article is named by its file and
the sha256 of the text quellenlage reads from it, and everything else is a span
``[article key, start, end]`` into that text. It was written for the seeds
(``../shared/seeds/``) and the examples (``examples/``):

- ``claims``: groups of sentences of several articles that state the same proposition;
- ``contradictions``: a kind and two sides, each a list of sentences that say the one side;
- ``entities``: groups of mentions that are one person, place or organisation.

The product path makes the dossier: ``api.build_dossier`` over a temporary SQLite database, with
the shipped accurate NER (``--ner fast`` to compare). A predicted span stands for a gold one
when both are in the same article and overlap by at least half of the shorter.

Scores:
- claim support: pairs of supporting articles. Each pair of evidence spans of one predicted
  claim in two articles is right when one gold group holds both; precision over the
  predicted pairs, recall over the gold pairs (spans of two articles in one group);
- contradictions: a predicted one is right when its two sides stand for the two sides of a
  gold one (either order); precision over the predicted, recall over the gold;
- entity merges: pairs of gold mentions put into one entity, against pairs in one gold group.

    .venv/bin/python eval/claims.py [--ner accurate|fast]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from quellenlage import api

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "gold" / "claims"
SETS = {"seeds": ROOT.parent / "shared" / "seeds", "examples": ROOT / "examples"}
TARGETS = {"claim support precision": 0.90, "contradiction recall": 0.8}


@dataclass(frozen=True, slots=True)
class Span:
    article: str  # the gold's article key
    start: int
    end: int

    def stands_for(self, other: Span) -> bool:
        overlap = min(self.end, other.end) - max(self.start, other.start)
        shorter = min(self.end - self.start, other.end - other.start)
        return self.article == other.article and overlap > 0 and overlap * 2 >= shorter


@dataclass(frozen=True, slots=True)
class Score:
    right: int
    predicted: int
    found: int
    gold: int

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    def line(self, name: str) -> str:
        return (
            f"  {name:<24} P {self.precision:5.3f} ({self.right}/{self.predicted})  "
            f"R {self.recall:5.3f} ({self.found}/{self.gold})"
        )

    def __add__(self, other: Score) -> Score:
        return Score(
            self.right + other.right,
            self.predicted + other.predicted,
            self.found + other.found,
            self.gold + other.gold,
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ner", choices=("accurate", "fast"), default="accurate")
    args = parser.parse_args()
    api.prepare_process()
    totals: dict[str, Score] = {}
    for name, folder in SETS.items():
        gold = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
        story_items, keys = product_dossier(folder, gold, args.ner)
        scores = {
            "claim support": claim_support(gold["claims"], story_items["claims"], keys),
            "contradictions": contradictions(
                gold["contradictions"], story_items["contradictions"], keys
            ),
            "entity merges": entity_merges(gold["entities"], story_items["entities"], keys),
        }
        print(f"{name} ({folder}), --ner {args.ner}:")
        for label, score in scores.items():
            print(score.line(label))
            totals[label] = totals.get(label, Score(0, 0, 0, 0)) + score
    print("seeds + examples:")
    for label, score in totals.items():
        print(score.line(label))
    support, contra = totals["claim support"], totals["contradictions"]
    print(
        f"targets: claim support precision {support.precision:.3f} (>= 0.90), contradiction "
        f"recall {contra.recall:.3f} at precision {contra.precision:.3f} (both >= 0.8)"
    )


def product_dossier(
    folder: Path, gold: dict[str, Any], ner: str
) -> tuple[dict[str, list[Any]], dict[str, str]]:
    """Every story's claims, contradictions and entities of the dossier of ``folder``, and
    the gold key of each article id (found by the sha256 of its text)."""
    result = api.build_dossier([str(folder)], settings=api.make_settings(ner=ner)).data
    by_digest = {a["sha256"]: a["key"] for a in gold["articles"]}
    keys = {}
    for article in result["articles"]:
        digest = hashlib.sha256(article["text"].encode("utf-8")).hexdigest()
        if digest in by_digest:
            keys[article["id"]] = by_digest[digest]
    missing = set(by_digest.values()) - set(keys.values())
    if missing:
        sys.exit(f"{folder}: the text read from {sorted(missing)} is not the one the gold is for")
    items: dict[str, list[Any]] = {"claims": [], "contradictions": [], "entities": []}
    for story in result["stories"]:
        for field, found in items.items():
            found.extend(story[field])
    return items, keys


def spans(raw: Iterable[Sequence[Any]]) -> list[Span]:
    return [Span(str(a), int(s), int(e)) for a, s, e in raw]


def predicted_spans(evidence: Iterable[dict[str, Any]], keys: dict[str, str]) -> list[Span]:
    return [
        Span(keys[e["article"]], e["start"], e["end"]) for e in evidence if e["article"] in keys
    ]


def claim_support(
    gold_groups: list[list[Any]], claims: list[dict[str, Any]], keys: dict[str, str]
) -> Score:
    groups = [spans(g) for g in gold_groups]
    gold_pairs = {(a, b) for g in groups for a, b in combinations(g, 2) if a.article != b.article}
    predicted = [
        (a, b)
        for claim in claims
        for a, b in combinations(predicted_spans(claim["evidence"], keys), 2)
        if a.article != b.article
    ]

    def in_one_group(a: Span, b: Span) -> bool:
        return any(
            any(a.stands_for(g) for g in group) and any(b.stands_for(g) for g in group)
            for group in groups
        )

    right = sum(in_one_group(a, b) for a, b in predicted)
    found = sum(
        any(
            (p.stands_for(a) and q.stands_for(b)) or (p.stands_for(b) and q.stands_for(a))
            for p, q in predicted
        )
        for a, b in gold_pairs
    )
    return Score(right, len(predicted), found, len(gold_pairs))


def contradictions(
    gold: list[dict[str, Any]], predicted: list[dict[str, Any]], keys: dict[str, str]
) -> Score:
    sides = [(spans(g["sides"][0]), spans(g["sides"][1])) for g in gold]

    def matches(item: dict[str, Any], gold_sides: tuple[list[Span], list[Span]]) -> bool:
        first, second = (predicted_spans(s["evidence"], keys) for s in item["sides"])

        def on(side: list[Span], found: list[Span]) -> bool:
            return any(p.stands_for(g) for p in found for g in side)

        one, other = gold_sides
        return (on(one, first) and on(other, second)) or (on(one, second) and on(other, first))

    right = sum(any(matches(item, g) for g in sides) for item in predicted)
    found = sum(any(matches(item, g) for item in predicted) for g in sides)
    return Score(right, len(predicted), found, len(gold))


def entity_merges(
    gold_groups: list[list[Any]], entities: list[dict[str, Any]], keys: dict[str, str]
) -> Score:
    mentions = [(n, span) for n, group in enumerate(gold_groups) for span in spans(group)]
    owner = {}
    for index, (_, span) in enumerate(mentions):
        for entity in entities:
            if any(p.stands_for(span) for p in predicted_spans(entity["mentions"], keys)):
                owner[index] = entity["id"]
                break
    pairs = list(combinations(range(len(mentions)), 2))
    same_gold = {(i, j) for i, j in pairs if mentions[i][0] == mentions[j][0]}
    same_predicted = {
        (i, j) for i, j in pairs if i in owner and j in owner and owner[i] == owner[j]
    }
    right = len(same_predicted & same_gold)
    return Score(right, len(same_predicted), right, len(same_gold))


if __name__ == "__main__":
    main()
