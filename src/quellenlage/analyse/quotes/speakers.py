"""Attribution: the speaker a sentence names next to a verb of saying, an attribution word
("laut X", "X zufolge", ", so X") or a report noun ("nach Angaben von X"), and the subject
of a Konjunktiv I form ("lehne er ab")."""

from __future__ import annotations

from quellenlage.analyse.quotes.common import (
    _MAX_NAME_WORDS,
    _PUNCTUATION,
    _QUOTE_MARKS,
    Phrase,
    Speaker,
    _clause_start,
    _colon_index,
    _has_marks,
    _inside_quotes,
    _Line,
    _Memory,
    _outside_parentheses,
)
from quellenlage.analyse.quotes.phrases import (
    _has_noun,
    _is_epithet,
    _name,
    _phrase,
    _quoted_name,
    _resolve,
    closed_words,
    honorific_gender,
    is_role,
    pronoun_gender,
    role_key,
)
from quellenlage.lang.base import SpeechData
from quellenlage.model import Sentence

_COMMON_ZIPF = 5.0  # "Merkel" 4.8, "Putin" 4.4; "Woche" 5.5, "Mann" 5.9
_ATTESTED_ZIPF = 2.9  # every form of "fröhlich-" is at least 3.2; "Ann-" (-er 2.3), "Hein-" 2.7


def _first_words(text: str, body: list[Sentence], speech: SpeechData, code: str) -> _Memory:
    """A memory that knows which words open sentences (not as the subject of a verb of
    saying: "Branchenexperten sagen …") and which are capitalised inside one."""
    openers, plain = set(), set()
    capitalised = set()
    closed = closed_words(speech)
    for sentence in body:
        tokens = sentence.tokens
        for n, (start, end) in enumerate(tokens):
            word = text[start:end]
            after_stop = n > 0 and text[tokens[n - 1][0]] in ".:!?"
            following = text[slice(*tokens[n + 1])].lower() if n + 1 < len(tokens) else ""
            subject = text[slice(*tokens[n + 2])].lower() if n + 2 < len(tokens) else ""
            inverted = subject in speech.nominative_pronouns  # "Erneut forderte er …"
            if (n == 0 or after_stop) and (following not in speech.verbs or inverted):
                openers.add(start)
                if word.lower() not in closed and _opening_word(word, speech, code):
                    plain.add(start)  # "Vergangenes", "Viel"; not "Der", "So"

            elif word[:1].isupper():
                capitalised.add(word)
    return _Memory(
        openers=frozenset(openers),
        capitalised=frozenset(capitalised),
        plain=frozenset(plain),
        article_genders=dict(speech.article_genders),
    )


def _attribute(
    text: str, sentence: Sentence, speech: SpeechData, memory: _Memory, code: str
) -> _Line:
    words = [(text[a:b], a, b) for a, b in sentence.tokens]
    marks = [i for i, (w, _, _) in enumerate(words) if w in _QUOTE_MARKS]
    lead = _last_full_name(words[: marks[0]], speech, memory, code) if marks else None
    if lead is not None:
        memory.person = lead  # "X antwortete: „…“, sagte der 52-Jährige": X, named before
    speaker = _sentence_speaker(words, speech, memory)
    weak = None
    if speaker is None:
        weak = _pronoun_of_subjunctive(words, speech, memory)
        subject = _owned_subject(words, speech, memory)
        if subject is not None and not _opens_only(subject, memory):
            memory.last = subject  # "Putin hatte … . Er …"
    colon = speaker or _colon_speaker(words, speech, memory)
    full = _last_full_name(words, speech, memory, code)
    if full is not None and not (speaker is not None and full.end <= speaker.start):
        memory.person = full  # the later of the two is the person named last
    memory.note_people()
    return _Line(sentence, words, speaker, weak, colon if _colon_index(words) else None)


def _opens_only(subject: Speaker, memory: _Memory) -> bool:
    """The sentence's first words are no subject to refer back to: one word seen only at
    the start of sentences ("Knapp ein Jahr …"); of several words, a first one that is
    common ("Beim Spiel") or an adjective opening a glued subheading ("Fröhliche Stimmung").
    A name of several words ("Eva Roth war …") is a subject."""
    first = (subject.name.split()[0], subject.start, 0)
    return memory.plainly_opens(first) if " " in subject.name else memory.only_opens(first)


def _owned_subject(words: Phrase, speech: SpeechData, memory: _Memory) -> Speaker | None:
    """The sentence's subject; "Brasiliens Superstar" (an owner and one noun) is the person
    named before, not a new one."""
    subject = _subject(words, speech)[0]
    if subject is None:
        return None
    run = [w for w in words if subject.start <= w[1] and w[2] <= subject.end]
    rest = _without_owner(run, speech, memory)
    if len(rest) == len(run):
        return subject
    if len(rest) == 1 and not is_role(rest[0][0], speech):
        return memory.person
    return Speaker(" ".join(w for w, _, _ in rest), rest[0][1], rest[-1][2])


def _opening_word(word: str, speech: SpeechData, code: str) -> bool:
    """A word capitalised only because it opens the sentence: an inflected adjective, or a
    word as common as no first name is ("Viel", "Ganz")."""
    return not _rare(word, code) or _inflected_adjective(word, speech, code)


def _rare(word: str, code: str) -> bool:
    """Not one of the language's most common words ("Vater", "Mann"), as a surname is:
    decided by word frequency in language ``code`` (wordfreq, imported on first use)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, code) < _COMMON_ZIPF


def _inflected_adjective(word: str, speech: SpeechData, code: str) -> bool:
    """An adjective capitalised only because it opens the sentence ("Fröhliche Stimmung …",
    "Heftige Kritik …"): its stem is attested with every ending of the declension,
    as no first name is ("Peter", but no "Peten")."""
    from wordfreq import zipf_frequency

    lower = word.lower()
    endings = sorted(speech.declension_endings, key=len, reverse=True)
    ending = next((e for e in endings if lower.endswith(e) and len(lower) > len(e) + 2), None)
    if ending is None:
        return False
    stem = lower[: -len(ending)]
    return all(zipf_frequency(stem + e, code) >= _ATTESTED_ZIPF for e in endings)


def _last_full_name(
    words: Phrase, speech: SpeechData, memory: _Memory, code: str
) -> Speaker | None:
    """The last name of two or more capitalised words outside quotation marks that no
    article owns ("fest: Quentin Tarantino", not "des Weißen Hauses"): a person to refer
    back to. An adjective that only opens a sentence is no first name ("Fröhliche Stimmung
    nach dem Sieg", a subheading glued to the text)."""
    inside = _inside_quotes(words)
    closed = closed_words(speech)
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
        elif run and memory.plainly_opens(run[0]):
            run = run[1:]  # "Fröhliche Stimmung …", "Viel Freiheit, aber …": no first name
        run = _without_owner(run, speech, memory)
        titled = len(run) >= 3 and is_role(run[0][0], speech)  # "der Moderator Jan Ott"
        owned = opener in speech.determiners and not titled  # "des Weißen Hauses"
        named = len(run) >= 2 and not owned and _rare(run[-1][0], code)
        if named and not is_role(run[-1][0], speech):
            found = Speaker(" ".join(w for w, _, _ in run), run[0][1], run[-1][2])
        run = []
    return found


def _without_owner(run: Phrase, speech: SpeechData, memory: _Memory) -> Phrase:
    """A run without the genitive of a place or body that owns it ("Brasiliens Superstar",
    when the text also writes "Brasilien"): the owner is no part of a person's name."""
    if len(run) < 2:
        return run
    word = run[0][0]
    ending = next((e for e in speech.genitive_endings if word.endswith(e)), None)
    if ending is None or word[: -len(ending)] not in memory.capitalised:
        return run
    return run[1:]


def _colon_speaker(words: Phrase, speech: SpeechData, memory: _Memory) -> Speaker | None:
    """ "X verteidigte den Schritt: „…“": the subject of a clause that introduces the quote."""
    colon = _colon_index(words)
    if colon is None:
        return None
    closing = _closing_before_colon(words, colon, speech, memory)
    if closing is not None:
        return closing  # "Die Frau hatte Glück, vermutet der Sprecher: „…“"
    first = _phrase(words, 0, speech, forward=True)
    if _owned_statement(first, speech):
        return memory.last  # "Ihr trockener Kommentar: „…“": whose comment it is
    if _adverb_first(words, first, colon, speech, memory):
        after = _resolve(_phrase(words, 2, speech, forward=True), speech, memory, subject=True)
        if after is not None:
            return after  # "Dazu sagte er: …", "Erneut schrieb die Ministerin: …"
    if first and not _is_named(first, speech) and not _is_epithet(first, speech):
        later = _inverted_subject(words, len(first), colon, speech, memory)
        later = later or _relative_antecedent(words, colon, speech, memory)
        if later is not None:
            return later
    return _resolve(first, speech, memory, subject=True)


def _closing_before_colon(
    words: Phrase, colon: int, speech: SpeechData, memory: _Memory
) -> Speaker | None:
    """The speaker of a verb right after the comma that opens the colon's clause ("…,
    vermutet der Sprecher: …"): it introduces the quote, not the sentence's first phrase."""
    start = _clause_start(words, colon)
    if start < 2 or words[start - 1][0] != "," or not words[start][0][:1].islower():
        return None
    closed = speech.relative_pronouns | speech.subordinators | speech.subject_pronouns
    if words[start][0].lower() in closed | speech.function_words | speech.determiners:
        return None  # "…, es gebe …:", "…, dass …:": no verb opens the clause
    phrase = _phrase(words, start + 1, speech, forward=True)
    person = any(is_role(w, speech) for w, _, _ in phrase) or _is_epithet(phrase, speech)
    if not (person or (words[start][0] in speech.verbs and _is_named(phrase, speech))):
        return None  # ", wieder ins A-Team zu wechseln:" names nobody
    return _resolve(phrase, speech, memory, True)


def _owned_statement(phrase: Phrase, speech: SpeechData) -> bool:
    """A possessive and a statement noun ("Ihr trockener Kommentar", "Seine Antwort")."""
    if len(phrase) < 2 or phrase[0][0].lower() not in speech.possessives:
        return False
    return phrase[-1][0].lower() in speech.report_nouns


def _adverb_first(
    words: Phrase, first: Phrase, colon: int, speech: SpeechData, memory: _Memory
) -> bool:
    """An adverb opens the clause and a verb of saying follows it: the subject comes after
    the verb, as in "Dazu sagte er: …"."""
    if len(first) != 1 or colon < 3 or words[1][0] not in speech.verbs:
        return False
    return first[0][0].lower() in speech.function_words or memory.only_opens(first[0])


def _relative_antecedent(
    words: Phrase, colon: int, speech: SpeechData, memory: _Memory
) -> Speaker | None:
    """ "Hilfe kam von Trainerin X, die seit Jahren im Vorstand sitzt: „…“": a relative clause
    that ends in the colon describes the speaker, the name before it."""
    start = _clause_start(words, colon)
    if start < 2 or words[start][0].lower() not in speech.relative_pronouns:
        return None
    antecedent = _phrase(words, start - 2, speech, forward=False)
    name = _name(antecedent, speech)
    return _resolve(antecedent, speech, memory) if name or _is_named(antecedent, speech) else None


def _inverted_subject(
    words: Phrase, end: int, colon: int, speech: SpeechData, memory: _Memory
) -> Speaker | None:
    """ "Den Vorwurf, dass …, weist der Trainer zurück: …": after a fronted
    object and its clause, the finite verb, then the subject (a name, a role or an epithet)."""
    start = _clause_start(words, colon)
    if end >= len(words) or words[end][0] != "," or start + 1 >= colon:
        return None
    verb, determiner = words[start][0], words[start + 1][0].lower()
    if not verb[:1].islower() or determiner not in speech.determiners - speech.object_determiners:
        return None
    phrase = _phrase(words, start + 1, speech, forward=True)
    if any(is_role(w, speech) for w, _, _ in phrase) or _is_epithet(phrase, speech):
        return _resolve(phrase, speech, memory, subject=True)
    return None


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
    after_comma += [i for i in outside if _closes_without_comma(words, i, speech)]
    after_comma += [i for i in outside if _closing_auxiliary(words, i, speech)]
    after_comma += [i for i in outside if _verb_after_quotation(words, i, inside, speech)]
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
            phrase = _quoted_name(words, i + 1) or _phrase(words, i + 1, speech, forward=True)
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


def _verb_after_quotation(
    words: Phrase, i: int, inside: frozenset[int], speech: SpeechData
) -> bool:
    """ "„…“, quittierte Jorge X", "„…“, hauchte sie": right after a quotation and its comma,
    a lower-case word is the verb that attributes it, listed or not; the speaker follows."""
    if i < 3 or words[i - 1][0] != "," or words[i - 2][0] not in _QUOTE_MARKS:
        return False
    if i - 3 not in inside or words[i][0].lower() in speech.verbs:
        return False  # a listed verb is found as a closing verb already
    word = words[i][0]
    closed = closed_words(speech)
    following = words[i + 1][0] if i + 1 < len(words) else ""
    opens = following[:1].isupper() or following.lower() in speech.determiners | speech.pronouns
    return word[:1].islower() and word.lower() not in closed | speech.coordinators and opens


def _closing_auxiliary(words: Phrase, i: int, speech: SpeechData) -> bool:
    """ "…, hatte ein Sprecher am Freitag gesagt", "…, wird X, der …, im Buch zitiert": an
    auxiliary after the comma, the sentence ending in a verb of saying; the subject follows
    the auxiliary."""
    if i == 0 or words[i - 1][0] != "," or words[i][0].lower() not in speech.auxiliaries:
        return False
    rest = [w for w, _, _ in words[i + 1 :] if w not in _PUNCTUATION or w in ",()"]
    if any(w in _QUOTE_MARKS for w in rest):
        return False
    return bool(rest) and rest[-1] in speech.verbs


def _closes_without_comma(words: Phrase, i: int, speech: SpeechData) -> bool:
    """ "Wir sind zufrieden sagte eine Sprecherin am Abend": a verb of saying that closes
    the speaker's own words without the comma (a text with its marks and commas dropped).
    Before it, the first person of direct speech (a verb after a long opening phrase, "In
    seinem Gespräch mit der Zeitung sagte …", is no attribution); after it the speaker and
    no further clause."""
    word = words[i][0]
    if i < 4 or not word[:1].islower() or word not in speech.verbs or _has_marks(words):
        return False
    closed = speech.determiners | speech.phrase_stops | speech.function_words | speech.pronouns
    previous = words[i - 1][0]
    if previous in _PUNCTUATION or previous.lower() in closed:
        return False  # "… und fügte der Minister hinzu": a clause of its own
    if any(w == "," for w, _, _ in words[i + 1 :]):
        return False
    following = words[i + 1][0] if i + 1 < len(words) else ""
    if not (following[:1].isupper() or following.lower() in speech.determiners):
        return False
    return any(w.lower() in speech.first_person for w, _, _ in words[:i])


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
    apposition = _subject_apposition(words, i, speech)
    if apposition:
        return _resolve(apposition, speech, memory, subject=True)
    after = _recipient_skipped(words, i, speech)
    owner = _statement_owner(words, i + 1, speech)
    if owner is not None:  # ", so die Aussage des Mannes": whose statement it is
        return _resolve(_phrase(words, owner, speech, forward=True), speech, memory, True)
    roles = any(is_role(w, speech) for w, _, _ in after)
    if memory.referent(after) is not None and not roles and _is_epithet(after, speech):
        return memory.referent(after)  # ", sagte der Franzose": the person named before
    if after and after[0][0].lower() in speech.determiners and not _is_named(after, speech):
        speaker = _verb_speaker(words, i, speech, memory)
        inverted = after[0][0].lower() not in speech.object_determiners and _has_noun(after, speech)
        if speaker is not None and not (inverted and speaker.end <= words[i][1]):
            return speaker  # but ", teilte die Küstenwache mit": the subject after the verb,
    return _resolve(after, speech, memory, subject=True)  # not a word of what was said


def _recipient_skipped(words: Phrase, i: int, speech: SpeechData) -> Phrase:
    """The phrase after the verb at ``i``; after a recipient ("sagte der Zeitung ein
    Sprecher"), the phrase of a person that follows it."""
    after = _phrase(words, i + 1, speech, forward=True)
    if not after or not after[0][0][:1].islower():
        return after
    following = next(j for j in range(i + 1, len(words)) if words[j][1] == after[-1][1]) + 1
    if following >= len(words):
        return after
    if words[following][0].lower() not in speech.determiners - speech.object_determiners:
        return after
    person = _phrase(words, following, speech, forward=True)
    persons = [w for w, _, _ in person if is_role(w, speech)]
    return person if any(w.lower().endswith(speech.person_endings) for w in persons) else after


def _subject_apposition(words: Phrase, i: int, speech: SpeechData) -> Phrase:
    """ "Die Expertin der Partei, Eva Muster, sagte dem „Kurier“, …": the comma before the verb
    closes a name set off after the sentence's first noun phrase; the verb is not a closing
    attribution, and the name is its subject (not "dem „Kurier“" after it)."""
    commas = [k for k in range(i - 1) if words[k][0] == ","]
    if not commas or any(w in _PUNCTUATION or w in _QUOTE_MARKS for w, _, _ in words[: commas[-1]]):
        return []
    name = words[commas[-1] + 1 : i - 1]
    closed = speech.determiners | speech.function_words | speech.pronouns
    if not 0 < len(name) <= _MAX_NAME_WORDS or len(commas) > 1 or not words[0][0][:1].isupper():
        return []
    if any(not w[:1].isupper() or w.lower() in closed for w, _, _ in name):
        return []
    opening = speech.determiners | speech.phrase_stops  # a noun phrase, no clause ("Das sei …")
    if any(w[:1].islower() and w not in opening for w, _, _ in words[: commas[-1]]):
        return []
    return name


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
    return _circle_source(words, start, speech, memory)


def _circle_source(
    words: Phrase, start: int, speech: SpeechData, memory: _Memory
) -> Speaker | None:
    """ "…, heißt es im Markt" / "hieß es in Regierungskreisen": the circle named after "in"
    is the source; a document ("in einer Mitteilung", "in der Erklärung") is none."""
    if start >= len(words) - 1 or words[start][0].lower() not in speech.place_prepositions:
        return None
    source = _phrase(words, start + 1, speech, forward=True)
    while source and source[0][0].lower() in speech.determiners:
        source = source[1:]
    if not source or source[-1][0].rsplit("-", 1)[-1].lower() in speech.report_nouns:
        return None
    return _resolve(source, speech, memory, True)


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
    """Index of the source noun in "nach [den|eigenen] Angaben …" / "nach Kreml-Angaben" /
    "nach einer ersten Aussage des X" (after an article and an adjective, only with the
    owner named: "nach den wenigen Informationen, die …" names nobody)."""
    if lowered[i] not in speech.report_prepositions:
        return None
    owners = speech.genitive_articles | speech.owner_prepositions
    for j in (i + 1, i + 2, i + 3):
        if j < len(lowered) and lowered[j].rsplit("-", 1)[-1] in speech.report_nouns:
            owned = j + 1 < len(lowered) and lowered[j + 1] in owners
            return j if j < i + 3 or owned else None
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
    plain = bool(vorfeld) and memory.plainly_opens(vorfeld[0])  # "Vergangenes Jahr sagte X"
    if vorfeld and _is_named(vorfeld, speech) and not recipient and not plain:  # not "Dem X sagte"
        return _resolve(vorfeld, speech, memory, subject=True)  # "Die Opposition warf der …"
    personal = speech.subject_pronouns - speech.impersonal_pronouns
    if len(vorfeld) == 1 and vorfeld[0][0].lower() in personal:
        return _resolve(vorfeld, speech, memory)  # "Er warf Teheran vor, …": not "Teheran"
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
    if speaker is None and vorfeld and not plain:
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
    openers = speech.subordinators | speech.function_words
    if any(w[:1].isupper() and w.lower() in openers for w, _, _ in between[1:]):
        return []  # "… lag im Wald Wie ein Sprecher sagte": glued sentences, not the subject
    phrase = _phrase(words, start, speech, forward=True)
    return phrase if phrase and phrase[0][1] == words[start][1] else []


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
    if start == 0 and opener not in speech.subordinators:
        return None  # "Die Gäste lobten …": an article opens the sentence, no relative clause
    phrase = _phrase(words, start + 1, speech, forward=True)
    if phrase and phrase[0][0].lower() in speech.object_determiners:
        phrase = []  # "der den Bau als „…“ bezeichnete": the pronoun is the subject
    subject = _resolve(phrase, speech, memory, True)
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
            pronoun = words[i + 1][0] if follows else words[i - 1][0]
            return memory.agreeing(pronoun_gender(pronoun, speech))
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
        _learn_titles(words, speech, memory)
        _learn_appositions(words, speech, memory)


def _learn_appositions(words: Phrase, speech: SpeechData, memory: _Memory) -> None:
    """A role set off after a full name ("Holger X, Sprecher der Polizei"): a later "der
    Polizeisprecher" or "der Sprecher" is that person."""
    inside = _inside_quotes(words)
    for i in range(2, len(words)):
        word = words[i][0]
        if i in inside or words[i - 1][0] != "," or not is_role(word, speech):
            continue
        name = _name(_phrase(words, i - 2, speech, forward=False), speech)
        if len(name) >= 2 and name[-1][2] == words[i - 2][2]:
            named = Speaker(" ".join(w for w, _, _ in name), name[0][1], name[-1][2])
            memory.roles.setdefault(role_key(word, speech), named)


def _learn_titles(words: Phrase, speech: SpeechData, memory: _Memory) -> None:
    """Person nouns written right before a name ("hat Pianistin X (29) …"): a later "die
    Pianistin" is that person, even when someone else was named in between."""
    inside = _inside_quotes(words)
    closed = speech.determiners | speech.function_words | speech.pronouns
    for i in range(len(words) - 1):
        word = words[i][0]
        if i in inside or not word[:1].isupper() or word.lower() in closed:
            continue
        person = word.lower().endswith(speech.person_endings)
        if not (person or honorific_gender(word, speech)) or i + 1 in inside:
            continue
        name = _name(_phrase(words, i + 1, speech, forward=True), speech)
        if name and name[0][1] == words[i + 1][1] and len(name) <= _MAX_NAME_WORDS:
            titled = Speaker(" ".join(w for w, _, _ in name), name[0][1], name[-1][2])
            memory.titles.setdefault(word.lower(), titled)
            gender = _gender_of_noun(word, speech)
            if gender is not None:  # "Kanzlerin X", "Herr X": the text says which
                memory.genders.setdefault(name[-1][0].lower(), gender)


def _gender_of_noun(word: str, speech: SpeechData) -> str | None:
    """The gender a person noun or an honorific gives the name after it ("Sprecherin",
    "Herr"), or None ("Vorsitzende" is either)."""
    lower = word.lower()
    honorific = honorific_gender(word, speech)
    if honorific is not None:
        return honorific
    return next((g for g, endings in speech.gendered_endings if lower.endswith(endings)), None)


def _subject(words: Phrase, speech: SpeechData) -> tuple[Speaker | None, list[str]]:
    """The person named at the start of a sentence (its subject), and the roles given there."""
    phrase = _phrase(words, 0, speech, forward=True)
    if not phrase or phrase[0][0].lower() in speech.function_words:
        return None, []  # "Bereits Jahre zuvor sei …": an adverb, not the subject, comes first
    name = _name(phrase, speech)
    roles = [w for w, _, _ in phrase if is_role(w, speech)]
    group = phrase[0][0].lower() in speech.determiners and not roles and len(name) < 2
    if not name or group:
        return None, roles  # "Die Europäer müssten …" is a group, not a named person
    return Speaker(" ".join(w for w, _, _ in name), name[0][1], name[-1][2]), roles
