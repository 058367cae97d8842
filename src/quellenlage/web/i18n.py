"""One message catalogue for the UI: German by default, English on request.

The language comes from ``?lang=`` (kept in a cookie), else the cookie, else the browser's
``Accept-Language``. Article text is never translated: only the UI's own words are here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"
COOKIE = "lang"

MESSAGES: dict[str, dict[str, str]] = {
    "de": {
        "app_title": "quellenlage",
        "tagline": "Was die Quellen sagen – jede Aussage mit ihren Belegstellen",
        "skip": "Zum Inhalt springen",
        "nav_stories": "Geschichten",
        "nav_search": "Suche",
        "nav_api": "API",
        "switch_language": "English",
        "stories": "Geschichten",
        "story": "Geschichte",
        "filter": "Filtern",
        "outlet": "Medium",
        "since": "Ab",
        "until": "Bis",
        "entity": "Person oder Organisation",
        "text": "Volltext",
        "sort": "Sortierung",
        "sort_size": "Größte zuerst",
        "sort_newest": "Neueste zuerst",
        "sort_oldest": "Älteste zuerst",
        "apply": "Anwenden",
        "size": "Artikel",
        "outlets": "Medien",
        "dates": "Zeitraum",
        "title": "Titel",
        "no_stories": "Keine Geschichte gefunden.",
        "page_of": "Seite {page} von {pages} ({total} insgesamt)",
        "previous": "Zurück",
        "next": "Weiter",
        "summary": "Zusammenfassung",
        "articles": "Artikel",
        "actors": "Beteiligte",
        "spellings": "Schreibweisen",
        "mentions": "Nennungen",
        "type": "Typ",
        "quotes": "Zitate nach Sprecher",
        "unknown_speaker": "Sprecher unbekannt",
        "direct": "direkt",
        "indirect": "indirekt",
        "claims": "Aussagen × Medien",
        "claim": "Aussage",
        "single_source": "nur eine Quelle",
        "carried_by": "getragen von {count}",
        "contradictions": "Widersprüche",
        "kind_figures": "Zahlen",
        "kind_dates": "Daten",
        "kind_denial": "Dementi",
        "kind_negation": "Verneinung",
        "reuse": "Übernommene Passagen",
        "reuse_share": "{share} % des kürzeren Textes",
        "timeline": "Zeitleiste",
        "inferred": "erschlossen",
        "ask": "Die Geschichte fragen",
        "ask_label": "Ihre Frage",
        "ask_button": "Fragen",
        "ask_hint": "Die Antwort besteht nur aus Sätzen der Artikel, jeweils mit Beleg.",
        "answer": "Antwort",
        "no_answer": "Kein Satz der Artikel passt zu dieser Frage.",
        "score": "Treffer",
        "article": "Artikel",
        "published": "Veröffentlicht",
        "source": "Quelle",
        "original": "Originalseite",
        "no_link": "(keine Web-Adresse)",
        "highlighted": "Hervorgehoben: Zeichen {start}–{end}",
        "bad_span": "Die angefragte Stelle liegt nicht im Text.",
        "noise": "Grau: Seitenbeiwerk (nicht ausgewertet)",
        "cited_here": "Was die Geschichte aus diesem Artikel zitiert",
        "in_story": "Teil der Geschichte",
        "search": "Suche",
        "search_label": "Suchbegriffe (Akzente optional, AND/OR/NOT)",
        "search_button": "Suchen",
        "no_hits": "Kein Satz gefunden.",
        "hits": "{count} Sätze",
        "bad_query": "Die Suchanfrage ist ungültig: {error}",
        "entity_page": "Person oder Organisation",
        "in_stories": "Geschichten",
        "quotes_of": "Zitate",
        "not_found": "Nicht gefunden",
        "not_found_text": "Diese Seite gibt es nicht.",
        "bad_request": "Ungültige Anfrage",
        "cite": "Beleg",
        "cite_title": "Belegstelle im Artikel öffnen",
        "summary_kind": "Zusammenfassung",
        "quote_kind": "Zitat",
        "claim_kind": "Aussage",
        "contradiction_kind": "Widerspruch",
        "timeline_kind": "Zeitleiste",
        "reuse_kind": "Übernahme",
        "json": "Als JSON",
        "compare": "Vergleich",
        "compare_a": "Artikel links",
        "compare_b": "Artikel rechts",
        "compare_button": "Vergleichen",
        "compare_one": "Diese Geschichte hat nur einen Artikel.",
        "compare_hint": "Jede markierte Stelle führt zur Belegstelle im Artikel.",
        "compare_pair": "vergleichen",
        "shared_passage": "gemeinsame Passage",
        "differing_figure": "abweichende Zahl",
        "marked_count": "{count} markierte Stellen",
        "other_says": "Der andere Artikel",
        "coverage": "Berichterstattung im Zeitverlauf",
        "coverage_total": "{count} {what}",
        "coverage_alt": (
            "Balkendiagramm: {what} pro Zeitraum und Medium; die Zahlen stehen in der Tabelle "
            "darunter"
        ),
        "coverage_caption": "Gestapelt nach Medium; dieselben Zahlen in der Tabelle.",
        "per_day": "pro Tag",
        "per_month": "pro Monat",
        "undated": "{count} ohne Datum (nicht im Diagramm)",
        "capped": "nur die neuesten {count} Artikel gezählt",
        "period": "Zeitraum",
        "sum": "Summe",
        "back": "Zurück",
        "no_dated": "Nichts mit lesbarem Datum.",
        "unknown_outlet": "Medium unbekannt",
        "other_outlets": "weitere Medien",
        "all_articles": "alle Artikel",
        "export_counts": "{articles} Artikel, {stories} Geschichten",
        "texts": "Die Artikel",
        "texts_hint": (
            "Jeder Beleg oben springt an seine Stelle in diesen Texten und hebt sie hervor."
        ),
        "lang_name": "Deutsch",
    },
    "en": {
        "app_title": "quellenlage",
        "tagline": "What the sources say – every statement with its evidence",
        "skip": "Skip to content",
        "nav_stories": "Stories",
        "nav_search": "Search",
        "nav_api": "API",
        "switch_language": "Deutsch",
        "stories": "Stories",
        "story": "Story",
        "filter": "Filter",
        "outlet": "Outlet",
        "since": "From",
        "until": "To",
        "entity": "Person or organisation",
        "text": "Full text",
        "sort": "Sort",
        "sort_size": "Largest first",
        "sort_newest": "Newest first",
        "sort_oldest": "Oldest first",
        "apply": "Apply",
        "size": "Articles",
        "outlets": "Outlets",
        "dates": "Dates",
        "title": "Title",
        "no_stories": "No story found.",
        "page_of": "Page {page} of {pages} ({total} in all)",
        "previous": "Previous",
        "next": "Next",
        "summary": "Summary",
        "articles": "Articles",
        "actors": "Who is involved",
        "spellings": "Spellings",
        "mentions": "Mentions",
        "type": "Type",
        "quotes": "Quotes by speaker",
        "unknown_speaker": "Unknown speaker",
        "direct": "direct",
        "indirect": "indirect",
        "claims": "Claims × outlets",
        "claim": "Claim",
        "single_source": "single source",
        "carried_by": "carried by {count}",
        "contradictions": "Contradictions",
        "kind_figures": "figures",
        "kind_dates": "dates",
        "kind_denial": "denial",
        "kind_negation": "negation",
        "reuse": "Reused passages",
        "reuse_share": "{share} % of the shorter text",
        "timeline": "Timeline",
        "inferred": "inferred",
        "ask": "Ask the story",
        "ask_label": "Your question",
        "ask_button": "Ask",
        "ask_hint": "The answer is only sentences from the articles, each with its evidence.",
        "answer": "Answer",
        "no_answer": "No sentence of the articles fits this question.",
        "score": "score",
        "article": "Article",
        "published": "Published",
        "source": "Source",
        "original": "Original page",
        "no_link": "(no web address)",
        "highlighted": "Highlighted: characters {start}–{end}",
        "bad_span": "The requested passage is not inside the text.",
        "noise": "Grey: page furniture (not analysed)",
        "cited_here": "What the story cites from this article",
        "in_story": "Part of the story",
        "search": "Search",
        "search_label": "Search terms (accents optional, AND/OR/NOT)",
        "search_button": "Search",
        "no_hits": "No sentence found.",
        "hits": "{count} sentences",
        "bad_query": "The search query is not valid: {error}",
        "entity_page": "Person or organisation",
        "in_stories": "Stories",
        "quotes_of": "Quotes",
        "not_found": "Not found",
        "not_found_text": "This page does not exist.",
        "bad_request": "Bad request",
        "cite": "Evidence",
        "cite_title": "Open the evidence in the article",
        "summary_kind": "Summary",
        "quote_kind": "Quote",
        "claim_kind": "Claim",
        "contradiction_kind": "Contradiction",
        "timeline_kind": "Timeline",
        "reuse_kind": "Reuse",
        "json": "As JSON",
        "compare": "Compare",
        "compare_a": "Article on the left",
        "compare_b": "Article on the right",
        "compare_button": "Compare",
        "compare_one": "This story has only one article.",
        "compare_hint": "Every marked passage leads to its span in the article.",
        "compare_pair": "compare",
        "shared_passage": "shared passage",
        "differing_figure": "differing figure",
        "marked_count": "{count} marked passages",
        "other_says": "The other article",
        "coverage": "Coverage over time",
        "coverage_total": "{count} {what}",
        "coverage_alt": (
            "Bar chart: {what} per period and outlet; the figures are in the table below"
        ),
        "coverage_caption": "Stacked by outlet; the same figures in the table.",
        "per_day": "per day",
        "per_month": "per month",
        "undated": "{count} without a date (not in the chart)",
        "capped": "only the newest {count} articles counted",
        "period": "Period",
        "sum": "Total",
        "back": "Back",
        "no_dated": "Nothing with a readable date.",
        "unknown_outlet": "outlet unknown",
        "other_outlets": "other outlets",
        "all_articles": "all articles",
        "export_counts": "{articles} articles, {stories} stories",
        "texts": "The articles",
        "texts_hint": "Every citation above jumps to its place in these texts and highlights it.",
        "lang_name": "English",
    },
}


def choose_language(
    query: str | None, cookie: str | None, accept_language: str | None
) -> tuple[str, bool]:
    """The UI language and whether it was asked for explicitly (then kept in the cookie)."""
    if query in LANGUAGES:
        return query, True
    if cookie in LANGUAGES:
        return cookie, False
    return _from_accept_language(accept_language or ""), False


def _from_accept_language(header: str) -> str:
    """The best supported language of an ``Accept-Language`` header (q-values honoured)."""
    best, best_q = DEFAULT_LANGUAGE, -1.0
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGUAGES:
            continue
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        quality -= position * 1e-6  # the earlier of equal weights wins
        if quality > best_q:
            best, best_q = primary, quality
    return best


def translator(language: str) -> Callable[..., str]:
    """``t(key, **values)`` for templates: the message in ``language``, values filled in."""
    messages: Mapping[str, str] = MESSAGES.get(language, MESSAGES[DEFAULT_LANGUAGE])

    def t(key: str, **values: object) -> str:
        text = messages.get(key, key)
        return text.format(**values) if values else text

    return t
