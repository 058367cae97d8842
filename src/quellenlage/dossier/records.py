"""The dossier as typed records: exactly the contract's shape (``dossier-contract.md``).

A story's dossier is stored as these records (JSON) and read back without recomputing
anything; ``to_json`` gives the contract document. Every span carries the words it points at
(``text`` is ``article.text[start:end]``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import msgspec


@dataclass(frozen=True, slots=True)
class Evidence:
    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class SummaryItem:
    text: str
    evidence: list[Evidence]


@dataclass(frozen=True, slots=True)
class EntityRecord:
    id: str
    name: str
    type: str
    variants: list[str]
    aliases: list[str]  # other names (never a role)
    mentions: list[Evidence]
    roles: list[str] = field(default_factory=list)  # "Kremlchef" written before the name


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    id: str
    speaker: str | None
    speaker_name: str | None
    kind: str
    text: str
    evidence: list[Evidence]


@dataclass(frozen=True, slots=True)
class Figure:
    value: float | None
    unit: str | None
    approx: bool
    text: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    id: str
    text: str
    evidence: list[Evidence]
    single_source: bool
    numbers: list[Figure]


@dataclass(frozen=True, slots=True)
class Side:
    text: str
    evidence: list[Evidence]


@dataclass(frozen=True, slots=True)
class Contradiction:
    id: str
    kind: str  # figures | dates | denial | negation
    items: list[str]  # ids of claims or quotes, in text order
    sides: list[Side]
    explanation: str


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    date: str
    precision: str  # time | day | month | year
    text: str
    evidence: list[Evidence]
    time: str | None = None
    inferred: bool = False


@dataclass(frozen=True, slots=True)
class Passage:
    a: Evidence
    b: Evidence


@dataclass(frozen=True, slots=True)
class Reuse:
    articles: list[str]
    share: float
    passages: list[Passage]


@dataclass(frozen=True, slots=True)
class StoryDossier:
    id: str  # "s" + the store's story id
    title: str | None
    articles: list[str]
    summary: list[SummaryItem] = field(default_factory=list)
    entities: list[EntityRecord] = field(default_factory=list)
    quotes: list[QuoteRecord] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    reuse: list[Reuse] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        record: dict[str, Any] = msgspec.to_builtins(self)
        for event in record["timeline"]:
            if event["time"] is None:
                del event["time"]
            if not event["inferred"]:
                del event["inferred"]
        return record


def encode_story(story: StoryDossier) -> bytes:
    return msgspec.json.encode(story)


def decode_story(data: bytes) -> StoryDossier:
    return msgspec.json.decode(data, type=StoryDossier)


def story_from_json(record: dict[str, Any]) -> StoryDossier:
    """A contract record (as the linking stages build it) checked into typed records."""
    return msgspec.convert(record, type=StoryDossier)
