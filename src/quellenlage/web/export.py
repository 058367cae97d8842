"""The HTML export (``quellenlage dossier --format html``): the story page's own sections
(``dossier_sections.html``) rendered into one file that can be followed offline.

The file carries the texts of the story's articles; every citation is a link to an anchor
inside it, and the cited span is highlighted by CSS alone (``:target``): each text is cut
into flat runs at every cited span's bounds, a run carries the class of every span over it,
and an empty anchor stands before each span's first run, so ``#id:target ~ .id`` marks
exactly that span, even where spans overlap. No script, no request (its policy allows
neither); article data is escaped and its hidden controls shown, as on the pages.

It lives in ``web`` because it is the web's presentation (templates, message catalogue,
citation and matrix helpers) written to a file; the dossier stage knows nothing of it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markupsafe
import msgspec

from quellenlage.model import StoryDossier, story_from_json
from quellenlage.web import present
from quellenlage.web.i18n import translator
from quellenlage.web.templating import ENVIRONMENT

STYLE = Path(__file__).parent / "static" / "style.css"
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'"
TITLE = "quellenlage dossier"
_HIGHLIGHT = "background:var(--mark);outline:2px solid #e0b400"


@dataclass(frozen=True, slots=True)
class Run:
    """A run of article text: the classes of the spans over it (and ``noise``), and the
    anchors of the spans that begin with it."""

    text: str
    classes: str
    anchors: tuple[str, ...]


@dataclass(slots=True)
class StoryView:
    story: StoryDossier
    prefix: str  # keeps the ids of each story of the file apart
    named: dict[str, present.Source]
    texts: list[tuple[present.Source, dict[str, Any], list[Run]]] = field(default_factory=list)

    def span_id(self, article_id: str, start: int, end: int) -> str:
        return f"{self.prefix}t{self.named[article_id].number}-{start}-{end}"

    def href(self, article_id: str, start: int, end: int) -> str:
        return "#" + self.span_id(article_id, start, end)

    def context(self) -> dict[str, Any]:
        """What ``dossier_sections.html`` reads, as on the story page."""
        return {
            "story": self.story,
            "named": self.named,
            "cite": lambda evidence: present.citations(evidence, self.named, self.href),
            "entities": present.shown_entities(self.story),
            "speakers": present.quotes_by_speaker(self.story, self.named, self.href),
            "matrix": present.claims_matrix(self.story, self.named, self.href),
            "dots": [],
            "links": present.Links(web=False, prefix=self.prefix),
            "p": self.prefix,
        }


def to_html(document: dict[str, Any], language: str = "en") -> str:
    articles = {a["id"]: a for a in document["articles"]}
    views = [
        _story_view(story_from_json(record), articles, f"d{number}-")
        for number, record in enumerate(document["stories"], start=1)
    ]
    ids = [
        run_id for view in views for _, _, runs in view.texts for r in runs for run_id in r.anchors
    ]
    return ENVIRONMENT.get_template("export.html").render(
        t=translator(language),
        lang=language,
        title=TITLE,
        policy=POLICY,
        style=markupsafe.Markup(STYLE.read_text(encoding="utf-8") + _target_rules(ids)),
        views=views,
        article_count=len(articles),
        version=document["quellenlage"],
    )


def _story_view(story: StoryDossier, articles: dict[str, dict[str, Any]], prefix: str) -> StoryView:
    named = {}
    for number, article_id in enumerate(story.articles, start=1):
        article = articles[article_id]
        label = article["title"] or " ".join(article["text"][:120].split()) or article["source"]
        named[article_id] = present.named_source(
            number, article_id, article["outlet"], article["url"], label, article["published"]
        )
    view = StoryView(story, prefix, named)
    spans = _spans(story)
    for article_id, source in named.items():
        article = articles[article_id]
        cited = sorted(spans.get(article_id, set()))
        view.texts.append((source, article, _runs(view, article, cited)))
    return view


def _spans(story: StoryDossier) -> dict[str, set[tuple[int, int]]]:
    """Every span the story's records cite, by article (whatever record holds it)."""
    found: dict[str, set[tuple[int, int]]] = {}
    for value in _walk(msgspec.to_builtins(story)):
        if {"article", "start", "end"} <= value.keys() and value["start"] < value["end"]:
            found.setdefault(value["article"], set()).add((value["start"], value["end"]))
    return found


def _walk(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def _runs(view: StoryView, article: dict[str, Any], cited: list[tuple[int, int]]) -> list[Run]:
    text: str = article["text"]
    noise = [(x["start"], x["end"]) for x in article.get("excluded", [])]
    cuts = {0, len(text)}
    for start, end in [*cited, *noise]:
        cuts.update((max(0, start), min(len(text), end)))
    runs = []
    for start, end in itertools.pairwise(sorted(cuts)):
        over = [view.span_id(article["id"], s, e) for s, e in cited if s <= start and end <= e]
        if any(s <= start and end <= e for s, e in noise):
            over.append("noise")
        anchors = tuple(view.span_id(article["id"], s, e) for s, e in cited if s == start)
        runs.append(Run(text[start:end], " ".join(over), anchors))
    return runs


def _target_rules(ids: list[str]) -> str:
    """One rule per cited span: its runs highlighted while its anchor is the target. The
    ids are made of the story's number, the article's number and two offsets only."""
    return "\n" + "\n".join(f"#{i}:target~.{i}{{{_HIGHLIGHT}}}" for i in ids) + "\n"
