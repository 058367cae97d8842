"""Archive paths beyond the everyday ingest: an article whose analysis fails costs only
itself, stored articles without analyses are analysed later, a one-shot dossier reports only
the articles asked for, and unknown stories are one clear error."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from quellenlage import Archive
from quellenlage.analyse import article as unit
from quellenlage.archive import NotFound
from quellenlage.settings import Settings
from tests.conftest import EXAMPLES

FAST = Settings(ner="fast", workers=1)
BROKEN_WORD = "Sollbruchstelle"
RECORDS = [
    {"text": "Die Fähre nach Sandeck fährt ab Montag wieder nach Fahrplan.", "outlet": "Bote"},
    {"text": f"Die {BROKEN_WORD} des Deichs wird am Dienstag geprüft.", "outlet": "Kurier"},
    {"text": "Im Hafen von Lindholm liegen drei neue Schlepper.", "outlet": "Radio"},
]


def test_an_article_whose_analysis_fails_costs_only_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = unit.analyse_article

    def fails_on_one(article, resources):  # type: ignore[no-untyped-def]
        if BROKEN_WORD in article.text:
            raise ValueError("model exploded")
        return real(article, resources)

    monkeypatch.setattr(unit, "analyse_article", fails_on_one)
    messages: list[str] = []
    with Archive(tmp_path / "a.db", settings=FAST) as archive:
        report = archive.ingest(records=RECORDS, on_message=lambda m: messages.append(m.message()))
        assert report.added == 2 and len(report.rejections) == 1
        assert len(report.article_ids) == 2
        assert messages == [
            "quellenlage: records:2: could not be analysed (ValueError: model exploded)"
        ]
        assert archive.stories().total == 2
        monkeypatch.undo()
        again = archive.ingest(records=RECORDS)  # the rerun adds the one that failed
        assert again.added == 1 and again.already_present == 2
        assert archive.articles().total == 3


def test_stored_articles_without_analysis_are_analysed_then_grouped(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Archive(db, settings=FAST) as archive:
        archive.ingest([str(EXAMPLES)])
        before = archive.store.assignments()
    with sqlite3.connect(db) as connection:  # as a database of an older version would be
        connection.execute("DELETE FROM analyses")
        connection.execute("DELETE FROM story_articles")
        connection.execute("DELETE FROM dossiers")
        connection.execute("DELETE FROM stories")
    with Archive(db, settings=FAST) as archive:
        assert archive.analyse_stored() == 6
        assert archive.analyse_stored() == 0
        changed = archive.update_stories()
        after = archive.store.assignments()
    assert set(changed) == set(before) == set(after)
    groups = lambda placed: sorted(  # noqa: E731
        sorted(k for k, s in placed.items() if s == story) for story in set(placed.values())
    )
    assert groups(after) == groups(before)


def test_one_shot_dossier_reports_only_the_articles_asked_for(tmp_path: Path) -> None:
    with Archive(tmp_path / "o.db", settings=FAST) as archive:
        report = archive.ingest([str(EXAMPLES)])
        story = max(archive.stories().items, key=lambda s: s.size)
        members = archive.store.story_members(story.id)
        some = members[:2]
        document = archive.dossier_of(some)
        assert [a["id"] for a in document["articles"]] == some
        [built] = document["stories"]
        assert built["id"] == f"s{story.id}" and sorted(built["articles"]) == sorted(some)
        whole = archive.dossier_of(report.article_ids)
        assert sum(len(s["articles"]) for s in whole["stories"]) == len(report.article_ids)
        with pytest.raises(NotFound, match="no story s999"):
            archive.dossier(999)


def test_story_ids_are_never_given_twice(tmp_path: Path) -> None:
    with Archive(tmp_path / "i.db", settings=FAST) as archive:
        archive.ingest(records=RECORDS)
        ids = sorted(s.id for s in archive.stories().items)
        newest = ids[-1]
        [article] = archive.store.story_members(newest)
        with archive.store.story_update() as update:  # the newest story loses its article
            update.assign({article: ids[0]})
        assert archive.story(newest) is None
        assert newest not in [s.id for s in archive.stories().items]
        with archive.store.story_update() as update:
            [fresh] = update.new_story_ids(1)
        assert fresh > newest


def test_a_labelled_file_is_named_by_its_label_not_its_path(tmp_path: Path) -> None:
    """An upload's temporary file is no place a reader can go: sources carry the label."""
    upload = tmp_path / "upload.jsonl"
    upload.write_text('{"text": "Der Rat in Husum tagte am Montag bis in den Abend."}\n')
    with Archive(tmp_path / "a.db") as archive:
        report = archive.ingest([str(upload)], labels={str(upload): "upload 2026-12-02"})
        [article] = archive.store.articles(report.article_ids)
    assert article.source.startswith("upload 2026-12-02")
    assert str(tmp_path) not in article.source and all(
        str(tmp_path) not in s.source for s in article.sources
    )
