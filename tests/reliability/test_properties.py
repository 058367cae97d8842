"""Property tests: readers never raise on any bytes, noise spans and sentences stay inside
the text, and every span a dossier cites lies inside its article and outside the noise.
``make fuzz`` runs the same properties with many more examples (hypothesis profile "fuzz")."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quellenlage.analyse.article import tag_entities
from quellenlage.clean.noise import mark_noise
from quellenlage.dossier.build import build_story
from quellenlage.ingest.registry import Walk, read_inputs
from quellenlage.lang import get_language
from quellenlage.model import Article, Notice, RawItem, Rejection
from quellenlage.pipeline import build_article
from quellenlage.settings import Settings
from tests.link.helpers import RESOURCES, analysed

GERMAN = get_language("de")
SMALL = Settings(max_article_bytes=20_000)
NOISE_LINES = [
    "SHARE",
    "103",
    "KommentareDruckenTeilen",
    "Continue reading...",
    "Kommentare",
    "Stand: 03.12.2025, 11:00 Uhr",
    "Ihr Qualitäts-Ticket der Zeitung: gratis.",
    "Home Politik Ausland",
    "pic.twitter.com/abc123",
    "— Max (@max) 2. Mai 2025",
    "Photo: Reuters",
    " date 2025-12-03",
]
SENTENCES = [
    "Der Rat tagte am 2. Dezember in Kiel.",
    "„Wir sind bereit“, sagte Dr. Meier.",
    "Die Brücke kostet 12 Mio. Euro.",
    "Am Abend kam z. B. Regen auf.",
    "Putin empfing Witkoff im Kreml.",
    "Niemand wusste, was kommt…",
]
lines = st.lists(st.sampled_from(NOISE_LINES + SENTENCES) | st.text(max_size=60), max_size=14)
texts = lines.flatmap(
    lambda ls: st.sampled_from(["\n", "\n\n", "\r\n"]).map(lambda nl: nl.join(ls))
)

EXTENSIONS = [".txt", ".html", ".jsonl", ".json", ".rss", ".md"]


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    data=st.binary(max_size=3000) | texts.map(lambda t: t.encode("utf-8")),
    extension=st.sampled_from(EXTENSIONS),
)
def test_readers_never_raise(data: bytes, extension: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"eingabe{extension}"
        path.write_bytes(data)
        for result in read_inputs([str(path)], SMALL, Walk()):
            assert isinstance(result, RawItem | Rejection | Notice)
            if isinstance(result, RawItem):
                built = build_article(result, SMALL)
                assert isinstance(built, Article | Rejection)


@given(text=texts)
def test_noise_spans_inside_sorted_disjoint(text: str) -> None:
    spans = mark_noise(text, GERMAN)
    previous = 0
    for span in spans:
        assert previous <= span.start < span.end <= len(text)
        previous = span.end


@given(text=texts)
def test_article_offsets_round_trip(text: str) -> None:
    built = build_article(RawItem(source="x", text=text, location="x"), SMALL)
    if isinstance(built, Rejection):
        assert not text.strip()
        return
    for sentence in built.sentences:
        assert not built.is_excluded(sentence.start, sentence.end)
        assert built.text[sentence.start : sentence.end].strip()
        for start, end in sentence.tokens:
            assert sentence.start <= start < end <= sentence.end


@settings(deadline=None, max_examples=40)
@given(collection=st.lists(texts, min_size=1, max_size=5))
def test_dossier_evidence_inside_articles(collection: list[str]) -> None:
    built = [
        a
        for n, t in enumerate(collection)
        if isinstance(a := build_article(RawItem(f"a{n}", t, f"a{n}"), SMALL), Article)
    ]
    # texts equal up to whitespace are one article, as in the store: keep the first
    articles = list({a.id: a for a in reversed(built)}.values())
    tags = [tag_entities(a, "fast", RESOURCES) for a in articles]
    built_story = build_story(
        "s1", articles, analysed(articles), [list(t.entities) if t else [] for t in tags], SMALL
    )
    by_id = {a.id: a for a in articles}
    for story in [built_story.to_json()]:
        for item in story["summary"]:
            first = item["evidence"][0]
            assert by_id[first["article"]].text[first["start"] : first["end"]] == item["text"]
        post_quotes = [s for q in story["quotes"] for s in q["evidence"]]
        for span in all_spans(story):
            article = by_id[span["article"]]
            assert 0 <= span["start"] < span["end"] <= len(article.text)
            assert span["text"] == article.text[span["start"] : span["end"]]
            if span in post_quotes and inside_social_post(article, span):
                continue  # the contract: a social post may be evidence for its author's quote
            assert not article.is_excluded(span["start"], span["end"])


def inside_social_post(article: Article, span: dict[str, Any]) -> bool:
    return any(
        e.kind == "social-post" and e.start <= span["start"] and span["end"] <= e.end
        for e in article.excluded
    )


def all_spans(story: dict[str, Any]) -> list[dict[str, Any]]:
    """Every evidence span a story cites: summary, quotes, claims and figures, timeline, reuse."""
    spans = [
        s
        for key in ("summary", "quotes", "claims", "timeline")
        for item in story.get(key, [])
        for s in item["evidence"]
    ]
    spans += [n["evidence"] for claim in story.get("claims", []) for n in claim["numbers"]]
    spans += [
        p[side]
        for reuse in story.get("reuse", [])
        for p in reuse["passages"]
        for side in ("a", "b")
    ]
    return spans
