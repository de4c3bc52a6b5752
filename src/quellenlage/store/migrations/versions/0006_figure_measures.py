"""measure, measure word and value kind of quantities and figure values; figures.measure/named

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 21:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Plain ADD/DROP COLUMN (no batch copy): SQLite's table copy would break the views on these tables.
# Quantities analysed before keep None (not read; tracking reads them from the text); the
# figure tables are rebuilt on every link: old rows get the defaults until then.
_COLUMNS = (
    ("quantities", sa.Column("measure", sa.String(16), nullable=True)),
    ("quantities", sa.Column("measure_word", sa.Text(), nullable=True)),
    ("quantities", sa.Column("value_kind", sa.String(16), nullable=True)),
    ("figures", sa.Column("measure", sa.String(16), nullable=False, server_default="unknown")),
    ("figures", sa.Column("named", sa.Boolean(), nullable=False, server_default=sa.true())),
    (
        "figure_values",
        sa.Column("measure", sa.String(16), nullable=False, server_default="unknown"),
    ),
    ("figure_values", sa.Column("measure_word", sa.Text(), nullable=True)),
    (
        "figure_values",
        sa.Column("value_kind", sa.String(16), nullable=False, server_default="total"),
    ),
)


def upgrade() -> None:
    for table, column in _COLUMNS:
        op.add_column(table, column)


def downgrade() -> None:
    for table, column in reversed(_COLUMNS):
        op.drop_column(table, column.name)  # SQLite >= 3.35 drops columns in place
