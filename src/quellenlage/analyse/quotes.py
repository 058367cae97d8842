"""Stage 3b: quotes with their speakers — direct speech in quotation marks (or without them after
"Er sagt:") and indirect speech (the Konjunktiv, "dass" after a verb of saying, "laut X",
"X zufolge", "nach Angaben von X") — found in an article's sentences, with offsets.

The speaker is the phrase next to a verb of saying ("…“, sagte Putins Berater Juri Uschakow"),
the subject of a relative or subordinate clause ("den X … als „…“ bezeichnet hatte"), or the
person an attribution names, in the same sentence or, for speech standing alone, the
neighbouring one. Reported speech continues over a passage in the Konjunktiv; a pronoun next to
a Konjunktiv I form ("lehne er … ab") is the person named last as a subject. A speaker is a
person, organisation, role or group: never an abstract noun phrase, an adverb or a conjunction.
A quotation that names nobody takes the speaker of a later quote that repeats it (a lead
quoting the body) or of a name in parentheses after it. A short quotation nobody is said to
utter, or a title in quotation marks, is a term (``find_terms``), not a quote. The word lists
are language data (``lang/de/speech.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from quellenlage.lang.base import (
    SOCIAL_POST_AUTHOR,
    SOCIAL_POST_MARKERS,
    LanguageData,
    SpeechData,
)
from quellenlage.model import Article, Sentence

_MIN_WORDS_WITHOUT_ATTRIBUTION = 4
_COMMON_ZIPF = 5.0  # "Merkel" 4.8, "Putin" 4.4; "Woche" 5.5, "Mann" 5.9
_MAX_QUOTE_CHARS = 3000
_ECHO_SHARE = 0.75  # of a quotation's words a later quote must repeat to be its source
_STEM = 6  # letters compared: "Rückga…" for "Rückgabemöglichkeit(en)"
_MAX_TITLE_WORDS = 6
_MAX_NAME_WORDS = 3  # "die Zeitung „Neue Presse“": a name in marks after a noun
_MAX_ATTRIBUTE_WORDS = 10  # "der Chef der … Partei (…)," before the name
_PUNCTUATION = frozenset(",.;:!?…–—-()[]")
_QUOTE_MARKS = frozenset('„“”»«‚‘"')
_OPENING_MARKS = frozenset('„»‚«"')
_CLOSING_MARKS = frozenset("“”‘")
_EITHER_WAY = frozenset('"»«')  # opening or closing, by the side they lean on
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


@dataclass
class _Memory:
    """Who spoke last, and with which role, for pronouns and bare roles."""

    last: Speaker | None = None
    roles: dict[str, Speaker] = field(default_factory=dict)
    person: Speaker | None = None  # the person named last, for "der 63-Jährige", "der Franzose"
    openers: frozenset[int] = frozenset()  # offsets of the first word of each sentence
    capitalised: frozenset[str] = frozenset()  # words written capitalised inside a sentence

    def referent(self) -> Speaker | None:
        """Whom "der Zeuge", "der 63-Jährige" stands for: the person named last."""
        return self.person

    def scratch(self) -> _Memory:
        return _Memory(self.last, dict(self.roles), self.person, self.openers, self.capitalised)

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


def find_quotes(article: Article, language: LanguageData) -> list[Quote]:
    """Direct and indirect quotes of ``article`` in text order (terms left out)."""
    return [q for q in _find_all(article, language) if q.kind != "term"]


def find_terms(article: Article, language: LanguageData) -> list[Quote]:
    """Words in quotation marks that nobody is said to utter: scare quotes and titles."""
    return [q for q in _find_all(article, language) if q.kind == "term"]


def _find_all(article: Article, language: LanguageData) -> list[Quote]:
    speech = language.speech
    if speech is None:
        return []
    quotations = _quotations(article)
    sentences = [s for s in article.sentences if not s.heading]
    sentences = _resplit(sentences, quotations, article.text, language.abbreviations)
    body = _joined(sentences, quotations, article.text)
    memory = _first_words(article.text, body, speech)
    _learn_roles(article.text, body, speech, memory)
    lines = [_attribute(article.text, sentence, speech, memory, language.code) for sentence in body]
    quotes: list[Quote] = []
    passage = _Passage()
    for index, line in enumerate(lines):
        found = _line_quotes(article, lines, index, passage, quotations, speech)
        if index > 0 and all(q.kind == "term" for q in found):
            found += _pointed_back(article, lines, index, speech, quotes)
        quotes.extend(found)
        _advance(passage, found, line, article.text)
    _led_in(article, lines, quotes, speech)
    quotes = _named_after(article.text, quotes, speech)
    quotes = _echoed(article.text, quotes, lines[0].sentence if lines else None, speech)
    quotes.extend(_embedded_posts(article))
    return sorted(quotes, key=lambda q: q.start)


def _first_words(text: str, body: list[Sentence], speech: SpeechData) -> _Memory:
    """A memory that knows which words open sentences (not as the subject of a verb of
    saying: "Branchenexperten sagen …") and which are capitalised inside one."""
    openers = set()
    capitalised = set()
    for sentence in body:
        tokens = sentence.tokens
        for n, (start, end) in enumerate(tokens):
            word = text[start:end]
            after_stop = n > 0 and text[tokens[n - 1][0]] in ".:!?"
            following = text[slice(*tokens[n + 1])].lower() if n + 1 < len(tokens) else ""
            if (n == 0 or after_stop) and following not in speech.verbs:
                openers.add(start)
            elif word[:1].isupper():
                capitalised.add(word)
    return _Memory(openers=frozenset(openers), capitalised=frozenset(capitalised))


def _attribute(
    text: str, sentence: Sentence, speech: SpeechData, memory: _Memory, code: str
) -> _Line:
    words = [(text[a:b], a, b) for a, b in sentence.tokens]
    speaker = _sentence_speaker(words, speech, memory)
    weak = None
    if speaker is None:
        weak = _pronoun_of_subjunctive(words, speech, memory)
        subject = _subject(words, speech)[0]
        if subject is not None and not memory.only_opens((subject.name, subject.start, 0)):
            memory.last = subject  # "Putin hatte … . Er …"
    colon = speaker or _colon_speaker(words, speech, memory)
    full = _last_full_name(words, speech, code)
    if full is not None and not (speaker is not None and full.end <= speaker.start):
        memory.person = full  # the later of the two is the person named last
    return _Line(sentence, words, speaker, weak, colon if _colon_index(words) else None)


def _rare(word: str, code: str) -> bool:
    """Not one of the language's most common words ("Vater", "Mann"), as a surname is:
    decided by word frequency in language ``code`` (wordfreq, imported on first use)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, code) < _COMMON_ZIPF


def _last_full_name(words: Phrase, speech: SpeechData, code: str) -> Speaker | None:
    """The last name of two or more capitalised words outside quotation marks that no
    article owns ("fest: Quentin Tarantino", not "des Weißen Hauses"): a person to refer
    back to."""
    inside = _inside_quotes(words)
    closed = speech.determiners | speech.function_words | speech.pronouns | speech.phrase_stops
    found = None  # (a preposition opening a sentence, "Mit Tränen …", is no name either)
    run: Phrase = []
    for i, word in enumerate([*words, ("", 0, 0)]):
        lower = word[0].lower()
        if i not in inside and word[0][:1].isupper() and lower not in closed:
            run.append(word)  # also at the start: "Zinedine Zidane, der …, wies … zurück"
            continue
        first = i - len(run)
        opener = words[first - 1][0].lower() if run and first > 0 else ""
        if opener in speech.phrase_stops:
            run = run[1:]  # "am Ende Gerd Wallner": the noun belongs to the preposition
        named = len(run) >= 2 and opener not in speech.determiners and _rare(run[-1][0], code)
        if named and not is_role(run[-1][0], speech):
            found = Speaker(" ".join(w for w, _, _ in run), run[0][1], run[-1][2])
        run = []
    return found


def _advance(passage: _Passage, found: list[Quote], line: _Line, text: str) -> None:
    """Carry the speaker of this sentence's speech to the next ones (a passage in the
    Konjunktiv may pause for one sentence). A sentence that names a speaker without quoting
    ("X hat den Schritt als Schande kritisiert.") opens a passage too."""
    spoken = [q for q in found if q.kind != "term" and q.speaker is not None]
    if not spoken and line.speaker is not None and not found:
        passage.speaker, passage.quiet, passage.unmarked = line.speaker, 0, False
        return
    if not spoken:
        passage.quiet += 1
        passage.unmarked = False
        if passage.quiet > 1:
            passage.speaker = None
        return
    last = spoken[-1]
    assert last.speaker is not None
    passage.speaker = Speaker(last.speaker, last.speaker_start or 0, last.speaker_end or 0)
    passage.quiet = 0
    passage.unmarked = (
        last.kind == "direct" and text[last.start - 1 : last.start] not in _QUOTE_MARKS
    )


def _line_quotes(
    article: Article,
    lines: list[_Line],
    index: int,
    passage: _Passage,
    quotations: list[tuple[int, int]],
    speech: SpeechData,
) -> list[Quote]:
    """The quotes and terms of one sentence."""
    line = lines[index]
    text = article.text
    same_paragraph = (
        index > 0 and "\n" not in text[lines[index - 1].sentence.end : line.sentence.start]
    )
    continuing = passage.speaker if passage.quiet == 0 and same_paragraph else None
    own_words = continuing and _continues_unmarked(line, speech)
    if own_words and (passage.unmarked or _spoken_before(lines[index - 1], line, speech)):
        return [_quote(line.sentence.start, _without_period_of(text, line), "direct", continuing)]
    found: list[Quote] = []
    unmarked = _unmarked_after_colon(article, line, speech)
    if unmarked is not None:
        found.append(unmarked)
    attributed = line.speaker or (None if continuing else line.weak)
    for start, end in _direct_quotes(line.sentence, quotations):
        found.append(_marked(article, line, start, end, attributed, continuing, passage, speech))
    if unmarked is None and (
        not _has_marks(line.words) or attributed is not None or continuing is not None
    ):
        carried = passage.speaker if passage.quiet <= 1 else None
        reported = _indirect(article, line, speech, carried is not None, passage.quiet == 0)
        who = line.speaker or carried or line.weak or _next_reported(article, lines, index, speech)
        if reported and who is not None:
            found.append(_quote(*reported, _reported_kind(line, reported, speech), who))
    return _absorb_terms(found)


def _marked(
    article: Article,
    line: _Line,
    start: int,
    end: int,
    attributed: Speaker | None,
    continuing: Speaker | None,
    passage: _Passage,
    speech: SpeechData,
) -> Quote:
    """A quotation in marks: a quote of its speaker, or a term (a title, a scare quote)."""
    text = article.text
    named = attributed is not None and attributed.start < start and end <= attributed.end
    if named or _is_title(text, line, start, end, attributed is not None, speech):
        return Quote(start, end, "term", None)  # also the speaker's name: "die Seite „XY“"
    words = len(text[start:end].split())
    who = attributed or (line.colon if _after_colon(line, start) else None)
    alone = _only_quote(article, line.sentence, start, end)
    if (
        who is None
        and continuing is not None
        and (words >= _MIN_WORDS_WITHOUT_ATTRIBUTION or alone)
    ):
        who = continuing  # "… lehne er „rundweg ab“. Diese Vorschläge „blockieren …“."
    if who is None and alone and passage.quiet == 0:
        who = passage.speaker  # a quotation continuing the previous one
    if who is None and words < _MIN_WORDS_WITHOUT_ATTRIBUTION:
        return Quote(start, end, "term", None)  # a scare quote or a term („No-Go“)
    return _quote(start, end, "direct", who)


def _absorb_terms(found: list[Quote]) -> list[Quote]:
    """A quotation inside a longer quote of the same speaker belongs to that quote
    („Dutzende Treffen“ in "Rubio habe schon „Dutzende Treffen“ absolviert")."""
    kept = []
    for quote in found:
        inside = any(
            other is not quote
            and other.kind != "term"
            and other.start <= quote.start
            and quote.end <= other.end
            and (other.end - other.start) > (quote.end - quote.start)
            and quote.speaker in (None, other.speaker)
            for other in found
        )
        if inside:
            continue  # also a quotation inside reported speech ("Sie sei „zufrieden“")
        kept.append(quote)
    return kept


def _pointed_back(
    article: Article, lines: list[_Line], index: int, speech: SpeechData, quotes: list[Quote]
) -> list[Quote]:
    """ "Das teilte X mit." after a plain sentence: that sentence is what X said."""
    line, before = lines[index], lines[index - 1]
    words = line.words
    memory = _Memory()  # "Das teilte die Reederei X mit": after "Das", the subject follows
    speaker = line.speaker or _resolve(
        _phrase(words, 2, speech, forward=True), speech, memory, True
    )
    if (
        speaker is None
        or len(words) < 2
        or words[0][0].lower() not in speech.back_pointers
        or words[1][0].lower() not in speech.verbs
        or before.speaker is not None
        or any(
            q.kind != "term" and q.start < before.sentence.end and q.end > before.sentence.start
            for q in quotes
        )
    ):
        return []
    return [
        _quote(
            before.sentence.start,
            _without_period_of(article.text, before),
            "indirect",
            speaker,
        )
    ]


# --- speech without quotation marks ---------------------------------------------------------


def _colon_index(words: Phrase) -> int | None:
    """The first colon outside quotation marks that has words after it."""
    inside = _inside_quotes(words)
    for i, (word, _, _) in enumerate(words[:-1]):
        if word == ":" and i not in inside:
            return i
    return None


def _after_colon(line: _Line, start: int) -> bool:
    colon = _colon_index(line.words)
    return colon is not None and line.words[colon][2] <= start


def _unmarked_after_colon(article: Article, line: _Line, speech: SpeechData) -> Quote | None:
    """ "Er sagt: Wir …": the words after a colon that follows a verb of saying, when they do
    not open with a quotation mark; quotations inside them belong to them. They report when
    in the Konjunktiv or when they speak of the speaker as "er"/"sie" ("verkündete sie die
    Nachricht: Sie wird Mutter")."""
    colon = _colon_index(line.words)
    if colon is None or line.colon is None:
        return None
    before = [w.lower() for w, _, _ in line.words[_clause_start(line.words, colon) : colon]]
    if not any(w in speech.verbs for w in before):
        return None
    first = line.words[colon + 1]
    if first[0] in _QUOTE_MARKS:
        return None
    end = _without_period_of(article.text, line)
    if end <= first[1]:
        return None
    after = range(colon + 1, len(line.words))
    third = speech.subject_pronouns - speech.impersonal_pronouns
    reported = first[0].lower() in third or any(
        _is_konjunktiv_i(line.words, i, speech) for i in after
    )
    return _quote(first[1], end, "indirect" if reported else "direct", line.colon)


def _spoken_before(before: _Line, line: _Line, speech: SpeechData) -> bool:
    """After reported speech of a speaker (not a source named by "laut X"), a sentence in
    the indicative and the first person is the speaker's own ("Ich hoffe auf eine Lösung.").
    Not after speech in quotation marks: a text that marks its quotes marks them all ("„…“,
    sagt er. Wir drücken die Daumen!" is the writer's)."""
    lowered = [w.lower() for w, _, _ in before.words]
    outside = [i for i in range(len(lowered)) if i not in _inside_quotes(before.words)]
    konjunktiv = any(_is_konjunktiv_i(line.words, i, speech) for i in range(len(line.words)))
    return (
        not konjunktiv
        and not _has_marks(before.words)
        and not _attributed_by_phrase(lowered, outside, speech)
    )


def _led_in(article: Article, lines: list[_Line], quotes: list[Quote], speech: SpeechData) -> None:
    """ "Big Brother machen wir nicht. Es geht um Inhalte, erklärte X.": sentences in the
    speaker's first person right before his unmarked direct speech are his words too."""
    text = article.text
    starts = {q.start: q for q in quotes if q.kind == "direct" and q.speaker}
    for index, line in enumerate(lines):
        quote = starts.get(line.sentence.start)
        if quote is None or text[quote.start - 1 : quote.start] in _QUOTE_MARKS:
            continue
        for before in reversed(lines[max(0, index - 2) : index]):
            taken = any(
                q.start < before.sentence.end and before.sentence.start < q.end for q in quotes
            )
            apart = "\n" in text[before.sentence.end : line.sentence.start]
            if taken or apart or not _continues_unmarked(before, speech):
                break
            end = _without_period_of(text, before)
            quotes.append(Quote(before.sentence.start, end, "direct", *_speaker_of(quote)))
            line = before


def _named_after(text: str, quotes: list[Quote], speech: SpeechData) -> list[Quote]:
    """ "„Was wir brauchen, …“ (Max Muster).": a name in parentheses right after a quotation
    nobody is said to utter is its author, as under a motto."""
    cited = _regex(speech.cited_name)
    named = []
    for quote in quotes:
        direct = quote.kind == "direct"
        found = cited.match(text, quote.end + 1) if cited is not None and direct else None
        if quote.speaker is None and found is not None:
            quote = replace(quote, speaker=found[1], speaker_start=found.start(1))
            quote = replace(quote, speaker_end=found.end(1))
        named.append(quote)
    return named


def _echoed(
    text: str, quotes: list[Quote], lead: Sentence | None, speech: SpeechData
) -> list[Quote]:
    """A quotation that a later quote repeats ("„Nicht mehr dieses Vertrauen gespürt“" in the
    lead, "Ich habe … nicht mehr dieses Vertrauen gespürt, sagte X" below) is that speaker's,
    when the first names nobody or, in the lead, only a role ("sagt der Regisseur")."""
    echoed = []
    for quote in quotes:
        if quote.kind != "term" and _unnamed(text, quote, lead, speech):
            for later in quotes:
                if later.start > quote.end and later.speaker and _repeats(text, quote, later):
                    quote = Quote(quote.start, quote.end, quote.kind, *_speaker_of(later))
                    break
        echoed.append(quote)
    return echoed


def _unnamed(text: str, quote: Quote, lead: Sentence | None, speech: SpeechData) -> bool:
    if quote.speaker is None:
        return True
    in_lead = lead is not None and lead.start <= quote.start < lead.end
    before = text[: quote.speaker_start or 0].split()[-1:]
    role = all(is_role(w, speech) for w in quote.speaker.split())  # "Trainer hört auf: „…“"
    return in_lead and (role or (bool(before) and before[0].lower() in speech.determiners))


def _repeats(text: str, quote: Quote, later: Quote) -> bool:
    """Most words of ``quote`` (by their first letters: "Rückgabemöglichkeit" and
    "Rückgabemöglichkeiten") stand in ``later``."""
    mine = _stems(text[quote.start : quote.end])
    theirs = set(_stems(text[later.start : later.end]))
    return len(mine) >= 2 and sum(w in theirs for w in mine) >= _ECHO_SHARE * len(mine)


def _stems(words: str) -> list[str]:
    return [w[:_STEM].lower() for w in re.findall(r"\w+", words) if len(w) > 2]


def _speaker_of(quote: Quote) -> tuple[str | None, int | None, int | None]:
    return quote.speaker, quote.speaker_start, quote.speaker_end


def _continues_unmarked(line: _Line, speech: SpeechData) -> bool:
    """A sentence after unmarked direct speech that is still the speaker's own ("Wir …")."""
    lowered = {w.lower() for w, _, _ in line.words}
    return (
        line.speaker is None and not _has_marks(line.words) and bool(lowered & speech.first_person)
    )


def _has_marks(words: Phrase) -> bool:
    return any(w in _QUOTE_MARKS for w, _, _ in words)


def _colon_speaker(words: Phrase, speech: SpeechData, memory: _Memory) -> Speaker | None:
    """ "X verteidigte den Schritt: „…“": the subject of a clause that introduces the quote."""
    if _colon_index(words) is None:
        return None
    return _resolve(_phrase(words, 0, speech, forward=True), speech, memory, subject=True)


# --- terms and titles -------------------------------------------------------------------------


def _is_title(
    text: str, line: _Line, start: int, end: int, attributed: bool, speech: SpeechData
) -> bool:
    """A title or a name in quotation marks: „Technik des Dramas“, „Allg. Ztg.“, a list's
    name in parentheses. It is a noun phrase (no clause punctuation, few words) that starts
    with a capital letter and is either in title case, follows a noun that names works or
    plans, stands in parentheses, or, where nobody speaks, follows an article."""
    inner = text[start:end]
    tokens = inner.split()
    if not tokens or len(tokens) > _MAX_TITLE_WORDS or not inner[:1].isupper():
        return False
    if any(c in inner for c in ",;!?:"):
        return False
    lettered = [t for t in tokens if t[:1].isalpha()]
    if len(lettered) >= 2 and all(t[:1].isupper() for t in lettered):
        return True
    before = _word_before(line.words, start)
    lower = before.lower()
    if lower == "(" or _is_title_noun(lower, speech):
        return True
    if lower in speech.object_determiners | speech.genitive_articles:
        return True  # "sagte dem „Inselboten“", "der „Saarbrücker Zeitung“": who is told
    if lower in speech.determiners and all(t[:1].isupper() for t in lettered):
        return True  # "berichtet die «Küstenpost»": speech never opens after an article
    return not attributed and lower in speech.determiners | speech.phrase_stops  # "in „…“"


def _word_before(words: Phrase, start: int) -> str:
    """The word before the opening quotation mark at ``start``."""
    previous = [w for w, _, e in words if e <= start and w not in _QUOTE_MARKS]
    return previous[-1] if previous else ""


def _is_title_noun(lower: str, speech: SpeechData) -> bool:
    return any(lower.endswith(noun) for noun in speech.title_nouns if len(lower) >= len(noun))


# --- attribution ------------------------------------------------------------------------------


def _sentence_speaker(words: Phrase, speech: SpeechData, memory: _Memory) -> Speaker | None:
    """The speaker this sentence names next to a verb of saying or an attribution word.

    Closing attributions (", sagte X", ", so X") are tried first, then "laut X", "X zufolge"
    and "nach Angaben von X", then any other verb of saying with the phrase after it, the
    subject of its clause or the subject before it.
    """
    inside = _inside_quotes(words)
    outside = [i for i in range(len(words)) if i not in inside]
    lowered = [w.lower() for w, _, _ in words]
    after_comma = [
        i
        for i in outside
        if i > 0
        and words[i - 1][0] == ","
        and lowered[i] in speech.verbs | speech.closing_attribution
    ]
    laut = [
        i
        for i in outside
        if lowered[i] in speech.source_before and _laut_opens_source(words, i, speech)
    ]
    zufolge = [i for i in outside if lowered[i] in speech.source_after]
    angaben = [i for i in outside if _report_noun_after(lowered, i, speech) is not None]
    verbs = [i for i in outside if lowered[i] in speech.verbs]
    found: dict[int, Speaker] = {}
    for i in sorted(set(after_comma + laut + zufolge + angaben + verbs)):  # text order: pronouns
        speaker = None  # then refer to a person named earlier in the same sentence
        if i in after_comma:
            speaker = _closing_speaker(words, i, speech, memory)
        elif i in laut:
            phrase = _phrase(words, i + 1, speech, forward=True)
            trial = memory.scratch()
            speaker = _source(_resolve(phrase, speech, trial, True), trial, words, speech, memory)
        elif i in zufolge:
            phrase = _phrase(words, i - 1, speech, forward=False)
            trial = memory.scratch()
            speaker = _source(_resolve(phrase, speech, trial), trial, words, speech, memory)
        elif i in angaben:
            trial = memory.scratch()
            found_by = _report_speaker(words, i, speech, trial)
            speaker = _source(found_by, trial, words, speech, memory)
        else:
            speaker = _verb_speaker(words, i, speech, memory)
        if speaker:
            found[i] = speaker
    for i in after_comma + laut + zufolge + angaben + verbs:
        if i in found:
            return found[i]
    return None


def _source(
    speaker: Speaker | None,
    trial: _Memory,
    words: Phrase,
    speech: SpeechData,
    memory: _Memory,
) -> Speaker | None:
    """The source of "laut X", "X zufolge", "nach Angaben X": no subject, so a later "er" or
    "der Zeuge" refers to it only when it is a person's full name ("laut dem Historiker Max
    Muster … schreibt er") or someone introduced ("nach Angaben eines Zeugen … sagte der
    Zeuge"), not to "laut FIFA-Regeln". ``speaker`` was resolved in ``trial``, a copy of
    ``memory`` that is kept only then."""
    if speaker is None:
        return None
    before = [w.lower() for w, _, end in words if end <= speaker.start][-1:]
    opener = before + speaker.name.lower().split()[:1]  # "eines Zeugen" or "eines" Zeugen
    introduced = bool(set(opener) & speech.indefinite)
    if introduced:
        trial.last = trial.person = speaker
    if introduced or (len(speaker.name.split()) >= 2 and speaker.name[:1].isupper()):
        memory.last, memory.person, memory.roles = trial.last, trial.person, trial.roles
    return speaker


def _laut_opens_source(words: Phrase, i: int, speech: SpeechData) -> bool:
    """ "laut Feuerwehr", "gilt laut Berichten als", "laut „Bild“": the preposition, before a
    noun, an article or a quoted name (never the adjective: "laut und deutlich")."""
    if i == 0 or words[i - 1][0] in _PUNCTUATION:
        return True
    after = words[i + 1][0] if i + 1 < len(words) else ""
    return after[:1].isupper() or after in _QUOTE_MARKS or after.lower() in speech.determiners


def _closing_speaker(words: Phrase, i: int, speech: SpeechData, memory: _Memory) -> Speaker | None:
    """ "„…“, sagte der Dichter": the phrase after the verb; but after an inserted clause
    ("Der Statiker X, der …, nannte den Zustand …") the subject stands before it."""
    if i + 1 < len(words) and words[i + 1][0].lower() in speech.expletive_pronouns:
        return _impersonal_source(words, i + 2, speech, memory)  # ", heißt es aus X"
    after = _phrase(words, i + 1, speech, forward=True)
    owner = _statement_owner(words, i + 1, speech)
    if owner is not None:  # ", so die Aussage des Mannes": whose statement it is
        return _resolve(_phrase(words, owner, speech, forward=True), speech, memory, True)
    roles = any(is_role(w, speech) for w, _, _ in after)
    if memory.referent() is not None and not roles and _is_epithet(after, speech):
        return memory.referent()  # ", sagte der Franzose": the person named before
    if after and after[0][0].lower() in speech.determiners and not _is_named(after, speech):
        speaker = _verb_speaker(words, i, speech, memory)
        if speaker is not None:
            return speaker
    return _resolve(after, speech, memory, subject=True)


def _statement_owner(words: Phrase, start: int, speech: SpeechData) -> int | None:
    """Index of the owner in "die Aussage des Mannes" / "die Angaben von X" at ``start``:
    the statement is not the speaker, the genitive after it is."""
    j = start + 1 if start < len(words) and words[start][0].lower() in speech.determiners else start
    if j + 2 >= len(words) or words[j][0].lower() not in speech.report_nouns:
        return None
    after = words[j + 1][0].lower()
    return j + 2 if after in speech.owner_prepositions | speech.genitive_articles else None


def _impersonal_source(
    words: Phrase, start: int, speech: SpeechData, memory: _Memory
) -> Speaker | None:
    """ "…, heißt es aus dem Landesbetrieb" / "hieß es in einer Erklärung des Präsidialamts":
    the source after "aus" or a genitive article; none for "in einer Mitteilung"."""
    for j in range(start, len(words) - 1):
        lower = words[j][0].lower()
        if lower in _PUNCTUATION:
            break  # ", hieß es, die Strategie eines …": what was said, not its source
        genitive = lower in speech.genitive_articles - speech.dative_articles
        if lower in speech.source_prepositions or (genitive and j > start):
            source = _phrase(words, j + 1, speech, forward=True)
            while source and source[0][0].lower() in speech.determiners:
                source = source[1:]  # "aus dem Landesbetrieb": the article of a dative
            speaker = _resolve(source, speech, memory, True)
            if speaker is not None:
                return speaker
    return None


def _document_source(
    words: Phrase, start: int, end: int, speech: SpeechData, memory: _Memory
) -> Speaker | None:
    """The source a statement noun before "hieß es" names: "In dem Times-Bericht" (the
    compound's first part), "In der Erklärung des Ministeriums" (the genitive)."""
    for j in range(start, end):
        word, begin, _ = words[j]
        if word.rsplit("-", 1)[-1].lower() not in speech.report_nouns:
            continue
        if "-" in word:
            prefix = word.rsplit("-", 1)[0]
            return Speaker(prefix, begin, begin + len(prefix))
        owner = _statement_owner(words, j, speech)
        if owner is not None:
            return _resolve(_phrase(words, owner, speech, forward=True), speech, memory, True)
    return None


def _is_named(phrase: Phrase, speech: SpeechData) -> bool:
    """The phrase holds a name or a role, not only a common noun."""
    return any(is_role(w, speech) for w, _, _ in phrase) or (
        bool(_name(phrase, speech)) and phrase[0][0].lower() not in speech.determiners
    )


def _report_noun_after(lowered: list[str], i: int, speech: SpeechData) -> int | None:
    """Index of the source noun in "nach [den|eigenen] Angaben …" / "nach Kreml-Angaben"."""
    if lowered[i] not in speech.report_prepositions:
        return None
    for j in (i + 1, i + 2):
        if j < len(lowered) and lowered[j].rsplit("-", 1)[-1] in speech.report_nouns:
            return j
        opens = lowered[j] in speech.determiners | speech.own_words if j < len(lowered) else False
        adjective = j < len(lowered) and lowered[j].endswith(speech.report_adjective_endings)
        if j < len(lowered) and not opens and not adjective:
            return None  # "nach russischen Angaben" goes on, "nach dem Treffen" does not
    return None


def _report_speaker(words: Phrase, i: int, speech: SpeechData, memory: _Memory) -> Speaker | None:
    """ "nach Angaben von X" / "nach Kreml-Angaben" / "nach eigenen Angaben" (the subject)."""
    lowered = [w.lower() for w, _, _ in words]
    j = _report_noun_after(lowered, i, speech)
    assert j is not None
    word, start, _ = words[j]
    if "-" in word:  # "nach Kreml-Angaben"
        prefix = word.rsplit("-", 1)[0]
        return Speaker(prefix, start, start + len(prefix))
    if any(w in speech.own_words for w in lowered[i + 1 : j]):
        return _resolve(_phrase(words, 0, speech, forward=True), speech, memory, True)
    following = j + 1
    if following < len(words) and lowered[following] in speech.owner_prepositions:
        following += 1
    elif following >= len(words) or lowered[following] not in speech.genitive_articles:
        return _resolve(words[i + 1 : j + 1], speech, memory)  # "nach russischen Angaben"
    phrase = _phrase(words, following, speech, forward=True)
    return _resolve(phrase, speech, memory, True)


def _verb_speaker(words: Phrase, i: int, speech: SpeechData, memory: _Memory) -> Speaker | None:
    """The phrase after the verb ("sagte Uschakow"), the subject of a verb-final clause
    ("den Putin … bezeichnet hatte", "wie der Kreml mitteilte"), else the subject before the
    verb, past a relative clause or an apposition ("Der Statiker X, der …, nannte …")."""
    if i + 1 < len(words) and words[i + 1][0].lower() in speech.expletive_pronouns:
        return _impersonal_source(words, i + 2, speech, memory) or _document_source(
            words, _clause_start(words, i), i, speech, memory
        )  # "In dem Times-Bericht hieß es, …"
    vorfeld = _vorfeld(words, i, speech)
    recipient = bool(vorfeld) and vorfeld[0][0].lower() in speech.object_determiners
    if vorfeld and _is_named(vorfeld, speech) and not recipient:  # not "Dem Magazin X sagte"
        return _resolve(vorfeld, speech, memory, subject=True)  # "Die Opposition warf der …"
    after = _phrase(words, i + 1, speech, forward=True)
    first = after[0][0] if after else ""
    starts_object = first.lower() in speech.determiners or (
        first[:1].islower() and first.lower() not in speech.pronouns
    )
    if vorfeld and vorfeld[0][0].lower() in speech.back_pointers:
        starts_object = False  # "Das berichtet die Zeitung": "Das" is the object
    person = any(is_role(w, speech) for w, _, _ in after) or _is_epithet(after, speech)
    if starts_object and not person:  # "meinte die 33-Jährige" is the subject
        after = []  # an object ("nannte die Verhandlungen", "forderte schnelle Hilfen")
    speaker = _resolve(after, speech, memory)
    if speaker is None:
        speaker = _clause_subject(words, i, speech, memory)
    if speaker is None:
        speaker = _subject_before(words, i, speech, memory)
    if speaker is None and vorfeld:
        speaker = _resolve(vorfeld, speech, memory, subject=True)
    return speaker


def _vorfeld(words: Phrase, i: int, speech: SpeechData) -> Phrase:
    """The noun phrase that opens the main clause of the verb at ``i`` (its subject in
    verb-second order, "Die Opposition im Stadtrat warf …"), or [] when something else opens
    it (a prepositional phrase, an adverb, a subordinate clause)."""
    start = _clause_start(words, i)
    opener = words[start][0].lower() if start < i else ""
    if not opener or (start > 0 and opener in speech.relative_pronouns | speech.subordinators):
        return []
    between = _outside_parentheses(words[start:i])  # "Uli Hoeneß (67) hatte …"
    if any(w in _PUNCTUATION or w.lower() in speech.verbs for w, _, _ in between):
        return []
    if any(w[:1].isupper() and w.lower() in speech.subordinators for w, _, _ in between[1:]):
        return []  # "… lag im Wald Wie ein Sprecher sagte": glued sentences, not the subject
    phrase = _phrase(words, start, speech, forward=True)
    return phrase if phrase and phrase[0][1] == words[start][1] else []


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


def _clause_subject(words: Phrase, i: int, speech: SpeechData, memory: _Memory) -> Speaker | None:
    """The subject right after a relative pronoun or a subordinating word of a verb-final
    clause, or, for "der"/"die" as the subject itself, the phrase it refers back to."""
    start = _clause_start(words, i)
    inner = [  # a capitalised "Wie" inside the clause: two sentences glued together
        j
        for j in range(start + 1, i - 1)
        if words[j][0][:1].isupper() and words[j][0].lower() in speech.subordinators
    ]
    if inner:
        start = inner[-1]  # "Gesuchter Mann lag im Wald Wie ein Sprecher sagte, …": glued text
    if start >= i - 1:
        return None
    opener = words[start][0].lower()
    if opener not in speech.relative_pronouns | speech.subordinators:
        return None
    subject = _resolve(_phrase(words, start + 1, speech, forward=True), speech, memory, True)
    if subject is not None or opener not in speech.relative_pronouns or start < 2:
        return subject
    antecedent = _phrase(words, start - 2, speech, forward=False)
    return _resolve(antecedent, speech, memory)


def _subject_before(words: Phrase, i: int, speech: SpeechData, memory: _Memory) -> Speaker | None:
    """The phrase before the verb when it opens its clause; an inserted clause between
    commas right before the verb is skipped."""
    end = i - 1
    if end > 0 and words[end][0] == ",":
        inside = _inside_quotes(words)
        commas = [j for j in range(end) if words[j][0] == "," and j not in inside]
        if not commas:
            return None
        end = commas[-1] - 1
    before = _phrase(words, end, speech, forward=False)
    start = end - len(before)
    if start >= 0 and words[start][0] not in _PUNCTUATION and words[start][0] not in _QUOTE_MARKS:
        return None
    return _resolve(before, speech, memory, subject=True)


def _pronoun_of_subjunctive(words: Phrase, speech: SpeechData, memory: _Memory) -> Speaker | None:
    """ "Alle Änderungen lehne er ab", "Er habe …": a third-person pronoun as the subject of a
    Konjunktiv I form reports the speech of the person named last as a subject."""
    inside = _inside_quotes(words)
    personal = speech.subject_pronouns - speech.impersonal_pronouns
    for i in range(len(words)):
        if i in inside or not _is_konjunktiv_i(words, i, speech):
            continue
        follows = i + 1 < len(words) and words[i + 1][0].lower() in personal
        leads = (
            i > 0
            and words[i - 1][0].lower() in personal
            and (i == 1 or words[i - 2][0] in _PUNCTUATION)
        )
        if follows or leads:
            return memory.last
    return None


def _is_konjunktiv_i(words: Phrase, i: int, speech: SpeechData) -> bool:
    """A listed Konjunktiv I form, or a verb form in -e next to "er"/"es"/"man" ("lehne er",
    "man plane"), where the indicative would end in -t."""
    word = words[i][0]
    lower = word.lower()
    if lower in speech.subjunctive:
        return True
    if (
        not word[:1].islower()
        or len(lower) < 4
        or not lower.endswith(speech.subjunctive_endings)
        or lower.endswith(speech.weak_past_endings)
        or lower in speech.not_verbs | speech.determiners | speech.function_words
    ):
        return False
    after = words[i + 1][0].lower() if i + 1 < len(words) else ""
    before = words[i - 1][0].lower() if i > 0 else ""
    opens = i < 2 or words[i - 2][0] in _PUNCTUATION
    inverted = i > 0 and before not in _PUNCTUATION and after in speech.subject_pronouns
    return inverted or (before in speech.subject_pronouns and opens)


def _learn_roles(text: str, body: list[Sentence], speech: SpeechData, memory: _Memory) -> None:
    """Roles tied to names in subject position ("Oberbürgermeisterin Petra Sommerfeld hatte …"),
    so that "sagte die Oberbürgermeisterin" finds her. Objects ("ließ der Präsident X abholen")
    are not subjects and are not learnt."""
    for sentence in body:
        words = [(text[a:b], a, b) for a, b in sentence.tokens]
        speaker, roles = _subject(words, speech)
        if speaker and roles:
            memory.roles.setdefault(role_key(roles[-1], speech), speaker)


def _subject(words: Phrase, speech: SpeechData) -> tuple[Speaker | None, list[str]]:
    """The person named at the start of a sentence (its subject), and the roles given there."""
    phrase = _phrase(words, 0, speech, forward=True)
    if not phrase or phrase[0][0].lower() in speech.function_words:
        return None, []  # "Bereits Jahre zuvor sei …": an adverb, not the subject, comes first
    name = _name(phrase, speech)
    roles = [w for w, _, _ in phrase if is_role(w, speech)]
    if not name or (phrase[0][0].lower() in speech.determiners and not roles):
        return None, roles  # "Die Europäer müssten …" is a group, not a named person
    return Speaker(" ".join(w for w, _, _ in name), name[0][1], name[-1][2]), roles


def _inside_quotes(words: Phrase) -> set[int]:
    """Indices of the words between quotation marks; a straight quote or a guillemet opens
    when it leans on the word after it and closes when it leans on the word before it."""
    inside: set[int] = set()
    depth = 0
    for i, (word, start, end) in enumerate(words):
        if word not in _QUOTE_MARKS:
            if depth:
                inside.add(i)
            continue
        leans_left = i > 0 and words[i - 1][2] == start
        leans_right = i + 1 < len(words) and words[i + 1][1] == end
        if word in _OPENING_MARKS - _EITHER_WAY or (
            word in _EITHER_WAY and leans_right and not (leans_left and depth)
        ):
            depth += 1
        elif depth:
            depth -= 1
    return inside


def _phrase(words: Phrase, index: int, speech: SpeechData, forward: bool) -> Phrase:
    """The noun phrase next to the verb, up to punctuation, a preposition or the object that
    follows a name; after a comma, an apposition that names the person ("die Sprecherin des
    Hauses, Karoline Leavitt,")."""
    step = 1 if forward else -1
    phrase: Phrase = []
    while forward and 0 <= index < len(words):
        if words[index][0].lower() in speech.skipped_adverbs:
            index += 1
        elif _time_phrase(words, index, speech):
            index += 2  # "sagte am Dienstag auch X"
        else:
            break
    while 0 <= index < len(words):
        word = words[index][0]
        lower = word.lower()
        if forward and _quoted_name_mark(words, index, phrase, speech):
            index += 1  # "die «Küstenpost»", "der „Saarbrücker Zeitung“": a name in marks
            continue
        if forward and lower in speech.phrase_stops:
            skipped = _extended_attribute(words, index, phrase, speech)
            if skipped:
                phrase.extend(words[index:skipped])
                index = skipped
                continue
        if word in _PUNCTUATION or lower in speech.phrase_stops or word in _QUOTE_MARKS:
            break
        if lower in speech.verbs or (not forward and lower in speech.skipped_adverbs):
            break
        if (
            forward
            and phrase
            and (
                (lower in speech.determiners and _has_name_candidate(phrase, speech))
                or (
                    word[:1].islower()
                    and lower not in speech.determiners
                    and _has_head(phrase, speech)
                    and not _role_follows(words, index, speech)
                )
            )
        ):
            break
        phrase.append(words[index])
        index += step
    if not forward:
        phrase.reverse()
    if forward and len(phrase) > 1 and phrase[-1][0].lower() in speech.genitive_articles:
        phrase = phrase[:-1]  # "der Chef der europafeindlichen Partei (…), Max Muster,"
        index = _attribute_end(words, index)
    if (
        forward
        and phrase
        and 0 <= index < len(words)
        and words[index][0] == ","
        and not _name(phrase, speech)
    ):
        apposition = _phrase(words, index + 1, speech, forward=True)
        if _name(apposition, speech):
            return apposition
    return phrase


def _attribute_end(words: Phrase, index: int) -> int:
    """The comma that ends a genitive attribute starting at ``index`` (parentheses inside
    skipped), so that the apposition after it can name the person; else ``index``."""
    depth = 0
    for j in range(index, min(index + _MAX_ATTRIBUTE_WORDS, len(words))):
        word = words[j][0]
        depth += (word == "(") - (word == ")")
        if depth == 0 and word == ",":
            return j
        if depth == 0 and (word in _PUNCTUATION - {")"} or word in _QUOTE_MARKS):
            break
    return index


def _extended_attribute(words: Phrase, index: int, phrase: Phrase, speech: SpeechData) -> int:
    """ "die in Klagenfurt tätige Politologin X": after a bare article, a preposition opens an
    attribute that ends in an adjective before the noun; the index after the adjective, or 0."""
    if len(phrase) != 1 or phrase[0][0].lower() not in speech.determiners:
        return 0
    for j in range(index + 1, min(index + 5, len(words) - 1)):
        word = words[j][0]
        if word in _PUNCTUATION or word in _QUOTE_MARKS:
            return 0
        if word[:1].islower() and word.endswith(speech.attribute_endings):
            return j + 1 if words[j + 1][0][:1].isupper() else 0
    return 0


def _time_phrase(words: Phrase, index: int, speech: SpeechData) -> bool:
    """ "am Dienstag", "am Abend" before more words: when, not who."""
    return (
        words[index][0] in speech.time_prepositions
        and index + 2 < len(words)
        and words[index + 1][0][:1].isupper()
        and words[index + 2][0] not in _PUNCTUATION
    )


def _quoted_name_mark(words: Phrase, index: int, phrase: Phrase, speech: SpeechData) -> bool:
    """A quotation mark around a name that follows the phrase's article, or its noun ("die
    US-Seite „XY“", a short name in marks): it belongs to it."""
    word, start, end = words[index]
    if word not in _QUOTE_MARKS or not phrase:
        return False
    after = words[index + 1] if index + 1 < len(words) else None
    last = phrase[-1][0]
    opening = (
        (last.lower() in speech.determiners or (last[:1].isupper() and _short_name(words, index)))
        and after is not None
        and after[1] == end
        and after[0][:1].isupper()
    )
    closing = phrase[-1][2] == start and any(w in _QUOTE_MARKS for w, _, _ in words[:index])
    return opening or (closing and _opened_in(words, index, phrase))


def _short_name(words: Phrase, index: int) -> bool:
    """The quotation opening at ``index`` closes soon and holds capitalised words only."""
    for j in range(index + 1, min(index + 2 + _MAX_NAME_WORDS, len(words))):
        if words[j][0] in _QUOTE_MARKS:
            return j > index + 1
        if not words[j][0][:1].isupper():
            return False
    return False


def _opened_in(words: Phrase, index: int, phrase: Phrase) -> bool:
    """The phrase itself holds the opening mark of the one at ``index``: the words between
    were skipped marks' content (the phrase spans them)."""
    first = phrase[0][1]
    return any(w in _QUOTE_MARKS and first <= s for w, s, _ in words[:index])


def _has_name_candidate(phrase: Phrase, speech: SpeechData) -> bool:
    return any(
        w[:1].isupper()
        and not is_role(w, speech)
        and w.lower() not in speech.determiners | speech.function_words
        for w, _, _ in phrase
    )


def _has_head(phrase: Phrase, speech: SpeechData) -> bool:
    """The phrase already holds a noun (a name or a role): a lower-case word ends it."""
    return any(
        w[:1].isupper() and w.lower() not in speech.determiners | speech.function_words
        for w, _, _ in phrase
    )


def _role_follows(words: Phrase, index: int, speech: SpeechData) -> bool:
    """ "Putins außenpolitischer Berater …": after a genitive, an adjective before a role
    belongs to the phrase ("Uschakow russischen Medien" does not)."""
    genitive = index > 0 and words[index - 1][0].endswith(speech.genitive_endings)
    return genitive and any(is_role(w, speech) for w, _, _ in words[index + 1 : index + 3])


def _name(phrase: Phrase, speech: SpeechData) -> Phrase:
    """The capitalised run at the end of the phrase, after role words, without adverbs or
    conjunctions ("So", "Nun") and not owned by an organisation ("des Weißen Hauses"); a
    phrase headed by an abstract noun ("diese Darstellungen Moskaus") names nobody."""
    if _is_abstract(phrase, speech):
        return []
    run: Phrase = []
    for word in reversed(phrase):
        lower = word[0].lower()
        if not word[0][:1].isupper() or is_role(word[0], speech) or lower in _persons(speech):
            break
        if lower in speech.determiners or lower in speech.function_words:
            break
        run.insert(0, word)
    if not run:
        return []
    position = len(phrase) - len(run)
    if position > 1 and phrase[position - 1][0].lower() in speech.genitive_articles:
        return []
    return run


def _persons(speech: SpeechData) -> frozenset[str]:
    """Pronouns of every person ("Ich kaufe …" names nobody)."""
    return speech.pronouns | speech.first_person


def _is_abstract(phrase: Phrase, speech: SpeechData) -> bool:
    """The phrase's first noun is an abstract one ("Darstellungen", "Einigung"), not a role."""
    for word, _, _ in phrase:
        lower = word.lower()
        if not word[:1].isupper() or lower in speech.determiners or lower in speech.function_words:
            continue
        return not is_role(word, speech) and lower.endswith(speech.abstract_endings)
    return False


@lru_cache(maxsize=100_000)  # called for every token of a story
def is_role(word: str, speech: SpeechData) -> bool:
    lower = word.lower()
    stems = {lower, *(lower.removesuffix(suffix) for suffix in speech.inflection_suffixes)}
    return any(
        stem in speech.roles or any(stem.endswith(r) and len(r) > 4 for r in speech.roles)
        for stem in stems
    )


def _resolve(
    phrase: Phrase, speech: SpeechData, memory: _Memory, subject: bool = False
) -> Speaker | None:
    """A named person, or whom a pronoun or a bare role refers to; for a phrase in subject
    position, also a group or a person named by a common noun ("der Dichter")."""
    if not phrase:
        return None
    lowered = [w.lower() for w, _, _ in phrase]
    if len(phrase) == 1 and lowered[0] in speech.pronouns:
        return memory.last
    if _is_abstract(phrase, speech):
        return None
    name = _name(phrase, speech)
    whole = Speaker(" ".join(w for w, _, _ in phrase), phrase[0][1], phrase[-1][2])
    if len(name) == 1 and memory.only_opens(name[0]) and not is_role(name[0][0], speech):
        return None
    if name:
        position = len(phrase) - len(name)
        if position and _is_body(phrase[position - 1][0], speech):
            name = phrase[position - 1 : position] + name  # "die Autobahnpolizei Köln"
            position -= 1
        speaker = Speaker(" ".join(w for w, _, _ in name), name[0][1], name[-1][2])
        if position and lowered[position - 1] in speech.determiners:
            if memory.referent() is not None and _is_epithet(phrase, speech):
                return memory.referent()  # "schreibt der US-Regisseur": the person named before
            return speaker  # "der Kreml", "die Europäer": not a person to refer back to
        for word, _, _ in phrase:
            if is_role(word, speech):
                memory.roles[role_key(word, speech)] = speaker
        memory.last = memory.person = speaker
        return speaker
    roles = [w for w, _, _ in phrase if is_role(w, speech)]
    epithet = _is_epithet(phrase, speech)
    if roles:
        if lowered[0] in speech.indefinite:
            return whole  # "ein Sprecher des Ministeriums": someone not named before
        if lowered[0] in speech.determiners:
            known = memory.roles.get(role_key(roles[-1], speech))  # "der Berater"
            referent = memory.referent()
            if known is None and epithet and referent is not None:
                known = memory.roles[role_key(roles[-1], speech)] = referent
            return known or whole  # "der Zeuge" then stays the same person
        return whole  # "russische Medien"
    if epithet and memory.referent() is not None:
        return memory.referent()  # "sagte der Franzose": the person named before
    if subject and _has_noun(phrase, speech):
        return whole
    return None


def _is_body(word: str, speech: SpeechData) -> bool:
    """A role word for an organisation ("Polizei", "Ministerium"), not for a person
    ("Bürgermeister", "Sprecherin"): with the name after it, it is the speaker's name."""
    return is_role(word, speech) and not word.lower().endswith(speech.person_endings)


def _is_epithet(phrase: Phrase, speech: SpeechData) -> bool:
    """ "der 63-Jährige", "die Rathauschefin", "der Oscarpreisträger": a singular definite
    noun phrase for a person (a masculine article, or a feminine one before a feminine person
    noun), which journalists use for the person named before rather than for a new one."""
    if len(phrase) < 2 or len(phrase) > 4:
        return False
    article, head = phrase[0][0].lower(), phrase[-1][0]
    endings = next((e for a, e in speech.epithet_articles if a == article), None)
    if endings is None:
        return False
    age = _regex(speech.age_epithet)
    aged = age is not None and bool(age.fullmatch(head))
    return aged or (head[:1].isupper() and head.lower().endswith(endings))


def _has_noun(phrase: Phrase, speech: SpeechData) -> bool:
    """The phrase ends in a noun (German heads come last: "der Dichter") and does not open
    as an object ("den Zustand") or with an adverb or a conjunction ("Gestern", "So")."""
    head, first = phrase[-1][0], phrase[0][0].lower()
    return (
        head[:1].isupper()
        and head.lower() not in speech.function_words | speech.pronouns
        and first not in speech.object_determiners
        and first not in speech.function_words
    )


@lru_cache(maxsize=100_000)
def role_key(word: str, speech: SpeechData) -> str:
    lower = word.lower()
    stems = (lower, *(lower.removesuffix(suffix) for suffix in speech.inflection_suffixes))
    matches = [r for r in speech.roles if len(r) > 3 and any(s.endswith(r) for s in stems)]
    return min(matches, key=len) if matches else lower  # "Stadtkämmerer" -> "kämmerer"


# --- indirect speech --------------------------------------------------------------------------


def _indirect(
    article: Article,
    line: _Line,
    speech: SpeechData,
    carried: bool = False,
    just_spoken: bool = False,
) -> tuple[int, int] | None:
    """The reported clause of a sentence, or None: a sentence in the Konjunktiv, a "dass"
    clause after a verb of saying, or what "laut X", "X zufolge" or "nach Angaben von X"
    attribute to X (in any mood)."""
    words, sentence, text = line.words, line.sentence, article.text
    inside = _inside_quotes(words)
    outside = [i for i in range(len(words)) if i not in inside]
    lowered = [w.lower() for w, _, _ in words]
    attributed = line.speaker is not None or line.weak is not None
    clause = _verb_then_clause(lowered, words, speech)
    closing = not _has_marks(words) and (
        bool(_closing_verbs(words, outside, lowered, speech))
        or clause is not None  # "sagte am Montag, es …"
    )
    moods = [i for i in outside if not _in_unreported_clause(words, i, speech)]
    konjunktiv = any(_is_konjunktiv_i(words, i, speech) for i in moods)
    konjunktiv_ii = any(lowered[i] in speech.subjunctive_ii for i in moods)
    marked = (
        konjunktiv
        or (carried and konjunktiv_ii)
        or (carried and just_spoken and any(lowered[i] in speech.accordingly for i in outside))
        or (
            attributed
            and (
                closing
                or any(lowered[i] in speech.subjunctive_ii for i in outside)
                or _attributed_by_phrase(lowered, outside, speech)
                or (clause is not None and lowered[clause] in speech.complementizers)
            )
        )
    )
    if not marked:
        return None
    span = _reported_span(words, outside, lowered, speech, clause, sentence, text)
    if clause is not None and span is not None and span[0] == words[clause][1]:
        shifted = {i - clause for i in inside if i >= clause}
        return None if _is_infinitive(words[clause:], shifted, speech) else span  # "warf ihm vor, …
    return span  # … Warnungen ignoriert zu haben": an infinitive states nothing


def _in_unreported_clause(words: Phrase, i: int, speech: SpeechData) -> bool:
    """Word ``i`` stands in a clause that is no speech ("…, weil er … verbreitet hätte"): its
    Konjunktiv gives a reason, it does not report."""
    start = _clause_start(words, i)
    return start < i and words[start][0].lower() in speech.not_reported_openers


def _closing_verbs(
    words: Phrase, outside: list[int], lowered: list[str], speech: SpeechData
) -> list[int]:
    """Verbs of saying (or "so") right after a comma that close what was said: ", sagte X".
    Not after an inserted relative clause ("Der Trainer, der … gerettet hatte, erklärte …")."""
    found = []
    for i in outside:
        closing = lowered[i] in speech.verbs | speech.closing_attribution
        if i > 1 and words[i - 1][0] == "," and closing:
            opener = _clause_start(words, i - 2)
            if opener > 0 and _relative_clause(lowered, opener, speech):
                continue
            found.append(i)
    return found


def _reported_span(
    words: Phrase,
    outside: list[int],
    lowered: list[str],
    speech: SpeechData,
    clause: int | None,
    sentence: Sentence,
    text: str,
) -> tuple[int, int] | None:
    for i in outside:
        if (
            lowered[i] in speech.complementizers
            and i > 1
            and words[i - 1][0] == ","
            and _after_saying(lowered, i, speech)
        ):
            if any(_is_konjunktiv_i(words, k, speech) for k in outside if k < i):
                break  # "Er wolle nicht aufgeben, dass …": the whole sentence is reported
            return words[i][2] + 1, _clause_end(words, i, speech, sentence, text)
    if clause is not None:
        return words[clause][1], _without_period(text, sentence)  # "sagte, X habe …"
    for i in _closing_verbs(words, outside, lowered, speech)[:1]:
        return _before_quote(words, sentence.start, words[i - 2][2])  # "Es gebe …, sagte X"
    start = _konjunktiv_clause_start(words, outside, speech, sentence)
    return _before_quote(words, start, _without_period(text, sentence))


def _before_quote(words: Phrase, start: int, end: int) -> tuple[int, int]:
    """The reported span up to a colon that opens a quotation ("Sie sei ein Fan gewesen:
    „…“, so X"): the quotation is a quote of its own."""
    colon = _colon_index(words)
    if colon is not None and words[colon + 1][0] in _QUOTE_MARKS and words[colon][1] > start:
        return start, words[colon - 1][2]
    return start, end


def _konjunktiv_clause_start(
    words: Phrase, outside: list[int], speech: SpeechData, sentence: Sentence
) -> int:
    """Where the reported part of a sentence starts: at the sentence, unless a quotation
    stands before the clause of its Konjunktiv ("Er nannte sie „nützlich“, es sei aber …"):
    then at that clause, and the quotation stays a quote of its own."""
    for k in outside:
        if _is_konjunktiv_i(words, k, speech) or words[k][0].lower() in speech.subjunctive_ii:
            start = _clause_start(words, k)
            if any(w in _QUOTE_MARKS for w, _, _ in words[:start]):
                return words[start][1]
            break
    return sentence.start


def _is_infinitive(clause: Phrase, inside: set[int], speech: SpeechData) -> bool:
    """The clause after "sagte," (up to its next comma) is an infinitive: it ends in "zu" and a
    verb, or in a verb with "zu" inside ("fernzuhalten")."""
    words = []
    for i, word in enumerate(clause):
        if word[0] in _PUNCTUATION and i not in inside:
            break
        words.append(word[0])
    if len(words) < 2:
        return False
    last = words[-1]
    infix = _regex(speech.infix_infinitive)
    marked = words[-2].lower() in speech.infinitive_markers
    return marked or bool(last[:1].islower() and infix is not None and infix.search(last))


def _reported_kind(line: _Line, span: tuple[int, int], speech: SpeechData) -> str:
    """Direct speech without quotation marks ("Ich kann damit nichts anfangen, schreibt X":
    the marks dropped, the speaker's own person and mood kept), else indirect: a Konjunktiv,
    a "dass" clause, "laut X" / "X zufolge" / "nach Angaben", "wie X sagte", or the speaker
    spoken of in the third person ("Sie wolle …", "Sie wollte sich trennen, sagte X")."""
    words = line.words
    lowered = [w.lower() for w, _, _ in words]
    inside = _inside_quotes(words)
    outside = [i for i in range(len(words)) if i not in inside]
    within = [i for i in outside if span[0] <= words[i][1] and words[i][2] <= span[1]]
    before = [i for i in outside if words[i][2] <= span[0]]
    persons = [i for i in within if lowered[i] in speech.first_person]
    listed = [  # "habe ich", "ich habe": the indicative of the first person
        i for i in within if lowered[i] in speech.subjunctive and not {i - 1, i + 1} & set(persons)
    ]
    if persons and not (listed and listed[0] < persons[0]):
        return "direct"  # reported speech keeps no "ich" or "wir" (but "X habe …, dass wir …")
    if (
        any(_is_konjunktiv_i(words, i, speech) for i in within)
        or any(lowered[i] in speech.subjunctive_ii for i in within)
        or _weak_past_second(words, within, speech)
        or _attributed_by_phrase(lowered, outside, speech)
        or any(lowered[i] in speech.complementizers for i in before[-1:])
        or (lowered[0] in speech.subordinators - speech.complementizers)  # "Wie X mitteilte, …"
        or any(lowered[i] in speech.accordingly for i in outside)
    ):
        return "indirect"
    clause = _verb_then_clause(lowered, words, speech)
    if clause is not None and words[clause][1] == span[0]:
        return "indirect"  # "erklärte X, Benitez genieße …": a clause after "sagte," reports
    third = speech.subject_pronouns - speech.impersonal_pronouns
    return "indirect" if any(lowered[i] in third for i in within) else "direct"


def _weak_past_second(words: Phrase, within: list[int], speech: SpeechData) -> bool:
    """ "Es fehlten zwei Millionen, sagte X": a weak past form as the second word stands for
    the Konjunktiv (Konjunktiv II and the simple past look alike)."""
    if len(within) < 2:
        return False
    word = words[within[1]][0]
    lower = word.lower()
    return (
        word[:1].islower()
        and lower.endswith(speech.weak_past_endings)
        and lower not in speech.not_verbs | speech.determiners | speech.function_words
    )


def _attributed_by_phrase(lowered: list[str], outside: list[int], speech: SpeechData) -> bool:
    """ "laut X", "X zufolge", "nach Angaben X", "…, wie X mitteilte": a source's report."""
    return any(
        lowered[i] in speech.source_before | speech.source_after
        or _report_noun_after(lowered, i, speech) is not None
        or _as_said(lowered, i, speech)
        for i in outside
    )


def _as_said(lowered: list[str], i: int, speech: SpeechData) -> bool:
    """ "…, wie das Unternehmen am Freitag mitteilte": "wie" after a comma opens a clause that
    ends in a verb of saying."""
    if lowered[i] not in speech.as_said or i == 0 or lowered[i - 1] != ",":
        return False
    for word in lowered[i + 1 : i + 10]:
        if word in _PUNCTUATION:
            return False
        if word in speech.verbs:
            return True
    return False


def _after_saying(lowered: list[str], dass: int, speech: SpeechData) -> bool:
    """A verb of saying stands in the clause before "dass" (or anywhere when it is Konjunktiv)."""
    return any(w in speech.verbs for w in lowered[max(0, dass - 10) : dass]) or any(
        w in speech.subjunctive | speech.subjunctive_ii for w in lowered[dass:]
    )


def _verb_then_clause(lowered: list[str], words: Phrase, speech: SpeechData) -> int | None:
    """Index of the first word of the clause after "sagte [am Mittwoch]," — or None when there
    is none or it is not what was said ("…, obwohl er …"); a parenthesis between is skipped
    ("verriet gestern (7. April), dass …"), and so is an apposition that names the speaker
    ("sagte der Chef der Partei, Max Muster, am Abend")."""
    for i, lower in enumerate(lowered):
        if lower not in speech.verbs:
            continue
        depth = 0
        apposition = 0
        for j in range(i + 1, min(i + 11, len(words) - 1)):
            depth += (words[j][0] == "(") - (words[j][0] == ")")
            if depth > 0 or words[j][0] == ")" or j <= apposition:
                continue
            if words[j][0] == "," and _apposition_end(words, j + 1, speech):
                apposition = _apposition_end(words, j + 1, speech)
                continue
            if words[j][0] == ",":
                if lowered[j + 1] in speech.not_reported_openers or _relative_clause(
                    lowered, j + 1, speech
                ):
                    return None
                if lowered[j + 1] in speech.verbs:
                    break  # "berichtet, sagte X": the attribution, not what was said
                return j + 1
            if words[j][0] in _PUNCTUATION:
                break
            if words[j][0] in _QUOTE_MARKS and not _quoted_name_mark(words, j, words[i:j], speech):
                break  # speech, not "sagte der „Saarbrücker Zeitung“ vom Dienstag, …"
    return None


def _apposition_end(words: Phrase, start: int, speech: SpeechData) -> int:
    """Index of the comma that closes a name standing alone between commas (", Max Muster,"),
    or 0."""
    for j in range(start, min(start + _MAX_NAME_WORDS + 1, len(words))):
        word = words[j][0]
        if word == ",":
            return j if j > start else 0
        if not word[:1].isupper() or word.lower() in speech.determiners | speech.function_words:
            return 0
    return 0


def _relative_clause(lowered: list[str], i: int, speech: SpeechData) -> bool:
    """ "sagte Kahn, der ab Januar …": a relative pronoun (not an article: "die Seiten") opens
    the clause when a preposition, an article, a pronoun or a number follows it."""
    if lowered[i] not in speech.relative_pronouns or i + 1 >= len(lowered):
        return False
    after = lowered[i + 1]
    closed = speech.phrase_stops | speech.determiners | speech.pronouns | speech.function_words
    return after in closed or after[:1].isdigit()


def _clause_end(words: Phrase, dass: int, speech: SpeechData, sentence: Sentence, text: str) -> int:
    """The end of a dass-clause: its verb in the Konjunktiv, or the sentence end."""
    for word, _, end in words[dass + 1 :]:
        if word.lower() in speech.subjunctive | speech.subjunctive_ii:
            return end
    return _without_period(text, sentence)


def _without_period(text: str, sentence: Sentence) -> int:
    end = sentence.end
    while end > sentence.start and text[end - 1] in ".!?":
        end -= 1
    return end


def _without_period_of(text: str, line: _Line) -> int:
    return _without_period(text, line.sentence)


def _next_reported(
    article: Article, lines: list[_Line], index: int, speech: SpeechData
) -> Speaker | None:
    """The speaker of the next sentence when it continues the same reported speech."""
    following = index + 1
    if (
        following < len(lines)
        and lines[following].speaker is not None
        and _indirect(article, lines[following], speech) is not None
    ):
        return lines[following].speaker
    return None


# --- quotation marks --------------------------------------------------------------------------


def _quote(start: int, end: int, kind: str, speaker: Speaker | None) -> Quote:
    if speaker is None:
        return Quote(start, end, kind, None)
    return Quote(start, end, kind, speaker.name, speaker.start, speaker.end)


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
    """Sentences split again where a quotation mark glued to a word ("„Star Trek“-Crew")
    made the splitter think a quotation open: at a full stop outside every quotation
    (paired by the side the marks lean on) before a capitalised word."""
    split: list[Sentence] = []
    for sentence in sentences:
        glued = any(
            b - a > 1 and any(c in _QUOTE_MARKS for c in text[a:b]) for a, b in sentence.tokens
        )
        if not glued:
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
        if joined and _runs_into(joined[-1], sentence, ends, text):
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


# --- embedded social posts ------------------------------------------------------------------

_POST_AUTHOR = re.compile(SOCIAL_POST_AUTHOR)
_POST_LINK = re.compile(rf"\s*(?:{'|'.join(SOCIAL_POST_MARKERS)}|https?://\S+)\s*$")


def _embedded_posts(article: Article) -> list[Quote]:
    """An embedded social post is a quote of its author ("— Name (@handle)"): the contract
    lets a ``social-post`` noise span be evidence for its author's words."""
    posts = []
    for span in article.excluded:
        if span.kind != "social-post":
            continue
        block = article.text[span.start : span.end]
        author = _POST_AUTHOR.search(block)
        if author is None or author.start() == 0:
            continue
        body = block[: author.start()].rstrip()
        body = _POST_LINK.sub("", body).rstrip()
        if not body.strip():
            continue
        start = span.start + (len(body) - len(body.lstrip()))
        name_start = span.start + author.start("name")
        posts.append(
            Quote(
                start,
                span.start + len(body),
                "direct",
                author["name"].strip(),
                name_start,
                span.start + author.end("name"),
            )
        )
    return posts
