"""Entity tags kept in the store: per model identity, written once, and used by a second
dossier of the same articles instead of the model."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

import quellenlage
from quellenlage.analyse import resources
from quellenlage.analyse.ner import WordTagger
from quellenlage.analyse.ner.e5file import E5File
from quellenlage.model import Entity, EntityTags
from quellenlage.settings import Settings
from quellenlage.store import Store
from quellenlage.store.db import HEAD, MIGRATIONS
from quellenlage.store.postgresql import driver_url, is_postgresql
from tests import pg
from tests.store.test_db import article

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_tags_round_trip_per_model(db_url: str) -> None:
    store = Store(db_url)
    first, second = article("Petra Sommerfeld sperrt die Brücke.", "a"), article("Kiel.", "b")
    store.save_batch([first, second])
    model = "fast/1/abc"
    store.save_analyses(
        tags=[
            EntityTags(first.id, model, (Entity(0, 16, "PER"),)),
            EntityTags(second.id, model, ()),
        ]
    )
    store.save_analyses(tags=[EntityTags(first.id, model, (Entity(0, 5, "LOC"),))])  # kept
    assert store.tags([first.id, second.id, "unknown"], [model]) == {
        first.id: EntityTags(first.id, model, (Entity(0, 16, "PER"),)),
        second.id: EntityTags(second.id, model, ()),
    }
    assert store.tags([first.id], ["accurate/1/def"]) == {}
    assert store.tagged_ids([first.id, second.id], [model]) == {first.id, second.id}
    store.close()


class CountingTagger:
    """The real shipped model, counting the sentences it is asked to tag."""

    def __init__(self, tagger: WordTagger) -> None:
        self.tagger, self.sentences = tagger, 0

    def tag_words(self, sentences: list[list[str]]) -> list[list[str]]:
        self.sentences += len(sentences)
        return self.tagger.tag_words(sentences)


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, CountingTagger]:
    taggers: dict[str, CountingTagger] = {}
    real = resources.word_tagger

    def counted(mode: str, language: str | None, e5: E5File) -> WordTagger | None:
        tagger = real(mode, language, e5)
        assert tagger is not None
        return taggers.setdefault(mode, CountingTagger(tagger))

    monkeypatch.setattr(resources, "word_tagger", counted)
    return taggers


def test_second_dossier_of_stored_articles_does_not_tag_again(
    db_url: str, counting: dict[str, CountingTagger]
) -> None:
    fast = Settings(ner="fast", workers=1)  # in this process, where the count is
    first = quellenlage.build_dossier([str(EXAMPLES)], db=db_url, settings=fast).data
    tagged_once = counting["fast"].sentences
    assert tagged_once > 0
    again = quellenlage.build_dossier([str(EXAMPLES)], db=db_url, settings=fast).data
    assert counting["fast"].sentences == tagged_once  # all from the store
    assert [s["entities"] for s in again["stories"]] == [s["entities"] for s in first["stories"]]
    assert pg.rows(db_url, "SELECT count(*) FROM entity_tags") == [(len(first["articles"]),)]


def test_another_model_tags_again(db_url: str, counting: dict[str, CountingTagger]) -> None:
    one = [str(EXAMPLES / "kuestenbote-hafenbruecke.txt")]
    quellenlage.analyse_paths(one, db=db_url, settings=Settings(workers=1))
    quellenlage.analyse_paths(one, db=db_url, settings=Settings(ner="fast", workers=1))
    assert counting["accurate"].sentences > 0 and counting["fast"].sentences > 0
    models = [str(m) for (m,) in pg.rows(db_url, "SELECT model FROM entity_tags")]
    assert sorted(m.split("/")[0] for m in models) == ["accurate", "fast"]


def test_a_database_of_the_previous_schema_is_upgraded(db_url: str) -> None:
    engine = create_engine(driver_url(db_url) if is_postgresql(db_url) else f"sqlite:///{db_url}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    engine.dispose()
    result = quellenlage.analyse_paths([str(EXAMPLES / "kuestenbote-hafenbruecke.txt")], db=db_url)
    assert result.records[0]["entities"]
    assert pg.rows(db_url, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert pg.rows(db_url, "SELECT count(*) FROM entity_tags") == [(1,)]
