"""Stories: each article's story, the stories' summaries, and article embeddings.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text),
        sa.Column("first_day", sa.Text),
        sa.Column("last_day", sa.Text),
        sa.Column("size", sa.Integer, nullable=False),
    )
    op.create_table(
        "story_articles",
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("story_id", sa.Integer, nullable=False),
    )
    op.create_index("ix_story_articles_story", "story_articles", ["story_id"])
    op.create_table(
        "embeddings",
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("vector", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    for table in ("embeddings", "story_articles", "stories"):
        op.drop_table(table)
