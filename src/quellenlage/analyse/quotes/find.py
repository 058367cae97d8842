"""The quote finder in order: sentences re-split and joined at quotation marks, each
sentence attributed, then its direct speech (in marks or after a colon), its indirect speech and
its terms; quotes carried over passages, led in, named after or echoed, and embedded posts."""

from __future__ import annotations

import re
from dataclasses import replace

from quellenlage.analyse.quotes.common import (
    _QUOTE_MARKS,
    Phrase,
    Quote,
    Speaker,
    _clause_start,
    _colon_index,
    _has_marks,
    _inside_quotes,
    _Line,
    _Memory,
    _Passage,
    _quote,
    _regex,
    _speaker_of,
    _without_period_of,
    surname,
)
from quellenlage.analyse.quotes.marks import (
    _direct_quotes,
    _joined,
    _only_quote,
    _quotations,
    _resplit,
)
from quellenlage.analyse.quotes.phrases import _phrase, _resolve, is_role
from quellenlage.analyse.quotes.reported import (
    _attributed_by_phrase,
    _indirect,
    _next_reported,
    _reported_kind,
    says_accordingly,
)
from quellenlage.analyse.quotes.speakers import (
    _attribute,
    _first_words,
    _is_konjunktiv_i,
    _learn_roles,
)
from quellenlage.lang.base import SOCIAL_POST_AUTHOR, SOCIAL_POST_MARKERS, LanguageData, SpeechData
from quellenlage.model import Article, Sentence

_MIN_WORDS_WITHOUT_ATTRIBUTION = 4
_ECHO_SHARE = 0.75  # of a quotation's words a later quote must repeat to be its source
_STEM = 6  # letters compared: "Rückga…" for "Rückgabemöglichkeit(en)"
_MAX_TITLE_WORDS = 6
_MAX_QUIET = 3  # sentences after the last speech in which a Konjunktiv I still reports it


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
    memory = _first_words(article.text, body, speech, language.code)
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
    passage.source = passage.speaker
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
    aside = passage.quiet == 1 and _about_speaker(lines[index - 1], passage.speaker, speech)
    continuing = passage.speaker if (passage.quiet == 0 or aside) and same_paragraph else None
    own_words = continuing and passage.quiet == 0 and _continues_unmarked(line, speech)
    if own_words and (passage.unmarked or _spoken_before(lines[index - 1], line, speech)):
        return [_quote(line.sentence.start, _without_period_of(text, line), "direct", continuing)]
    found: list[Quote] = []
    unmarked = _unmarked_after_colon(article, line, speech)
    if unmarked is not None:
        found.append(unmarked)
    attributed = line.speaker or (None if continuing else line.weak)
    teasers = _teaser_end(line)
    for start, end in _direct_quotes(line.sentence, quotations):
        if end < teasers:
            found.append(Quote(start, end, "term", None))  # a teaser's headline, not speech
            continue
        found.append(_marked(article, line, start, end, attributed, continuing, passage, speech))
    if teasers:
        return _absorb_terms(found)
    if unmarked is None and (
        not _has_marks(line.words) or attributed is not None or continuing is not None
    ):
        carried = passage.speaker if passage.quiet <= 1 else None
        reported = _indirect(article, line, speech, carried is not None, passage.quiet == 0)
        who = _reported_by(line, carried, speech) or _next_reported(article, lines, index, speech)
        recent = passage.quiet <= _MAX_QUIET and _listed_konjunktiv(line, speech)
        if recent and (who is None or (who == line.weak and line.speaker is None and not carried)):
            who = passage.source or who  # "Nach derzeitigem Stand sei es …", "Danach habe er
            # …": the article's source, not the person the sentence is about
        if reported and who is not None:
            found.append(_quote(*reported, _reported_kind(line, reported, speech), who))
    return _absorb_terms(found)


def _listed_konjunktiv(line: _Line, speech: SpeechData) -> bool:
    """A listed Konjunktiv I form ("sei", "habe") outside quotation marks: news writing uses it
    for reported speech only, so it reports the last source even after a pause."""
    inside = _inside_quotes(line.words)
    words = [(i, w) for i, (w, _, _) in enumerate(line.words) if i not in inside]
    if any(_opens_name(line.words, i, speech) for i, _ in words[1:]):
        return False  # "Am Mittwoch informierte Waleri X …, dass …": a new actor, not the source
    return any(w.lower() in speech.subjunctive for _, w in words)


def _opens_name(words: Phrase, i: int, speech: SpeechData) -> bool:
    """Words ``i`` and ``i + 1`` are two capitalised words that are no article or adverb."""
    closed = speech.determiners | speech.function_words
    pair = words[i : i + 2]
    return len(pair) == 2 and all(w[:1].isupper() and w.lower() not in closed for w, _, _ in pair)


def _about_speaker(line: _Line, speaker: Speaker | None, speech: SpeechData) -> bool:
    """A sentence between two quotations that is about their speaker ("Für Stegner ist das
    Rennen offen.", "Er hofft auf viele Kandidaten."): it pauses the speech, it does not end
    it."""
    if speaker is None or not line.words or _has_marks(line.words):
        return False
    last = surname(speaker)
    first = line.words[0][0].lower()
    forms = {last, *(last + ending for ending in speech.genitive_endings)}
    named = any(w.lower() in forms for w, _, _ in line.words)  # "Stegner", "Stegners"
    return named or first in speech.nominative_pronouns


def _teaser_end(line: _Line) -> int:
    """Where a list of link teasers or glued headlines ends: at the last of two or more
    colons outside quotation marks in one sentence ("Mehr zum Thema: Name: „…“ Verein: …");
    its quotations are nobody's speech in this article, what follows the last colon may be.
    0 when the sentence is no such list."""
    inside = _inside_quotes(line.words)
    colons = [s for i, (w, s, _) in enumerate(line.words) if w == ":" and i not in inside]
    return colons[-1] if len(colons) >= 2 else 0


def _reported_by(line: _Line, carried: Speaker | None, speech: SpeechData) -> Speaker | None:
    """Whose speech a reported sentence is: the speaker it names; but "demnach" ("Die Behörde
    wirft ihm demnach vor, …") refers to the source of the speech before it."""
    inside = _inside_quotes(line.words)
    lowered = [w.lower() for w, _, _ in line.words]
    outside = [i for i in range(len(lowered)) if i not in inside]
    if carried is not None and says_accordingly(lowered, outside, speech):
        return carried
    return line.speaker or carried or line.weak


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
    named = attributed is not None and attributed.start <= start and end <= attributed.end
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
            and (quote.speaker in (None, other.speaker) or other.kind == "indirect")
            for other in found
        )
        if inside:
            continue  # also a quotation inside reported speech ("Sie sei „zufrieden“"), whoever
            # its clause names ("Die Behörde wirft ihm demnach vor, „…“ zu sein")
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
    start = _clause_start(line.words, colon)
    if (
        start > 1
        and line.words[start - 1][0] == ","
        and _apposition(line.words[start:colon], speech)
    ):
        start = _clause_start(line.words, start - 1)  # "sagte X, Professorin für …, in Y: …"
    before = [w.lower() for w, _, _ in line.words[start:colon]]
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


def _apposition(words: Phrase, speech: SpeechData) -> bool:
    """Words that only describe (capitalised words, articles, prepositions), no clause."""
    closed = speech.determiners | speech.phrase_stops | speech.function_words
    return bool(words) and all(w[:1].isupper() or w.lower() in closed for w, _, _ in words)


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
    words = [w for w in quote.speaker.split() if w.lower() not in speech.determiners]
    role = bool(words) and all(is_role(w, speech) for w in words)  # "Trainer hört auf: „…“"
    return in_lead and (role or (bool(before) and before[0].lower() in speech.determiners))


def _repeats(text: str, quote: Quote, later: Quote) -> bool:
    """Most words of ``quote`` (by their first letters: "Rückgabemöglichkeit" and
    "Rückgabemöglichkeiten") stand in ``later``."""
    mine = _stems(text[quote.start : quote.end])
    theirs = set(_stems(text[later.start : later.end]))
    return len(mine) >= 2 and sum(w in theirs for w in mine) >= _ECHO_SHARE * len(mine)


def _stems(words: str) -> list[str]:
    return [w[:_STEM].lower() for w in re.findall(r"\w+", words) if len(w) > 2]


def _continues_unmarked(line: _Line, speech: SpeechData) -> bool:
    """A sentence after unmarked direct speech that is still the speaker's own ("Wir …")."""
    lowered = {w.lower() for w, _, _ in line.words}
    return (
        line.speaker is None and not _has_marks(line.words) and bool(lowered & speech.first_person)
    )


def _is_title(
    text: str, line: _Line, start: int, end: int, attributed: bool, speech: SpeechData
) -> bool:
    """A title or a name in quotation marks: „Technik des Dramas“, „Allg. Ztg.“, a list's
    name in parentheses. It is a noun phrase (no clause punctuation, few words) that starts
    with a capital letter and is either in title case, follows a noun that names works or
    plans, stands in parentheses, or, where nobody speaks, follows an article."""
    inner = text[start:end]
    tokens = [t for t in inner.split() if any(c.isalnum() for c in t)]  # not "-" in "X - Y"
    if not tokens or len(tokens) > _MAX_TITLE_WORDS or not inner[:1].isupper():
        return False
    if any(c in inner for c in ",;!?:"):
        return False
    lettered = [t for t in tokens if t[:1].isalpha()]
    if len(lettered) >= 2 and all(t[:1].isupper() for t in lettered):
        return True
    before, earlier = _words_before(line.words, start)
    lower = before.lower()
    if lower == "(" or _is_title_noun(lower, speech):
        return True
    adjective = before[:1].islower() and lower not in speech.determiners | speech.phrase_stops
    if adjective and lower.endswith(speech.attribute_endings):
        lower = earlier.lower()  # "mit dem bayerischen „Kurier“": the adjective's article
    if lower in speech.object_determiners | speech.genitive_articles:
        return True  # "sagte dem „Inselboten“", "der „Saarbrücker Zeitung“": who is told
    if lower in speech.determiners and all(t[:1].isupper() for t in lettered):
        return True  # "berichtet die «Küstenpost»": speech never opens after an article
    return not attributed and lower in speech.determiners | speech.phrase_stops  # "in „…“"


def _words_before(words: Phrase, start: int) -> tuple[str, str]:
    """The word before the opening quotation mark at ``start``, and the one before it."""
    previous = ["", "", *(w for w, _, e in words if e <= start and w not in _QUOTE_MARKS)]
    return previous[-1], previous[-2]


def _is_title_noun(lower: str, speech: SpeechData) -> bool:
    return any(lower.endswith(noun) for noun in speech.title_nouns if len(lower) >= len(noun))


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
