"""Entity tags: what a NER model found in each article, kept so that a dossier of stored
articles does not run the model again.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entity_tags",
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("model", sa.Text, primary_key=True),
        sa.Column("entities", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("entity_tags")
