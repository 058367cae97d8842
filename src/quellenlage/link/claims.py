"""Stage 5d: claims and contradictions across the articles of a story.

A claim is a reported statement: a sentence outside the noise that is not just a quotation.
Sentences of different articles join one claim when they state the same proposition: their
multilingual embeddings are very close (and no figure of theirs disagrees), or both state the
same figure about the same thing — the same value of the same unit or counted noun, in a
clause that states it (not in an attribution such as "schreibt X über das sechste Treffen"),
the clauses naming no different places, people or organisations. A shared number alone is no
support. The articles that carry a claim are its support, each with its own sentence; claims
carried by one article stay, marked ``single_source``.

Contradictions, each with a ``kind`` and both sides in full, in text order:
- ``figures``: the same quantity about the same thing with values beyond rounding (wider for
  "fast", "rund", "etwa");
- ``negation``: one article negates what another states ("kein weiteres Treffen geplant" /
  "weitere Gespräche … sind geplant");
- ``denial``: a statement and its denial or dispute, in the same article (the statement just
  before "bestreitet …") or in another one that names the same thing.

The cost stays near-linear in the story's size: each statement is compared only with its
nearest neighbours by embedding (usearch) and with a bounded number of statements that state
the same figure, and each claim with its nearest claims; each pair of claims gives at most
one contradiction, and each claim takes part in at most ``CONTRADICTIONS_PER_CLAIM`` of them
(the closest pairs first).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
import onnxruntime  # noqa: F401 - before usearch: loaded after it, onnxruntime segfaults
from usearch.index import BatchMatches, Index

from quellenlage.analyse.article import ArticleAnalysis
from quellenlage.analyse.dates import DateMention
from quellenlage.analyse.numbers import NumberMention
from quellenlage.lang import get_language
from quellenlage.lang.base import LanguageData
from quellenlage.link.names import name_key
from quellenlage.model import (
    Article,
    ClaimRecord,
    Contradiction,
    Entity,
    Evidence,
    Figure,
    SentenceRef,
    Side,
)

SAME_CLAIM = 0.75  # embedding cosine: the same statement, when a predicate is shared
SAME_WORDING = 0.85  # embedding cosine: the same statement whatever its words
SAME_FIGURE = 0.35  # enough when both state the same figure about the same thing
FIGURE_CONFLICT = 0.4  # the same quantity about the same thing, with other values
POLARITY_WINDOW = 6  # words after a negation that name what is negated
POLARITY_SIMILARITY = 0.25  # only statements about roughly the same thing
DISPUTE_SIMILARITY = 0.4  # a denial in another article answers a statement this close
NEIGHBOURS = 12  # nearest statements compared with each statement
SAME_FIGURE_PARTNERS = 16  # earlier statements with the same figure compared with each one
CONTRADICTIONS_PER_CLAIM = 3
SIDES_TRIED = 3  # members of each of two claims tested against each other (squared: pairs)
EXACT_SEARCH_BELOW = 8192  # statements: below this the neighbour search is exact (faster)
_BLOCK = 1024  # rows of inner products computed at once (4 MB per 1,000 statements)
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_CLAUSE_BREAK = re.compile(r"[,;:–—()]| - ")
_MIN_WORDS = 5
_NAMED = ("PER", "LOC", "ORG")
_DAY_PRECISIONS = frozenset({"day", "time"})


@dataclass(frozen=True, slots=True)
class _Clause:
    start: int
    end: int
    stems: frozenset[str]  # content-word stems
    predicates: frozenset[str]  # stems of its lower-case content words (verbs, adjectives)
    names: frozenset[str]  # name keys of the places, people and organisations in it
    attribution: bool  # names who says something (a verb of saying), not what is said


@dataclass(frozen=True, slots=True, eq=False)  # compared by identity (it holds an array)
class _Statement(SentenceRef):
    numbers: tuple[NumberMention, ...]  # every figure in the sentence (shown with the claim)
    figures: tuple[tuple[NumberMention, _Clause], ...]  # figures the sentence states
    days: tuple[tuple[DateMention, _Clause], ...]  # the days it dates what it states
    clauses: tuple[_Clause, ...]
    tokens: tuple[str, ...]  # words and punctuation, as written
    runs: tuple[frozenset[str], ...]  # content stems between two punctuation tokens
    words: frozenset[str]  # lower-case words
    names: frozenset[str]  # name keys of its places, people and organisations
    predicates: frozenset[str]  # stems of its predicates (see ``_predicate_stems``)
    index: int  # position among all statements
    vector: np.ndarray  # the sentence's stored embedding


@dataclass
class _Claim:
    members: list[_Statement] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)

    @property
    def first(self) -> _Statement:
        return self.members[0]

    def add(self, statement: _Statement) -> None:
        self.members.append(statement)
        self.articles.add(statement.article.id)


def story_claims(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    entities: Sequence[Sequence[Entity]] | None = None,
) -> tuple[list[ClaimRecord], list[Contradiction]]:
    """(claims, contradictions) of a story, as contract records, from the articles' stored
    analyses (figures and sentence embeddings) and, when given, each article's entities
    (which tell two figures about different places or people apart)."""
    found = entities if entities is not None else [[] for _ in articles]
    statements = _statements(articles, analyses, found)
    if not statements:
        return [], []
    partners = _partners(statements)
    claims = _group(statements, partners)
    ids = {id(claim): f"c{n}" for n, claim in enumerate(claims, start=1)}
    contradictions = _contradictions(statements, claims, partners, ids)
    return [_claim_record(c, ids[id(c)]) for c in claims], contradictions


# statements -----------------------------------------------------------------------------------


def _statements(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    entities: Sequence[Sequence[Entity]],
) -> list[_Statement]:
    found: list[_Statement] = []
    for article, analysis, named in zip(articles, analyses, entities, strict=True):
        language = get_language(article.language)
        names = [e for e in named if e.type in _NAMED]
        for position, sentence in enumerate(article.sentences):
            text = article.text[sentence.start : sentence.end]
            if sentence.heading or len(_WORD.findall(text)) < _MIN_WORDS or _only_quote(text):
                continue
            inside = [
                n for n in analysis.numbers if sentence.start <= n.start and n.end <= sentence.end
            ]
            clauses = _clauses_of(article, sentence.start, sentence.end, names, language)
            figures = tuple(
                (n, clause)
                for n in inside
                if n.value is not None and n.unit
                for clause in clauses
                if clause.start <= n.start < clause.end and not clause.attribution
            )
            tokens = tuple(_TOKEN.findall(text))
            found.append(
                _Statement(
                    article,
                    sentence,
                    tuple(inside),
                    figures,
                    _days(analysis.dates, sentence.start, sentence.end, clauses),
                    clauses,
                    tokens,
                    _token_clauses(tokens, language),
                    frozenset(t.lower() for t in tokens if t[0].isalnum()),
                    frozenset().union(*(c.names for c in clauses)),
                    frozenset().union(*(c.predicates for c in clauses)),
                    len(found),
                    analysis.sentence_vectors[position],
                )
            )
    return found


def _days(
    dates: Sequence[DateMention], start: int, end: int, clauses: tuple[_Clause, ...]
) -> tuple[tuple[DateMention, _Clause], ...]:
    """The resolved days inside ``start:end``, each with the clause it dates (not one that
    only says who speaks)."""
    return tuple(
        (d, clause)
        for d in dates
        if d.value is not None and d.precision in _DAY_PRECISIONS and start <= d.start < end
        for clause in clauses
        if clause.start <= d.start < clause.end and not clause.attribution
    )


def _only_quote(text: str) -> bool:
    stripped = text.strip()
    return stripped[:1] in '„»"' and stripped.rstrip(".")[-1:] in '“«"'


def _clauses_of(
    article: Article, start: int, end: int, names: list[Entity], language: LanguageData
) -> tuple[_Clause, ...]:
    """The sentence cut at commas, colons, dashes and brackets, each part with its content
    stems, its names and whether it is an attribution ("schreibt das Portal über …")."""
    verbs = language.speech.verbs if language.speech else frozenset()
    text = article.text
    cuts = [start, *(m.end() for m in _CLAUSE_BREAK.finditer(text, start, end)), end]
    clauses = []
    for a, b in pairwise(cuts):
        words = _WORD.findall(text[a:b])
        if not words:
            continue
        lowered = {w.lower() for w in words}
        stems = frozenset(w.lower()[:6] for w in words if _content(w, language))
        predicates = _predicate_stems(words, language)
        inside = frozenset(
            name_key(text[e.start : e.end], article.language or "de")
            for e in names
            if a <= e.start < b
        )
        clauses.append(_Clause(a, b, stems, predicates, inside, bool(lowered & verbs)))
    return tuple(clauses)


def _predicate_stems(words: list[str], language: LanguageData) -> frozenset[str]:
    """Stems of the lower-case content words that are not attributive adjectives (a word
    right before a capitalised one: "russischen Präsidenten"): in German mostly the verbs
    and participles, what a clause says about its subject."""
    return frozenset(
        word[:6]
        for word, following in zip(words, [*words[1:], ""], strict=True)
        if word[0].islower() and _content(word, language) and not following[:1].isupper()
    )


def _content(token: str, language: LanguageData) -> bool:
    return len(token) >= 4 and token[0].isalnum() and token.lower() not in language.stop_words


# candidate pairs ----------------------------------------------------------------------------


def _partners(statements: list[_Statement]) -> list[list[int]]:
    """For each statement, the statements worth comparing it with: its nearest neighbours by
    embedding and up to ``SAME_FIGURE_PARTNERS`` earlier ones that state the same figure."""
    partners = _nearest(np.vstack([s.vector for s in statements]).astype(np.float32))
    by_figure: dict[tuple[float, str], list[int]] = {}
    for statement in statements:
        keys = {(n.value, _unit_key(n.unit)) for n, _ in statement.figures if n.value is not None}
        for key in keys:
            earlier = by_figure.setdefault(key, [])
            partners[statement.index].extend(earlier[-SAME_FIGURE_PARTNERS:])
            earlier.append(statement.index)
    for index, row in enumerate(partners):
        partners[index] = sorted(set(row) - {index})
    return partners


def _nearest(vectors: np.ndarray) -> list[list[int]]:
    """The ``NEIGHBOURS`` nearest rows of each row (itself included): exact by blocks of
    inner products below ``EXACT_SEARCH_BELOW`` rows, else an approximate usearch index."""
    count = len(vectors)
    wanted = min(NEIGHBOURS + 1, count)
    if count < EXACT_SEARCH_BELOW:
        rows: list[list[int]] = []
        for first in range(0, count, _BLOCK):
            scores = vectors[first : first + _BLOCK] @ vectors.T
            best = np.argpartition(-scores, wanted - 1, axis=1)[:, :wanted]
            rows.extend([int(k) for k in row] for row in best)
        return rows
    # Candidates only, so a coarse graph will do: half precision and a short search at build
    # time keep the index near-linear (6,000 statements: 8.5 s -> 1.3 s to build).
    index = Index(
        ndim=vectors.shape[1], metric="ip", dtype="f16", expansion_add=32, expansion_search=64
    )
    index.add(np.arange(count), vectors)
    found = index.search(vectors, wanted)
    if isinstance(found, BatchMatches):
        return [[int(k) for k in found.keys[r][: found.counts[r]]] for r in range(count)]
    return [[int(k) for k in np.atleast_1d(found.keys)]]


# claims -------------------------------------------------------------------------------------


def _group(statements: list[_Statement], partners: list[list[int]]) -> list[_Claim]:
    """Greedy, against each claim's first statement (no chains), one statement per article;
    only the claims of a statement's partners are candidates."""
    claims: list[_Claim] = []
    owner: dict[int, _Claim] = {}
    for statement in statements:
        candidates = {
            id(owner[p]): owner[p] for p in partners[statement.index] if p in owner
        }.values()
        best: tuple[float, _Claim | None] = (0.0, None)
        for candidate in candidates:
            if statement.article.id in candidate.articles:
                continue
            score = _cosine(candidate.first, statement)
            if _same_claim(candidate.first, statement, score) and score > best[0]:
                best = (score, candidate)
        claim = best[1] or _Claim()
        if best[1] is None:
            claims.append(claim)
        claim.add(statement)
        owner[statement.index] = claim
    return sorted(claims, key=lambda c: -len(c.members))


def _cosine(a: _Statement, b: _Statement) -> float:
    return float(a.vector @ b.vector)


def _same_claim(a: _Statement, b: _Statement, score: float) -> bool:
    """The same proposition: the same subject and predicate (a close embedding and a shared
    predicate, or a very close embedding), or the same figure about the same thing with a
    shared predicate; never with a figure or a day that disagrees, or about other names."""
    if _figure_conflict(a, b) is not None or _different_names(a, b):
        return False
    if _day_conflict(a, b) is not None:
        return False
    shared = _shared_predicate(a, b)
    if score >= SAME_WORDING or (score >= SAME_CLAIM and shared):
        return True
    return score >= SAME_FIGURE and _same_figure(a, b, shared)


def _shared_predicate(a: _Statement, b: _Statement) -> bool:
    """A lower-case content word in common (in German a verb, participle or adjective)."""
    return bool(a.predicates & b.predicates)


def _same_figure(a: _Statement, b: _Statement, shared_predicate: bool) -> bool:
    """Both state one value of one unit or counted noun, in clauses about the same thing:
    the sentences share a predicate, or the two clauses a word besides the figure."""
    return any(
        x.value == y.value
        and _same_unit(x, y)
        and _same_thing(ca, cb)
        and (
            shared_predicate
            or bool(_clause_words_besides(a, x, ca) & _clause_words_besides(b, y, cb))
        )
        for x, ca in a.figures
        for y, cb in b.figures
    )


def _clause_words_besides(
    statement: _Statement, number: NumberMention, clause: _Clause
) -> frozenset[str]:
    names = {w[:6] for n in clause.names for w in n.split()}
    return clause.stems - set(_figure_stems(statement, number)) - names


def _same_thing(a: _Clause, b: _Clause) -> bool:
    """No different names in the two clauses."""
    return not (a.names and b.names and not a.names & b.names)


def _different_names(a: _Statement, b: _Statement) -> bool:
    names_a, names_b = a.names, b.names
    return bool(names_a and names_b and not names_a & names_b)


def _unit_key(unit: str | None) -> str:
    return (unit or "").lower()[:5]


def _same_unit(x: NumberMention, y: NumberMention) -> bool:
    return _unit_key(x.unit) == _unit_key(y.unit)


def _figure_conflict(a: _Statement, b: _Statement) -> tuple[NumberMention, NumberMention] | None:
    """A figure of the same unit about the same thing with values beyond rounding: 5 % apart,
    15 % when either is approximate ("fast drei Stunden" / "drei Stunden" agree)."""
    for x, clause_a in a.figures:
        for y, clause_b in b.figures:
            if x.value is None or y.value is None or not _same_unit(x, y):
                continue
            if not _same_thing(clause_a, clause_b):
                continue
            gap = abs(x.value - y.value) / max(abs(x.value), abs(y.value), 1e-9)
            tolerance = 0.15 if (x.approx or y.approx) else 0.05
            if gap > tolerance:
                return x, y
    return None


# contradictions -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Found:
    score: float  # the closer the two statements, the surer the contradiction
    first: _Statement
    second: _Statement
    kind: str
    explanation: str


def _contradictions(
    statements: list[_Statement],
    claims: list[_Claim],
    partners: list[list[int]],
    ids: dict[int, str],
) -> list[Contradiction]:
    owner = {m.index: c for c in claims for m in c.members}
    found: dict[tuple[int, int], _Found] = {}
    for item in _candidate_contradictions(statements, claims, partners):
        pair = _claim_pair(owner, item)
        if pair is not None and (pair not in found or item.score > found[pair].score):
            found[pair] = item
    taken: dict[int, int] = {}
    kept = []
    for pair, item in sorted(found.items(), key=lambda p: -p[1].score):
        if all(taken.get(c, 0) < CONTRADICTIONS_PER_CLAIM for c in pair):
            kept.append(item)
            for c in pair:
                taken[c] = taken.get(c, 0) + 1
    kept.sort(key=lambda x: (x.first.index, x.second.index))
    return [_contradiction_record(x, owner, ids, n) for n, x in enumerate(kept, start=1)]


def _claim_pair(owner: dict[int, _Claim], item: _Found) -> tuple[int, int] | None:
    a, b = owner[item.first.index], owner[item.second.index]
    if a is b:
        return None
    return (id(a), id(b)) if id(a) < id(b) else (id(b), id(a))


def _candidate_contradictions(
    statements: list[_Statement], claims: list[_Claim], partners: list[list[int]]
) -> Iterator[_Found]:
    for a, b in _contradiction_pairs(statements, claims, partners):
        language = get_language(a.article.language)
        score = _cosine(a, b)
        negated = _polarity_flip(a, b, language, score) or _polarity_flip(b, a, language, score)
        if negated:
            yield _Found(score, a, b, "negation", negated)
        conflict = _figure_conflict(a, b)
        if conflict and score >= FIGURE_CONFLICT and _shares_more_than_figures(a, b):
            x, y = conflict
            yield _Found(
                score,
                a,
                b,
                "figures",
                f"different figures for the same quantity: "
                f"{_number_text(a, x)!r} vs {_number_text(b, y)!r}",
            )
        days = _day_conflict(a, b)
        if days and score >= FIGURE_CONFLICT:
            first, second = days
            yield _Found(
                score,
                a,
                b,
                "dates",
                f"different days for the same event: {_number_text(a, first)!r} "
                f"({_day(first)}) vs {_number_text(b, second)!r} ({_day(second)})",
            )
        denial = _cross_dispute(a, b, language, score)
        if denial is not None:
            yield denial
    for statement, previous in _disputes(statements):
        yield _Found(
            1.0,
            previous,
            statement,
            "denial",
            f"disputed: {statement.text!r} answers {previous.text!r}",
        )
        yield from _reported_elsewhere(statements, partners, statement, previous)


def _contradiction_pairs(
    statements: list[_Statement], claims: list[_Claim], partners: list[list[int]]
) -> Iterator[tuple[_Statement, _Statement]]:
    """Statements of different articles worth testing, in text order: each statement with its
    partners, and the first members of each claim with those of the nearest other claims (in
    a story of near-copies a statement's nearest neighbours all say the same; the claims that
    say otherwise are the neighbours among claims)."""
    seen: set[tuple[int, int]] = set()
    firsts = [c.first for c in claims]
    nearest = _nearest(np.vstack([f.vector for f in firsts]).astype(np.float32))
    pairs = [(a, statements[p]) for a in statements for p in partners[a.index]]
    for c, row in enumerate(nearest):
        members = claims[c].members[:SIDES_TRIED]
        for other in row:
            if other != c:
                others = claims[other].members[:SIDES_TRIED]
                pairs.extend((a, b) for a in members for b in others)
    owner = {m.index: id(c) for c in claims for m in c.members}
    tried: Counter[tuple[int, int]] = Counter()  # statement pairs tested per pair of claims
    for a, b in pairs:
        first, second = (a, b) if a.index < b.index else (b, a)
        key = (first.index, second.index)
        claim_a, claim_b = owner[first.index], owner[second.index]
        claim_pair = (min(claim_a, claim_b), max(claim_a, claim_b))
        if claim_a == claim_b or first.article.id == second.article.id or key in seen:
            continue
        if tried[claim_pair] < SIDES_TRIED * SIDES_TRIED:
            seen.add(key)
            tried[claim_pair] += 1
            yield first, second


def _day_conflict(a: _Statement, b: _Statement) -> tuple[DateMention, DateMention] | None:
    """Two days for what the two clauses state alike: they share a predicate besides the
    dates' own words, name nothing different, and neither statement gives the other's day
    as well (a report of two days, "am Montag angekündigt, am Dienstag unterzeichnet")."""
    days_a, days_b = {_day(x) for x, _ in a.days}, {_day(y) for y, _ in b.days}
    if days_a & days_b:
        return None
    for x, clause_a in a.days:
        for y, clause_b in b.days:
            if _same_thing(clause_a, clause_b) and _share_a_predicate_besides(
                a, x, clause_a, b, y, clause_b
            ):
                return x, y
    return None


def _day(mention: DateMention) -> str:
    return (mention.value or "")[:10]


def _shares_more_than_figures(a: _Statement, b: _Statement) -> bool:
    """The figures' clauses share what is measured: a content word other than the figures'
    own words, lower-case in one of them (a predicate: "kosten" / "Die Kosten", not only
    "Millionen Euro", nor a shared name in "Ukraine-Krieg" / "Ukraine-Friedensplan")."""
    return any(
        _share_a_predicate_besides(a, x, clause_a, b, y, clause_b)
        for x, clause_a in a.figures
        for y, clause_b in b.figures
    )


def _share_a_predicate_besides(
    a: _Statement,
    x: NumberMention | DateMention,
    clause_a: _Clause,
    b: _Statement,
    y: NumberMention | DateMention,
    clause_b: _Clause,
) -> bool:
    """The two clauses share a content word other than the words of ``x`` and ``y``, and it
    is a predicate (lower-case) in one of them."""
    own = set(_figure_stems(a, x)) | set(_figure_stems(b, y))
    shared = (clause_a.stems & clause_b.stems) - own
    return bool(shared & (clause_a.predicates | clause_b.predicates))


def _figure_stems(statement: _Statement, number: NumberMention | DateMention) -> list[str]:
    return [w.lower()[:6] for w in _WORD.findall(_number_text(statement, number))]


def _cross_dispute(
    a: _Statement, b: _Statement, language: LanguageData, score: float
) -> _Found | None:
    """One article disputes what another reports: one side carries a dispute marker, the
    other none, and both name the same place, person or organisation and share a word
    that is not a name (what is disputed, not only who is concerned)."""
    if score < DISPUTE_SIMILARITY:
        return None
    disputes_a, disputes_b = _disputes_something(a, language), _disputes_something(b, language)
    if disputes_a == disputes_b or not _shared_names(a, b) or not _shared_words(a, b):
        return None
    denial, report = (a, b) if disputes_a else (b, a)
    return _Found(score, a, b, "denial", f"disputed: {denial.text!r} answers {report.text!r}")


def _shared_words(a: _Statement, b: _Statement) -> bool:
    names = {w[:6] for n in a.names | b.names for w in n.split()}
    stems_a = frozenset().union(*(c.stems for c in a.clauses))
    stems_b = frozenset().union(*(c.stems for c in b.clauses))
    return bool((stems_a & stems_b) - names)


def _reported_elsewhere(
    statements: list[_Statement], partners: list[list[int]], denial: _Statement, report: _Statement
) -> Iterator[_Found]:
    """A denial answers its own article's report, and so every other article's statement of
    that report: the report's partners in other articles that name the same thing."""
    for other in (statements[p] for p in partners[report.index]):
        if other.article.id in (denial.article.id, report.article.id):
            continue
        score = _cosine(other, report)
        if score >= DISPUTE_SIMILARITY and _shared_names(other, report):
            first, second = (other, denial) if other.index < denial.index else (denial, other)
            explanation = f"disputed: {denial.text!r} answers {other.text!r}"
            yield _Found(score, first, second, "denial", explanation)


def _disputes_something(statement: _Statement, language: LanguageData) -> bool:
    return bool(statement.words & language.dispute_markers)


def _shared_names(a: _Statement, b: _Statement) -> bool:
    return bool(a.names & b.names)


def _polarity_flip(
    a: _Statement, b: _Statement, language: LanguageData, similarity: float
) -> str | None:
    """``a`` negates a predicate that ``b`` states without negation: the negated clause (up to
    the next punctuation) shares two content words with ``b``, one of them lower-case (in
    German a verb, participle or adjective: the predicate, not a name)."""
    if similarity < POLARITY_SIMILARITY:
        return None
    if b.words & language.negations or not a.words & language.negations:
        return None
    clauses_b = b.runs
    tokens_a = a.tokens
    for position, token in enumerate(tokens_a):
        if token.lower() not in language.negations:
            continue
        clause = []
        for following in tokens_a[position + 1 : position + 1 + POLARITY_WINDOW]:
            if not following[0].isalnum():
                break
            clause.append(following)
        for stems_b in clauses_b:  # the shared words must stand in one clause of ``b``
            shared = [t for t in clause if _content(t, language) and t.lower()[:6] in stems_b]
            if len(shared) >= 2 and any(t[0].islower() for t in shared):
                return (
                    f"polarity: one article says '{token} {' '.join(clause)}', another "
                    f"states '{' '.join(shared)}' without negation"
                )
    return None


def _token_clauses(tokens: tuple[str, ...], language: LanguageData) -> tuple[frozenset[str], ...]:
    """Content-word stems of each run of words between two punctuation tokens (narrower than
    a clause: a negation must meet its predicate close by)."""
    clauses: list[set[str]] = [set()]
    for token in tokens:
        if not token[0].isalnum():
            clauses.append(set())
        elif _content(token, language):
            clauses[-1].add(token.lower()[:6])
    return tuple(frozenset(c) for c in clauses if c)


def _disputes(statements: list[_Statement]) -> list[tuple[_Statement, _Statement]]:
    """A denial ("bestreitet", "Lüge") and the statement just before it in the same article."""
    pairs = []
    previous: _Statement | None = None
    for statement in statements:
        language = get_language(statement.article.language)
        same_article = previous is not None and previous.article.id == statement.article.id
        if same_article and statement.words & language.dispute_markers:
            assert previous is not None
            pairs.append((statement, previous))
        previous = statement
    return pairs


def _number_text(statement: _Statement, number: NumberMention | DateMention) -> str:
    return statement.article.text[number.start : number.end]


# records ------------------------------------------------------------------------------------


def _contradiction_record(
    item: _Found, owner: dict[int, _Claim], ids: dict[int, str], number: int
) -> Contradiction:
    """Both sides in full, in text order (the earlier article's statement first)."""
    sides = (item.first, item.second)
    return Contradiction(
        id=f"x{number}",
        kind=item.kind,
        items=[ids[id(owner[m.index])] for m in sides],
        sides=[Side(m.text, [m.evidence]) for m in sides],
        explanation=item.explanation,
    )


def _claim_record(claim: _Claim, claim_id: str) -> ClaimRecord:
    return ClaimRecord(
        id=claim_id,
        text=claim.first.text,
        evidence=[m.evidence for m in claim.members],
        single_source=len(claim.articles) == 1,
        numbers=[_figure(m.article, n) for m in claim.members for n in m.numbers],
    )


def _figure(article: Article, number: NumberMention) -> Figure:
    evidence = Evidence.of(article, number.start, number.end)
    return Figure(number.value, number.unit, number.approx, evidence.text, evidence)
