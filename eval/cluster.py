"""Story clustering evaluation (``make eval-cluster``): one table.

ECB+ (English; 43 topics, each pairing two similar real-world events = 86 subtopics):
B-cubed P/R/F1 and cluster counts at subtopic and topic level, for the incremental clusterer
and two batch baselines (TF-IDF + average-linkage agglomerative; USE embeddings + agglomerative).
Thresholds are chosen on one half of the topics (odd/even) and scored on the other; the table
shows held-out figures averaged over both directions.

German mix: the five seed articles among the 1,028 10kGNAD and 1,000 XGLUE articles must form
exactly one story that no other article joins, with the same settings as ECB+.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "eval"))

from bcubed import bcubed  # noqa: E402
from common import german_articles  # noqa: E402

from quellenlage.analyse.article import analyse_article  # noqa: E402
from quellenlage.analyse.resources import Resources  # noqa: E402
from quellenlage.clustering.features import Features  # noqa: E402
from quellenlage.clustering.incremental import Clusterer, ClusterSettings  # noqa: E402
from quellenlage.executor import make_executor  # noqa: E402
from quellenlage.model import Article, RawItem  # noqa: E402
from quellenlage.pipeline import build_article  # noqa: E402
from quellenlage.settings import Settings  # noqa: E402

ECB = ROOT.parent / "shared" / "data" / "cluster" / "ecbplus" / "ecbplus_docs.jsonl"
SEEDS = ROOT.parent / "shared" / "seeds"
GRID = [round(x, 3) for x in np.arange(0.04, 0.70, 0.02)]


def build(items: Sequence[RawItem]) -> list[Article]:
    settings = Settings()
    return [a for a in (build_article(i, settings) for i in items) if isinstance(a, Article)]


def article_features(articles: Sequence[Article], workers: int) -> list[Features]:
    """What ingest stores for story grouping: the per-article analysis, in ``workers``
    processes."""
    executor = make_executor(functools.partial(Resources, Settings()), workers)
    try:
        analyses = executor.map(analyse_article, list(articles))
    finally:
        executor.close()
    return [
        Features(a.id, analysis.lead, analysis.terms, a.publication_day)
        for a, analysis in zip(articles, analyses, strict=True)
    ]


def incremental(features: Sequence[Features], threshold: float) -> dict[str, int]:
    clusterer = Clusterer(ClusterSettings(threshold=threshold))
    clusterer.add_all(features)
    clusterer.refine(features)
    return clusterer.assignments()


def agglomerative(similarity: np.ndarray, keys: Sequence[str], threshold: float) -> dict[str, int]:
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1 - threshold
    )
    labels = model.fit_predict(np.clip(1 - similarity, 0, 2))
    return dict(zip(keys, (int(x) for x in labels), strict=True))


def held_out(
    method: Callable[[list[int], float], dict[str, int]],
    halves: list[list[int]],
    gold: dict[str, str],
    topic: dict[str, int],
) -> dict[str, float]:
    """Choose the threshold on one half (subtopic F1), score on the other; average both ways."""
    rows = []
    for tune, test in ((halves[0], halves[1]), (halves[1], halves[0])):

        def f1(indices: list[int], t: float) -> float:
            predicted = method(indices, t)
            return bcubed(predicted, {k: gold[k] for k in predicted})[2]

        best = max(GRID, key=lambda t: f1(tune, t))
        predicted = method(test, best)
        sub = bcubed(predicted, {k: gold[k] for k in predicted})
        top = bcubed(predicted, {k: topic[k] for k in predicted})
        rows.append(
            [*sub, *top, len(set(predicted.values())), len({gold[k] for k in predicted}), best]
        )
    mean = np.mean(rows, axis=0)
    names = ["P", "R", "F1", "tP", "tR", "tF1", "clusters", "gold", "threshold"]
    return dict(zip(names, mean, strict=True))


def ecb_table() -> None:
    with open(ECB, encoding="utf-8") as stream:
        records = [json.loads(line) for line in stream]
    items = [RawItem(source=r["doc_id"], text=r["text"], location=r["doc_id"]) for r in records]
    articles = build(items)
    by_id = {r["doc_id"]: r for r in records}
    gold = {a.id: by_id[a.source]["subtopic"] for a in articles}
    topic = {a.id: by_id[a.source]["topic"] for a in articles}
    start = time.perf_counter()
    features = article_features(articles, workers=2)
    print(f"ECB+: {len(articles)} documents, features in {time.perf_counter() - start:.1f} s")
    keys = [a.id for a in articles]
    halves = [[i for i, a in enumerate(articles) if topic[a.id] % 2 == parity] for parity in (1, 0)]
    texts = [a.text for a in articles]
    tfidf = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit_transform(texts)
    tfidf_similarity = (tfidf @ tfidf.T).toarray()
    embeddings = np.vstack([f.embedding for f in features])
    use_similarity = embeddings @ embeddings.T

    def batch(matrix: np.ndarray) -> Callable[[list[int], float], dict[str, int]]:
        return lambda idx, t: agglomerative(matrix[np.ix_(idx, idx)], [keys[i] for i in idx], t)

    methods = {
        "incremental (ours)": lambda idx, t: incremental([features[i] for i in idx], t),
        "TF-IDF + agglomerative": batch(tfidf_similarity),
        "USE + agglomerative": batch(use_similarity),
    }
    print(
        f"{'method':<24} {'sub P':>6} {'sub R':>6} {'sub F1':>6} {'top P':>6} {'top R':>6} "
        f"{'top F1':>6} {'clusters':>8} {'gold':>5} {'thr':>5}"
    )
    for name, method in methods.items():
        r = held_out(method, halves, gold, topic)
        print(
            f"{name:<24} {r['P']:6.3f} {r['R']:6.3f} {r['F1']:6.3f} {r['tP']:6.3f} "
            f"{r['tR']:6.3f} {r['tF1']:6.3f} {r['clusters']:8.1f} {r['gold']:5.1f} "
            f"{r['threshold']:5.2f}"
        )


def german_mix() -> None:
    seeds = [
        RawItem(source=str(p), text=p.read_text(encoding="utf-8"), location=str(p))
        for p in sorted(SEEDS.iterdir())
    ]
    others = [
        RawItem(
            source=r["url"],
            text=r["text"],
            location=r["url"],
            title=r.get("title"),
            title_in_text=False,
        )
        for r in german_articles()
    ]
    articles = build(others[:1028] + seeds + others[1028:])
    seed_ids = {a.id for a in articles if a.source.startswith(str(SEEDS))}
    features = article_features(articles, workers=2)
    clusterer = Clusterer(ClusterSettings())
    clusterer.add_all(features)
    clusterer.refine(features)
    stories = clusterer.assignments()
    seed_stories = {stories[i] for i in seed_ids}
    joined = [k for k, s in stories.items() if s in seed_stories and k not in seed_ids]
    print(
        f"\nGerman mix ({len(articles)} articles, threshold {clusterer.settings.threshold}): "
        f"seeds in {len(seed_stories)} story/stories, {len(joined)} other articles joined; "
        f"{len(set(stories.values()))} stories in all"
        + ("  OK" if len(seed_stories) == 1 and not joined else "  FAILED")
    )


if __name__ == "__main__":
    ecb_table()
    german_mix()
