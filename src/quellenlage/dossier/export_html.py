"""One self-contained HTML file per dossier: no scripts, no external assets, every piece of
article text escaped. Citations show their evidence text on hover.

Each piece of article data sits in its own ``<bdi>``, so right-to-left text or a stray
direction control cannot reorder the text around it, and every bidirectional, invisible or
control character is shown as a visible escape (``\u202e``, see safe_text). Only http(s)
URLs become links."""

from __future__ import annotations

from html import escape
from typing import Any

from quellenlage.dossier.export_md import entity_overview
from quellenlage.dossier.safe_text import visible_controls, web_url

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{border-bottom:2px solid #ccc;padding-bottom:.2rem}
.cite{font-size:.8em;color:#555;background:#eef;border-radius:3px;padding:0 .2em;cursor:help}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .4rem;
vertical-align:top}th{background:#f4f4f4}.yes{background:#cfc;text-align:center}
.meta{color:#666;font-size:.9em}.ctl{color:#a00;font-family:monospace}
"""


_ENTITIES_SHOWN = 30


def to_html(dossier: dict[str, Any]) -> str:
    articles = {a["id"]: a for a in dossier["articles"]}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="de"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        "<title>quellenlage dossier</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>quellenlage dossier</h1><p class=meta>{len(articles)} articles, "
        f"{len(dossier['stories'])} stories, quellenlage {escape(dossier['quellenlage'])}</p>",
    ]
    for story in dossier["stories"]:
        parts.extend(_story(story, articles))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _story(story: dict[str, Any], articles: dict[str, dict[str, Any]]) -> list[str]:
    numbers = {aid: n for n, aid in enumerate(story["articles"], 1)}
    out = [f"<section><h2>{escape(story['id'])}: {_text(story['title'])}</h2>"]
    out.append("<h3>Summary</h3><ul>")
    for item in story["summary"]:
        out.append(f"<li>{_text(item['text'])} {_cites(item['evidence'], numbers, articles)}</li>")
    out.append("</ul>")
    out.extend(_matrix(story, numbers, articles))
    if story.get("entities"):
        out.append(
            "<h3>Who and what is involved</h3><table class=entities><tr><th>name</th><th>type</th>"
            "<th>also written</th><th>mentions</th></tr>"
        )
        for entity in story["entities"][:_ENTITIES_SHOWN]:
            also, spans = entity_overview(entity)
            out.append(
                f"<tr><td>{_text(entity['name'])}</td><td>{escape(entity['type'])}</td>"
                f"<td>{_text(', '.join(also))}</td>"
                f"<td>{_cites(spans, numbers, articles)}</td></tr>"
            )
        out.append("</table>")
    if story.get("quotes"):
        out.append("<h3>Quotes</h3><table><tr><th>speaker</th><th>quote</th><th>evidence</th></tr>")
        for quote in story["quotes"]:
            kind = "" if quote["kind"] == "direct" else " <i>(indirect)</i>"
            out.append(
                f"<tr><td>{_text(quote['speaker_name'] or '?')}</td>"
                f"<td>„{_text(quote['text'])}“{kind}</td>"
                f"<td>{_cites(quote['evidence'], numbers, articles)}</td></tr>"
            )
        out.append("</table>")
    if story.get("contradictions"):
        claims = {c["id"]: c for c in story.get("claims", [])}
        out.append("<h3>Contradictions</h3><ul>")
        for item in story["contradictions"]:
            spans = [claims[i]["evidence"][0] for i in item["items"] if i in claims]
            out.append(f"<li>{_text(item['explanation'])} {_cites(spans, numbers, articles)}</li>")
        out.append("</ul>")
    if story.get("timeline"):
        out.append("<h3>Timeline</h3><ul>")
        for event in story["timeline"]:
            when = escape(event["date"] + (" " + event["time"] if event.get("time") else ""))
            note = " <i>(date inferred)</i>" if event.get("inferred") else ""
            out.append(
                f"<li><b>{when}</b>{note}: {_text(event['text'])} "
                f"{_cites(event['evidence'], numbers, articles)}</li>"
            )
        out.append("</ul>")
    if story.get("reuse"):
        out.append("<h3>Shared passages (wire copy)</h3><ul>")
        for reuse in story["reuse"]:
            first, second = (numbers[a] for a in reuse["articles"])
            spans = [p["a"] for p in reuse["passages"]]
            out.append(
                f"<li>articles {first} and {second}: {reuse['share']:.0%} of the shorter "
                f"text {_cites(spans, numbers, articles)}</li>"
            )
        out.append("</ul>")
    out.append("<h3>Articles</h3><ol>")
    for aid in story["articles"]:
        out.append(f"<li id=a{numbers[aid]}>{_article(articles[aid])}</li>")
    out.append("</ol></section>")
    return out


def _matrix(
    story: dict[str, Any], numbers: dict[str, int], articles: dict[str, dict[str, Any]]
) -> list[str]:
    """Claims × articles: which article carries each claim that several report (or, when
    none does, each summary statement)."""
    header = "".join(
        f'<th title="{_attr(_label(articles[a]))}">{numbers[a]}</th>' for a in story["articles"]
    )
    rows = [f"<h3>Claims × articles</h3><table><tr><th>claim</th>{header}</tr>"]
    shared = [c for c in story.get("claims", []) if not c["single_source"]]
    for item in shared or story["summary"]:
        carried = {span["article"] for span in item["evidence"]}
        cells = "".join(
            "<td class=yes>✓</td>" if a in carried else "<td></td>" for a in story["articles"]
        )
        rows.append(f"<tr><td>{_text(item['text'][:120])}</td>{cells}</tr>")
    rows.append("</table>")
    return rows


def _cites(
    spans: list[dict[str, Any]], numbers: dict[str, int], articles: dict[str, dict[str, Any]]
) -> str:
    cites = []
    for span in spans:
        evidence = articles[span["article"]]["text"][span["start"] : span["end"]]
        cites.append(
            f'<span class=cite title="{_attr(evidence)}">[{numbers[span["article"]]}:'
            f" {span['start']}–{span['end']}]</span>"
        )
    return " ".join(cites)


def _label(article: dict[str, Any]) -> str:
    return str(article["title"] or article["outlet"] or article["source"])


def _article(article: dict[str, Any]) -> str:
    details = ", ".join(_text(d) for d in (article["outlet"], article["published"]) if d)
    url = web_url(article["url"])
    link = f' — <a href="{escape(url)}" rel="noreferrer">{_text(url)}</a>' if url else ""
    return (
        f"<b>{_text(_label(article))}</b> <span class=meta>({details}) "
        f"<code>{escape(article['id'])}</code> {_text(article['source'])}{link}</span>"
    )


def _text(value: str | None) -> str:
    """Article data as element content: escaped, isolated, controls visible."""
    if not value:
        return ""
    shown = visible_controls(escape(value), wrap=lambda e: f"<span class=ctl>{e}</span>")
    return f"<bdi>{shown}</bdi>"


def _attr(value: str) -> str:
    """Article data as an attribute value (a tooltip): escaped, controls visible."""
    return escape(visible_controls(value))
