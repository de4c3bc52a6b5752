"""inputs and shared work: skipped inputs, ingest warnings, analysis leases, claim positions

Revision ID: 0003
Revises: 0002a
Create Date: 2026-12-01 21:40:00

* ``skipped_inputs``: what was read but deliberately not ingested (a WARC image record,
  a dangling link), with the reason, so that nothing disappears without a line;
* ``documents.ingest_warnings``: what reading had to repair (invalid bytes, a bad date);
* ``documents.claimed_by`` / ``claimed_until``: the lease of the process analysing a
  document, so that concurrent ``analyze`` runs share the work (``store.work``);
* ``claims.position`` with a unique index on ``(document_id, position)``: a document's
  claims can never be stored twice, whatever two processes do at the same time.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "skipped_inputs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("origin", "reason", name="uq_skipped_origin_reason"),
    )
    op.add_column("documents", sa.Column("ingest_warnings", sa.JSON(), nullable=True))
    op.add_column("documents", sa.Column("claimed_by", sa.String(length=128), nullable=True))
    op.add_column("documents", sa.Column("claimed_until", sa.DateTime(), nullable=True))
    op.add_column("claims", sa.Column("position", sa.Integer(), nullable=True))
    # claims stored before this revision get their order within their document
    op.execute(
        "UPDATE claims SET position = (SELECT COUNT(*) FROM claims AS earlier "
        "WHERE earlier.document_id = claims.document_id AND earlier.id < claims.id)"
    )
    op.create_index(
        "uq_claims_document_position", "claims", ["document_id", "position"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_claims_document_position", table_name="claims")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("position")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("claimed_until")
        batch.drop_column("claimed_by")
        batch.drop_column("ingest_warnings")
    op.drop_table("skipped_inputs")
