"""Records that flow between the pipeline stages, up to a story's dossier.

The dossier records have exactly the contract's shape (``dossier-contract.md``): the linking
stages make them, a story's dossier is stored as them (JSON) and read back without
recomputing anything, and ``StoryDossier.to_json`` gives the contract document.

Everything that points into an article is an offset pair into ``Article.text`` (Python ``str``
indices, end exclusive): the text itself is never rewritten, so ``text[start:end]`` is always
the evidence (see ``docs``/dossier contract).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import msgspec

_WHITESPACE_RUN = re.compile(r"\s+")

NOISE_KINDS = (
    "metadata",
    "share-bar",
    "paywall",
    "read-more",
    "breadcrumb",
    "caption",
    "repeated",
    "comments",
    "social-post",
)


def article_id(text: str) -> str:
    """Stable id: sha256 of the NFC text with whitespace runs collapsed, first 12 hex digits.

    Collapsing whitespace makes the same story re-saved with other line endings or indentation
    one article, as the contract asks.
    """
    normal = _WHITESPACE_RUN.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


def stable_id(prefix: str, *parts: object) -> str:
    """An id derived from content (``prefix`` + 10 hex digits of a sha1 over ``parts``): the
    same content gives the same id in every rebuild, page and export."""
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:10]}"


def unique_ids(ids: list[str]) -> list[str]:
    """``ids`` with repeats made unique by a suffix (-2, -3 …), first occurrence unchanged."""
    seen: dict[str, int] = {}
    result = []
    for key in ids:
        seen[key] = seen.get(key, 0) + 1
        result.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return result


@dataclass(frozen=True, slots=True)
class Entity:
    """A name the NER model tagged: characters ``start:end`` and its type (PER, LOC, ORG,
    MISC)."""

    start: int
    end: int
    type: str

    def to_json(self, text: str) -> dict[str, object]:
        return {
            "text": text[self.start : self.end],
            "type": self.type,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class StoredAnalysis:
    """One article's analysis as the store keeps it: opaque to the store, written and read by
    the analysis stage (``analyse.article``). ``version`` names the rules and models that made
    it, so a newer quellenlage re-analyses instead of reading stale results."""

    article_id: str
    version: str
    data: bytes  # JSON: quotes, numbers, dates
    terms: bytes  # JSON: the normalised term vector
    lead: bytes  # float32 embedding of title and lead
    vectors: bytes  # float16 embeddings: one row per sentence, then one per quote


@dataclass(frozen=True, slots=True)
class EntityTags:
    """What one NER model (``model``: mode/version/digest) found in one article."""

    article_id: str
    model: str
    entities: tuple[Entity, ...]


@dataclass(frozen=True, slots=True)
class Excluded:
    """A stretch of scrape noise; kept in the text, ignored by every later stage."""

    start: int
    end: int
    kind: str

    def to_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or heading line) with its token offsets."""

    start: int
    end: int
    tokens: tuple[tuple[int, int], ...]
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Source:
    """One place an article's text was read from."""

    source: str
    outlet: str | None = None
    url: str | None = None
    published: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published,
        }


@dataclass(slots=True)
class RawItem:
    """What a reader yields: text plus whatever metadata the container format carried."""

    source: str
    text: str
    location: str  # PATH or PATH:LINE, used in messages
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # as found; parsed by the metadata stage
    encoding: str = "utf-8"
    raw: str | None = None  # original markup (HTML) when the text was extracted from it
    title_in_text: bool = True  # plain files carry their title inside ``text``


@dataclass(slots=True)
class Article:
    """An article after ingest, cleaning and sentence analysis."""

    id: str
    text: str
    source: str
    sources: list[Source]
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published_at: datetime | None = None
    published_day: date | None = None
    language: str = "de"
    encoding: str = "utf-8"
    raw: str | None = None
    excluded: list[Excluded] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def publication_day(self) -> date | None:
        return self.published_at.date() if self.published_at else self.published_day

    @property
    def published(self) -> str | None:
        day = self.publication_day
        return day.isoformat() if day else None

    @property
    def published_at_iso(self) -> str | None:
        return self.published_at.isoformat(timespec="seconds") if self.published_at else None

    def lead_text(self, sentences: int = 3) -> str:
        """Title and first body sentences: what a reader sees of the story first."""
        body = [s for s in self.sentences if not s.heading][:sentences]
        return "\n".join([self.title or "", *(self.text[s.start : s.end] for s in body)])

    def content_text(self) -> str:
        """Title and every sentence outside the noise."""
        return "\n".join([self.title or "", *(self.text[s.start : s.end] for s in self.sentences)])

    def is_excluded(self, start: int, end: int) -> bool:
        """True when ``start:end`` overlaps any noise span."""
        return any(e.start < end and start < e.end for e in self.excluded)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "source": self.source,
            "sources": [s.to_json() for s in self.sources],
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
            "published_at": self.published_at_iso,
            "language": self.language,
            "text": self.text,
            "excluded": [e.to_json() for e in self.excluded],
        }


@dataclass(frozen=True, slots=True)
class SentenceRef:
    """One sentence of one article: its exact text and its evidence span."""

    article: Article
    sentence: Sentence

    @property
    def text(self) -> str:
        return self.article.text[self.sentence.start : self.sentence.end]

    @property
    def evidence(self) -> Evidence:
        return Evidence.of(self.article, self.sentence.start, self.sentence.end)


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input item that yielded no article, with the reason shown to the user."""

    location: str
    reason: str
    line: int | None = None

    def message(self) -> str:
        where = f"{self.location}:{self.line}" if self.line is not None else self.location
        return f"quellenlage: {where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user should know that did not cost an article (e.g. a guessed encoding)."""

    location: str
    message_text: str

    def message(self) -> str:
        return f"quellenlage: {self.location}: {self.message_text}"


@dataclass(slots=True)
class IngestReport:
    """What one ingest did: new articles, repeats, rejections, warnings, skipped files.
    Without ``keep_ids`` only the counts are kept: an ingest of millions holds no state per
    article (the ids are for the one-shot functions, which report on what they read)."""

    keep_ids: bool = True
    read: int = 0  # articles the inputs yielded (a text read twice counts twice)
    article_ids: list[str] = field(default_factory=list)  # every article the inputs yielded
    items: list[tuple[str, str]] = field(default_factory=list)  # (article id, source) per item
    seen: set[str] = field(default_factory=set)  # ids in ``article_ids``
    added: int = 0
    already_present: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        return 1 if self.rejections else 0


# the dossier ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span with its own words: ``text`` is ``article.text[start:end]``."""

    article: str
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, article: Article, start: int, end: int) -> Evidence:
        return cls(article.id, start, end, article.text[start:end])


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
