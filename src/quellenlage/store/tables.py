"""ORM tables of the quellenlage database.

Column names are meant to be read by people, e.g. in Datasette: every
metadata value has a ``*_source`` column saying where it came from.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("origin", "content_hash", name="uq_documents_origin_hash"),
        Index("ix_documents_content_hash", "content_hash"),
        Index("ix_documents_published", "published"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    origin: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(16))
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    title_source: Mapped[str] = mapped_column(String(16), default="unknown")
    published: Mapped[str | None] = mapped_column(String(32))
    published_source: Mapped[str] = mapped_column(String(16), default="unknown")
    author: Mapped[str | None] = mapped_column(Text)
    author_source: Mapped[str] = mapped_column(String(16), default="unknown")
    outlet: Mapped[str | None] = mapped_column(Text)
    outlet_source: Mapped[str] = mapped_column(String(16), default="unknown")
    language: Mapped[str | None] = mapped_column(String(16))
    language_source: Mapped[str] = mapped_column(String(16), default="unknown")
    #: "analysable" for German/English, "unsupported" for other languages.
    language_status: Mapped[str] = mapped_column(String(16), default="analysable")
    content_hash: Mapped[str] = mapped_column(String(64))
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    duplicate_kind: Mapped[str | None] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    analysed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    analysis_warnings: Mapped[list | None] = mapped_column(JSON)
    #: What reading had to repair or leave out (invalid bytes replaced, a bad date).
    ingest_warnings: Mapped[list | None] = mapped_column(JSON)
    #: The analysis lease: which process analyses the document, until when (store.work).
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    claimed_until: Mapped[dt.datetime | None] = mapped_column(DateTime)

    claims: Mapped[list[ClaimRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="ClaimRow.span_start"
    )


class NearDuplicateBandRow(Base):
    """The LSH buckets of each original document's MinHash (ingest.dedup.band_keys).

    Near-duplicate search asks this indexed table instead of holding every
    signature in memory, so ingest's memory stays flat however large the archive.
    """

    __tablename__ = "near_duplicate_bands"
    __table_args__ = (Index("ix_near_duplicate_bands_bucket", "band", "bucket"),)

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    bucket: Mapped[int] = mapped_column(BigInteger)


class SkippedInputRow(Base):
    """Inputs read but not ingested on purpose (a WARC image record), with the reason."""

    __tablename__ = "skipped_inputs"
    __table_args__ = (UniqueConstraint("origin", "reason", name="uq_skipped_origin_reason"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    origin: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    first_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class FailedInputRow(Base):
    __tablename__ = "failed_inputs"
    __table_args__ = (UniqueConstraint("origin", "error", name="uq_failed_origin_error"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    origin: Mapped[str] = mapped_column(Text)
    error: Mapped[str] = mapped_column(Text)
    first_failed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_failed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=1)


class ClaimRow(Base):
    __tablename__ = "claims"
    __table_args__ = (
        Index("ix_claims_document", "document_id"),
        Index("ix_claims_mode", "mode"),
        Index("ix_claims_certainty", "certainty"),
        Index("ix_claims_source_name", "source_name"),
        # a document's claims are numbered: storing them twice is impossible
        Index("uq_claims_document_position", "document_id", "position", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    #: The claim's number within its document (0, 1, …), unique with the document.
    position: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(16))
    certainty: Mapped[str] = mapped_column(String(16))
    cue_text: Mapped[str | None] = mapped_column(Text)
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    #: The pieces of a discontinuous cue ("teilte … mit"), as [start, end] pairs.
    cue_parts: Mapped[list] = mapped_column(JSON, default=list)
    source_text: Mapped[str | None] = mapped_column(Text)
    source_start: Mapped[int | None] = mapped_column(Integer)
    source_end: Mapped[int | None] = mapped_column(Integer)
    source_kind: Mapped[str | None] = mapped_column(String(16))
    #: The name the source mention refers to (resolved pronoun) or the mention itself.
    source_name: Mapped[str | None] = mapped_column(Text)
    chain: Mapped[list] = mapped_column(JSON, default=list)
    addressee_text: Mapped[str | None] = mapped_column(Text)
    addressee_start: Mapped[int | None] = mapped_column(Integer)
    addressee_end: Mapped[int | None] = mapped_column(Integer)
    inherited: Mapped[bool] = mapped_column(Boolean, default=False)
    medium: Mapped[str] = mapped_column(String(16), default="unknown")
    hedges: Mapped[list] = mapped_column(JSON, default=list)
    #: How the source was linked (records.SourceLink: same_sentence, heading, …); None = none.
    link: Mapped[str | None] = mapped_column(String(24))

    document: Mapped[DocumentRow] = relationship(back_populates="claims")
    quantities: Mapped[list[QuantityRow]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", order_by="QuantityRow.span_start"
    )
    times: Mapped[list[TimeRow]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", order_by="TimeRow.span_start"
    )


class QuantityRow(Base):
    __tablename__ = "quantities"
    __table_args__ = (
        Index("ix_quantities_claim", "claim_id"),
        Index("ix_quantities_unit", "unit"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
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
    kind: Mapped[str] = mapped_column(String(16), default="count")
    # revision 0006 (quantities.measure): what the number says happened, None = not read
    measure: Mapped[str | None] = mapped_column(String(16))
    measure_word: Mapped[str | None] = mapped_column(Text)
    value_kind: Mapped[str | None] = mapped_column(String(16))

    claim: Mapped[ClaimRow] = relationship(back_populates="quantities")


class TimeRow(Base):
    __tablename__ = "times"
    __table_args__ = (Index("ix_times_claim", "claim_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    start: Mapped[str | None] = mapped_column(String(32))
    end: Mapped[str | None] = mapped_column(String(32))
    granularity: Mapped[str] = mapped_column(String(16))
    relative: Mapped[bool] = mapped_column(Boolean, default=False)
    resolved: Mapped[bool] = mapped_column(Boolean, default=True)
    relation: Mapped[str] = mapped_column(String(8), default="at")
    #: "start", "mid" or "end" for "Anfang/Mitte/Ende Oktober".
    mod: Mapped[str | None] = mapped_column(String(8))
    parts: Mapped[dict] = mapped_column(JSON, default=dict)

    claim: Mapped[ClaimRow] = relationship(back_populates="times")
