"""ORM tables written by figure tracking (migration ``0002_tracking``).

Everything here except ``figure_overrides`` is derived from the claims and is
rebuilt by each linking run; the overrides are decisions taken by hand and
are keyed by stable observation keys so that they survive re-analysis.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from quellenlage.store.tables import Base, utcnow


class SourceRow(Base):
    __tablename__ = "sources"
    __table_args__ = (Index("ix_sources_kind", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="unknown")
    #: Times named as a claim's source or in its chain.
    mentions: Mapped[int] = mapped_column(Integer, default=0)
    #: Claims that name it as their (outermost) source.
    claims: Mapped[int] = mapped_column(Integer, default=0)
    #: True for outlets, which publish reports rather than being cited in them.
    is_outlet: Mapped[bool] = mapped_column(Boolean, default=False)
    variants: Mapped[list] = mapped_column(JSON, default=list)


class ClaimSourceRow(Base):
    """The normalised sources of a claim: position 0 its source, 1… its chain."""

    __tablename__ = "claim_sources"
    __table_args__ = (Index("ix_claim_sources_source", "source_id", "position"),)

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))


class CitationRow(Base):
    __tablename__ = "citations"
    __table_args__ = (
        UniqueConstraint("source_id", "cited_id", name="uq_citations_pair"),
        Index("ix_citations_cited", "cited_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    cited_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    count: Mapped[int] = mapped_column(Integer, default=0)


class FigureRow(Base):
    __tablename__ = "figures"
    __table_args__ = (
        Index("ix_figures_label", "label"),
        Index("ix_figures_n_values", "n_values"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(16), unique=True)
    label: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    unit_class: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(String(32))
    places: Mapped[list] = mapped_column(JSON, default=list)
    n_values: Mapped[int] = mapped_column(Integer)
    n_sources: Mapped[int] = mapped_column(Integer)
    n_documents: Mapped[int] = mapped_column(Integer)
    first_date: Mapped[str | None] = mapped_column(String(10))
    last_date: Mapped[str | None] = mapped_column(String(10))
    disputed: Mapped[bool] = mapped_column(Boolean, default=False)
    #: What its values count happened (tracking.linking.Figure.measure); revision 0006.
    measure: Mapped[str] = mapped_column(String(16), default="unknown", server_default="unknown")
    #: False when its values name nothing counted (revision 0006): listed under their document.
    named: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class FigureValueRow(Base):
    """One value of a figure, in timeline order, with its evidence."""

    __tablename__ = "figure_values"
    __table_args__ = (
        Index("ix_figure_values_figure", "figure_id", "position"),
        Index("ix_figure_values_key", "observation_key"),
        Index("ix_figure_values_claim", "claim_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    figure_id: Mapped[int] = mapped_column(ForeignKey("figures.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    observation_key: Mapped[str] = mapped_column(String(48))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    bound: Mapped[str | None] = mapped_column(String(16))
    approx: Mapped[bool] = mapped_column(Boolean, default=False)
    vague: Mapped[bool] = mapped_column(Boolean, default=False)
    unit: Mapped[str | None] = mapped_column(Text)
    refers_start: Mapped[str | None] = mapped_column(String(10))
    refers_end: Mapped[str | None] = mapped_column(String(10))
    refers_text: Mapped[str | None] = mapped_column(Text)
    relation: Mapped[str] = mapped_column(String(8), default="at")
    from_report_date: Mapped[bool] = mapped_column(Boolean, default=False)
    projection: Mapped[bool] = mapped_column(Boolean, default=False)
    # revision 0006: the value's measure, the word it was read from, total/delta/previous/range
    measure: Mapped[str] = mapped_column(String(16), default="unknown", server_default="unknown")
    measure_word: Mapped[str | None] = mapped_column(Text)
    value_kind: Mapped[str] = mapped_column(String(16), default="total", server_default="total")
    published: Mapped[str | None] = mapped_column(String(10))
    outlet: Mapped[str | None] = mapped_column(Text)
    source_name: Mapped[str | None] = mapped_column(Text)
    chain: Mapped[list] = mapped_column(JSON, default=list)
    mode: Mapped[str] = mapped_column(String(16))
    certainty: Mapped[str] = mapped_column(String(16))
    claim_text: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    manual: Mapped[bool] = mapped_column(Boolean, default=False)


class FigureContextRow(Base):
    """A vague value that fits a figure ("Tausende Soldaten"): shown with it, never a value."""

    __tablename__ = "figure_context"
    __table_args__ = (Index("ix_figure_context_figure", "figure_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    figure_id: Mapped[int] = mapped_column(ForeignKey("figures.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    observation_key: Mapped[str] = mapped_column(String(48))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10))
    outlet: Mapped[str | None] = mapped_column(Text)
    source_name: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)


class DisagreementRow(Base):
    __tablename__ = "disagreements"
    __table_args__ = (Index("ix_disagreements_figure", "figure_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    figure_id: Mapped[int | None] = mapped_column(ForeignKey("figures.id", ondelete="CASCADE"))
    first_key: Mapped[str] = mapped_column(String(48))
    second_key: Mapped[str] = mapped_column(String(48))
    reason: Mapped[str] = mapped_column(Text)


class FigureOverrideRow(Base):
    """A confirm, split or merge decided by hand; never rebuilt."""

    __tablename__ = "figure_overrides"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(8))
    key: Mapped[str] = mapped_column(String(48))
    other: Mapped[str | None] = mapped_column(String(48))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class TrackingStateRow(Base):
    """When figures were last linked, and what the claims looked like then."""

    __tablename__ = "tracking_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    linked_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    claims: Mapped[int] = mapped_column(Integer)
    last_analysed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    overrides: Mapped[int] = mapped_column(Integer, default=0)
    #: The score a value needed to join a figure (migration 0002a); relinking keeps it.
    threshold: Mapped[float | None] = mapped_column(Float)


class EditLogRow(Base):
    """The audit log of hand corrections (migration ``0004``): who did what, when, and why.

    Like ``figure_overrides`` it is never rebuilt, so it survives re-analysis; it keeps
    what the override alone does not: the note, the figure and value as they were shown.
    """

    __tablename__ = "edit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(8))
    key: Mapped[str] = mapped_column(String(48))
    other: Mapped[str | None] = mapped_column(String(48))
    figure_label: Mapped[str | None] = mapped_column(Text)
    value_text: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    #: "web" or "cli": which front end recorded it.
    via: Mapped[str] = mapped_column(String(16), default="web")
