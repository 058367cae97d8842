"""Entity tags in the store: what the NER model found per article, under the model's identity
(``analyse.ner.TagCache``). Tags of another model or version are simply not found."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from sqlalchemy import Engine, and_, insert, select

from quellenlage.analyse.ner import Entity
from quellenlage.store import schema


class StoredTags:
    """The store's ``entity_tags`` table as a ``TagCache``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def load_tags(self, article_ids: Sequence[str], model: str) -> dict[str, list[Entity]]:
        table = schema.entity_tags
        query = select(table.c.article_id, table.c.entities).where(
            and_(table.c.model == model, table.c.article_id.in_(list(article_ids)))
        )
        with self.engine.connect() as connection:
            return {
                row.article_id: [Entity(a, b, kind) for a, b, kind in json.loads(row.entities)]
                for row in connection.execute(query)
            }

    def save_tags(self, tags: Mapping[str, list[Entity]], model: str) -> None:
        """All of ``tags`` in one transaction; tags already stored for the model stay."""
        if not tags:
            return
        rows = [
            {
                "article_id": article_id,
                "model": model,
                "entities": json.dumps([[e.start, e.end, e.type] for e in entities]),
            }
            for article_id, entities in tags.items()
        ]
        with self.engine.begin() as connection:
            connection.execute(insert(schema.entity_tags).prefix_with("OR IGNORE"), rows)
