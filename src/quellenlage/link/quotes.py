"""Stage 5c: quotes of a story, one object per utterance, with a span in each article.

The same utterance is often quoted in several articles, in different words when outlets
translate it ("Wir haben nicht vor, mit Europa zu kämpfen" / "Wir werden keinen Krieg gegen
Europa führen"). Quotes of one kind join when their multilingual sentence embeddings are very
close, or close and the speakers agree (same surname) and they say the same thing: neither
says more than twice as much as the other (a statement on Nato *and* trade is not the one on
trade alone), and they share a third of their content words (by stem), not only the topic's
names. Speakers that contradict each other never join. Each evidence span carries its own
article's wording.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from quellenlage.analyse.article import ArticleAnalysis
from quellenlage.analyse.quotes import Quote
from quellenlage.lang import get_language
from quellenlage.link.entities import StoryEntity, entity_for_speaker, surname_index
from quellenlage.link.names import name_key
from quellenlage.model import Article, Evidence, QuoteRecord

SAME_WORDS = 0.8  # embedding cosine: the same statement, whoever is named as speaker
SAME_SPEAKER = {"direct": 0.45, "indirect": 0.55}  # enough when both name the same person
MORE_THAN = 2.0  # word-count ratio beyond which one quote says more than the other
SHARED_STEMS = 1 / 3  # content-word stems in common, of the smaller quote's
_STEM = 5  # letters of a content word compared ("Pendler" / "Pendlerinnen")


@dataclass(frozen=True, slots=True)
class _Found:
    article: Article
    quote: Quote

    @property
    def text(self) -> str:
        return self.article.text[self.quote.start : self.quote.end]

    @property
    def surname(self) -> str | None:
        if not self.quote.speaker:
            return None
        return name_key(self.quote.speaker.split()[-1], self.article.language)


def story_quotes(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    entities: Sequence[StoryEntity] = (),
) -> list[QuoteRecord]:
    """The story's quotes from the articles' stored analyses (quotes and their embeddings)."""
    pairs = list(zip(articles, analyses, strict=True))
    found = [_Found(a, q) for a, analysis in pairs for q in analysis.quotes]
    if not found:
        return []
    vectors = np.vstack([analysis.quote_vectors for _, analysis in pairs])
    similarity = vectors @ vectors.T
    names = _name_stems(entities)
    groups: list[list[int]] = []
    for index, item in enumerate(found):  # greedy, against each group's first quote: no chains
        for group in groups:
            quoted_in = {found[m].article.id for m in group}
            first = group[0]
            if item.article.id not in quoted_in and _same_utterance(
                found[first], item, float(similarity[first, index]), names
            ):
                group.append(index)
                break
        else:
            groups.append([index])
    people = surname_index(entities)
    return [
        _record(n, [found[m] for m in group], entities, people)
        for n, group in enumerate(groups, start=1)
    ]


def _same_utterance(a: _Found, b: _Found, similarity: float, names: frozenset[str]) -> bool:
    if a.article.id == b.article.id or a.quote.kind != b.quote.kind:
        return False  # one kind per quote: the dossier says direct or indirect for all spans
    if a.surname and b.surname and a.surname != b.surname:
        return False
    exact = a.text.lower().split() == b.text.lower().split()
    if exact or similarity >= SAME_WORDS:
        return True
    agreed = a.surname is not None and a.surname == b.surname
    close = similarity >= SAME_SPEAKER[a.quote.kind]
    return agreed and close and _same_statement(a, b, names)


def _same_statement(a: _Found, b: _Found, names: frozenset[str]) -> bool:
    """Neither says much more than the other, and they share content words other than the
    story's names (two statements about Trump and Putin are not one for that)."""
    longer, shorter = sorted((len(a.text.split()), len(b.text.split())), reverse=True)
    if longer > MORE_THAN * max(shorter, 1):
        return False
    mine, theirs = _stems(a) - names, _stems(b) - names
    if not mine or not theirs:
        return True  # nothing to compare ("Produktiv"): the embeddings decide
    return len(mine & theirs) >= SHARED_STEMS * min(len(mine), len(theirs))


def _stems(found: _Found) -> set[str]:
    stop = get_language(found.article.language).stop_words
    return {w[:_STEM] for w in _words(found.text) if len(w) >= 4 and w not in stop}


def _words(text: str) -> list[str]:
    return [w.strip(".,;:!?()„“”\"»«‚‘'–-").lower() for w in text.split()]


def _name_stems(entities: Sequence[StoryEntity]) -> frozenset[str]:
    return frozenset(
        w[:_STEM] for e in entities for name in e.base_names for w in _words(name) if w
    )


def _record(
    number: int,
    members: list[_Found],
    entities: Sequence[StoryEntity],
    people: Sequence[tuple[StoryEntity, str]],
) -> QuoteRecord:
    speakers = Counter(m.quote.speaker for m in members if m.quote.speaker)
    representative = max(members, key=lambda m: (m.quote.speaker is not None, len(m.text)))
    person = _speaker_entity(members, entities, people)
    return QuoteRecord(
        id=f"q{number}",
        speaker=person.id if person else None,
        speaker_name=person.name
        if person
        else (speakers.most_common(1)[0][0] if speakers else None),
        kind=representative.quote.kind,
        text=representative.text,
        evidence=[Evidence.of(m.article, m.quote.start, m.quote.end) for m in members],
    )


def _speaker_entity(
    members: list[_Found],
    entities: Sequence[StoryEntity],
    people: Sequence[tuple[StoryEntity, str]],
) -> StoryEntity | None:
    """The person most of the quote's speakers refer to."""
    votes: Counter[str] = Counter()
    by_id = {}
    for member in members:
        quote = member.quote
        person = entity_for_speaker(
            entities, people, member.article, quote.speaker_start, quote.speaker_end, quote.speaker
        )
        if person is not None and person.type == "PER":
            votes[person.id] += 1
            by_id[person.id] = person
    return by_id[votes.most_common(1)[0][0]] if votes else None
