"""Stage 5d: claims and contradictions across the articles of a story.

A claim is a reported statement: a sentence outside the noise that is not just a quotation.
Sentences of different articles join one claim when their multilingual embeddings are very
close, or when they state the same figure and are close enough ("fast drei Stunden warten
ließ" / "drei Stunden zu spät"); the articles that carry a claim are its support, and claims
carried by one article stay, marked ``single_source``.

Contradictions, each with a one-line explanation:
- polarity: one article negates what another states ("kein weiteres Treffen geplant" /
  "weitere Gespräche … sind geplant");
- figures: close statements with the same unit but incompatible values;
- disputes: a statement followed by its denial ("bestreitet", "von einer Lüge").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from quellenlage.analyse.article import ArticleAnalysis
from quellenlage.analyse.numbers import NumberMention
from quellenlage.lang import get_language
from quellenlage.lang.base import LanguageData
from quellenlage.model import Article, SentenceRef, Span

SAME_CLAIM = 0.75  # embedding cosine: the same statement
SAME_FIGURE = 0.35  # enough when both state the same value in the same unit
SAME_VALUE = 0.45  # enough when both state the same value
FIGURE_CONFLICT = 0.6  # statements this close with other values contradict
POLARITY_WINDOW = 6  # words after a negation that name what is negated
POLARITY_SIMILARITY = 0.25  # only statements about roughly the same thing
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_MIN_WORDS = 5


@dataclass(frozen=True, slots=True, eq=False)  # compared by identity (it holds an array)
class _Statement(SentenceRef):
    numbers: tuple[NumberMention, ...]
    index: int  # position among all statements (row of the similarity matrix)
    vector: np.ndarray  # the sentence's stored embedding


@dataclass
class _Claim:
    members: list[_Statement] = field(default_factory=list)

    @property
    def first(self) -> _Statement:
        return self.members[0]


def story_claims(
    articles: Sequence[Article], analyses: Sequence[ArticleAnalysis]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(claims, contradictions) of a story, as contract records, from the articles' stored
    analyses (figures and sentence embeddings)."""
    statements = _statements(articles, analyses)
    if not statements:
        return [], []
    vectors = np.vstack([s.vector for s in statements])
    similarity = vectors @ vectors.T
    claims = _group(statements, similarity)
    ids = {id(claim): f"c{n}" for n, claim in enumerate(claims, start=1)}
    contradictions = _contradictions(claims, similarity, ids)
    return [_claim_record(c, ids[id(c)]) for c in claims], contradictions


def _statements(
    articles: Sequence[Article], analyses: Sequence[ArticleAnalysis]
) -> list[_Statement]:
    found: list[_Statement] = []
    for article, analysis in zip(articles, analyses, strict=True):
        numbers = analysis.numbers
        for position, sentence in enumerate(article.sentences):
            text = article.text[sentence.start : sentence.end]
            if sentence.heading or len(_WORD.findall(text)) < _MIN_WORDS or _only_quote(text):
                continue
            inside = [n for n in numbers if sentence.start <= n.start and n.end <= sentence.end]
            vector = analysis.sentence_vectors[position]
            found.append(_Statement(article, sentence, tuple(inside), len(found), vector))
    return found


def _only_quote(text: str) -> bool:
    stripped = text.strip()
    return stripped[:1] in '„»"' and stripped.rstrip(".")[-1:] in '“«"'


def _group(statements: list[_Statement], similarity: np.ndarray) -> list[_Claim]:
    """Greedy, against each claim's first statement (no chains), one statement per article."""
    claims: list[_Claim] = []
    for statement in statements:
        best: tuple[float, _Claim | None] = (0.0, None)
        for claim in claims:
            if any(m.article.id == statement.article.id for m in claim.members):
                continue
            score = float(similarity[claim.first.index, statement.index])
            if _same_claim(claim.first, statement, score) and score > best[0]:
                best = (score, claim)
        if best[1] is None:
            claims.append(_Claim([statement]))
        else:
            best[1].members.append(statement)
    return sorted(claims, key=lambda c: -len(c.members))


def _same_claim(a: _Statement, b: _Statement, score: float) -> bool:
    if score >= SAME_CLAIM:
        return _figures_compatible(a, b)
    values_a = {n.value for n in a.numbers if n.value is not None}
    values_b = {n.value for n in b.numbers if n.value is not None}
    shared = values_a & values_b
    if not shared:
        return False
    units = {(n.value, _unit_key(n.unit)) for n in a.numbers} & {
        (n.value, _unit_key(n.unit)) for n in b.numbers
    }
    return score >= (SAME_FIGURE if units else SAME_VALUE)


def _unit_key(unit: str | None) -> str:
    return (unit or "").lower()[:5]


def _figures_compatible(a: _Statement, b: _Statement) -> bool:
    """No figure of the same unit with a clearly different value."""
    return not _figure_conflict(a, b)


def _figure_conflict(a: _Statement, b: _Statement) -> tuple[NumberMention, NumberMention] | None:
    for x in a.numbers:
        for y in b.numbers:
            if x.value is None or y.value is None or _unit_key(x.unit) != _unit_key(y.unit):
                continue
            if not x.unit:
                continue
            gap = abs(x.value - y.value) / max(abs(x.value), abs(y.value), 1e-9)
            tolerance = 0.15 if (x.approx or y.approx) else 0.05
            if gap > tolerance:
                return x, y
    return None


def _contradictions(
    claims: list[_Claim], similarity: np.ndarray, ids: dict[int, str]
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    seen: set[frozenset[int]] = set()
    owner = {id(m): c for c in claims for m in c.members}

    def add(a: _Statement, b: _Statement, kind: str, explanation: str) -> None:
        """Claims of ``a`` and ``b`` contradict: both sides in full, in text order."""
        first, second = sorted((a, b), key=lambda m: m.index)
        key = frozenset((id(owner[id(first)]), id(owner[id(second)])))
        if owner[id(first)] is not owner[id(second)] and key not in seen:
            seen.add(key)
            found.append(
                {
                    "id": f"x{len(found) + 1}",
                    "kind": kind,
                    "items": [ids[id(owner[id(first)])], ids[id(owner[id(second)])]],
                    "sides": [
                        {"text": m.text, "evidence": [m.span.to_json()]} for m in (first, second)
                    ],
                    "explanation": explanation,
                }
            )

    statements = sorted((m for c in claims for m in c.members), key=lambda m: m.index)
    for i, a in enumerate(statements):
        language = get_language(a.article.language)
        for b in statements[i + 1 :]:
            if a.article.id == b.article.id:
                continue
            score = float(similarity[a.index, b.index])
            negated = _polarity_flip(a, b, language, score) or _polarity_flip(b, a, language, score)
            if negated:
                add(a, b, "negation", negated)
            conflict = _figure_conflict(a, b)
            if conflict and score >= FIGURE_CONFLICT:
                x, y = conflict
                add(
                    a,
                    b,
                    "figures",
                    f"different figures for the same quantity: "
                    f"{_quote_text(a, x)!r} vs {_quote_text(b, y)!r}",
                )
    for claim, previous in _disputes(statements):
        add(previous, claim, "denial", f"disputed: {claim.text!r} answers {previous.text!r}")
    return found


def _polarity_flip(
    a: _Statement, b: _Statement, language: LanguageData, similarity: float
) -> str | None:
    """``a`` negates a predicate that ``b`` states without negation: the negated clause (up to
    the next punctuation) shares two content words with ``b``, one of them lower-case (in
    German a verb, participle or adjective: the predicate, not a name)."""
    if similarity < POLARITY_SIMILARITY:
        return None
    tokens_b = _TOKEN.findall(b.text)
    if any(t.lower() in language.negations for t in tokens_b):
        return None
    clauses_b = _clauses(tokens_b, language)
    tokens_a = _TOKEN.findall(a.text)
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


def _clauses(tokens: list[str], language: LanguageData) -> list[set[str]]:
    """Content-word stems of each clause (tokens between punctuation)."""
    clauses: list[set[str]] = [set()]
    for token in tokens:
        if not token[0].isalnum():
            clauses.append(set())
        elif _content(token, language):
            clauses[-1].add(token.lower()[:6])
    return [c for c in clauses if c]


def _content(token: str, language: LanguageData) -> bool:
    return len(token) >= 4 and token[0].isalnum() and token.lower() not in language.stop_words


def _disputes(statements: list[_Statement]) -> list[tuple[_Statement, _Statement]]:
    """A denial ("bestreitet", "Lüge") and the statement just before it in the same article."""
    pairs = []
    previous: _Statement | None = None
    for statement in statements:
        language = get_language(statement.article.language)
        words = {w.lower() for w in _WORD.findall(statement.text)}
        same_article = previous is not None and previous.article.id == statement.article.id
        if same_article and words & language.dispute_markers:
            assert previous is not None
            pairs.append((statement, previous))
        previous = statement
    return pairs


def _quote_text(statement: _Statement, number: NumberMention) -> str:
    return statement.article.text[number.start : number.end]


def _claim_record(claim: _Claim, claim_id: str) -> dict[str, Any]:
    articles = {m.article.id for m in claim.members}
    return {
        "id": claim_id,
        "text": claim.first.text,
        "evidence": [m.span.to_json() for m in claim.members],
        "single_source": len(articles) == 1,
        "numbers": [
            {
                "value": n.value,
                "unit": n.unit,
                "approx": n.approx,
                "text": m.article.text[n.start : n.end],
                "evidence": Span(m.article.id, n.start, n.end).to_json(),
            }
            for m in claim.members
            for n in m.numbers
        ],
    }
