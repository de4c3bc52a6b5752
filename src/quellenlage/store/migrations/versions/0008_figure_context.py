"""figure_context: vague values ("Tausende Soldaten") shown with a figure, never its values

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 00:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# A table of its own, so that no reader of figure_values (timelines, views, exports,
# browsing) ever takes a vague value for a value. Rebuilt on every link, like figure_values.


def upgrade() -> None:
    op.create_table(
        "figure_context",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "figure_id",
            sa.Integer(),
            sa.ForeignKey("figures.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("observation_key", sa.String(48), nullable=False),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE")),
        sa.Column("claim_id", sa.Integer(), sa.ForeignKey("claims.id", ondelete="CASCADE")),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.Text()),
        sa.Column("published", sa.String(10)),
        sa.Column("outlet", sa.Text()),
        sa.Column("source_name", sa.Text()),
        sa.Column("reason", sa.Text(), nullable=False),
    )
    op.create_index("ix_figure_context_figure", "figure_context", ["figure_id", "position"])


def downgrade() -> None:
    op.drop_index("ix_figure_context_figure", table_name="figure_context")
    op.drop_table("figure_context")
