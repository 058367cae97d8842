"""Quotation marks: quotations paired within a paragraph, and sentences split or joined
where a quotation mark misled the sentence splitter."""

from __future__ import annotations

from quellenlage.analyse.quotes.common import _EITHER_WAY, _OPENING_MARKS, _QUOTE_MARKS
from quellenlage.model import Article, Sentence

_MAX_QUOTE_CHARS = 3000
_CLOSING_MARKS = frozenset("“”‘")
_DOUBLE_MARKS = frozenset('„“”»«"')
_SINGLE_MARKS = frozenset("‚‘")
_PAIRS_WITH = {
    "“": frozenset("„"),
    "”": frozenset('„"'),
    '"': frozenset('„"'),
    "«": frozenset("»„"),
    "»": frozenset("«"),
    "‘": frozenset("‚"),
    "„": frozenset(),
    "‚": frozenset(),
}


def _quotations(article: Article) -> list[tuple[int, int]]:
    """(start, end) of the words between quotation marks anywhere in the text, paired within a
    paragraph: the sentence splitter may cut a quotation of several sentences, and straight
    quotes are told apart by the side they lean on („…" as often as "…")."""
    text = article.text
    found: list[tuple[int, int]] = []
    opened: int | None = None
    for i, mark in enumerate(text):
        if mark == "\n":
            opened = None
        elif mark in _DOUBLE_MARKS or (mark in _SINGLE_MARKS and _single_allowed(text, opened)):
            if opened is not None and _closes(text, i) and text[opened] in _PAIRS_WITH[mark]:
                if 0 < i - opened - 1 <= _MAX_QUOTE_CHARS and not article.is_excluded(opened, i):
                    found.append((opened + 1, i))
                opened = None
            elif _opens(text, i):
                opened = i  # an earlier mark left open was not an opening one
    return found


def _single_allowed(text: str, opened: int | None) -> bool:
    """Single marks pair only outside double ones (inside, they belong to the quotation)."""
    return opened is None or text[opened] in _SINGLE_MARKS


def _opens(text: str, i: int) -> bool:
    mark = text[i]
    if mark in _OPENING_MARKS - _EITHER_WAY:
        return True
    after = text[i + 1 : i + 2]
    before = text[i - 1 : i] if i else " "
    return mark in _EITHER_WAY and bool(after) and not after.isspace() and not before.isalnum()


def _closes(text: str, i: int) -> bool:
    mark = text[i]
    if mark in _CLOSING_MARKS:
        return True
    before = text[i - 1 : i] if i else " "
    return mark in _EITHER_WAY and not before.isspace()


def _resplit(
    sentences: list[Sentence],
    quotations: list[tuple[int, int]],
    text: str,
    abbreviations: frozenset[str],
) -> list[Sentence]:
    """Sentences split again where a quotation mark made the splitter think a quotation
    open (one glued to a word, „Star Trek“-Crew, or a straight one it paired wrongly): at a
    full stop outside every quotation (paired by the side the marks lean on) before a
    capitalised word."""
    split: list[Sentence] = []
    for sentence in sentences:
        marked = any(any(c in _QUOTE_MARKS for c in text[a:b]) for a, b in sentence.tokens)
        if not marked:
            split.append(sentence)
            continue
        begin = 0
        tokens = sentence.tokens
        for n in range(1, len(tokens) - 1):
            if _stops_here(text, tokens, n, quotations, abbreviations):
                split.append(Sentence(tokens[begin][0], tokens[n][1], tokens[begin : n + 1]))
                begin = n + 1
        split.append(Sentence(tokens[begin][0], sentence.end, tokens[begin:]))
    return split


def _stops_here(
    text: str,
    tokens: tuple[tuple[int, int], ...] | list[tuple[int, int]],
    n: int,
    quotations: list[tuple[int, int]],
    abbreviations: frozenset[str],
) -> bool:
    start, end = tokens[n]
    if text[start:end] not in (".", "!", "?") or any(a <= start < b for a, b in quotations):
        return False
    before = text[slice(*tokens[n - 1])]
    following = text[slice(*tokens[n + 1])]
    initial = len(before) == 1 and before.isupper()  # "Claudia D. habe"
    abbreviated = before.lower() + "." in abbreviations or initial or before.isdigit()
    return not abbreviated and following[:1].isupper()


def _joined(
    sentences: list[Sentence], quotations: list[tuple[int, int]], text: str
) -> list[Sentence]:
    """The body sentences with the ones a quotation runs through joined into one, and an
    opening mark left at the end of a sentence moved to the next one."""
    ends = {start: end for start, end in quotations}
    joined: list[Sentence] = []
    for sentence in sentences:
        if joined:
            joined[-1], sentence = _move_stray_mark(joined[-1], sentence, ends, text)
        if joined and (
            _runs_into(joined[-1], sentence, ends, text) or _comma_first(sentence, text)
        ):
            last = joined.pop()
            sentence = Sentence(last.start, sentence.end, last.tokens + sentence.tokens)
        joined.append(sentence)
    return joined


def _move_stray_mark(
    before: Sentence, sentence: Sentence, ends: dict[int, int], text: str
) -> tuple[Sentence, Sentence]:
    """ "… Latte. „Es war …": the opening mark the splitter left at the end of a sentence
    opens the next one."""
    if len(before.tokens) < 2:
        return before, sentence
    mark_start, mark_end = before.tokens[-1]
    if text[mark_start:mark_end] not in _QUOTE_MARKS or mark_end not in ends:
        return before, sentence
    if mark_end < sentence.start and text[mark_end : sentence.start].strip():
        return before, sentence
    kept = before.tokens[:-1]
    return (
        Sentence(before.start, kept[-1][1], kept),
        Sentence(mark_start, sentence.end, (before.tokens[-1], *sentence.tokens)),
    )


def _comma_first(sentence: Sentence, text: str) -> bool:
    """ "„Wut!“ | , sagt er.": no sentence opens with a comma; the splitter cut after a mark."""
    return text[sentence.start : sentence.start + 1] == ","


def _runs_into(before: Sentence, sentence: Sentence, ends: dict[int, int], text: str) -> bool:
    """A quotation whose opening mark stands in ``before`` runs into ``sentence``."""
    if "\n" in text[before.end : sentence.start]:
        return False
    return any(
        before.start <= start - 1 < before.end and sentence.start < end
        for start, end in ends.items()
    )


def _direct_quotes(sentence: Sentence, quotations: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of the words inside quotation marks in this sentence; a quotation nested
    in another one belongs to it."""
    found = [(s, e) for s, e in quotations if sentence.start < s and e <= sentence.end]
    return [
        (s, e)
        for s, e in found
        if not any(o <= s and e <= c and (o, c) != (s, e) for o, c in found)
    ]


def _only_quote(article: Article, sentence: Sentence, start: int, end: int) -> bool:
    """The sentence is the quotation and nothing else (a quote continuing the previous one)."""
    outside = article.text[sentence.start : start - 1] + article.text[end + 1 : sentence.end]
    return not any(c.isalnum() for c in outside)
