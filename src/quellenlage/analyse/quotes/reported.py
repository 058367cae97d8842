"""Indirect speech: the reported clause of a sentence (the Konjunktiv, "dass" after a verb
of saying, what "laut X" attributes) and whether it is direct speech without marks."""

from __future__ import annotations

from quellenlage.analyse.quotes.common import (
    _MAX_NAME_WORDS,
    _OPENING_MARKS,
    _PUNCTUATION,
    _QUOTE_MARKS,
    Phrase,
    Speaker,
    _clause_start,
    _colon_index,
    _has_marks,
    _holds_mark,
    _inside_quotes,
    _Line,
    _regex,
    _without_period,
)
from quellenlage.analyse.quotes.phrases import _quoted_name_mark, closed_words
from quellenlage.analyse.quotes.speakers import (
    _closes_without_comma,
    _closing_auxiliary,
    _is_konjunktiv_i,
    _report_noun_after,
)
from quellenlage.lang.base import SpeechData
from quellenlage.model import Article, Sentence


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
        or (carried and just_spoken and says_accordingly(lowered, outside, speech))
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
        if _is_infinitive(words[clause:], shifted, speech):  # "warf ihm vor, … Warnungen
            return _sourced(words, outside, lowered, speech, sentence, text)  # ignoriert zu
    return span  # haben": an infinitive states nothing, unless a source reports the sentence


def _sourced(
    words: Phrase,
    outside: list[int],
    lowered: list[str],
    speech: SpeechData,
    sentence: Sentence,
    text: str,
) -> tuple[int, int] | None:
    """The whole sentence when "laut X", "X zufolge", "nach Angaben" or "demnach" reports it
    ("Die Behörde wirft ihm demnach vor, … verkauft zu haben"), in any mood; else None."""
    sourced = says_accordingly(lowered, outside, speech)
    if not (sourced or _attributed_by_phrase(lowered, outside, speech)):
        return None
    return _before_quote(words, sentence.start, _without_period(text, sentence))


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
        closing = closing or _closing_auxiliary(words, i, speech)  # ", hatte X gesagt"
        if _closes_without_comma(words, i, speech):
            found.append(i)
        elif i > 1 and words[i - 1][0] == "," and closing:
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
        said = i - 2 if words[i - 1][0] == "," else i - 1  # "Es gebe …, sagte X"
        return _before_quote(words, sentence.start, words[said][2])
    start = _konjunktiv_clause_start(words, outside, speech, sentence)
    return _before_quote(words, start, _without_period(text, sentence))


def _before_quote(words: Phrase, start: int, end: int) -> tuple[int, int]:
    """The reported span up to a colon that opens a quotation ("Sie sei ein Fan gewesen:
    „…“, so X"): the quotation is a quote of its own."""
    colon = _colon_index(words)
    if colon is not None and words[colon + 1][0] in _QUOTE_MARKS and words[colon][1] > start:
        return start, min(end, words[colon - 1][2])  # never longer than what was reported
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
        or says_accordingly(lowered, outside, speech)
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
        (lowered[i] in speech.source_before and _source_follows(lowered, i, speech))
        or lowered[i] in speech.source_after
        or _report_noun_after(lowered, i, speech) is not None
        or _as_said(lowered, i, speech)
        for i in outside
    )


def says_accordingly(lowered: list[str], outside: list[int], speech: SpeechData) -> bool:
    """ "Der Mann lag demnach im Wald": the sentence reports the source before it."""
    return any(lowered[i] in speech.accordingly for i in outside)


def _source_follows(lowered: list[str], i: int, speech: SpeechData) -> bool:
    """ "laut X", not the adjective ("wurde laut, …", "laut und deutlich")."""
    after = lowered[i + 1] if i + 1 < len(lowered) else ""
    return bool(after) and after not in _PUNCTUATION and after not in speech.coordinators


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
                if lowered[
                    j + 1
                ] in speech.not_reported_openers | speech.coordinators or _relative_clause(
                    lowered, j + 1, speech
                ):
                    return None
                if lowered[j + 1] in speech.verbs:
                    break  # "berichtet, sagte X": the attribution, not what was said
                if not _has_verb(words, j + 1, speech):
                    break  # "schrieb Musik zu Filmen wie A, B oder C": a list, no clause
                return j + 1
            if words[j][0] in _PUNCTUATION or _holds_mark(words[j][0], _OPENING_MARKS):
                break  # also "antwortete sofort."Wir …": speech opens inside the token
            if words[j][0] in _QUOTE_MARKS and not _quoted_name_mark(words, j, words[i:j], speech):
                break  # speech, not "sagte der „Saarbrücker Zeitung“ vom Dienstag, …"
    return None


_SENTENCE_STOPS = frozenset(".!?;:")


def _has_verb(words: Phrase, start: int, speech: SpeechData) -> bool:
    """The words from ``start`` to the end of the sentence (or a colon) hold a lower-case word
    that can be a verb (no article, pronoun, preposition or conjunction)."""
    closed = closed_words(speech)
    for word, _, _ in words[start:]:
        if word in _SENTENCE_STOPS:
            break
        if word[:1].islower() and word.lower() not in closed:
            return True
    return False


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
