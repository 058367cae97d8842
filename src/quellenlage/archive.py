"""The archive: one object over one database, the entry point of the CLI, the web app and
users' code (in the manner of ``sqlite_utils.Database``).

    from quellenlage import Archive
    with Archive("news.db") as archive:
        archive.ingest(["articles/"])
        for story in archive.stories(limit=10).items:
            dossier = archive.dossier(story.id)

Each article is analysed once, at ingest (the per-article unit of work, ``analyse.article``,
run by the executor), and what it yields is stored; stories are updated for the new
articles; a story's dossier is built from the stored analyses when first read after its
articles changed, then stored, so reading it again is a lookup.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from quellenlage.analyse.article import (
    ANALYSIS_VERSION,
    ArticleAnalysis,
    Task,
    TaskResult,
    analysis_record,
    decode,
    decode_terms,
    ner_model,
    run_task,
    without_markup,
)
from quellenlage.analyse.ner import NER_MODES, consistent_entities
from quellenlage.analyse.resources import Resources
from quellenlage.executor import Executor, Pending, make_executor
from quellenlage.ingest.jsonl import item_from_record
from quellenlage.ingest.outlets import OutletNamer
from quellenlage.ingest.registry import Walk, read_inputs
from quellenlage.ingest.validate import checked
from quellenlage.model import (
    Article,
    Entity,
    EntityTags,
    IngestReport,
    Notice,
    RawItem,
    Rejection,
    StoryDossier,
    decode_story,
    encode_story,
)
from quellenlage.pipeline import build_article
from quellenlage.settings import DEFAULT_SETTINGS, Settings
from quellenlage.store import (
    ArticleRow,
    EntityRow,
    Filter,
    Page,
    SearchHit,
    Store,
    StoredDossier,
    StoreError,
    StoryRow,
    StoryUpdate,
)

DEFAULT_DB = "quellenlage.db"
Message = Rejection | Notice
OnMessage = Callable[[Message], None]
OnProgress = Callable[[str, int, "int | None"], None]  # (step, done so far, total if known)
ANY = Filter()
_STORY_CHUNK = 2000  # unplaced articles grouped per locked story update (bounded memory)
_ANALYSE_CHUNK = 200


class NotFound(KeyError):
    """No such story, article or entity in this archive."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not found"


class BatchError(RuntimeError):
    """A batch's shards folder that cannot be used for its inputs (``quellenlage.batch``)."""


class Interrupted(KeyboardInterrupt):
    """An ingest stopped by Ctrl-C or SIGTERM: every batch before ``report`` ended is stored,
    the workers are ended, and running the same ingest again continues where it stopped."""

    def __init__(self, report: IngestReport, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.report = report
        self.cause = cause


@dataclass
class _Batch:
    """Articles read but not stored yet, with the rejections among their items."""

    articles: dict[str, Article] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.articles) + len(self.rejections)


@dataclass
class _InFlight:
    """A batch whose analyses the executor is computing."""

    batch: _Batch
    analyses: Pending[TaskResult]


class Archive:
    """Articles, their analyses, stories and dossiers in one database (SQLite file)."""

    def __init__(
        self,
        db: str | Path = DEFAULT_DB,
        *,
        settings: Settings = DEFAULT_SETTINGS,
        read_only: bool = False,
        executor: Executor[Resources] | None = None,
    ) -> None:
        self.settings = settings
        self.store = Store(db, read_only=read_only)
        self._executor = executor
        self._owns_executor = executor is None

    # lifecycle -------------------------------------------------------------------------------

    @property
    def executor(self) -> Executor[Resources]:
        """Started on first need: reading never loads a model or starts a worker."""
        if self._executor is None:
            make = functools.partial(Resources, self.settings)
            self._executor = make_executor(make, self.settings.workers)
        return self._executor

    def close(self) -> None:
        if self._executor is not None and self._owns_executor:
            self._executor.close()
        self.store.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # writing ---------------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str] = (),
        *,
        records: Iterable[Mapping[str, Any]] = (),
        on_message: OnMessage | None = None,
        on_progress: OnProgress | None = None,
        debug: bool = False,
        stories: bool = True,
        keep_ids: bool = True,
        labels: Mapping[str, str] | None = None,
    ) -> IngestReport:
        """Read, clean and analyse every article under ``paths`` (files, folders, ``-``) and
        in ``records`` (dicts with the JSON Lines fields), store them with their analyses and
        place the new ones in stories. ``labels`` names files in sources instead of their
        paths.

        One transaction per batch; a text already stored only gains the new source; rejected
        items are reported (``on_message``) and recorded, and cost only themselves.
        """
        report = IngestReport(keep_ids=keep_ids)
        walk = Walk()
        batch = _Batch()
        in_flight: _InFlight | None = None
        try:
            for count, result in enumerate(self._read(paths, records, walk, labels), start=1):
                outcome = self._build(result, debug) if isinstance(result, RawItem) else result
                if isinstance(outcome, Article):
                    self._add(batch, outcome, report)
                else:
                    _record_message(outcome, report, batch.rejections, on_message)
                if len(batch) >= self.settings.batch_size:
                    in_flight = self._pass_on(batch, in_flight, report, on_message)
                    batch = _Batch()
                if on_progress:
                    on_progress("read", count, None)
            in_flight = self._pass_on(batch, in_flight, report, on_message)
            self._pass_on(_Batch(), in_flight, report, on_message)
            report.skipped = walk.skipped
            self.analyse_stored(on_progress=on_progress)
            if stories:
                self.update_stories(on_progress)
        except KeyboardInterrupt as interrupt:
            self._stop_workers()
            raise Interrupted(report, interrupt) from None
        return report

    def read(self, paths: Iterable[str], walk: Walk) -> Iterator[RawItem | Rejection | Notice]:
        """What ``ingest`` reads from ``paths``, before cleaning and analysis: for a batch,
        which runs those stages elsewhere (``quellenlage.batch``)."""
        return self._read(paths, (), walk)

    def add_analysed(
        self,
        items: Iterable[tuple[Article, TaskResult] | Rejection | Notice],
        *,
        on_message: OnMessage | None = None,
        on_progress: OnProgress | None = None,
        keep_ids: bool = True,
    ) -> IngestReport:
        """Store articles analysed elsewhere (a batch's workers) with their results, in
        transactions of ``settings.batch_size`` as ``ingest`` does: a text already stored
        only gains the new source, a failed analysis is one rejection, and the rejections
        and notices among ``items`` are reported and recorded. Stories are not updated
        (``update_stories``)."""
        report = IngestReport(keep_ids=keep_ids)
        batch = _Batch()
        results: dict[str, TaskResult] = {}
        for count, item in enumerate(items, start=1):
            if isinstance(item, tuple):
                article, result = item
                self._add(batch, article, report)
                results.setdefault(article.id, result)
            else:
                _record_message(item, report, batch.rejections, on_message)
            if len(batch) >= self.settings.batch_size:
                self._flush(batch, report, on_message, results)
                results.clear()
            if on_progress:
                on_progress("store", count, None)
        self._flush(batch, report, on_message, results)
        return report

    def _stop_workers(self) -> None:
        if self._executor is not None and self._owns_executor:
            self._executor.close(interrupted=True)
            self._executor = None

    def _read(
        self,
        paths: Iterable[str],
        records: Iterable[Mapping[str, Any]],
        walk: Walk,
        labels: Mapping[str, str] | None = None,
    ) -> Iterator[RawItem | Rejection | Notice]:
        namer = OutletNamer.parse(self.settings.outlet_from) if self.settings.outlet_from else None
        for result in read_inputs(paths, self.settings, walk, labels):
            if namer and isinstance(result, RawItem) and _is_plain_file(result):
                result.outlet = namer.outlet_for(result.source)
            yield result
        for number, record in enumerate(records, start=1):
            item = item_from_record(dict(record), "records", number)
            yield from checked(item) if isinstance(item, RawItem) else (item,)

    def _build(self, item: RawItem, debug: bool) -> Article | Rejection:
        """Stages 2–3 for one item; an unexpected error costs this item only (``debug``
        raises)."""
        try:
            return build_article(item, self.settings)
        except Exception as error:
            if debug:
                raise
            reason = f"could not be processed ({type(error).__name__}: {error})"
            return Rejection(item.location, reason)

    def _add(self, batch: _Batch, article: Article, report: IngestReport) -> None:
        report.read += 1
        if report.keep_ids:
            report.items.append((article.id, article.source))
            if article.id not in report.seen:
                report.seen.add(article.id)
                report.article_ids.append(article.id)
        kept = batch.articles.get(article.id)
        if kept is None:
            batch.articles[article.id] = article
        else:
            kept.sources.extend(article.sources)

    def _pass_on(
        self,
        batch: _Batch,
        in_flight: _InFlight | None,
        report: IngestReport,
        on_message: OnMessage | None,
    ) -> _InFlight | None:
        """Hand ``batch`` to the executor, then store the batch handed over before it while
        the workers analyse this one: reading, cleaning and storing here overlap with the
        analysis there. Returns what is now in flight."""
        handed = _InFlight(batch, self._analyse(list(batch.articles.values()))) if batch else None
        if in_flight is not None:
            results = {r.article_id: r for r in in_flight.analyses.result()}
            self._flush(in_flight.batch, report, on_message, results)
        return handed

    def _flush(
        self,
        batch: _Batch,
        report: IngestReport,
        on_message: OnMessage | None,
        analysed: Mapping[str, TaskResult],
    ) -> None:
        """Store the batch with the analyses the store lacked (computed by the executor, or
        elsewhere for ``add_analysed``)."""
        if not batch:
            return
        results = {i: analysed[i] for i in batch.articles if i in analysed}
        for failed in [r for r in results.values() if r.error]:
            article = batch.articles.pop(failed.article_id)
            _forget(report, article.id)
            reason = f"could not be analysed ({failed.error})"
            _record_message(Rejection(article.source, reason), report, batch.rejections, on_message)
        articles = list(batch.articles.values())
        try:
            self._save(articles, batch.rejections, results, report)
        except StoreError as error:
            if error.whole_database or len(articles) <= 1:
                raise
            self._save_one_by_one(articles, batch.rejections, results, report, on_message)
        batch.articles.clear()
        batch.rejections.clear()

    def _save(
        self,
        articles: Sequence[Article],
        rejections: Sequence[Rejection],
        results: Mapping[str, TaskResult],
        report: IngestReport,
    ) -> None:
        found = [results[a.id] for a in articles if a.id in results]
        saved = self.store.save_batch(
            articles,
            rejections,
            [r.analysis for r in found if r.analysis],
            [r.tags for r in found if r.tags],
        )
        report.added += saved.added
        report.already_present += saved.already_present

    def _save_one_by_one(
        self,
        articles: Sequence[Article],
        rejections: Sequence[Rejection],
        results: Mapping[str, TaskResult],
        report: IngestReport,
        on_message: OnMessage | None,
    ) -> None:
        """A batch the database refused, item by item: only the items it refuses again are
        rejected (with the reason); when it refuses every one, the database is the problem."""
        refused: list[tuple[Article, StoreError]] = []
        for article in articles:
            try:
                self._save([article], (), results, report)
            except StoreError as error:
                if error.whole_database:
                    raise
                refused.append((article, error))
        if len(refused) == len(articles):
            raise refused[0][1]
        failed = [Rejection(a.source, f"could not be stored ({e})") for a, e in refused]
        for rejection in failed:
            _record_message(rejection, report, [], on_message)
        self._save([], [*rejections, *failed], results, report)

    def _analyse(self, articles: Sequence[Article]) -> Pending[TaskResult]:
        """What the store lacks for ``articles``: the analysis, and the tags of the chosen
        NER model, handed to the executor."""
        ids = [a.id for a in articles]
        analysed = self.store.analysed_ids(ids, ANALYSIS_VERSION)
        tagged = self.store.tagged_ids(ids, self._ner_models(articles))
        tasks = []
        for article in articles:
            needs_tags = article.id not in tagged and self._ner_model(article) is not None
            if article.id not in analysed or needs_tags:
                mode = self.settings.ner if needs_tags else None
                tasks.append(Task(without_markup(article), article.id not in analysed, mode))
        return self.executor.submit(run_task, tasks)

    def _ner_model(self, article: Article) -> str | None:
        return ner_model(self.settings.ner, article.language)

    def _ner_models(self, articles: Iterable[Article], any_mode: bool = False) -> list[str]:
        """Identities of the chosen NER model for these articles' languages (first), and
        with ``any_mode`` those of the other modes after them."""
        languages = {a.language for a in articles}
        modes = [self.settings.ner, *(m for m in NER_MODES if m != self.settings.ner)]
        chosen = modes if any_mode else modes[:1]
        found = [ner_model(mode, language) for mode in chosen for language in sorted(languages)]
        return list(dict.fromkeys(m for m in found if m))

    def analyse_stored(
        self, ids: Sequence[str] | None = None, on_progress: OnProgress | None = None
    ) -> int:
        """Analyse stored articles that lack an analysis of this version or the tags of the
        chosen NER model (``ids``, else those without an analysis: older databases,
        interrupted runs). Returns how many articles were analysed."""
        done = 0
        while True:
            if ids is None:
                todo = self.store.unanalysed_ids(ANALYSIS_VERSION, _ANALYSE_CHUNK)
            else:
                todo = list(ids[done : done + _ANALYSE_CHUNK])
            if not todo:
                return done
            results = self._analyse(self.store.articles(todo)).result()
            self.store.save_analyses(
                [r.analysis for r in results if r.analysis], [r.tags for r in results if r.tags]
            )
            done += len(todo)
            if on_progress:
                on_progress("analyse stored", done, len(ids) if ids is not None else None)
            if ids is None and not any(r.analysis for r in results):
                return done  # nothing more can be analysed (no progress)

    def update_stories(self, on_progress: OnProgress | None = None) -> dict[str, int]:
        """Place every article without a story; returns the story of each article whose
        story changed. Each chunk is one locked transaction, so concurrent writers never
        place one article twice."""
        from quellenlage.clustering.incremental import ClusterSettings
        from quellenlage.clustering.update import place_articles, reach

        changed: dict[str, int] = {}
        placed_so_far = 0
        while True:
            with self.store.story_update() as update:
                unplaced = update.unplaced(_STORY_CHUNK)
                if not unplaced:
                    return changed
                days = [date.fromisoformat(day) if day else None for _, day in unplaced]
                window = reach(days, ClusterSettings().window_days)
                known = update.members_of_stories_near(*(window or (None, None)))
                features = _features(update, [i for i, _ in unplaced], known)
                new = [features[i] for i, _ in unplaced if i in features]
                if not new:
                    return changed
                pairs = [(features[k], s) for k, s in known.items() if k in features]
                placed = place_articles(pairs, new)
                moved = _store_ids(update, placed, {story for _, story in pairs})
                moved = {k: s for k, s in moved.items() if known.get(k) != s}
                update.assign(moved)
                changed.update(moved)
                placed_so_far += len(new)
                if on_progress:
                    on_progress("stories", placed_so_far, None)

    # reading ---------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        return self.store.article(article_id)

    def articles(self, where: Filter = ANY, limit: int = 50, offset: int = 0) -> Page[ArticleRow]:
        """Stored articles, newest first, narrowed by ``where`` (outlet, days, entity, text)."""
        return self.store.article_page(where, limit, offset)

    def stories(
        self, where: Filter = ANY, sort: str = "size", limit: int = 50, offset: int = 0
    ) -> Page[StoryRow]:
        """Stories, narrowed by ``where``; ``sort``: size, newest or oldest."""
        return self.store.stories(where, sort, limit, offset)

    def story(self, story_id: int) -> StoryRow | None:
        return self.store.story(story_id)

    def search(
        self, query: str, limit: int = 20, article_ids: Sequence[str] | None = None
    ) -> list[SearchHit]:
        """Sentences matching a full-text query (accents optional), best first."""
        return self.store.search(query, limit, article_ids)

    def entity(self, entity_id: str) -> list[EntityRow]:
        """The entity in every stored dossier that names it (its stories and spellings)."""
        return self.store.entity(entity_id)

    def dossier(self, story_id: int, *, rebuild: bool = False) -> StoryDossier:
        """The story's dossier: the stored one when the story is unchanged since it was
        built (and ``rebuild`` is not asked), else built now from the stored analyses and
        stored."""
        members = self.store.story_members(story_id)
        if not members:
            raise NotFound(f"{self.store.location}: no story s{story_id}")
        digest = self._digest(members)
        stored = None if rebuild else self.store.stored_dossier(story_id)
        if stored is not None and stored.digest == digest:
            return decode_story(stored.data)
        return self._rebuild(story_id, members, digest)

    def _rebuild(self, story_id: int, members: list[str], digest: str) -> StoryDossier:
        story = self._build_story(f"s{story_id}", self.store.articles(members))
        if self.store.read_only:
            return story  # built for this reader, kept by the next writer
        rows = [
            EntityRow(e.id, story_id, e.name, e.type, tuple(e.variants), len(e.mentions))
            for e in story.entities
        ]
        self.store.save_dossier(StoredDossier(story_id, digest, encode_story(story)), rows, members)
        return story

    def build_dossiers(self, on_progress: OnProgress | None = None) -> int:
        """Build and store the dossier of every story that has none (after an ingest), so
        that every later read is a lookup. Returns how many were built."""
        if self.store.read_only:
            raise StoreError(f"{self.store.location}: opened read-only, dossiers cannot be kept")
        built, total = 0, self.store.count_stories_without_dossier()
        while batch := self.store.stories_without_dossier(100):
            for story_id in batch:
                self.dossier(story_id)
                built += 1
                if on_progress:
                    on_progress("dossiers", built, total)
        return built

    def dossier_of(self, article_ids: Sequence[str]) -> dict[str, Any]:
        """The contract document of the stories of ``article_ids``, reporting only those
        articles: a story that holds other articles too is built for these alone."""
        placed = self.store.assignments(article_ids)
        by_story: dict[int, list[str]] = {}
        for article_id in article_ids:
            if article_id in placed:
                by_story.setdefault(placed[article_id], []).append(article_id)
        articles = {a.id: a for a in self.store.articles(article_ids)}
        stories = []
        for story_id, ids in by_story.items():
            members = self.store.story_members(story_id)
            if set(members) == set(ids):
                stories.append(self.dossier(story_id))
            else:
                stories.append(self._build_story(f"s{story_id}", _ordered(articles, ids)))
        stories.sort(key=lambda s: (-len(s.articles), _first_day(s, articles)))
        from quellenlage.dossier.build import dossier_document

        return dossier_document([articles[i] for i in article_ids if i in articles], stories)

    def dossier_document(self, story_id: int) -> dict[str, Any]:
        """The contract document of one stored story with its articles."""
        from quellenlage.dossier.build import dossier_document

        story = self.dossier(story_id)
        return dossier_document(self.store.articles(story.articles), [story])

    def analysis(self, article_ids: Sequence[str]) -> list[dict[str, Any]]:
        """What ``quellenlage analyse`` prints for each article: entities (evened out within
        each story), quotes with speakers, figures and dates, from the stored analyses."""
        loaded = self.store.articles(article_ids)
        analyses, tags = self._stored_results(loaded)
        articles = [a for a in loaded if a.id in analyses]
        placed = self.store.assignments(article_ids)
        entities: dict[str, list[Entity]] = {}
        for group in _groups(articles, placed):
            evened = consistent_entities(group, [tags[a.id] for a in group])
            entities.update({a.id: found for a, found in zip(group, evened, strict=True)})
        return [analysis_record(a, analyses[a.id], entities[a.id]) for a in articles]

    # building --------------------------------------------------------------------------------

    def _build_story(self, story_id: str, articles: list[Article]) -> StoryDossier:
        from quellenlage.dossier.build import build_story

        analyses, tags = self._stored_results(articles)
        ordered = sorted((a for a in articles if a.id in analyses), key=_article_order)
        return build_story(
            story_id,
            ordered,
            [analyses[a.id] for a in ordered],
            [tags[a.id] for a in ordered],
            self.settings,
        )

    def _stored_results(
        self, articles: Sequence[Article]
    ) -> tuple[dict[str, ArticleAnalysis], dict[str, list[Entity]]]:
        """The stored analyses and NER tags of ``articles``. A writer computes what is missing
        (another ``--ner`` mode, an older database) and keeps it; a read-only reader uses the
        tags of whichever model made them and never analyses."""
        ids = [a.id for a in articles]
        stored = self.store.analyses(ids, ANALYSIS_VERSION)
        if self.store.read_only:
            tagged = self.store.tags(ids, self._ner_models(articles, any_mode=True))
            lacking = [i for i in ids if i not in stored]
            if lacking:
                raise StoreError(
                    f"{self.store.location}: {len(lacking)} article(s) not analysed by this "
                    "version yet: open the database for writing (e.g. `quellenlage ingest`)"
                )
        else:
            tagged = self.store.tags(ids, self._ner_models(articles))
            missing = [a for a in articles if a.id not in stored or self._lacks_tags(a, tagged)]
            if missing:
                results = self._analyse(missing).result()
                stored.update({r.article_id: r.analysis for r in results if r.analysis})
                tagged.update({r.article_id: r.tags for r in results if r.tags})
                self.store.save_analyses(
                    [r.analysis for r in results if r.analysis],
                    [r.tags for r in results if r.tags],
                )
        found = [i for i in ids if i in stored]
        analyses = {i: decode(stored[i]) for i in found}
        tags = {i: list(tagged[i].entities) if i in tagged else [] for i in found}
        return analyses, tags

    def _lacks_tags(self, article: Article, tagged: Mapping[str, EntityTags]) -> bool:
        return article.id not in tagged and self._ner_model(article) is not None

    def _digest(self, members: Sequence[str]) -> str:
        """What a stored dossier was built from: its articles and the analysis version; a
        change of either rebuilds it. (The NER model is the one chosen when it was built: a
        reader with another ``--ner`` reads it as it is, ``rebuild`` builds it anew.)"""
        parts = [ANALYSIS_VERSION, str(self.settings.summary_sentences), *sorted(members)]
        return hashlib.sha1("\n".join(parts).encode()).hexdigest()


def _features(update: StoryUpdate, new_ids: list[str], known: Mapping[str, int]) -> dict[str, Any]:
    import numpy as np

    from quellenlage.clustering.features import Features

    rows = update.features([*new_ids, *known], ANALYSIS_VERSION)
    return {
        row.article_id: Features(
            row.article_id,
            np.frombuffer(row.lead, dtype=np.float32),
            decode_terms(row.terms),
            date.fromisoformat(row.published) if row.published else None,
        )
        for row in rows
    }


def _store_ids(update: StoryUpdate, placed: Mapping[str, int], known: set[int]) -> dict[str, int]:
    """``placed`` with the clusterer's provisional ids of new stories replaced by ids from
    the database."""
    provisional = sorted({s for s in placed.values() if s not in known})
    real = dict(zip(provisional, update.new_story_ids(len(provisional)), strict=True))
    return {k: real.get(s, s) for k, s in placed.items()}


def _forget(report: IngestReport, article_id: str) -> None:
    """An article that was read but is not stored is not part of what the ingest yields."""
    report.read -= 1
    if not report.keep_ids:
        return
    report.seen.discard(article_id)
    report.article_ids[:] = [i for i in report.article_ids if i != article_id]
    report.items[:] = [item for item in report.items if item[0] != article_id]


def _groups(articles: Sequence[Article], placed: Mapping[str, int]) -> list[list[Article]]:
    groups: dict[object, list[Article]] = {}
    for article in articles:
        groups.setdefault(placed.get(article.id, article.id), []).append(article)
    return list(groups.values())


def _article_order(article: Article) -> tuple[bool, str, str]:
    return article.published is None, article.published or "", article.id


def _ordered(articles: Mapping[str, Article], ids: Iterable[str]) -> list[Article]:
    return sorted((articles[i] for i in ids), key=_article_order)


def _first_day(story: Any, articles: Mapping[str, Article]) -> str:
    return min((articles[i].published or "9" for i in story.articles if i in articles), default="9")


def _is_plain_file(item: RawItem) -> bool:
    """A whole file without an outlet (not a JSON line or feed entry, which name their own)."""
    return not item.outlet and item.location == item.source


def _record_message(
    message: Message, report: IngestReport, rejected: list[Rejection], on_message: OnMessage | None
) -> None:
    if isinstance(message, Rejection):
        report.rejections.append(message)
        rejected.append(message)
    else:
        report.notices.append(message)
    if on_message:
        on_message(message)
