"""Analysis once, read fast: per-article analyses (by analysis version), stored dossiers with
the membership they were built from, an index of each dossier's entities, and indexes for the
paged readers. Article embeddings now live in ``analyses`` (re-analysis fills them).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "analyses",
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("version", sa.Text, primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("terms", sa.LargeBinary, nullable=False),
        sa.Column("lead", sa.LargeBinary, nullable=False),
        sa.Column("vectors", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "dossiers",
        sa.Column("story_id", sa.Integer, primary_key=True),
        sa.Column("digest", sa.Text, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("built_at", sa.Text, nullable=False),
    )
    op.create_table(
        "dossier_entities",
        sa.Column("entity_id", sa.Text, primary_key=True),
        sa.Column("story_id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("variants", sa.Text, nullable=False),
        sa.Column("mentions", sa.Integer, nullable=False),
    )
    op.create_index("ix_dossier_entities_story", "dossier_entities", ["story_id"])
    op.create_index("ix_dossier_entities_name", "dossier_entities", ["name"])
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_index("ix_stories_days", "stories", ["last_day", "first_day"])
    op.drop_table("embeddings")


def downgrade() -> None:
    op.create_table(
        "embeddings",
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("vector", sa.LargeBinary, nullable=False),
    )
    for index, table in (
        ("ix_stories_days", "stories"),
        ("ix_articles_outlet", "articles"),
        ("ix_articles_published", "articles"),
    ):
        op.drop_index(index, table)
    op.drop_table("dossier_entities")
    op.drop_table("dossiers")
    op.drop_table("analyses")
