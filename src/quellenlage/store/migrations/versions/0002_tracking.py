"""tracking: sources, citations, figures and their values, disagreements, overrides, views

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 09:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: Views for reading the database in Datasette or any SQL client.
CLAIMS_VIEW = """
CREATE VIEW claims_view AS
SELECT c.id AS claim_id, d.id AS document_id, d.title AS document_title, d.outlet, d.published,
       c.text, c.mode, c.certainty, c.cue_text AS cue, c.source_text AS source_mention,
       COALESCE(s.name, c.source_name) AS source, COALESCE(s.kind, c.source_kind) AS source_kind,
       c.inherited,
       (SELECT COUNT(*) FROM quantities q WHERE q.claim_id = c.id) AS n_quantities
FROM claims c
JOIN documents d ON d.id = c.document_id
LEFT JOIN claim_sources cs ON cs.claim_id = c.id AND cs.position = 0
LEFT JOIN sources s ON s.id = cs.source_id
"""
TIMELINE_VIEW = """
CREATE VIEW figure_timeline_view AS
SELECT f.key AS figure_key, f.label AS figure, v.position, v.value, v.low, v.high, v.bound,
       v.approx, v.unit, v.text, v.refers_start, v.refers_end, v.relation, v.projection,
       v.published, v.outlet, v.source_name AS source, v.chain, v.mode, v.certainty, v.score,
       v.reason, v.manual, v.document_id, v.claim_id, d.title AS document_title
FROM figure_values v
JOIN figures f ON f.id = v.figure_id
LEFT JOIN documents d ON d.id = v.document_id
"""


def upgrade() -> None:
    op.create_table(
        "figure_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("key", sa.String(length=48), nullable=False),
        sa.Column("other", sa.String(length=48), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=16), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("unit_class", sa.Text(), nullable=True),
        sa.Column("owner", sa.String(length=32), nullable=True),
        sa.Column("places", sa.JSON(), nullable=False),
        sa.Column("n_values", sa.Integer(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("n_documents", sa.Integer(), nullable=False),
        sa.Column("first_date", sa.String(length=10), nullable=True),
        sa.Column("last_date", sa.String(length=10), nullable=True),
        sa.Column("disputed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_figures_label", "figures", ["label"], unique=False)
    op.create_index("ix_figures_n_values", "figures", ["n_values"], unique=False)
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("is_outlet", sa.Boolean(), nullable=False),
        sa.Column("variants", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_index("ix_sources_kind", "sources", ["kind"], unique=False)
    op.create_table(
        "tracking_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("linked_at", sa.DateTime(), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("last_analysed_at", sa.DateTime(), nullable=True),
        sa.Column("overrides", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "citations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("cited_id", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["cited_id"], ["sources.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_id", "cited_id", name="uq_citations_pair"),
    )
    op.create_index("ix_citations_cited", "citations", ["cited_id"], unique=False)
    op.create_table(
        "disagreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("figure_id", sa.Integer(), nullable=True),
        sa.Column("first_key", sa.String(length=48), nullable=False),
        sa.Column("second_key", sa.String(length=48), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["figure_id"], ["figures.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_disagreements_figure", "disagreements", ["figure_id"], unique=False)
    op.create_table(
        "claim_sources",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("claim_id", "position"),
    )
    op.create_index(
        "ix_claim_sources_source", "claim_sources", ["source_id", "position"], unique=False
    )
    op.create_table(
        "figure_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("figure_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("observation_key", sa.String(length=48), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("bound", sa.String(length=16), nullable=True),
        sa.Column("approx", sa.Boolean(), nullable=False),
        sa.Column("vague", sa.Boolean(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("refers_start", sa.String(length=10), nullable=True),
        sa.Column("refers_end", sa.String(length=10), nullable=True),
        sa.Column("refers_text", sa.Text(), nullable=True),
        sa.Column("relation", sa.String(length=8), nullable=False),
        sa.Column("from_report_date", sa.Boolean(), nullable=False),
        sa.Column("projection", sa.Boolean(), nullable=False),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("source_name", sa.Text(), nullable=True),
        sa.Column("chain", sa.JSON(), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("certainty", sa.String(length=16), nullable=False),
        sa.Column("claim_text", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("manual", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["figure_id"], ["figures.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_figure_values_claim", "figure_values", ["claim_id"], unique=False)
    op.create_index(
        "ix_figure_values_figure", "figure_values", ["figure_id", "position"], unique=False
    )
    op.create_index("ix_figure_values_key", "figure_values", ["observation_key"], unique=False)
    op.execute(CLAIMS_VIEW)
    op.execute(TIMELINE_VIEW)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS figure_timeline_view")
    op.execute("DROP VIEW IF EXISTS claims_view")
    op.drop_index("ix_figure_values_key", table_name="figure_values")
    op.drop_index("ix_figure_values_figure", table_name="figure_values")
    op.drop_index("ix_figure_values_claim", table_name="figure_values")
    op.drop_table("figure_values")
    op.drop_index("ix_claim_sources_source", table_name="claim_sources")
    op.drop_table("claim_sources")
    op.drop_index("ix_disagreements_figure", table_name="disagreements")
    op.drop_table("disagreements")
    op.drop_index("ix_citations_cited", table_name="citations")
    op.drop_table("citations")
    op.drop_table("tracking_state")
    op.drop_index("ix_sources_kind", table_name="sources")
    op.drop_table("sources")
    op.drop_index("ix_figures_n_values", table_name="figures")
    op.drop_index("ix_figures_label", table_name="figures")
    op.drop_table("figures")
    op.drop_table("figure_overrides")
