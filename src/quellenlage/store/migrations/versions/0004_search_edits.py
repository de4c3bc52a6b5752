"""web: full-text search over claims (SQLite FTS5, PostgreSQL tsvector) and the edit audit log

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 21:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# An external-content FTS5 index: the text lives once, in claims; triggers keep the index
# in step with every insert, update and delete (re-analysis replaces a document's claims).
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='claims', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER claims_fts_update AFTER UPDATE OF text ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO claims_fts(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')",
]
# 'simple' keeps German and English words as written (lower-cased), no stemming per language.
POSTGRES_FTS = "CREATE INDEX ix_claims_text_fts ON claims USING gin (to_tsvector('simple', text))"


def upgrade() -> None:
    op.create_table(
        "edit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("key", sa.String(length=48), nullable=False),
        sa.Column("other", sa.String(length=48), nullable=True),
        sa.Column("figure_label", sa.Text(), nullable=True),
        sa.Column("value_text", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("via", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(POSTGRES_FTS)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("claims_fts_insert", "claims_fts_delete", "claims_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS claims_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_claims_text_fts")
    op.drop_table("edit_log")
