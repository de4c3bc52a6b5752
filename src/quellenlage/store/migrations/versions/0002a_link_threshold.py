"""tracking_state.threshold: the link threshold is kept, so relinking does not forget it

Revision ID: 0002a
Revises: 0002
Create Date: 2026-12-01 21:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002a"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tracking_state") as batch:
        batch.add_column(sa.Column("threshold", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tracking_state") as batch:
        batch.drop_column("threshold")
