"""Stage 2: mark scrape noise as excluded spans. The text itself is never changed.

Works line by line, because scraped noise comes in lines of its own (share bars, promos,
captions, embedded posts). The patterns are language data (``lang``); this module only decides
which lines they cover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quellenlage.lang import guess_language
from quellenlage.lang.base import (
    SOCIAL_POST_AUTHOR,
    SOCIAL_POST_MARKERS,
    LanguageData,
    NoisePatterns,
)
from quellenlage.model import Excluded

_SENTENCE_END = re.compile(r"[.!?…:;][\"'“”»«)\]]*$")
_URL = re.compile(r"https?://\S+")
_NUMBER_ONLY = re.compile(r"[\d.,]{1,9}[KkMm]?")
_MIN_REPEAT_CHARS = 30
_MAX_CAPTION_CHARS = 300
_CAPTION_BLOCK_LINES = 3
_BREADCRUMB_LINES = 3


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line: offsets of its stripped content and the block (paragraph) it is in."""

    start: int
    end: int
    text: str
    block: int


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with offsets; a blank line between two lines starts a new block."""
    lines: list[Line] = []
    block = 0
    previous_end = 0
    for match in re.finditer(r"[^\r\n]+", text):
        content = match.group()
        stripped = content.strip()
        if not stripped:
            continue
        start = match.start() + (len(content) - len(content.lstrip()))
        gap = text[previous_end:start]
        if lines and len(re.findall(r"\r\n|\r|\n", gap)) >= 2:
            block += 1
        lines.append(Line(start, start + len(stripped), stripped, block))
        previous_end = start + len(stripped)
    return lines


@dataclass(frozen=True)
class _Compiled:
    """Patterns of one language compiled once."""

    lines: tuple[tuple[str, re.Pattern[str]], ...]
    share_run: re.Pattern[str]
    breadcrumb: re.Pattern[str]
    caption_cue: re.Pattern[str]
    comment_tail: re.Pattern[str]
    metadata_prefix: re.Pattern[str]
    social_marker: re.Pattern[str]
    social_author: re.Pattern[str]


def _alternation(patterns: tuple[str, ...]) -> str:
    """One regex for many; a leading ``(?i)`` becomes a scoped ``(?i:...)`` group."""
    groups = [f"(?i:{p[4:]})" if p.startswith("(?i)") else f"(?:{p})" for p in patterns]
    return "|".join(groups) or r"(?!x)x"


_COMPILED: dict[int, _Compiled] = {}


def _compile(noise: NoisePatterns) -> _Compiled:
    """Compiled patterns, cached per (module-level, immutable) pattern set."""
    if id(noise) not in _COMPILED:
        _COMPILED[id(noise)] = _compile_uncached(noise)
    return _COMPILED[id(noise)]


def _compile_uncached(noise: NoisePatterns) -> _Compiled:
    words = "|".join(re.escape(w) for w in sorted(noise.share_words, key=len, reverse=True))
    roots = "|".join(re.escape(w) for w in noise.breadcrumb_roots)
    return _Compiled(
        lines=tuple((kind, re.compile(p)) for kind, ps in noise.lines.items() for p in ps),
        share_run=re.compile(rf"(?:(?:{words})[\s|·•/]*)+"),
        breadcrumb=re.compile(rf"(?:{roots})(?:\s*[>›»/|—–-]?\s*\S+){{1,}}"),
        caption_cue=re.compile(_alternation(noise.caption_cues)),
        comment_tail=re.compile(_alternation(noise.comment_tails)),
        metadata_prefix=re.compile(_alternation(noise.metadata_prefixes)),
        social_marker=re.compile(_alternation(SOCIAL_POST_MARKERS)),
        social_author=re.compile(SOCIAL_POST_AUTHOR),
    )


def mark_noise(text: str, language: LanguageData) -> list[Excluded]:
    """Excluded spans for the scrape noise in ``text``, sorted, adjacent same-kind lines merged."""
    patterns = _compile(language.noise)
    lines = split_lines(text)
    kinds: dict[int, str] = {}
    spans: list[Excluded] = []
    prefix = _metadata_prefix(text, patterns)
    if prefix:
        spans.append(prefix)
    _mark_comment_tail(lines, kinds, patterns)
    _mark_line_patterns(lines, kinds, patterns)
    _mark_share_bars(lines, kinds, patterns)
    _mark_breadcrumbs(lines, kinds, patterns)
    _mark_social_posts(lines, kinds, patterns)
    _mark_captions(lines, kinds, patterns, language.code)
    _mark_repeats(lines, kinds)
    spans.extend(_merge(lines, kinds, text))
    return sorted(spans, key=lambda e: e.start)


def _metadata_prefix(text: str, patterns: _Compiled) -> Excluded | None:
    """A leading `` date 2025-12-03`` even when the lead text goes on in the same line."""
    match = patterns.metadata_prefix.match(text)
    if not match or match.end() == 0:
        return None
    return Excluded(match.start(), match.end(), "metadata")


def _mark_comment_tail(lines: list[Line], kinds: dict[int, str], patterns: _Compiled) -> None:
    for index in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
        if not patterns.comment_tail.fullmatch(lines[index].text):
            break
        kinds[index] = "comments"


def _mark_line_patterns(lines: list[Line], kinds: dict[int, str], patterns: _Compiled) -> None:
    for index, line in enumerate(lines):
        if index in kinds:
            continue
        for kind, pattern in patterns.lines:
            if pattern.fullmatch(line.text):
                kinds[index] = kind
                break


def _mark_share_bars(lines: list[Line], kinds: dict[int, str], patterns: _Compiled) -> None:
    """Runs of share words and counters ("103", "0", "SHARE"); counters alone are kept."""
    index = 0
    while index < len(lines):
        run_end = index
        has_word = False
        while run_end < len(lines) and kinds.get(run_end, "share-bar") == "share-bar":
            text = lines[run_end].text
            if run_end in kinds or patterns.share_run.fullmatch(text):
                has_word = True
            elif not _NUMBER_ONLY.fullmatch(text):
                break
            run_end += 1
        if has_word:
            for member in range(index, run_end):
                kinds[member] = "share-bar"
        index = max(run_end, index + 1)


def _mark_breadcrumbs(lines: list[Line], kinds: dict[int, str], patterns: _Compiled) -> None:
    for index, line in enumerate(lines[:_BREADCRUMB_LINES]):
        if index in kinds or _SENTENCE_END.search(line.text):
            continue
        if patterns.breadcrumb.fullmatch(line.text) and " " in line.text:
            kinds[index] = "breadcrumb"


def _mark_social_posts(lines: list[Line], kinds: dict[int, str], patterns: _Compiled) -> None:
    """An embedded post: its author line, and the post text above it when that holds a link."""
    for index, line in enumerate(lines):
        if index in kinds:
            continue
        if patterns.social_author.fullmatch(line.text):
            kinds[index] = "social-post"
            above = index - 1
            if (
                above >= 0
                and above not in kinds
                and _same_block_short(lines, above, index)
                and (
                    patterns.social_marker.search(lines[above].text)
                    or _URL.search(lines[above].text)
                )
            ):
                kinds[above] = "social-post"
        elif patterns.social_marker.search(line.text) and len(line.text) <= _MAX_CAPTION_CHARS:
            kinds[index] = "social-post"


def _same_block_short(lines: list[Line], first: int, second: int) -> bool:
    same = lines[first].block == lines[second].block
    return same and len(lines[first].text) <= _MAX_CAPTION_CHARS


def _mark_captions(
    lines: list[Line], kinds: dict[int, str], patterns: _Compiled, language: str
) -> None:
    """Lines with a photo credit, and short blocks that open with a line in another language."""
    for index, line in enumerate(lines):
        if index in kinds or len(line.text) > _MAX_CAPTION_CHARS:
            continue
        if patterns.caption_cue.search(line.text) and not _is_long_sentence(line.text):
            kinds[index] = "caption"
        elif index > 0 and _is_foreign_label(line.text, language):
            block = [i for i, other in enumerate(lines) if other.block == line.block]
            if len(block) <= _CAPTION_BLOCK_LINES and all(
                len(lines[i].text) <= _MAX_CAPTION_CHARS for i in block
            ):
                for member in block:
                    kinds.setdefault(member, "caption")


def _is_long_sentence(text: str) -> bool:
    return len(text.split()) > 25


def _is_foreign_label(text: str, language: str) -> bool:
    """A title-like line (no final punctuation, 3+ words) written in another language."""
    if _SENTENCE_END.search(text) or len(text.split()) < 3:
        return False
    guessed = guess_language(text)
    return guessed is not None and guessed != language


def _mark_repeats(lines: list[Line], kinds: dict[int, str]) -> None:
    """The second and later copies of a paragraph; the first copy stays content."""
    seen: set[str] = set()
    for index, line in enumerate(lines):
        if len(line.text) < _MIN_REPEAT_CHARS:
            continue
        if line.text in seen and index not in kinds:
            kinds[index] = "repeated"
        seen.add(line.text)


def _merge(lines: list[Line], kinds: dict[int, str], text: str) -> list[Excluded]:
    """One span per run of lines of the same kind separated only by whitespace."""
    merged: list[Excluded] = []
    for index in sorted(kinds):
        line, kind = lines[index], kinds[index]
        last = merged[-1] if merged else None
        if last and last.kind == kind and not text[last.end : line.start].strip():
            merged[-1] = Excluded(last.start, line.end, kind)
        else:
            merged.append(Excluded(line.start, line.end, kind))
    return merged
