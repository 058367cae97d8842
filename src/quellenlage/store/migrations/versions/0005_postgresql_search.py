"""PostgreSQL's own full-text search: a text-search configuration ``quellenlage_de`` (German
stemming without stop words, after ``unaccent`` when the server has it, so "munchen" finds
München as SQLite's ``remove_diacritics`` does), the sentence index ``sentences_fts`` with a
generated ``tsvector`` and a GIN index. SQLite keeps its FTS5 table of 0001: nothing to do.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

CONFIG = "quellenlage_de"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    filters = "german_stem_all"
    if _unaccent_available(bind):
        filters = "unaccent, german_stem_all"
    op.execute(
        "CREATE TEXT SEARCH DICTIONARY german_stem_all (TEMPLATE = snowball, Language = german)"
    )
    op.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = german)")
    op.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR "
        f"asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH {filters}"
    )
    op.create_table(
        "sentences_fts",
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "position"),
        sa.ForeignKeyConstraint(
            ["article_id", "position"], ["sentences.article_id", "sentences.position"]
        ),
    )
    op.execute(
        "ALTER TABLE sentences_fts ADD COLUMN tsv tsvector "
        f"GENERATED ALWAYS AS (to_tsvector('{CONFIG}'::regconfig, text)) STORED"
    )
    op.execute("CREATE INDEX ix_sentences_fts_tsv ON sentences_fts USING gin (tsv)")


def _unaccent_available(bind: sa.Connection) -> bool:
    """Create ``unaccent`` when the server ships it (Debian's postgresql does; it is a
    trusted extension, so the database owner may create it); without it, accents count."""
    available = bind.execute(
        sa.text("SELECT count(*) FROM pg_available_extensions WHERE name = 'unaccent'")
    ).scalar()
    if not available:
        return False
    savepoint = bind.begin_nested()
    try:
        bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS unaccent"))
    except sa.exc.DBAPIError:
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_table("sentences_fts")
    op.execute(f"DROP TEXT SEARCH CONFIGURATION {CONFIG}")
    op.execute("DROP TEXT SEARCH DICTIONARY german_stem_all")
