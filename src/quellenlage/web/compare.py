"""Two articles of one story side by side: the passages they share (the dossier's reuse
spans) and the figures in which they differ, each marked in the text as a citation link.

A figure differs when the other article gives the same unit (the same quantity: "Stunden",
"Prozent") but never this value; a unit the other article does not mention is no difference,
only a silence. Plain functions over the dossier records (no I/O), like ``present``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from quellenlage.model import Contradiction, Evidence, Figure, StoryDossier
from quellenlage.web.present import cite_href

SHARED = "shared"
FIGURE = "figure"


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of one article to mark: a shared passage or a differing figure."""

    start: int
    end: int
    kind: str  # SHARED | FIGURE
    note: str  # the other article's words (the tooltip)


@dataclass(frozen=True, slots=True)
class Run:
    """A run of article text; a marked run is a link to its span in the article view."""

    text: str
    kinds: tuple[str, ...]
    href: str | None
    note: str | None  # the other article's words


@dataclass(frozen=True, slots=True)
class Comparison:
    first: str
    second: str
    marks: dict[str, list[Mark]]  # article id -> its marks, in text order
    contradictions: list[Contradiction]  # of kind figures, with a side in each article


def default_pair(story: StoryDossier) -> tuple[str, str] | None:
    """The two articles that share the most (the widest reuse), else the first two."""
    if story.reuse:
        widest = max(story.reuse, key=lambda reuse: reuse.share)
        first, second = widest.articles[0], widest.articles[1]
        return first, second
    if len(story.articles) >= 2:
        return story.articles[0], story.articles[1]
    return None


def compare(story: StoryDossier, first: str, second: str) -> Comparison:
    marks: dict[str, list[Mark]] = {first: [], second: []}
    for here, there in _shared_passages(story, first, second):
        marks[here.article].append(Mark(here.start, here.end, SHARED, there.text))
    figures = {first: _figures(story, first), second: _figures(story, second)}
    for one, other in ((first, second), (second, first)):
        for figure, also in differing_figures(figures[one], figures[other]):
            span = figure.evidence
            note = ", ".join(f.text for f in also)
            marks[one].append(Mark(span.start, span.end, FIGURE, note))
    for found in marks.values():
        found.sort(key=lambda mark: (mark.start, -mark.end))
    return Comparison(first, second, marks, _figure_contradictions(story, first, second))


def _shared_passages(
    story: StoryDossier, first: str, second: str
) -> list[tuple[Evidence, Evidence]]:
    """Each shared passage of the pair as (this article's span, the other's), both ways."""
    pairs = []
    for reuse in story.reuse:
        if set(reuse.articles) != {first, second}:
            continue
        for passage in reuse.passages:
            pairs += [(passage.a, passage.b), (passage.b, passage.a)]
    return pairs


def _figures(story: StoryDossier, article_id: str) -> list[Figure]:
    """The figures of the story's claims that stand in ``article_id``, each span once."""
    seen: dict[tuple[int, int], Figure] = {}
    for claim in story.claims:
        for figure in claim.numbers:
            span = figure.evidence
            if span.article == article_id:
                seen.setdefault((span.start, span.end), figure)
    return sorted(seen.values(), key=lambda f: f.evidence.start)


def _unit(figure: Figure) -> str | None:
    return figure.unit.casefold() if figure.unit else None


def differing_figures(
    ours: Sequence[Figure], theirs: Sequence[Figure]
) -> list[tuple[Figure, list[Figure]]]:
    """Each figure of ``ours`` whose unit ``theirs`` gives only with other values, with
    those figures of ``theirs``."""
    found = []
    for figure in ours:
        unit = _unit(figure)
        if unit is None or figure.value is None:
            continue
        same_unit = [f for f in theirs if _unit(f) == unit and f.value is not None]
        if same_unit and all(f.value != figure.value for f in same_unit):
            found.append((figure, same_unit))
    return found


def _figure_contradictions(story: StoryDossier, first: str, second: str) -> list[Contradiction]:
    found = []
    for contradiction in story.contradictions:
        if contradiction.kind != "figures":
            continue
        cited = {span.article for side in contradiction.sides for span in side.evidence}
        if {first, second} <= cited:
            found.append(contradiction)
    return found


def runs(article_id: str, text: str, marks: Sequence[Mark]) -> list[Run]:
    """``text`` cut at every mark's bounds; a run under marks links to the innermost one
    (a figure inside a shared passage links to the figure) and carries every kind."""
    cuts = {0, len(text)}
    for mark in marks:
        cuts.update((max(0, mark.start), min(len(text), mark.end)))
    result = []
    for start, end in itertools.pairwise(sorted(cuts)):
        covering = [m for m in marks if m.start <= start and end <= m.end]
        if not covering:
            result.append(Run(text[start:end], (), None, None))
            continue
        inner = min(covering, key=lambda m: m.end - m.start)
        kinds = tuple(sorted({m.kind for m in covering}))
        href = cite_href(article_id, inner.start, inner.end)
        result.append(Run(text[start:end], kinds, href, inner.note))
    return result
