"""What every part of the quote finder shares: the quotes and speakers it finds, the
sentence it reads (``_Line``), the memory of who spoke, and word and clause helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from quellenlage.model import Sentence

_MAX_NAME_WORDS = 3  # "die Zeitung „Neue Presse“": a name in marks after a noun
_PUNCTUATION = frozenset(",.;:!?…–—-()[]")
_QUOTE_MARKS = frozenset('„“”»«‚‘"')
_OPENING_MARKS = frozenset('„»‚«"')
_EITHER_WAY = frozenset('"»«')  # opening or closing, by the side they lean on
_OPENING_ONLY = _OPENING_MARKS - _EITHER_WAY
_CLOSING_MARKS_ANY = (_QUOTE_MARKS - _OPENING_MARKS) | _EITHER_WAY

Phrase = list[tuple[str, int, int]]


@lru_cache(maxsize=64)
def _regex(pattern: str) -> re.Pattern[str] | None:
    """A pattern of the language data, compiled once; None for an empty one (no such rule)."""
    return re.compile(pattern) if pattern else None


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted or reported words (``start:end``) and who said them."""

    start: int
    end: int
    kind: str  # direct | indirect (find_quotes) | term (find_terms)
    speaker: str | None
    speaker_start: int | None = None
    speaker_end: int | None = None

    def to_json(self, text: str) -> dict[str, object]:
        return {
            "text": text[self.start : self.end],
            "kind": self.kind,
            "speaker": self.speaker,
            "start": self.start,
            "end": self.end,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
        }


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    start: int
    end: int


def surname(speaker: Speaker) -> str:
    """The last word of a speaker's name, in lower case: what two mentions share."""
    return speaker.name.split()[-1].lower()


@dataclass
class _Memory:
    """Who spoke last, and with which role, for pronouns and bare roles."""

    last: Speaker | None = None
    roles: dict[str, Speaker] = field(default_factory=dict)
    person: Speaker | None = None  # the person named last, for "der 63-Jährige", "der Franzose"
    openers: frozenset[int] = frozenset()  # offsets of the first word of each sentence
    capitalised: frozenset[str] = frozenset()  # words written capitalised inside a sentence
    titles: dict[str, Speaker] = field(default_factory=dict)  # "pianistin": "Pianistin X"'s X
    plain: frozenset[int] = frozenset()  # openers as common as no name ("Vergangenes", "Viel")
    people: list[Speaker] = field(default_factory=list)  # persons in the order last named
    genders: dict[str, str] = field(default_factory=dict)  # surname: gender the text marks
    article_genders: dict[str, str] = field(default_factory=dict)  # "der": "m" (language data)

    def referent(self, phrase: Phrase | None = None) -> Speaker | None:
        """Whom "der Zeuge", "der 63-Jährige" stands for: the person the text introduced
        with that noun ("Pianistin X … so die Pianistin"), else the person named last."""
        head = phrase[-1][0].lower() if phrase else ""
        titled = self.titles.get(head)
        if titled is not None or not phrase:
            return titled or self.person
        gender = self.article_genders.get(phrase[0][0].lower())
        person = self._agreeing(self.person, gender)  # "der 33-Jährige" is no woman
        if person is not None and gender is not None:
            self.genders.setdefault(surname(person), gender)
        return person

    def scratch(self) -> _Memory:
        return replace(self, roles=dict(self.roles), people=list(self.people))

    def agreeing(self, gender: str | None) -> Speaker | None:
        """Whom a pronoun of ``gender`` refers to: the subject or person named last, unless the
        text marks that one with the other gender ("Kanzlerin X … sagte er"); then the last
        person it marks with this one."""
        return self._agreeing(self.last or self.person, gender)

    def _agreeing(self, candidate: Speaker | None, gender: str | None) -> Speaker | None:
        if gender is None or candidate is None or self.gender_of(candidate) in (None, gender):
            return candidate
        return next((p for p in reversed(self.people) if self.gender_of(p) == gender), candidate)

    def gender_of(self, speaker: Speaker) -> str | None:
        return self.genders.get(surname(speaker))

    def note_people(self) -> None:
        """After a sentence: keep the persons it left as the last subject and name."""
        for seen in (self.person, self.last):
            if seen is not None and seen not in self.people[-2:]:
                self.people.append(seen)

    def plainly_opens(self, word: tuple[str, int, int]) -> bool:
        """A word seen only at the start of sentences and as common as no name is there
        ("Vergangenes Jahr sagte X", "Viel Freiheit"): no part of a subject."""
        return word[1] in self.plain and word[0] not in self.capitalised

    def only_opens(self, word: tuple[str, int, int]) -> bool:
        """A capitalised word seen only at the start of sentences ("Knapp ein Jahr …",
        "Trotz des Erfolgs …"): the article itself says it is no name."""
        return word[1] in self.openers and word[0] not in self.capitalised


@dataclass(frozen=True, slots=True)
class _Line:
    """One body sentence with what its attribution names."""

    sentence: Sentence
    words: Phrase
    speaker: Speaker | None  # named next to a verb of saying or an attribution word
    weak: Speaker | None  # the referent of "er" next to a Konjunktiv I form
    colon: Speaker | None  # the subject of a clause that ends in ":" before speech


@dataclass
class _Passage:
    """The speaker of the speech running through the last sentences."""

    speaker: Speaker | None = None
    quiet: int = 0  # sentences without speech since
    unmarked: bool = False  # the last sentence was direct speech without quotation marks
    source: Speaker | None = None  # the speaker of the last speech, kept after a pause


def _colon_index(words: Phrase) -> int | None:
    """The first colon outside quotation marks that has words after it."""
    inside = _inside_quotes(words)
    for i, (word, _, _) in enumerate(words[:-1]):
        if word == ":" and i not in inside:
            return i
    return None


def _speaker_of(quote: Quote) -> tuple[str | None, int | None, int | None]:
    return quote.speaker, quote.speaker_start, quote.speaker_end


def _has_marks(words: Phrase) -> bool:
    return any(w in _QUOTE_MARKS for w, _, _ in words)


def _outside_parentheses(words: Phrase) -> Phrase:
    kept: Phrase = []
    depth = 0
    for word in words:
        if word[0] == "(":
            depth += 1
        elif word[0] == ")":
            depth = max(depth - 1, 0)
        elif not depth:
            kept.append(word)
    return kept


def _clause_start(words: Phrase, i: int) -> int:
    """The first word of the clause that holds word ``i`` (after a comma, colon or dash)."""
    inside = _inside_quotes(words)
    j = i - 1
    while j >= 0 and not (words[j][0] in ",:;–—" and j not in inside):
        j -= 1
    return j + 1


def _inside_quotes(words: Phrase) -> frozenset[int]:
    """Indices of the words between quotation marks; a straight quote or a guillemet opens
    when it leans on the word after it and closes when it leans on the word before it.
    Asked for the same line again and again (every clause start, every verb), so kept for
    the last lines seen."""
    return _inside_quotes_of(tuple(words))


@lru_cache(maxsize=64)
def _inside_quotes_of(words: tuple[tuple[str, int, int], ...]) -> frozenset[int]:
    inside: set[int] = set()
    depth = 0
    for i, (word, start, end) in enumerate(words):
        if word not in _QUOTE_MARKS:
            if depth:
                inside.add(i)
                depth -= _holds_mark(word, _CLOSING_MARKS_ANY)
            else:
                depth += _holds_mark(word, _OPENING_MARKS)
            continue
        leans_left = i > 0 and words[i - 1][2] == start
        leans_right = i + 1 < len(words) and words[i + 1][1] == end
        if word in _OPENING_ONLY or (
            word in _EITHER_WAY and leans_right and not (leans_left and depth)
        ):
            depth += 1
        elif depth:
            depth -= 1
    return frozenset(inside)


def _holds_mark(word: str, marks: frozenset[str]) -> bool:
    """A token with a quotation mark inside, as the tokenizer leaves some ("Krimi"-Star,
    sofort."Wir): the quotation closes or opens within the word."""
    return len(word) > 2 and not marks.isdisjoint(word[1:-1])


def _without_period(text: str, sentence: Sentence) -> int:
    end = sentence.end
    while end > sentence.start and text[end - 1] in ".!?":
        end -= 1
    return end


def _without_period_of(text: str, line: _Line) -> int:
    return _without_period(text, line.sentence)


def _quote(start: int, end: int, kind: str, speaker: Speaker | None) -> Quote:
    if speaker is None:
        return Quote(start, end, kind, None)
    return Quote(start, end, kind, speaker.name, speaker.start, speaker.end)
