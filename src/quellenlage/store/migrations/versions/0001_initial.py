"""Articles, their sources, noise spans, sentences with an FTS5 index, ingest errors.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.Text),
        sa.Column("published_at", sa.Text),
        sa.Column("language", sa.Text, nullable=False),
        sa.Column("encoding", sa.Text, nullable=False),
        sa.Column("raw", sa.Text),
        sa.Column("ingested_at", sa.Text, nullable=False),
    )
    op.create_table(
        "sources",
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.Text),
        sa.UniqueConstraint("article_id", "source", name="uq_sources_article_source"),
    )
    op.create_index("ix_sources_source", "sources", ["source"])
    op.create_table(
        "excluded",
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
    )
    op.create_index("ix_excluded_article", "excluded", ["article_id"])
    op.create_table(
        "sentences",
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("heading", sa.Boolean, nullable=False),
        sa.Column("tokens", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "position"),
    )
    op.create_table(
        "ingest_errors",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("line", sa.Integer),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE sentences_fts USING fts5("
            "text, article_id UNINDEXED, position UNINDEXED, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE sentences_fts")
    for table in ("ingest_errors", "sentences", "excluded", "sources", "articles"):
        op.drop_table(table)
