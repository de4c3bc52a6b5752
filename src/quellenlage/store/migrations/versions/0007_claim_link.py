"""claims.link: how each claim's source was linked (same sentence, heading, …)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 23:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Plain ADD/DROP COLUMN (no batch copy): SQLite's table copy would break claims_view.
# Claims analysed before keep None until they are analysed again.


def upgrade() -> None:
    op.add_column("claims", sa.Column("link", sa.String(24), nullable=True))


def downgrade() -> None:
    op.drop_column("claims", "link")  # SQLite >= 3.35 drops columns in place
