"""Stage 5a: one entity per person, place or organisation of a story, across spellings.

Mentions join by comparison keys (``link.names``: Dmitriew / Dmitrijew / Dmitriev), with the
German genitive removed (Putins → Putin, Hauses → Haus) and, in names of places and
organisations, the declension of adjectives (das Weiße Haus / des Weißen Hauses). A surname
alone joins the one full name that ends in it; when two people share a surname, it joins
neither. People join only when their surnames agree (Dmitri Peskow ≠ Kirill Dmitriev) and
their first names do not differ. A role written right before a name ("Kremlchef Wladimir
Putin") is kept as the person's role (never as another name of theirs), and the role on its
own ("der Kremlchef") becomes a mention, when the story ties it to that one person only.

What is not a name is dropped first, decided with data rather than a list of words: a word
among the language's most frequent (``FUNCTION_WORD`` on wordfreq's Zipf scale: "Der", "So",
"Mich"), a word the story itself writes in lower case inside a sentence more often than
capitalised there ("Auge" / "ins auge" does not occur, but "nun" / "Nun" does), and a word
the model tagged in fewer than half of the places where it stands in the story (the name
consistency spread it; the model's own reading says it is an ordinary word).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from quellenlage.analyse.quotes import is_role, role_key
from quellenlage.lang import get_language
from quellenlage.link.names import name_key
from quellenlage.model import Article, Entity, EntityRecord, Evidence, stable_id, unique_ids

SIMILAR_SURNAMES = 0.85  # difflib ratio of two surname keys ("selenski" / "selenskii")
FUNCTION_WORD = 5.5  # wordfreq Zipf frequency of the lower-case form: a function word
MODEL_AGREEMENT = 0.5  # share of a word's places in the story that the model itself tagged


@dataclass(frozen=True, slots=True, eq=False)  # each mention is itself (hashed by identity)
class Mention:
    article: Article
    entity: Entity

    @property
    def text(self) -> str:
        return self.article.text[self.entity.start : self.entity.end]

    @property
    def evidence(self) -> Evidence:
        return Evidence.of(self.article, self.entity.start, self.entity.end)


@dataclass
class StoryEntity:
    type: str
    mentions: list[Mention] = field(default_factory=list)
    base_names: Counter[str] = field(default_factory=Counter)
    roles: set[str] = field(default_factory=set)  # "Kremlchef" before the name: not a name
    id: str = ""

    @property
    def name(self) -> str:
        """The most complete frequent form: most words, then most mentions, then earliest."""
        return max(self.base_names, key=lambda n: (len(n.split()), self.base_names[n]))

    @property
    def surname_key(self) -> str:
        return name_key(self.name.split()[-1])

    def record(self) -> EntityRecord:
        variants = sorted({m.text for m in self.mentions} - {self.name} - self.roles)
        return EntityRecord(
            id=self.id,
            name=self.name,
            type=self.type,
            variants=variants,
            aliases=[],  # other names of the entity; roles are not names (see "roles")
            mentions=[m.evidence for m in sorted(self.mentions, key=_order)],
            roles=sorted(self.roles - {self.name}),
        )


def _order(mention: Mention) -> tuple[str, int]:
    return mention.article.id, mention.entity.start


def resolve_entities(
    articles: Sequence[Article],
    found: Sequence[Sequence[Entity]],
    tagged: Sequence[Sequence[Entity]] | None = None,
) -> list[StoryEntity]:
    """The story's entities, most mentioned first; an entity's id comes from its type and
    name key, so it is the same in every rebuild and in every story that names it.
    ``found`` is what the story's name consistency made of ``tagged``, the model's own tags
    (by default the same)."""
    mentions = [
        Mention(a, e) for a, entities in zip(articles, found, strict=True) for e in entities
    ]
    mentions = _names_only(articles, mentions, tagged if tagged is not None else found)
    bases = _base_forms(mentions)
    entities: list[StoryEntity] = []
    for kind in ("PER", "ORG", "LOC", "MISC"):
        typed = [m for m in mentions if m.entity.type == kind]
        entities.extend(_people(typed, bases) if kind == "PER" else _by_key(typed, bases))
    _add_roles(articles, entities, bases)
    entities = _merge_aliases_and_spellings(entities)
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    keys = [stable_id("e", e.type, name_key(e.name, _language(e))) for e in entities]
    for entity, key in zip(entities, unique_ids(keys), strict=True):
        entity.id = key
    return entities


def _names_only(
    articles: Sequence[Article], mentions: list[Mention], tagged: Sequence[Sequence[Entity]]
) -> list[Mention]:
    """Mentions without function words, words the story writes in lower case, and words the
    model itself tagged in under half of their places (see the module's docstring)."""
    by_model: Counter[str] = Counter()  # a word counts inside a longer tag too ("Putin")
    for article, entities in zip(articles, tagged, strict=True):
        for entity in entities:
            words = set(article.text[entity.start : entity.end].split())
            by_model.update(words)
    placed = Counter(m.text for m in mentions)
    lower, upper = _casing(articles)
    return [
        m
        for m in mentions
        if " " in m.text
        or (
            _could_be_a_name(m.text, m.article, lower, upper)
            and by_model[m.text] >= MODEL_AGREEMENT * placed[m.text]
        )
    ]


def _could_be_a_name(word: str, article: Article, lower: Counter[str], upper: Counter[str]) -> bool:
    from wordfreq import zipf_frequency  # imported on use: 0.3 s at every start otherwise

    folded = word.lower()
    if zipf_frequency(folded, article.language or "de") >= FUNCTION_WORD:
        return False
    return lower[folded] <= upper[folded]


def _casing(articles: Sequence[Article]) -> tuple[Counter[str], Counter[str]]:
    """How often each word (lower-cased) stands in lower case and capitalised inside a
    sentence (not first: a sentence's first word is capitalised whatever it is)."""
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for article in articles:
        for sentence in article.sentences:
            for start, end in sentence.tokens[1:]:
                word = article.text[start:end]
                if word[:1].islower():
                    lower[word] += 1
                elif word[:1].isupper():
                    upper[word.lower()] += 1
    return lower, upper


def _language(entity: StoryEntity) -> str:
    return entity.mentions[0].article.language if entity.mentions else "de"


def _base_forms(mentions: list[Mention]) -> dict[Mention, str]:
    """Each mention without a genitive -s when the story also has the form without it."""
    seen = {w for m in mentions for w in m.text.split()}
    bases = {}
    for mention in mentions:
        words = mention.text.split()
        last = words[-1]
        for suffix in ("’s", "'s", "es", "s", "’", "'"):
            if last.endswith(suffix) and last[: -len(suffix)] in seen:
                words[-1] = last[: -len(suffix)]
                break
        bases[mention] = " ".join(words)
    return bases


def _keys(name: str, language: str | None) -> list[str]:
    return [name_key(word, language or "de") for word in name.split()]


def _undeclined(name: str, language: str | None) -> str:
    """``name`` with the declension endings of the words before its last one removed."""
    endings = get_language(language).adjective_endings
    words = name.split()
    for i, word in enumerate(words[:-1]):
        ending = next((e for e in endings if word.endswith(e) and len(word) - len(e) >= 3), "")
        if word[:1].isupper() and ending:
            words[i] = word[: -len(ending)]
    return " ".join(words)


def _people(mentions: list[Mention], bases: dict[Mention, str]) -> list[StoryEntity]:
    """People from the longest names down; each distinct written form is compared once."""
    forms: dict[str, list[Mention]] = {}
    for mention in mentions:
        forms.setdefault(bases[mention], []).append(mention)
    language = mentions[0].article.language if mentions else None
    people: list[tuple[StoryEntity, list[str]]] = []  # with the keys of the first full name
    for form in sorted((f for f in forms if " " in f), key=lambda f: -len(f.split())):
        keys = _keys(form, language)
        match = [entity for entity, known in people if _same_person(keys, known)]
        person = match[0] if len(match) == 1 else _new(people, "PER", keys)
        _add(person, forms[form], form)
    for form in (f for f in forms if " " not in f):
        key = _keys(form, language)[0]
        similar = [(e, known) for e, known in people if _similar(key, known[-1])]
        candidates = [e for e, known in similar if len(known) > 1] or [e for e, _ in similar]
        _add(
            candidates[0] if len(candidates) == 1 else _new(people, "PER", [key]), forms[form], form
        )
    return [entity for entity, _ in people]


def _new(people: list[tuple[StoryEntity, list[str]]], kind: str, keys: list[str]) -> StoryEntity:
    entity = StoryEntity(kind)
    people.append((entity, keys))
    return entity


def _add(entity: StoryEntity, mentions: list[Mention], form: str) -> None:
    entity.mentions.extend(mentions)
    entity.base_names[form] += len(mentions)


def _same_person(a: list[str], b: list[str]) -> bool:
    """Same surname (up to spelling), and first names that agree or are initials of each other."""
    if not _similar(a[-1], b[-1]):
        return False
    first_a, first_b = a[0].rstrip("."), b[0].rstrip(".")
    return first_a.startswith(first_b) or first_b.startswith(first_a) or _similar(first_a, first_b)


@lru_cache(maxsize=1 << 16)  # a story compares the same few surnames again and again
def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 3 or min(len(a), len(b)) < 5:
        return False
    matcher = difflib.SequenceMatcher(None, a, b)
    return (  # the cheap upper bounds first
        matcher.real_quick_ratio() >= SIMILAR_SURNAMES
        and matcher.quick_ratio() >= SIMILAR_SURNAMES
        and matcher.ratio() >= SIMILAR_SURNAMES
    )


def _by_key(mentions: list[Mention], bases: dict[Mention, str]) -> list[StoryEntity]:
    """Places, organisations and other names: the same words up to spelling (Kiew / Kyjiw)
    and declension (Deutsche Bahn / Deutschen Bahn)."""
    groups: dict[tuple[str, ...], StoryEntity] = {}
    for mention in mentions:
        language = mention.article.language
        key = tuple(_keys(_undeclined(bases[mention], language), language))
        if key not in groups:
            groups[key] = StoryEntity(mention.entity.type)
        _add(groups[key], [mention], bases[mention])
    return list(groups.values())


def _add_roles(
    articles: Sequence[Article], entities: list[StoryEntity], bases: dict[Mention, str]
) -> None:
    """Roles right before a person's name ("Kremlchef Wladimir Putin") become roles of the
    person who holds them in at least two thirds of such places (not "Berater Putins", a
    genitive: that adviser is someone else). A role that only one person holds makes its
    other occurrences ("sagte der Kremlchef") mentions of that person."""
    holders: dict[str, Counter[int]] = {}
    surfaces: dict[tuple[int, str], set[str]] = {}
    before = {article.id: _words_before(article) for article in articles}
    for index, entity in enumerate(entities):
        for mention in entity.mentions:
            speech = get_language(mention.article.language).speech
            role = before[mention.article.id].get(mention.entity.start)
            if entity.type != "PER" or not speech or not role or not is_role(role, speech):
                continue
            if bases[mention] != mention.text:
                continue
            key = role_key(role, speech)
            holders.setdefault(key, Counter())[index] += 1
            surfaces.setdefault((index, key), set()).add(role)
    for (index, key), roles in surfaces.items():
        if holders[key][index] * 3 >= 2 * sum(holders[key].values()):
            entities[index].roles |= roles
    unique = {key: next(iter(people)) for key, people in holders.items() if len(people) == 1}
    names_at = {(m.article.id, m.entity.start) for e in entities for m in e.mentions}
    taken = set(names_at)
    for article in articles:
        speech = get_language(article.language).speech
        if speech is None:
            continue
        for start, end in (token for sentence in article.sentences for token in sentence.tokens):
            word = article.text[start:end]
            if not is_role(word, speech) or role_key(word, speech) not in unique:
                continue
            owner = entities[unique[role_key(word, speech)]]
            if (article.id, start) in taken or (article.id, end + 1) in names_at:
                continue
            if word in owner.roles:
                owner.mentions.append(Mention(article, Entity(start, end, "PER")))
                taken.add((article.id, start))


def _merge_aliases_and_spellings(entities: list[StoryEntity]) -> list[StoryEntity]:
    """A "person" that is only a role of another ("Nato-Generalsekretär" → Mark Rutte) joins
    that person; one-word names of different types with one spelling key ("Kyjiw" tagged PER,
    "Kiew" LOC) become one entity of the majority type (a place on a tie)."""
    people = [e for e in entities if e.type == "PER"]
    kept: list[StoryEntity] = []
    for entity in entities:
        owners = [p for p in people if p is not entity and set(entity.base_names) <= p.roles]
        if entity.type == "PER" and len(owners) == 1:
            _absorb(owners[0], entity, as_name=False)  # a role never becomes the name
        else:
            kept.append(entity)
    merged: list[StoryEntity] = []
    by_key: dict[str, StoryEntity] = {}
    for entity in kept:
        key = _one_word_key(entity)
        same = by_key.get(key) if key else None
        if same is not None:
            _absorb(same, entity, as_name=True)
            votes = Counter(m.entity.type for m in same.mentions)
            same.type = max(votes, key=lambda t: (votes[t], _TYPE_ON_TIE.index(t)))
        else:
            merged.append(entity)
            if key:
                by_key[key] = entity
    return merged


_TYPE_ON_TIE = ("MISC", "PER", "ORG", "LOC")  # later wins a tie


def _one_word_key(entity: StoryEntity) -> str | None:
    return name_key(entity.name) if len(entity.base_names) == 1 and " " not in entity.name else None


def _absorb(target: StoryEntity, other: StoryEntity, as_name: bool) -> None:
    target.mentions.extend(other.mentions)
    for name, count in other.base_names.items():
        target.base_names[name] += count if as_name else 0


def _words_before(article: Article) -> dict[int, str]:
    """For each token start: the word that ends one space before it in the same sentence."""
    found = {}
    for sentence in article.sentences:
        for (a, b), (start, _) in zip(sentence.tokens, sentence.tokens[1:], strict=False):
            if b == start - 1:
                found[start] = article.text[a:b]
    return found


def surname_index(entities: Sequence[StoryEntity]) -> list[tuple[StoryEntity, str]]:
    """The story's people with their surname keys, computed once for many speakers."""
    return [(e, e.surname_key) for e in entities if e.type == "PER"]


def entity_for_speaker(
    entities: Sequence[StoryEntity],
    people: Sequence[tuple[StoryEntity, str]],
    article: Article,
    start: int | None,
    end: int | None,
    name: str | None,
) -> StoryEntity | None:
    """The person a quote's speaker refers to: the entity mentioned at the speaker's words, or
    else the one person whose surname the speaker's last word matches (``people`` from
    ``surname_index``)."""
    if start is not None and end is not None:
        for entity in entities:
            for mention in entity.mentions:
                if (
                    mention.article.id == article.id
                    and mention.entity.start < end
                    and start < mention.entity.end
                ):
                    return entity
    if not name:
        return None
    key = name_key(name.split()[-1].removesuffix("s"), article.language or "de")
    matches = [entity for entity, surname in people if _similar(key, surname)]
    return matches[0] if len(matches) == 1 else None
