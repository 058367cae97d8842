"""Stage 3b: quotes with their speakers — direct speech in quotation marks and indirect speech
in the Konjunktiv — found in an article's sentences, with offsets.

The speaker is the phrase next to a verb of saying ("…“, sagte Putins Berater Juri Uschakow"),
after "so"/"laut" or before "zufolge", in the same sentence or, for a quotation or reported
clause standing alone, the neighbouring one. Pronouns ("sagte er") and bare roles ("sagte der
Berater") resolve to the person last named as a speaker (with that role). The word lists are
language data (``lang/de/speech.py``); until a named-entity model is wired in, a name is the
capitalised run at the end of the speaker phrase, after its role words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from quellenlage.lang.base import (
    SOCIAL_POST_AUTHOR,
    SOCIAL_POST_MARKERS,
    LanguageData,
    SpeechData,
)
from quellenlage.model import Article, Sentence

_MIN_WORDS_WITHOUT_ATTRIBUTION = 4
_MAX_QUOTE_CHARS = 3000
_PUNCTUATION = frozenset(",.;:!?…–—-()[]")


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted or reported words (``start:end``) and who said them."""

    start: int
    end: int
    kind: str  # direct | indirect
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


def find_quotes(article: Article, language: LanguageData) -> list[Quote]:
    """Direct and indirect quotes of ``article`` in text order."""
    speech = language.speech
    if speech is None:
        return []
    marks = _quote_pattern(language)
    memory = _Memory()
    quotes: list[Quote] = []
    body = [s for s in article.sentences if not s.heading]
    _learn_roles(article.text, body, speech, memory)
    attributed: list[Speaker | None] = []
    for sentence in body:
        speaker = _sentence_speaker(article.text, sentence, speech, memory)
        if speaker is None:  # "Putin hatte … zu tun. … sagte er": the last named subject
            memory.last = _subject(article.text, sentence, speech)[0] or memory.last
        attributed.append(speaker)
    previous_speaker: Speaker | None = None
    for index, sentence in enumerate(body):
        direct = _direct_quotes(article, sentence, marks)
        speaker = attributed[index]
        for start, end in direct:
            words = len(article.text[start:end].split())
            if speaker is None and words < _MIN_WORDS_WITHOUT_ATTRIBUTION:
                continue  # a scare quote or a term („No-Go“), not speech
            who = speaker or _colon_speaker(article.text, sentence, start, speech, memory)
            if who is None and _only_quote(article, sentence, start, end):
                who = previous_speaker
            quotes.append(_quote(start, end, "direct", who))
        if not direct or speaker is not None:
            reported = _indirect(article, sentence, speech, direct, speaker is not None)
            if reported:
                who = (
                    speaker
                    or previous_speaker
                    or _next_reported(article, body, index, attributed, speech)
                )
                if who is not None:
                    quotes.append(_quote(*reported, "indirect", who))
        previous_speaker = speaker or (previous_speaker if direct else None)
    quotes.extend(_embedded_posts(article))
    return sorted(quotes, key=lambda q: q.start)


_POST_AUTHOR = re.compile(SOCIAL_POST_AUTHOR)
_POST_LINK = re.compile(rf"\s*(?:{'|'.join(SOCIAL_POST_MARKERS)}|https?://\S+)\s*$")


def _embedded_posts(article: Article) -> list[Quote]:
    """An embedded social post is a quote of its author ("— Kirill Dmitriev (@kadmitriev)"):
    the contract lets a ``social-post`` noise span be evidence for its author's words."""
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


def _learn_roles(text: str, body: list[Sentence], speech: SpeechData, memory: _Memory) -> None:
    """Roles tied to names in subject position ("Oberbürgermeisterin Petra Sommerfeld hatte …"),
    so that "sagte die Oberbürgermeisterin" finds her. Objects ("ließ der Präsident X abholen")
    are not subjects and are not learnt."""
    for sentence in body:
        speaker, roles = _subject(text, sentence, speech)
        if speaker and roles:
            memory.roles.setdefault(role_key(roles[-1], speech), speaker)


def _subject(text: str, sentence: Sentence, speech: SpeechData) -> tuple[Speaker | None, list[str]]:
    """The person named at the start of a sentence (its subject), and the roles given there."""
    words = [(text[a:b], a, b) for a, b in sentence.tokens]
    phrase = _phrase(words, 0, speech, forward=True)
    name = _name(phrase, speech)
    roles = [w for w, _, _ in phrase if is_role(w, speech)]
    if not name or (phrase[0][0].lower() in speech.determiners and not roles):
        return None, roles  # "Die Europäer müssten …" is a group, not a named person
    return Speaker(" ".join(w for w, _, _ in name), name[0][1], name[-1][2]), roles


def _colon_speaker(
    text: str, sentence: Sentence, quote_start: int, speech: SpeechData, memory: _Memory
) -> Speaker | None:
    """ "X verteidigte den Schritt: „…“": the subject of a clause that introduces the quote."""
    before = text[sentence.start : quote_start].rstrip(' „»«"‚')
    if not before.endswith(":"):
        return None
    words = [(text[a:b], a, b) for a, b in sentence.tokens]
    return _resolve(_phrase(words, 0, speech, forward=True), speech, memory)


def _quote(start: int, end: int, kind: str, speaker: Speaker | None) -> Quote:
    if speaker is None:
        return Quote(start, end, kind, None)
    return Quote(start, end, kind, speaker.name, speaker.start, speaker.end)


def _quote_pattern(language: LanguageData) -> re.Pattern[str]:
    alternatives = [
        f"{re.escape(o)}(?P<q{n}>[^{re.escape(o + c)}\\n]{{1,{_MAX_QUOTE_CHARS}}}){re.escape(c)}"
        for n, (o, c) in enumerate(language.quote_pairs)
    ]
    return re.compile("|".join(alternatives))


def _direct_quotes(
    article: Article, sentence: Sentence, marks: re.Pattern[str]
) -> list[tuple[int, int]]:
    """(start, end) of the words inside quotation marks in this sentence."""
    text = article.text[sentence.start : sentence.end]
    found = []
    for match in marks.finditer(text):
        group = next(g for g in match.groupdict() if match.group(g) is not None)
        start, end = sentence.start + match.start(group), sentence.start + match.end(group)
        if not article.is_excluded(start, end):
            found.append((start, end))
    return found


def _only_quote(article: Article, sentence: Sentence, start: int, end: int) -> bool:
    """The sentence is the quotation and nothing else (a quote continuing the previous one)."""
    outside = article.text[sentence.start : start - 1] + article.text[end + 1 : sentence.end]
    return not any(c.isalnum() for c in outside)


def _words(article: Article, sentence: Sentence) -> list[tuple[str, int, int]]:
    return [(article.text[a:b], a, b) for a, b in sentence.tokens]


def _sentence_speaker(
    text: str, sentence: Sentence, speech: SpeechData, memory: _Memory
) -> Speaker | None:
    """The speaker this sentence names next to a verb of saying or an attribution word.

    Closing attributions (", sagte X", ", so X") are tried first, then "laut X" / "X zufolge",
    then any other verb of saying with the phrase after it or the subject before it.
    """
    words = [(text[a:b], a, b) for a, b in sentence.tokens]
    inside = _inside_quotes(words)
    outside = [i for i in range(len(words)) if i not in inside]
    after_comma = [
        i
        for i in outside
        if i > 0 and words[i - 1][0] == "," and words[i][0].lower() in speech.verbs | {"so"}
    ]
    attribution = [
        i
        for i in outside
        if words[i][0].lower() == "laut" and (i == 0 or words[i - 1][0] in _PUNCTUATION)
    ]
    zufolge = [i for i in outside if words[i][0].lower() == "zufolge"]
    verbs = [i for i in outside if words[i][0].lower() in speech.verbs]
    found: dict[int, Speaker] = {}
    for i in sorted(set(after_comma + attribution + zufolge + verbs)):  # text order: pronouns
        speaker = None  # then refer to a person named earlier in the same sentence
        if i in after_comma or i in attribution:
            speaker = _resolve(_phrase(words, i + 1, speech, forward=True), speech, memory)
        elif i in zufolge:
            speaker = _resolve(_phrase(words, i - 1, speech, forward=False), speech, memory)
        else:
            speaker = _verb_speaker(words, i, speech, memory)
        if speaker:
            found[i] = speaker
    for i in after_comma + attribution + zufolge + verbs:
        if i in found:
            return found[i]
    return None


def _verb_speaker(words: Phrase, i: int, speech: SpeechData, memory: _Memory) -> Speaker | None:
    """The phrase after the verb ("sagte Uschakow"), else its subject ("Uschakow sagte")."""
    after = _phrase(words, i + 1, speech, forward=True)
    first = after[0][0] if after else ""
    starts_object = first.lower() in speech.determiners or (
        first[:1].islower() and first.lower() not in speech.pronouns
    )
    if starts_object and not any(is_role(w, speech) for w, _, _ in after):
        after = []  # an object ("nannte die Verhandlungen", "forderte schnelle Hilfen")
    speaker = _resolve(after, speech, memory)
    if speaker is None:
        before = _phrase(words, i - 1, speech, forward=False)
        start = i - len(before) - 1
        if start < 0 or words[start][0] in _PUNCTUATION or words[start][0] in '„“"':
            speaker = _resolve(before, speech, memory)
    return speaker


def _inside_quotes(words: list[tuple[str, int, int]]) -> set[int]:
    inside: set[int] = set()
    depth = 0
    for i, (word, _, _) in enumerate(words):
        if word in ("„", "»", "‚") or (word == '"' and depth == 0):
            depth += 1
        elif word in ("“", "”", "«", "‘") or (word == '"' and depth > 0):
            depth = max(depth - 1, 0)
        elif depth:
            inside.add(i)
    return inside


Phrase = list[tuple[str, int, int]]


def _phrase(words: Phrase, index: int, speech: SpeechData, forward: bool) -> Phrase:
    """The noun phrase next to the verb, up to punctuation, a preposition or the object that
    follows a name; after a comma, an apposition that names the person ("die Sprecherin des
    Hauses, Karoline Leavitt,")."""
    step = 1 if forward else -1
    phrase: Phrase = []
    while (
        forward and 0 <= index < len(words) and words[index][0].lower() in (speech.skipped_adverbs)
    ):
        index += 1
    while 0 <= index < len(words):
        word = words[index][0]
        lower = word.lower()
        if word in _PUNCTUATION or lower in speech.phrase_stops or word in '„“»«"':
            break
        if lower in speech.verbs or (not forward and lower in speech.skipped_adverbs):
            break
        if (
            forward
            and phrase
            and _has_name_candidate(phrase, speech)
            and (
                lower in speech.determiners
                or (word[:1].islower() and not _role_follows(words, index, speech))
            )
        ):
            break
        phrase.append(words[index])
        index += step
    if not forward:
        phrase.reverse()
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


def _has_name_candidate(phrase: Phrase, speech: SpeechData) -> bool:
    return any(w[:1].isupper() and not is_role(w, speech) for w, _, _ in phrase)


def _role_follows(words: Phrase, index: int, speech: SpeechData) -> bool:
    """ "Putins außenpolitischer Berater …": after a genitive, an adjective before a role
    belongs to the phrase ("Uschakow russischen Medien" does not)."""
    genitive = index > 0 and words[index - 1][0].endswith("s")
    return genitive and any(is_role(w, speech) for w, _, _ in words[index + 1 : index + 3])


def _name(phrase: Phrase, speech: SpeechData) -> Phrase:
    """The capitalised run at the end of the phrase, after role words and not owned by an
    organisation ("des Weißen Hauses")."""
    run: Phrase = []
    for word in reversed(phrase):
        lower = word[0].lower()
        if not word[0][:1].isupper() or is_role(word[0], speech) or lower in speech.pronouns:
            break
        if lower in speech.determiners:
            break
        run.insert(0, word)
    if not run:
        return []
    position = len(phrase) - len(run)
    if position > 0 and phrase[position - 1][0].lower() in speech.genitive_articles:
        return []
    return run


@lru_cache(maxsize=100_000)  # called for every token of a story
def is_role(word: str, speech: SpeechData) -> bool:
    lower = word.lower()
    stems = {lower, lower.removesuffix("s"), lower.removesuffix("n"), lower.removesuffix("en")}
    return any(
        stem in speech.roles or any(stem.endswith(r) and len(r) > 4 for r in speech.roles)
        for stem in stems
    )


def _resolve(phrase: Phrase, speech: SpeechData, memory: _Memory) -> Speaker | None:
    """A named person, or whom a pronoun or a bare role refers to."""
    if not phrase:
        return None
    lowered = [w.lower() for w, _, _ in phrase]
    if len(phrase) == 1 and lowered[0] in speech.pronouns:
        return memory.last
    name = _name(phrase, speech)
    if name:
        speaker = Speaker(" ".join(w for w, _, _ in name), name[0][1], name[-1][2])
        for word, _, _ in phrase:
            if is_role(word, speech):
                memory.roles[role_key(word, speech)] = speaker
        memory.last = speaker
        return speaker
    roles = [w for w, _, _ in phrase if is_role(w, speech)]
    if not roles:
        return None
    whole = Speaker(" ".join(w for w, _, _ in phrase), phrase[0][1], phrase[-1][2])
    if lowered[0] in speech.indefinite:
        return whole  # "ein Sprecher des Ministeriums": someone not named before
    if lowered[0] in speech.determiners:
        return memory.roles.get(role_key(roles[-1], speech))  # "der Berater"
    return whole  # "russische Medien"


@lru_cache(maxsize=100_000)
def role_key(word: str, speech: SpeechData) -> str:
    lower = word.lower()
    stems = (lower, lower.removesuffix("s"), lower.removesuffix("n"), lower.removesuffix("en"))
    matches = [r for r in speech.roles if len(r) > 3 and any(s.endswith(r) for s in stems)]
    return min(matches, key=len) if matches else lower  # "Stadtkämmerer" -> "kämmerer"


def _indirect(
    article: Article,
    sentence: Sentence,
    speech: SpeechData,
    direct: list[tuple[int, int]],
    attributed: bool,
) -> tuple[int, int] | None:
    """The reported clause of a sentence in the Konjunktiv, or None."""
    words = _words(article, sentence)
    outside = [w.lower() for w, a, _ in words if not any(s - 1 <= a < e + 1 for s, e in direct)]
    lowered = [w.lower() for w, _, _ in words]
    closing = not direct and (
        any(  # "Es gibt viel zu tun, sagte er."
            i > 1 and words[i - 1][0] == "," and w in speech.verbs | {"so"}
            for i, w in enumerate(lowered)
        )
        or _verb_then_clause(lowered, words, speech) is not None  # "sagte am Montag, es …"
    )
    marked = any(w in speech.subjunctive for w in outside) or (
        attributed and (closing or any(w in speech.subjunctive_ii for w in outside))
    )
    if not marked:
        return None
    text = article.text
    for i, lower in enumerate(lowered):
        if lower == "dass" and i > 1 and words[i - 1][0] == ",":
            return words[i][2] + 1, _clause_end(words, i, speech, sentence, text)
    for i, lower in enumerate(lowered):
        if i > 1 and words[i - 1][0] == "," and lower in speech.verbs | {"so"}:
            return sentence.start, words[i - 2][2]  # "Es gebe viel Arbeit, sagte X"
    clause = _verb_then_clause(lowered, words, speech)
    if clause is not None:
        return words[clause][1], _without_period(text, sentence)  # "sagte, X habe …"
    return sentence.start, _without_period(text, sentence)


def _verb_then_clause(lowered: list[str], words: Phrase, speech: SpeechData) -> int | None:
    """Index of the first word of the clause after "sagte [am Mittwoch]," — or None."""
    for i, lower in enumerate(lowered):
        if lower not in speech.verbs:
            continue
        for j in range(i + 1, min(i + 8, len(words) - 1)):
            if words[j][0] == ",":
                return j + 1
            if words[j][0] in _PUNCTUATION or words[j][0] in "„“":
                break
    return None


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


def _next_reported(
    article: Article,
    body: list[Sentence],
    index: int,
    attributed: list[Speaker | None],
    speech: SpeechData,
) -> Speaker | None:
    """The speaker of the next sentence when it continues the same reported speech."""
    following = index + 1
    if (
        following < len(body)
        and attributed[following] is not None
        and _indirect(article, body[following], speech, [], True) is not None
    ):
        return attributed[following]
    return None
