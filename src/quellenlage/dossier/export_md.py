"""Markdown rendering of a dossier: readable in any viewer, article text escaped (markup,
Markdown syntax, and bidirectional or invisible controls as visible escapes, see safe_text).

Every summary sentence cites its evidence as ``[n]`` links to a source list with character
offsets, so a reader can check each statement against the article.
"""

from __future__ import annotations

import re
from typing import Any

from quellenlage.dossier.safe_text import visible_controls

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


_ENTITIES_SHOWN = 30


def escape(text: str | None) -> str:
    """Untrusted text made inert: no HTML, no Markdown links or emphasis, one line, and no
    control character that could hide or reorder what the reader sees."""
    if not text:
        return ""
    flat = " ".join(text.split())
    flat = "".join(_HTML_SPECIAL.get(c, c) for c in flat)
    return visible_controls(_MARKDOWN_SPECIAL.sub(r"\\\1", flat), keep_breaks=False)


def to_markdown(dossier: dict[str, Any]) -> str:
    articles = {a["id"]: a for a in dossier["articles"]}
    lines = [
        f"# quellenlage dossier ({len(articles)} articles, {len(dossier['stories'])} stories)",
        "",
    ]
    for story in dossier["stories"]:
        lines += _story(story, articles)
    return "\n".join(lines).rstrip() + "\n"


def _story(story: dict[str, Any], articles: dict[str, dict[str, Any]]) -> list[str]:
    numbers = {aid: n for n, aid in enumerate(story["articles"], 1)}
    lines = [f"## {story['id']}: {escape(story['title'])}", "", "### Summary", ""]
    for item in story["summary"]:
        cites = ", ".join(_cite(span, numbers) for span in item["evidence"])
        lines.append(f"- {escape(item['text'])} {cites}")
    if story.get("entities"):
        lines += ["", "### Who and what is involved", ""]
        for entity in story["entities"][:_ENTITIES_SHOWN]:
            lines.append(f"- {_entity_line(entity, numbers)}")
    if story.get("quotes"):
        lines += ["", "### Quotes", ""]
        for quote in story["quotes"]:
            cites = ", ".join(_cite(span, numbers) for span in quote["evidence"])
            who = escape(quote["speaker_name"]) or "unknown speaker"
            marker = "" if quote["kind"] == "direct" else " (indirect)"
            lines.append(f"- **{who}**{marker}: „{escape(quote['text'])}“ {cites}")
    shared = [c for c in story.get("claims", []) if not c["single_source"]]
    if shared:
        lines += ["", "### Claims carried by several articles", ""]
        for claim in shared:
            cites = ", ".join(_cite(span, numbers) for span in claim["evidence"])
            lines.append(f"- {escape(claim['text'])} {cites}")
    if story.get("contradictions"):
        lines += ["", "### Contradictions", ""]
        claims = {c["id"]: c for c in story.get("claims", [])}
        for item in story["contradictions"]:
            cites = ", ".join(
                _cite(claims[i]["evidence"][0], numbers) for i in item["items"] if i in claims
            )
            lines.append(f"- {escape(item['explanation'])} {cites}")
    if story.get("timeline"):
        lines += ["", "### Timeline", ""]
        for event in story["timeline"]:
            cites = ", ".join(_cite(span, numbers) for span in event["evidence"])
            when = event["date"] + (f" {event['time']}" if event.get("time") else "")
            note = " (date inferred from the story)" if event.get("inferred") else ""
            lines.append(f"- **{when}**{note}: {escape(event['text'])} {cites}")
    if story.get("reuse"):
        lines += ["", "### Shared passages (wire copy)", ""]
        for reuse in story["reuse"]:
            first, second = (numbers[a] for a in reuse["articles"])
            cites = ", ".join(_cite(p["a"], numbers) for p in reuse["passages"])
            lines.append(
                f"- articles {first} and {second} share {reuse['share']:.0%} "
                f"of the shorter text: {cites}"
            )
    lines += ["", "### Articles", ""]
    for aid in story["articles"]:
        lines.append(_article_line(numbers[aid], articles[aid]))
    return [*lines, ""]


def entity_overview(entity: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """Other spellings and roles of an entity, and its first mention in each article."""
    first: dict[str, dict[str, Any]] = {}
    for span in entity["mentions"]:
        first.setdefault(span["article"], span)
    return [*entity["variants"], *entity.get("aliases", [])], list(first.values())


def _entity_line(entity: dict[str, Any], numbers: dict[str, int]) -> str:
    also, spans = entity_overview(entity)
    variants = f" (also: {escape(', '.join(also))})" if also else ""
    cites = ", ".join(_cite(span, numbers) for span in spans)
    return f"**{escape(entity['name'])}** {entity['type']}{variants} {cites}"


def _cite(span: dict[str, Any], numbers: dict[str, int]) -> str:
    return f"\\[{numbers[span['article']]}: {span['start']}–{span['end']}\\]"


def _article_line(number: int, article: dict[str, Any]) -> str:
    label = article["title"] or article["outlet"] or article["source"]
    details = [d for d in (article["outlet"], article["published"]) if d]
    noise = sorted({e["kind"] for e in article["excluded"]})
    parts = [f"{number}. **{escape(label)}**"]
    if details:
        parts.append(f"({escape(', '.join(details))})")
    parts.append(f"— `{article['id']}`, source: {escape(article['source'])}")
    if noise:
        parts.append(f"— noise marked: {', '.join(noise)}")
    return " ".join(parts)
