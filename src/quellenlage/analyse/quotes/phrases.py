"""Noun phrases next to a verb of saying, and whom they name: a name, a role, an epithet
("der 63-Jährige") or a pronoun for the person named before."""

from __future__ import annotations

from functools import lru_cache

from quellenlage.analyse.quotes.common import (
    _MAX_NAME_WORDS,
    _PUNCTUATION,
    _QUOTE_MARKS,
    Phrase,
    Speaker,
    _Memory,
    _regex,
)
from quellenlage.lang.base import SpeechData

_MAX_ATTRIBUTE_WORDS = 10  # "der Chef der … Partei (…)," before the name


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
        if not forward and phrase and word[:1].islower() and lower not in speech.determiners:
            break  # "Die Gründe sind der Bank zufolge": the source is "der Bank"
        if (
            forward
            and phrase
            and (
                (lower in speech.determiners and _has_name_candidate(phrase, speech))
                or (  # "nach Angaben des Ministeriums das Gelände": an object follows
                    lower in speech.determiners - speech.genitive_articles
                    and _has_head(phrase, speech)
                )
                or (
                    not word[:1].isupper()  # a lower-case word or a number: "laut Anklage 270"
                    and lower not in speech.determiners
                    and _has_head(phrase, speech)
                    and not _role_follows(words, index, speech)
                )
            )
        ):
            break
        if forward and not phrase and _object_before_subject(words, index, speech):
            index += 1  # "lobte ihn Franz X", "sagte ihm der Trainer": the subject follows
            continue
        phrase.append(words[index])
        index += step
        if forward and len(phrase) == 1 and lower in _personal_pronouns(speech):
            break  # "sagte er der „Zeitung“", "laut ihm sei …": the pronoun is the phrase
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


def _quoted_name(words: Phrase, index: int) -> Phrase:
    """The words of a short name in quotation marks opening at ``index`` ("laut „Spiegel
    Online“"), or []."""
    if index >= len(words) or words[index][0] not in _QUOTE_MARKS or not _short_name(words, index):
        return []
    end = next(j for j in range(index + 1, len(words)) if words[j][0] in _QUOTE_MARKS)
    return words[index + 1 : end]


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
    """The phrase already holds a noun (a name, a role or an age: "der 52-Jährige"): a
    lower-case word ends it."""
    age = _regex(speech.age_epithet)
    return any(
        (w[:1].isupper() and w.lower() not in speech.determiners | speech.function_words)
        or (age is not None and bool(age.fullmatch(w)))
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


def _object_before_subject(words: Phrase, index: int, speech: SpeechData) -> bool:
    """An object pronoun ("ihn", "ihm") right after the verb, before a noun phrase."""
    lower = words[index][0].lower()
    if (
        lower
        not in _personal_pronouns(speech) - speech.subject_pronouns - speech.nominative_pronouns
    ):
        return False
    after = words[index + 1][0] if index + 1 < len(words) else ""
    return after[:1].isupper() or after.lower() in speech.determiners


@lru_cache(maxsize=8)
def _personal_pronouns(speech: SpeechData) -> frozenset[str]:
    """Pronouns that are a noun phrase of their own ("er", "ihm"), not a possessive or a
    demonstrative that opens one ("ihr Anwalt", "diese Woche")."""
    return speech.pronouns - speech.determiners - speech.reflexive_pronouns


@lru_cache(maxsize=8)
def closed_words(speech: SpeechData) -> frozenset[str]:
    """Articles, adverbs, pronouns and prepositions: words that are never a name or a verb."""
    return speech.determiners | speech.function_words | speech.pronouns | speech.phrase_stops


@lru_cache(maxsize=1_000)
def pronoun_gender(pronoun: str, speech: SpeechData) -> str | None:
    """The gender a pronoun refers to ("er": "m"), or None ("es", "man")."""
    return dict(speech.pronoun_genders).get(pronoun.lower())


@lru_cache(maxsize=1_000)
def honorific_gender(word: str, speech: SpeechData) -> str | None:
    """The gender an honorific gives the name after it ("Frau": "f"), or None."""
    return dict(speech.honorifics).get(word.lower())


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
        return memory.agreeing(pronoun_gender(lowered[0], speech))  # or the person named last
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
            if memory.referent(phrase) is not None and _is_epithet(phrase, speech):
                return memory.referent(
                    phrase
                )  # "schreibt der US-Regisseur": the person named before
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
            referent = memory.referent(phrase)
            if known is None and epithet and referent is not None:
                known = memory.roles[role_key(roles[-1], speech)] = referent
            return known or whole  # "der Zeuge" then stays the same person
        return whole  # "russische Medien"
    if epithet and memory.referent(phrase) is not None:
        return memory.referent(phrase)  # "sagte der Franzose": the person named before
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
    if len(phrase) > 4 and phrase[1][0].lower() in speech.phrase_stops:
        phrase = [phrase[0], phrase[-1]]  # "der in Mannheim lehrende Professor"
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
