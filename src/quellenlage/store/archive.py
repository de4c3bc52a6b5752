"""Fetched pages: what we hold per URL, and the WARC record behind each document version.

``web_pages`` holds one row per URL asked for: the validators of the last
response (for conditional requests), the digest of the last archived payload,
and whether a failure is permanent. ``fetches`` holds one row per archived
response: where it lies in which WARC file, its digest and fetch time, and the
hash of the clean text read from it. A document is linked to its archived
responses by its origin (the URL) and its content hash, so a page that changed
is a new document (a new version) with its own record and its own claims.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import BigInteger, DateTime, Index, Integer, String, Text, and_, select
from sqlalchemy.orm import Mapped, mapped_column

from quellenlage.store.database import Store
from quellenlage.store.tables import Base, DocumentRow, utcnow


class WebPageRow(Base):
    __tablename__ = "web_pages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    final_url: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    #: WARC-Payload-Digest of the last archived response.
    digest: Mapped[str | None] = mapped_column(String(64))
    #: "page", "listing" (feed or sitemap), "failed" or "gone" (a failure not worth retrying).
    state: Mapped[str] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_checked_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class FetchRow(Base):
    __tablename__ = "fetches"
    __table_args__ = (Index("ix_fetches_url_hash", "url", "content_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    final_url: Mapped[str] = mapped_column(Text)
    status: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str | None] = mapped_column(Text)
    #: The WARC file, relative to the database's folder where it lies below it.
    warc_file: Mapped[str] = mapped_column(Text)
    warc_offset: Mapped[int] = mapped_column(BigInteger)  # WARC files grow past 2 GB
    warc_length: Mapped[int] = mapped_column(BigInteger)
    warc_record_id: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(64))
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime)
    #: Hash of the clean text read from this response (None for feeds, sitemaps, failures).
    content_hash: Mapped[str | None] = mapped_column(String(64))


@dataclass(frozen=True, slots=True)
class PageState:
    url: str
    etag: str | None
    last_modified: str | None
    digest: str | None
    state: str
    error: str | None


@dataclass(frozen=True, slots=True)
class ArchivedFetch:
    """One archived response, as exports and ``show --archived`` report it."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    warc_file: str
    warc_offset: int
    warc_length: int
    warc_record_id: str
    digest: str
    fetched_at: dt.datetime
    content_hash: str | None


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a fetched page: the document and when it was first fetched."""

    document_id: int
    number: int
    fetched_at: dt.datetime | None
    content_hash: str


def page_state(store: Store, url: str) -> PageState | None:
    with store.session() as s:
        row = s.scalar(select(WebPageRow).where(WebPageRow.url == url))
        if row is None:
            return None
        return PageState(row.url, row.etag, row.last_modified, row.digest, row.state, row.error)


def save_page_state(
    store: Store,
    url: str,
    *,
    state: str,
    final_url: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    digest: str | None = None,
    error: str | None = None,
    changed: bool = False,
) -> None:
    """Remember what the last request for ``url`` found; validators only replace when given."""
    now = utcnow()
    with store.session() as s:
        row = s.scalar(select(WebPageRow).where(WebPageRow.url == url))
        if row is None:
            row = WebPageRow(url=url, state=state, first_seen_at=now)
            s.add(row)
        row.state, row.error, row.last_checked_at = state, error, now
        if final_url:
            row.final_url = final_url
        if etag or last_modified or digest:
            row.etag, row.last_modified = etag, last_modified
        if digest:
            row.digest = digest
        if changed:
            row.last_changed_at = now


def add_fetch(store: Store, fetch: ArchivedFetch) -> None:
    with store.session() as s:
        s.add(
            FetchRow(
                url=fetch.url,
                final_url=fetch.final_url,
                status=fetch.status,
                content_type=fetch.content_type,
                warc_file=fetch.warc_file,
                warc_offset=fetch.warc_offset,
                warc_length=fetch.warc_length,
                warc_record_id=fetch.warc_record_id,
                digest=fetch.digest,
                fetched_at=fetch.fetched_at.astimezone(dt.UTC).replace(tzinfo=None),
                content_hash=fetch.content_hash,
            )
        )


def document_fetches(store: Store, doc_id: int) -> list[ArchivedFetch]:
    """The archived responses a document was read from, first fetch first (empty for files)."""
    query = (
        select(FetchRow)
        .join(
            DocumentRow,
            and_(
                DocumentRow.origin == FetchRow.url,
                DocumentRow.content_hash == FetchRow.content_hash,
            ),
        )
        .where(DocumentRow.id == doc_id)
        .order_by(FetchRow.fetched_at, FetchRow.id)
    )
    with store.session() as s:
        return [_fetch(row) for row in s.scalars(query)]


def versions(store: Store, doc_id: int) -> list[Version]:
    """Every stored version of the page a document was fetched from, oldest first.

    Empty when the document was not fetched from the web.
    """
    with store.session() as s:
        origin = s.scalar(select(DocumentRow.origin).where(DocumentRow.id == doc_id))
        if origin is None:
            return []
        if s.scalar(select(FetchRow.id).where(FetchRow.url == origin).limit(1)) is None:
            return []
        rows = s.execute(
            select(DocumentRow.id, DocumentRow.content_hash, DocumentRow.ingested_at)
            .where(DocumentRow.origin == origin)
            .order_by(DocumentRow.id)
        ).all()
        first_fetch = dict(
            s.execute(
                select(FetchRow.content_hash, FetchRow.fetched_at)
                .where(FetchRow.url == origin)
                .order_by(FetchRow.fetched_at.desc())
            ).all()
        )  # later rows overwrite earlier ones, so each hash maps to its first fetch
    return [
        Version(doc, number, first_fetch.get(content_hash, ingested), content_hash)
        for number, (doc, content_hash, ingested) in enumerate(rows, 1)
    ]


def _fetch(row: FetchRow) -> ArchivedFetch:
    return ArchivedFetch(
        url=row.url,
        final_url=row.final_url,
        status=row.status,
        content_type=row.content_type,
        warc_file=row.warc_file,
        warc_offset=row.warc_offset,
        warc_length=row.warc_length,
        warc_record_id=row.warc_record_id,
        digest=row.digest,
        fetched_at=row.fetched_at.replace(tzinfo=dt.UTC),
        content_hash=row.content_hash,
    )


def tracking_snapshot(store: Store) -> tuple[dict[str, dict], dict[tuple, dict]]:
    """Figure values by their stable observation key, and disagreements by their keys.

    ``watch`` compares two snapshots to say what a poll changed; figure ids are
    rebuilt by each linking run, observation keys are not.
    """
    from quellenlage.store.tracking_tables import DisagreementRow, FigureRow, FigureValueRow

    v = FigureValueRow
    value_query = select(
        v.observation_key, v.document_id, v.text, v.value, v.unit, v.source_name, v.outlet,
        v.published, v.claim_text, FigureRow.label, FigureRow.key, FigureRow.n_values,
    ).join(FigureRow, FigureRow.id == v.figure_id)  # fmt: skip
    d = DisagreementRow
    disagreement_query = select(
        d.kind, d.first_key, d.second_key, d.reason, FigureRow.label
    ).outerjoin(FigureRow, FigureRow.id == d.figure_id)
    with store.session() as s:
        values = {
            row.observation_key: {
                "figure": row.label,
                "figure_key": row.key,
                "figure_values": row.n_values,
                "document_id": row.document_id,
                "text": row.text,
                "value": row.value,
                "unit": row.unit,
                "source": row.source_name,
                "outlet": row.outlet,
                "published": row.published,
                "claim": row.claim_text,
            }
            for row in s.execute(value_query)
        }
        disagreements = {
            (row.kind, row.first_key, row.second_key): {
                "kind": row.kind,
                "figure": row.label,
                "first_key": row.first_key,
                "second_key": row.second_key,
                "reason": row.reason,
            }
            for row in s.execute(disagreement_query)
        }
    return values, disagreements
