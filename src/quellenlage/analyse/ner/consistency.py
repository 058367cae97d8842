"""One story, one reading of a name: a name tagged in one sentence is tagged wherever the
same words occur in the articles analysed together, and a name keeps its majority type.

Why: a model sees one sentence at a time and misses or mistypes a name in a sentence that
gives little context ("Witkoff traf Putin."), while the same name is clear elsewhere. The
story also shows what is not a name: an adjective made from a place the story names
("Moskauer" beside "Moskau"), and anything in lower case ("ukrainischen"); both are
derivations, not entities (as GermEval annotates them), and are dropped first.
"""

from __future__ import annotations

import re
from collections import Counter

from quellenlage.analyse.ner import Entity
from quellenlage.lang import get_language
from quellenlage.model import Article

_MIN_LENGTH = 3  # "EU" and "US" are too ambiguous to spread
_COMMON_ZIPF = 5.0  # wordfreq Zipf of the lower-case form: one in 100,000 words or more


def make_consistent(articles: list[Article], found: list[list[Entity]]) -> list[list[Entity]]:
    """``found`` per article, evened out over the story (articles of one language)."""
    found = _names_only(articles, found)
    types = _majority_types(articles, found)
    language = articles[0].language if articles else None
    lower = _lower_case_words(articles)
    names = sorted(
        (
            n
            for n in types
            if len(n) >= _MIN_LENGTH and n[0].isupper() and not _common_word(n, lower, language)
        ),
        key=len,
        reverse=True,
    )
    pattern = re.compile("|".join(re.escape(n) for n in names)) if names else None  # once per story
    result = []
    for article, entities in zip(articles, found, strict=True):
        typed = [Entity(e.start, e.end, types.get(_surface(article, e), e.type)) for e in entities]
        missed = _missed(article, typed, types, pattern) if pattern else []
        result.append(sorted(typed + missed, key=lambda e: e.start))
    return result


def _names_only(articles: list[Article], found: list[list[Entity]]) -> list[list[Entity]]:
    """Without lower-case spans and adjectives made from a place named in the story."""
    endings = get_language(articles[0].language).place_adjective_endings if articles else ()
    named = {_surface(a, e) for a, entities in zip(articles, found, strict=True) for e in entities}

    def is_name(surface: str) -> bool:
        last = surface.split()[-1] if surface.split() else ""
        if not (surface[:1].isupper() or surface[:1].isdigit() or last[:1].isupper()):
            return False  # "1. FC Köln" and "sozialistischen Partei" are names, "ukrainischen" not
        return not any(
            surface.endswith(ending) and surface[: -len(ending)] in named for ending in endings
        )

    return [
        [e for e in entities if is_name(_surface(a, e))]
        for a, entities in zip(articles, found, strict=True)
    ]


def _common_word(name: str, lower: set[str], language: str | None) -> bool:
    """A one-word "name" that the story also writes in lower case and that is a common word
    of the language ("Der", "Laut" at a sentence start): tagged once, it must not be spread
    to every sentence that opens with it. "Berlin" is common too, but never lower case."""
    if " " in name or not language or name.lower() not in lower:
        return False
    from wordfreq import zipf_frequency  # imported on first use: seconds at start-up

    return zipf_frequency(name.lower(), language) >= _COMMON_ZIPF


def _lower_case_words(articles: list[Article]) -> set[str]:
    return {
        word
        for article in articles
        for sentence in article.sentences
        for a, b in sentence.tokens
        if (word := article.text[a:b])[:1].islower()
    }


def _surface(article: Article, entity: Entity) -> str:
    return article.text[entity.start : entity.end]


def _majority_types(articles: list[Article], found: list[list[Entity]]) -> dict[str, str]:
    votes: dict[str, Counter[str]] = {}
    for article, entities in zip(articles, found, strict=True):
        for entity in entities:
            surface = _surface(article, entity)
            votes.setdefault(surface, Counter())[entity.type] += 1
            if entity.type == "PER" and " " in surface:  # "Sommerfeld" after "Petra Sommerfeld"
                votes.setdefault(surface.split()[-1], Counter())["PER"] += 1
    return {name: counter.most_common(1)[0][0] for name, counter in votes.items()}


def _missed(
    article: Article, entities: list[Entity], types: dict[str, str], pattern: re.Pattern[str]
) -> list[Entity]:
    """Untagged occurrences of known names (``pattern``, longest first), at word boundaries
    and outside excluded text."""
    starts = {a for s in article.sentences for a, _ in s.tokens}
    ends = {b for s in article.sentences for _, b in s.tokens}
    taken = [(e.start, e.end) for e in entities]
    added: list[Entity] = []
    for match in pattern.finditer(article.text):
        start, end = match.span()
        if start not in starts or end not in ends or article.is_excluded(start, end):
            continue
        if any(a < end and start < b for a, b in taken):
            continue
        taken.append((start, end))
        added.append(Entity(start, end, types[match.group()]))
    return added
