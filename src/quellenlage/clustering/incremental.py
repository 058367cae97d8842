"""Stage 4: incremental story clustering.

Each new article is compared with the stories of its time window and joins the most similar
one when the similarity passes the threshold, or opens a new story. Similarity to a story is
a blend of the cosine of weighted terms (reference IDF, so it means the same in a collection of
five or of fifty thousand) and the cosine of the sentence embeddings, both against the story's
centroid, i.e. average linkage without the quadratic cost. Candidate stories come from
approximate nearest-neighbour search (usearch) over the articles already placed, in one index
per week, so the cost per article does not grow with the archive. Repair is bounded: when an
article is close to two stories whose centroids are close too, the two merge.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import onnxruntime  # noqa: F401 - before usearch: loaded after it, onnxruntime segfaults
from usearch.index import BatchMatches, Index

from quellenlage.clustering.features import Features

_BUCKET_DAYS = 7
_UNDATED = -1


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    threshold: float = 0.34  # average-linkage similarity to join a story (ECB+, eval/cluster.py)
    term_weight: float = 0.7  # share of the term cosine in the blend; the rest is embeddings
    window_days: int = 3  # an article joins stories active within this many days
    neighbours: int = 24  # articles retrieved per query (their stories are the candidates)


@dataclass
class Story:
    """A story's running centroid (sums) and its time span."""

    id: int
    members: list[str] = field(default_factory=list)
    term_sum: dict[str, float] = field(default_factory=dict)
    embedding_sum: np.ndarray = field(default_factory=lambda: np.zeros(512, dtype=np.float32))
    first: date | None = None
    last: date | None = None

    def add(self, item: Features) -> None:
        self.members.append(item.key)
        for term, weight in item.terms.items():
            self.term_sum[term] = self.term_sum.get(term, 0.0) + weight
        self.embedding_sum += item.embedding
        if item.day:
            self.first = min(self.first or item.day, item.day)
            self.last = max(self.last or item.day, item.day)

    def remove(self, item: Features) -> None:
        self.members.remove(item.key)
        for term, weight in item.terms.items():
            self.term_sum[term] = self.term_sum.get(term, 0.0) - weight
        self.embedding_sum -= item.embedding

    def absorb(self, other: Story) -> None:
        self.members.extend(other.members)
        for term, weight in other.term_sum.items():
            self.term_sum[term] = self.term_sum.get(term, 0.0) + weight
        self.embedding_sum += other.embedding_sum
        days = [d for d in (self.first, self.last, other.first, other.last) if d]
        self.first, self.last = (min(days), max(days)) if days else (None, None)


class Clusterer:
    """Assigns articles to stories one at a time; the same input order gives the same stories."""

    def __init__(self, settings: ClusterSettings | None = None) -> None:
        self.settings = settings or ClusterSettings()
        self.stories: dict[int, Story] = {}
        self.story_of: dict[str, int] = {}
        self._indexes: dict[int, Index] = {}
        self._keys: list[str] = []  # usearch key -> article id
        self._merged_into: dict[int, int] = {}
        self._next_id = 1

    def add_all(self, items: Iterable[Features]) -> None:
        for item in items:
            self.add(item)

    def add(self, item: Features) -> int:
        """Place one article; returns its story id."""
        if item.key in self.story_of:
            return self.story_id(item.key)
        scored = sorted(
            ((self.similarity(item, self.stories[s]), s) for s in self._candidates(item)),
            reverse=True,
        )
        passing = [s for score, s in scored if score >= self.settings.threshold]
        if passing:
            story = self.stories[passing[0]]
            for other in passing[1:3]:
                if other in self.stories and self._should_merge(story, self.stories[other]):
                    self._merge(story, self.stories[other])
        else:
            story = self._new_story()
        story.add(item)
        self.story_of[item.key] = story.id
        self._index_for(item.day).add(len(self._keys), item.embedding)
        self._keys.append(item.key)
        return story.id

    def place(self, item: Features, story_id: int) -> None:
        """Put an article into a known story without searching (rebuilding stored state)."""
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = Story(story_id)
        story.add(item)
        self.story_of[item.key] = story_id
        self._index_for(item.day).add(len(self._keys), item.embedding)
        self._keys.append(item.key)
        self._next_id = max(self._next_id, story_id + 1)

    def refine(self, items: Iterable[Features], passes: int = 2) -> int:
        """Bounded repair: take each article out of its story and put it where its
        average-linkage similarity is highest (or alone when nothing passes the threshold).

        Undoes early mistakes of the single pass; the cost per pass is one candidate search per
        article. Returns how many articles moved.
        """
        moved = 0
        items = list(items)
        neighbours = self._batch_neighbours(items)
        for _ in range(passes):
            for item, keys in zip(items, neighbours, strict=True):
                current = self.stories[self.story_id(item.key)]
                current.remove(item)
                candidates = {s for s in self._candidates(item, keys) if self.stories[s].members}
                scored = [(self.similarity(item, self.stories[s]), s) for s in candidates]
                best_score, best = max(scored, default=(0.0, 0))
                if best_score >= self.settings.threshold:
                    target = self.stories[best]
                else:
                    target = current if not current.members else self._new_story()
                target.add(item)
                if not current.members and target is not current:
                    del self.stories[current.id]
                if target is not current:
                    moved += 1
                    self.story_of[item.key] = target.id
        return moved

    def _new_story(self) -> Story:
        story = Story(self._next_id)
        self._next_id += 1
        self.stories[story.id] = story
        return story

    def story_id(self, key: str) -> int:
        story = self.story_of[key]
        while story in self._merged_into:
            story = self._merged_into[story]
        return story

    def similarity(self, item: Features, story: Story) -> float:
        """Average linkage: the mean similarity of ``item`` to the story's members.

        Dot products with the member sums divided by the member count; unlike the cosine with
        the centroid this does not favour large, diverse stories (no snowballing).
        """
        size = max(len(story.members), 1)
        term = sum(w * story.term_sum.get(t, 0.0) for t, w in item.terms.items()) / size
        embedding = float(item.embedding @ story.embedding_sum) / size
        weight = self.settings.term_weight
        return weight * term + (1 - weight) * embedding

    def _candidates(self, item: Features, keys: list[int] | None = None) -> set[int]:
        """Stories in the time window of the articles nearest to ``item`` (``keys``: their
        index keys when a batch search found them already)."""
        if keys is None:
            keys = []
            for bucket in self._buckets_near(item.day):
                index = self._indexes.get(bucket)
                if index is not None and len(index):
                    found = index.search(item.embedding, min(self.settings.neighbours, len(index)))
                    keys.extend(int(key) for key in np.atleast_1d(found.keys))
        stories = {self.story_id(self._keys[key]) for key in keys}
        return {s for s in stories if self._in_window(self.stories[s], item.day)}

    def _batch_neighbours(self, items: list[Features]) -> list[list[int]]:
        """Nearest-article keys for many items with one search per bucket (the index does not
        change during repair, so the searches can be batched)."""
        members: dict[int, list[int]] = {}
        for position, item in enumerate(items):
            for bucket in self._buckets_near(item.day):
                members.setdefault(bucket, []).append(position)
        keys: list[list[int]] = [[] for _ in items]
        for bucket, positions in members.items():
            index = self._indexes.get(bucket)
            if index is None or not len(index):
                continue
            queries = np.vstack([items[p].embedding for p in positions])
            found = index.search(queries, min(self.settings.neighbours, len(index)))
            if isinstance(found, BatchMatches):
                rows = [found.keys[r][: found.counts[r]] for r in range(len(positions))]
            else:  # a single query gives plain Matches
                rows = [np.atleast_1d(found.keys)]
            for row, position in zip(rows, positions, strict=True):
                keys[position].extend(int(k) for k in row)
        return keys

    def _buckets_near(self, day: date | None) -> list[int]:
        if day is None:
            return list(self._indexes)
        window = self.settings.window_days
        low = (day.toordinal() - window) // _BUCKET_DAYS
        high = (day.toordinal() + window) // _BUCKET_DAYS
        return [*range(low, high + 1), _UNDATED]

    def _in_window(self, story: Story, day: date | None) -> bool:
        if day is None or story.first is None or story.last is None:
            return True
        window = self.settings.window_days
        return (
            story.first.toordinal() - window <= day.toordinal() <= story.last.toordinal() + window
        )

    def _index_for(self, day: date | None) -> Index:
        bucket = _UNDATED if day is None else day.toordinal() // _BUCKET_DAYS
        if bucket not in self._indexes:
            self._indexes[bucket] = Index(ndim=512, metric="ip", dtype="f32")
        return self._indexes[bucket]

    def _should_merge(self, story: Story, other: Story) -> bool:
        """Two stories whose centroids pass the threshold against each other are one."""
        centroid = Features(
            "",
            other.embedding_sum / (np.linalg.norm(other.embedding_sum) or 1),
            _unit(other.term_sum),
            other.first,
        )
        return self.similarity(centroid, story) >= self.settings.threshold

    def _merge(self, story: Story, other: Story) -> None:
        story.absorb(other)
        del self.stories[other.id]
        self._merged_into[other.id] = story.id

    def assignments(self) -> dict[str, int]:
        return {key: self.story_id(key) for key in self.story_of}


def _unit(terms: dict[str, float]) -> dict[str, float]:
    norm = float(np.sqrt(sum(w * w for w in terms.values()))) or 1.0
    return {t: w / norm for t, w in terms.items()}
