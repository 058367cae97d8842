"""What the pages show, computed from the archive's records: citation links, the article
text cut into highlighted and greyed pieces, the claims × outlets matrix, quotes by speaker.

Plain functions over the dossier records (no I/O), so every view and test can use them.
Offsets are Python code points throughout: the highlight is cut on the server, so the
browser never has to count (it would count UTF-16 units).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from quellenlage.dossier.safe_text import web_url
from quellenlage.model import Article, EntityRecord, Evidence, StoryDossier


def story_number(story_id: str) -> int | None:
    """``s17`` or ``17`` as the store's number; None when it is neither."""
    digits = story_id.removeprefix("s")
    plain = digits.isascii() and digits.isdigit()  # "¹".isdigit() is True, int("¹") fails
    return int(digits) if plain and len(digits) < 12 else None


def span_anchor(start: int, end: int) -> str:
    return f"m-{start}-{end}"


Href = Callable[[str, int, int], str]  # (article id, start, end) -> where the span is shown


def cite_href(article_id: str, start: int, end: int) -> str:
    """The article view with ``start:end`` highlighted and scrolled to (the fragment)."""
    return f"/articles/{article_id}?span={start}-{end}#{span_anchor(start, end)}"


def parse_span(value: str | None, length: int) -> tuple[int, int] | None:
    """``START-END`` as offsets inside a text of ``length`` code points, else None."""
    if not value:
        return None
    start, sep, end = value.partition("-")
    if not sep or not value.isascii() or not start.isdigit() or not end.isdigit():
        return None
    if len(value) > 24:
        return None
    first, last = int(start), int(end)
    return (first, last) if 0 <= first < last <= length else None


@dataclass(frozen=True, slots=True)
class Source:
    """How one article of a story is named on its pages."""

    id: str
    number: int
    outlet: str  # the outlet, else the host of its URL, else "#number"
    title: str
    published: str | None
    url: str | None  # only an http(s) URL, never javascript: or data:


def sources(articles: Sequence[Article]) -> dict[str, Source]:
    """The story's articles, numbered in the dossier's order, with a label each."""
    return {
        article.id: named_source(
            number,
            article.id,
            article.outlet,
            article.url,
            article_label(article),
            article.published,
        )
        for number, article in enumerate(articles, start=1)
    }


def named_source(
    number: int,
    article_id: str,
    outlet: str | None,
    url: str | None,
    label: str,
    published: str | None,
) -> Source:
    """How article ``number`` of a story is named: its outlet, else its URL's host, else
    its number; only a web URL is kept as a link."""
    link = web_url(url)
    host = urlsplit(link).hostname if link else None
    return Source(article_id, number, outlet or host or f"#{number}", label, published, link)


@dataclass(frozen=True, slots=True)
class Links:
    """Where the shared dossier sections point: the app's pages (``web``), or anchors
    inside one exported file (``prefix`` keeps the anchors of each story apart)."""

    web: bool
    prefix: str = ""

    def article(self, source: Source) -> str:
        if self.web:
            return f"/articles/{source.id}"
        return f"#{self.prefix}article-{source.number}"


WEB_LINKS = Links(web=True)


def article_label(article: Article) -> str:
    """The title, else the first words of the text (a plain file's path says little)."""
    return article.title or article.lead_text(1)[:120] or article.source


ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")


def shown_entities(story: StoryDossier) -> list[EntityRecord]:
    """The story's people, organisations, places and other names: by type, most named first."""
    return sorted(
        (e for e in story.entities if e.type in ENTITY_TYPES),
        key=lambda e: (ENTITY_TYPES.index(e.type), -len(e.mentions), e.name),
    )


@dataclass(frozen=True, slots=True)
class Citation:
    """One evidence span as a link: the outlet beside the span's own words."""

    href: str
    article: str
    start: int
    end: int
    text: str
    outlet: str
    number: int


def citations(
    evidence: Iterable[Evidence], named: dict[str, Source], href_of: Href = cite_href
) -> list[Citation]:
    found = []
    for span in evidence:
        source = named.get(span.article)
        outlet, number = (source.outlet, source.number) if source else (span.article, 0)
        href = href_of(span.article, span.start, span.end)
        found.append(Citation(href, span.article, span.start, span.end, span.text, outlet, number))
    return found


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of article text with one look: plain, scrape noise (greyed) and/or marked."""

    text: str
    noise: str | None
    marked: bool
    anchor: str | None = None


def pieces(
    text: str, excluded: Iterable[tuple[int, int, str]], span: tuple[int, int] | None
) -> list[Piece]:
    """``text`` cut at every boundary of a noise span and of the highlighted ``span``;
    the first marked piece carries the anchor the citation link scrolls to."""
    noise = sorted((max(0, s), min(len(text), e), k) for s, e, k in excluded if s < e)
    cuts = {0, len(text)}
    for start, end, _ in noise:
        cuts.update((start, end))
    if span:
        cuts.update(span)
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    result: list[Piece] = []
    anchored = False
    for start, end in itertools.pairwise(bounds):
        kind = next((k for s, e, k in noise if s <= start and end <= e), None)
        marked = span is not None and span[0] <= start and end <= span[1]
        anchor = None
        if marked and not anchored and span is not None:
            anchor, anchored = span_anchor(*span), True
        result.append(Piece(text[start:end], kind, marked, anchor))
    return result


@dataclass(slots=True)
class MatrixRow:
    claim_id: str
    text: str
    single_source: bool
    cells: list[list[Citation]]  # one list per column, empty when the outlet lacks it

    @property
    def support(self) -> int:
        return sum(1 for cell in self.cells if cell)


@dataclass(slots=True)
class Matrix:
    columns: list[str]  # outlet labels
    rows: list[MatrixRow] = field(default_factory=list)


def claims_matrix(
    story: StoryDossier, named: dict[str, Source], href_of: Href = cite_href
) -> Matrix:
    """Claims (rows, widest support first) × outlets (columns: articles of one outlet share
    a column); each cell holds the citations of that outlet's own wording."""
    columns: list[str] = []
    for source in named.values():
        if source.outlet not in columns:
            columns.append(source.outlet)
    index = {label: i for i, label in enumerate(columns)}
    matrix = Matrix(columns)
    for claim in story.claims:
        cells: list[list[Citation]] = [[] for _ in columns]
        for cite in citations(claim.evidence, named, href_of):
            if cite.outlet in index:
                cells[index[cite.outlet]].append(cite)
        matrix.rows.append(MatrixRow(claim.id, claim.text, claim.single_source, cells))
    matrix.rows.sort(key=lambda row: -row.support)
    return matrix


@dataclass(slots=True)
class SpeakerQuotes:
    speaker: str | None
    speaker_id: str | None
    quotes: list[tuple[str, str, list[Citation]]]  # (kind, text, each outlet's wording)


def quotes_by_speaker(
    story: StoryDossier, named: dict[str, Source], href_of: Href = cite_href
) -> list[SpeakerQuotes]:
    """Quotes grouped by speaker, the most quoted first; unknown speakers last."""
    groups: dict[str, SpeakerQuotes] = {}
    for quote in story.quotes:
        key = quote.speaker or quote.speaker_name or ""
        group = groups.setdefault(key, SpeakerQuotes(quote.speaker_name, quote.speaker, []))
        group.quotes.append((quote.kind, quote.text, citations(quote.evidence, named, href_of)))
    return sorted(groups.values(), key=lambda g: (g.speaker is None, -len(g.quotes)))


@dataclass(frozen=True, slots=True)
class Statement:
    """A statement of the story that cites one article, with its span there."""

    kind: str  # message key: summary_kind, quote_kind …
    text: str
    start: int
    end: int
    href: str


def statements_citing(story: StoryDossier, article_id: str) -> list[Statement]:
    """Every summary sentence, quote, claim, contradiction side, timeline event and reuse
    passage of ``story`` with evidence in ``article_id``, in text order."""
    found: list[Statement] = []

    def add(kind: str, text: str, evidence: Iterable[Evidence]) -> None:
        for span in evidence:
            if span.article == article_id:
                href = cite_href(article_id, span.start, span.end)
                found.append(Statement(kind, text, span.start, span.end, href))

    for item in story.summary:
        add("summary_kind", item.text, item.evidence)
    for quote in story.quotes:
        add("quote_kind", quote.text, quote.evidence)
    for claim in story.claims:
        add("claim_kind", claim.text, claim.evidence)
    for contradiction in story.contradictions:
        for side in contradiction.sides:
            add("contradiction_kind", side.text, side.evidence)
    for event in story.timeline:
        add("timeline_kind", f"{event.date}: {event.text}", event.evidence)
    for reuse in story.reuse:
        for passage in reuse.passages:
            add("reuse_kind", passage.a.text, [passage.a, passage.b])
    unique = {(s.kind, s.start, s.end, s.text): s for s in found}
    return sorted(unique.values(), key=lambda s: (s.start, s.end, s.kind))


@dataclass(frozen=True, slots=True)
class TimelineDot:
    x: float
    label: str
    date: str


def timeline_dots(dates: Sequence[str], width: float = 600.0) -> list[TimelineDot]:
    """Where each dated event sits on a line ``width`` wide (an inline SVG, no script)."""
    days = []
    for value in dates:
        try:
            days.append(date.fromisoformat(value[:10]))
        except ValueError:
            continue
    if not days:
        return []
    first, last = min(days), max(days)
    spread = max((last - first).days, 1)
    margin = 20.0
    return [
        TimelineDot(margin + (day - first).days / spread * (width - 2 * margin), str(i), str(day))
        for i, day in enumerate(days, start=1)
    ]
