"""Evidence as W3C Web Annotations (JSON-LD), and quotes as CSV for spreadsheets.

Each statement of the dossier (summary sentence, quote, timeline event, shared passage) becomes
one annotation per evidence span, targeting the article with a TextQuoteSelector (the exact
words with some context) and a TextPositionSelector (code-point offsets, as in the contract).
A target's ``source`` (and a ClaimReview appearance's ``url``) is the article's URL only when
that is an http(s) URL (``safe_text.web_url``), else the article's URN: never ``javascript:``.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from quellenlage.dossier.safe_text import visible_controls, web_url

_CONTEXT_CHARS = 32
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_annotations(dossier: dict[str, Any]) -> str:
    articles = {a["id"]: a for a in dossier["articles"]}
    annotations = []
    for story in dossier["stories"]:
        for kind, motivation, items in (
            ("summary", "describing", story["summary"]),
            ("quote", "quoting", story.get("quotes", [])),
            ("timeline", "describing", story.get("timeline", [])),
        ):
            for number, item in enumerate(items, start=1):
                for k, span in enumerate(item["evidence"]):
                    annotations.append(
                        _annotation(
                            f"urn:quellenlage:{story['id']}:{kind}:{number}:{k}",
                            motivation,
                            item["text"],
                            span,
                            articles,
                        )
                    )
        for number, reuse in enumerate(story.get("reuse", []), start=1):
            for k, passage in enumerate(reuse["passages"]):
                for side in ("a", "b"):
                    annotations.append(
                        _annotation(
                            f"urn:quellenlage:{story['id']}:reuse:{number}:{k}{side}",
                            "linking",
                            "passage shared with another article",
                            passage[side],
                            articles,
                        )
                    )
    collection = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": "quellenlage evidence",
        "total": len(annotations),
        "items": annotations,
    }
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"


def _annotation(
    identifier: str,
    motivation: str,
    statement: str,
    span: dict[str, Any],
    articles: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    article = articles[span["article"]]
    text, start, end = article["text"], span["start"], span["end"]
    return {
        "id": identifier,
        "type": "Annotation",
        "motivation": motivation,
        "body": {"type": "TextualBody", "value": statement, "format": "text/plain"},
        "target": {
            "source": _iri(article),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": text[start:end],
                    "prefix": text[max(0, start - _CONTEXT_CHARS) : start],
                    "suffix": text[end : end + _CONTEXT_CHARS],
                },
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        },
    }


def _iri(article: dict[str, Any]) -> str:
    """The article's http(s) URL, else its URN."""
    return web_url(article["url"]) or f"urn:quellenlage:article:{article['id']}"


def to_quotes_csv(dossier: dict[str, Any]) -> str:
    """speaker, kind, quote, outlets, evidence — cells that a spreadsheet would run as a
    formula are prefixed with an apostrophe."""
    articles = {a["id"]: a for a in dossier["articles"]}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["story", "speaker", "kind", "quote", "outlets", "evidence"])
    for story in dossier["stories"]:
        for quote in story.get("quotes", []):
            outlets = sorted({_outlet(articles[s["article"]]) for s in quote["evidence"]})
            evidence = " ".join(
                f"{s['article']}:{s['start']}-{s['end']}" for s in quote["evidence"]
            )
            writer.writerow(
                [
                    _cell(v)
                    for v in (
                        story["id"],
                        quote["speaker_name"] or "",
                        quote["kind"],
                        quote["text"],
                        "; ".join(outlets),
                        evidence,
                    )
                ]
            )
    return buffer.getvalue()


def _outlet(article: dict[str, Any]) -> str:
    return str(article["outlet"] or article["title"] or article["source"])


def _cell(value: str) -> str:
    """A CSV cell: control characters visible, a formula start defused."""
    value = visible_controls(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def to_claim_reviews(dossier: dict[str, Any]) -> str:
    """Contradictions as schema.org ClaimReview JSON-LD: the reviewed claim, the statement
    that contradicts it, where each appears (article, outlet, evidence span) and the one-line
    explanation. The rating is "contradicted by another source", never true or false:
    quellenlage reports disagreement, it does not judge it."""
    articles = {a["id"]: a for a in dossier["articles"]}
    reviews = []
    for story in dossier["stories"]:
        statements = {
            item["id"]: item for item in [*story.get("claims", []), *story.get("quotes", [])]
        }
        for contradiction in story.get("contradictions", []):
            items = [statements[i] for i in contradiction["items"] if i in statements]
            if len(items) < 2:
                continue
            reviewed, *others = items
            reviews.append(
                {
                    "@type": "ClaimReview",
                    "@id": f"urn:quellenlage:{story['id']}:{contradiction['id']}",
                    "claimReviewed": reviewed["text"],
                    "reviewBody": contradiction["explanation"],
                    "reviewRating": {
                        "@type": "Rating",
                        "alternateName": "Contradicted by another source",
                        "ratingExplanation": contradiction["explanation"],
                    },
                    "author": {"@type": "Organization", "name": "quellenlage (automatic analysis)"},
                    "itemReviewed": _claim(reviewed, articles, story["id"]),
                    "isBasedOn": [_claim(other, articles, story["id"]) for other in others],
                }
            )
    document = {
        "@context": {"@vocab": "https://schema.org/", "evidence": "urn:quellenlage:evidence"},
        "@graph": reviews,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _claim(item: dict[str, Any], articles: dict[str, dict[str, Any]], story: str) -> dict[str, Any]:
    appearances = []
    for span in item["evidence"]:
        article = articles[span["article"]]
        appearance: dict[str, Any] = {
            "@type": "NewsArticle",
            "url": _iri(article),
            "headline": article["title"],
            "evidence": span,
            "text": article["text"][span["start"] : span["end"]],
        }
        if article["outlet"]:
            appearance["publisher"] = {"@type": "Organization", "name": article["outlet"]}
        if article.get("published"):
            appearance["datePublished"] = article["published"]
        appearances.append(appearance)
    claim: dict[str, Any] = {
        "@type": "Claim",
        "@id": f"urn:quellenlage:{story}:{item['id']}",
        "text": item["text"],
    }
    if item.get("speaker_name"):
        claim["author"] = {"@type": "Person", "name": item["speaker_name"]}
    claim["appearance"] = appearances
    return claim
