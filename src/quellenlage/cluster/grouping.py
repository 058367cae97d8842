"""Stage 4 (first version): group articles into stories.

Cosine of title + lead vectors (reference IDF, see ``analyse.vectors``); an edge where it
passes the threshold and the articles are published within the time window; stories are the
connected components. The "Story clustering"
issue replaces this with incremental, embedding-based clustering.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from quellenlage.analyse.vectors import cosine_matrix, vector_matrix
from quellenlage.model import Article
from quellenlage.settings import Settings

_LEAD_SENTENCES = 8


def lead_text(article: Article) -> str:
    """Title and the first body sentences: what a reader sees of the story first."""
    body = [s for s in article.sentences if not s.heading][:_LEAD_SENTENCES]
    parts = [article.title or ""] + [article.text[s.start : s.end] for s in body]
    return "\n".join(parts)


def group_stories(articles: Sequence[Article], settings: Settings) -> list[list[Article]]:
    """Stories as lists of articles; larger stories first, then by earliest article."""
    if not articles:
        return []
    similarity = cosine_matrix(
        vector_matrix([lead_text(a) for a in articles], [a.language for a in articles])
    )
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            if similarity[i, j] >= settings.story_threshold and _close_in_time(
                articles[i], articles[j], settings.story_window_days
            ):
                parent[find(i)] = find(j)
    groups: dict[int, list[Article]] = {}
    for index, article in enumerate(articles):
        groups.setdefault(find(index), []).append(article)
    return sorted(groups.values(), key=lambda g: (-len(g), min(a.published or "9" for a in g)))


def _close_in_time(a: Article, b: Article, window_days: int) -> bool:
    """Undated articles may join any story; dated ones only within the window."""
    day_a, day_b = a.published, b.published
    if day_a is None or day_b is None:
        return True
    return abs((date.fromisoformat(day_a) - date.fromisoformat(day_b)).days) <= window_days
