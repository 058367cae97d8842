"""Table definitions for queries (SQLAlchemy Core). Migrations create them: see ``migrations``."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Integer, LargeBinary, MetaData, Table, Text

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),
    Column("text", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", Text),
    Column("published", Text),
    Column("published_at", Text),
    Column("language", Text, nullable=False),
    Column("encoding", Text, nullable=False),
    Column("raw", Text),
    Column("ingested_at", Text, nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column("article_id", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("outlet", Text),
    Column("url", Text),
    Column("published", Text),
)

excluded = Table(
    "excluded",
    metadata,
    Column("article_id", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", Text, nullable=False),
)

sentences = Table(
    "sentences",
    metadata,
    Column("article_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("heading", Boolean, nullable=False),
    Column("tokens", Text, nullable=False),  # JSON [[start, end], ...]
)

ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("location", Text, nullable=False),
    Column("line", Integer),
    Column("reason", Text, nullable=False),
    Column("created_at", Text, nullable=False),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text),
    Column("first_day", Text),
    Column("last_day", Text),
    Column("size", Integer, nullable=False),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("article_id", Text, primary_key=True),
    Column("story_id", Integer, nullable=False),
)

embeddings = Table(
    "embeddings",
    metadata,
    Column("article_id", Text, primary_key=True),
    Column("vector", LargeBinary, nullable=False),
)

entity_tags = Table(
    "entity_tags",
    metadata,
    Column("article_id", Text, primary_key=True),
    Column("model", Text, primary_key=True),  # mode/version/digest (analyse.ner.model_identity)
    Column("entities", Text, nullable=False),  # JSON [[start, end, type], ...]
)
