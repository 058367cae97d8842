"""Dossier build time for a 50-article story after analysis (part of ``make bench``): the five
seed articles and 45 German news articles, stored first, then one story built from them.
Also: reading the NER model's tags back from the store, as a second dossier of the same
stored articles does."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, german_articles, peak_rss_mb

from quellenlage.analyse.ner import tag_entities
from quellenlage.api import _ingest_into
from quellenlage.dossier.build import build_dossier
from quellenlage.settings import Settings
from quellenlage.store import Store
from quellenlage.store.tags import StoredTags

SEEDS = ROOT.parent / "shared" / "seeds"


def main() -> None:
    settings = Settings()
    with tempfile.TemporaryDirectory() as scratch:
        extra = Path(scratch) / "extra.jsonl"
        with open(extra, "w", encoding="utf-8") as stream:
            for _, record in zip(range(45), german_articles(), strict=False):
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        store = Store(Path(scratch) / "d.db")
        report = _ingest_into(store, [str(SEEDS), str(extra)], settings, None, None, False)
        articles = store.articles(report.article_ids)
        build_dossier(articles[:2], {a.id: 1 for a in articles[:2]}, settings)  # warm models
        start = time.perf_counter()
        found = tag_entities(articles, settings.ner, StoredTags(store.engine))
        analysed = time.perf_counter()
        assert tag_entities(articles, settings.ner, StoredTags(store.engine)) == found
        reread = time.perf_counter() - analysed
        analysed = time.perf_counter()
        entities = {a.id: e for a, e in zip(articles, found, strict=True)}
        dossier = build_dossier(articles, {a.id: 1 for a in articles}, settings, entities)
        seconds = time.perf_counter() - analysed
        sentences = sum(len(a.sentences) for a in articles)
    story = dossier["stories"][0]
    print(
        f"named entities ({settings.ner}) of {len(articles)} articles, {sentences} sentences: "
        f"{analysed - start - reread:.1f} s ({sentences / (analysed - start - reread):.0f} "
        f"sentences/s); read back from the store for a second dossier: {reread:.2f} s"
    )
    print(
        f"dossier of one {len(articles)}-article story after analysis: {seconds:.1f} s "
        f"({len(story['claims'])} claims, {len(story['quotes'])} quotes, "
        f"{len(story['contradictions'])} contradictions); peak RSS {peak_rss_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
