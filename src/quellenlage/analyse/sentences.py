"""Stage 3a: tokens and sentences with offsets into the article text.

spaCy's rule-based tokenizer (Cython, no model) does the tokens; the sentence rules are ours,
because German news needs three things generic splitters get wrong: a quotation „…“ with
several sentences stays with its attribution („…“, sagte er.), ordinals and abbreviations
("2. Dezember", "z. B.", "Dr. Meier", "Nr. 5") never end a sentence, and every line break
that is not a wrapped line is a boundary (headings, captions). Noise spans are never inside a
sentence. Measured against SoMaJo in ``bench/sentences.py``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from quellenlage.lang.base import LIST_MARKERS, LanguageData
from quellenlage.model import Excluded, Sentence

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer

_TERMINALS = frozenset({".", "!", "?", "…", "...", "?!", "!?", "!!", "??", "...."})
_CLOSERS_EXTRA = frozenset({")", "]"})
_COMPLETE = re.compile(r"[.!?…][\"'“”»«‘’)\]]*$")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_YEAR_WITH_DOT = re.compile(r"\d{4}\.")
_CODE_WITH_DOT = re.compile(r"[^\W\d]+-?\d+\.")  # "A61.", "B27.": a name, never an ordinal

Token = tuple[int, int]
_MAX_LEXEMES = 100_000  # about 40 MB of vocabulary, rebuilt every ~1,300 news articles


def import_spacy_without_torch() -> None:
    """Import spaCy so that its thinc does not import torch as well (2.5 s at every start).

    For processes that own their imports, such as the ``quellenlage`` command: thinc then
    believes torch is missing for the rest of the process, which would break a spaCy
    pipeline that runs on torch. Our own torch code (accurate NER) imports torch itself.
    """
    if "spacy" in sys.modules or "torch" in sys.modules:
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # "import torch" now fails
    try:
        import spacy  # noqa: F401
    finally:
        del sys.modules["torch"]


class _Tokenizer:
    """spaCy's tokenizer for one language, built afresh once its vocabulary holds
    ``_MAX_LEXEMES`` words: the vocabulary and the tokenizer's cache keep every new word
    they see (about 28 KB per news article), so over a long ingest they would grow without
    bound. The tokens never depend on what it has seen before."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._spacy = self._built()
        self._limit = len(self._spacy.vocab) + _MAX_LEXEMES  # beyond the exceptions it has

    def _built(self) -> Tokenizer:
        import spacy

        tokenizer: Tokenizer = spacy.blank(self.language).tokenizer
        tokenizer.vocab.lex_attr_getters = {}  # unused word attributes: none computed
        return tokenizer

    def tokens(self, text: str) -> list[Token]:
        from spacy.attrs import IDX, LENGTH

        if len(self._spacy.vocab) > self._limit:
            self._spacy = self._built()
        columns = self._spacy(text).to_array([IDX, LENGTH]).tolist()
        return [
            (start, start + length)
            for start, length in columns
            if not _is_space(text, start, length)
        ]


def _is_space(text: str, start: int, length: int) -> bool:
    return text[start : start + length].isspace()


@cache
def tokenizer(language: str) -> _Tokenizer:
    """The tokenizer for ``language``, built once per process (about 1 s)."""
    return _Tokenizer(language)


def tokenize(text: str, language: str) -> list[Token]:
    """Offsets of the non-whitespace tokens of ``text``."""
    return tokenizer(language).tokens(text)


def split_sentences(text: str, excluded: list[Excluded], language: LanguageData) -> list[Sentence]:
    """Sentences of ``text`` outside the ``excluded`` spans, in order."""
    tokens = [t for t in tokenize(text, language.code) if not _inside_any(t, excluded)]
    sentences: list[Sentence] = []
    for paragraph in _paragraphs(text, tokens, excluded):
        if text[paragraph[0][0] : paragraph[0][1]] in LIST_MARKERS:
            paragraph = paragraph[1:]
        if not paragraph:
            continue
        sentences.extend(_sentences_in_paragraph(text, paragraph, language))
    return sentences


def _inside_any(token: Token, excluded: list[Excluded]) -> bool:
    return any(e.start < token[1] and token[0] < e.end for e in excluded)


def _paragraphs(text: str, tokens: list[Token], excluded: list[Excluded]) -> Iterator[list[Token]]:
    """Runs of tokens between hard breaks: a line break (unless the line was wrapped) or noise."""
    current: list[Token] = []
    for token in tokens:
        if current and _hard_break(text, current[-1], token, excluded):
            yield current
            current = []
        current.append(token)
    if current:
        yield current


def _hard_break(text: str, previous: Token, token: Token, excluded: list[Excluded]) -> bool:
    if previous[1] == token[0]:  # adjacent tokens ("Uhr" ".") never straddle a break
        return False
    if any(previous[1] <= e.start < token[0] for e in excluded):
        return True
    gap = text[previous[1] : token[0]]
    breaks = len(_NEWLINE.findall(gap))
    if breaks == 0:
        return False
    if breaks > 1:
        return True
    wrapped = text[token[0]].islower() and text[previous[1] - 1] not in '.!?:“”"»«'
    return not wrapped


def _sentences_in_paragraph(
    text: str, tokens: list[Token], language: LanguageData
) -> list[Sentence]:
    ends = _boundaries(text, tokens, language, respect_quotes=True)
    if ends is None:  # a quotation mark never closed: split as if there were none
        ends = _boundaries(text, tokens, language, respect_quotes=False) or []
    sentences: list[Sentence] = []
    begin = 0
    for end in [*ends, len(tokens)]:
        if end > begin:
            part = tuple(tokens[begin:end])
            heading = not ends and not _COMPLETE.search(text[part[0][0] : part[-1][1]])
            sentences.append(Sentence(part[0][0], part[-1][1], part, heading))
        begin = end
    return sentences


def _boundaries(
    text: str, tokens: list[Token], language: LanguageData, respect_quotes: bool
) -> list[int] | None:
    """Token indexes where a new sentence starts; None when quotes do not balance."""
    openers: dict[str, set[str]] = {}
    for opener, closer in language.quote_pairs:
        openers.setdefault(opener, set()).add(closer)
    closers = {c for _, c in language.quote_pairs} | _CLOSERS_EXTRA
    stack: list[set[str]] = []
    ends: list[int] = []
    after_terminal = False
    for index, (start, end) in enumerate(tokens):
        word = text[start:end]
        if respect_quotes and _update_quotes(word, stack, openers):
            closed_now = not stack
            if closed_now and after_terminal and _starts_sentence(text, tokens, index + 1):
                ends.append(index + 1)
            continue
        if stack and respect_quotes:
            after_terminal = word in _TERMINALS
            continue
        after_terminal = word in _TERMINALS
        if _ends_sentence(text, tokens, index, language):
            stop = index + 1
            while stop < len(tokens) and text[tokens[stop][0] : tokens[stop][1]] in closers:
                if respect_quotes:
                    _update_quotes(text[tokens[stop][0] : tokens[stop][1]], stack, openers)
                stop += 1
            if _starts_sentence(text, tokens, stop):
                ends.append(stop)
    if respect_quotes and stack:
        return None
    return sorted(set(ends))


def _update_quotes(word: str, stack: list[set[str]], openers: dict[str, set[str]]) -> bool:
    """Track open quotations; True when ``word`` is a quotation mark."""
    if stack and word in stack[-1]:
        stack.pop()
        return True
    if word in openers:
        stack.append(openers[word])
        return True
    return False


def _ends_sentence(text: str, tokens: list[Token], index: int, language: LanguageData) -> bool:
    word = text[tokens[index][0] : tokens[index][1]]
    if word in _TERMINALS:
        if word == "." and index > 0:
            before = text[tokens[index - 1][0] : tokens[index - 1][1]]
            if (before.lower() + ".") in language.abbreviations or _is_initial(before):
                return False
        return True
    if _YEAR_WITH_DOT.fullmatch(word):  # "… im Jahr 2025. Danach …" (an ordinal has 1–3 digits)
        following = _word_at(text, tokens, index + 1)
        return following is not None and following.lower() not in language.months
    if _CODE_WITH_DOT.fullmatch(word):  # "… auf die A61. Danach …"
        following = _word_at(text, tokens, index + 1)
        return following is not None and following[:1].isupper()
    return False


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()


def _starts_sentence(text: str, tokens: list[Token], index: int) -> bool:
    """A sentence starts here unless the next word is lower case (German nouns are capitalised)."""
    following = _word_at(text, tokens, index)
    return following is not None and not following[0].islower()


def _word_at(text: str, tokens: list[Token], index: int) -> str | None:
    return text[tokens[index][0] : tokens[index][1]] if index < len(tokens) else None
