"""The queries behind ``quellenlage export``: every table as plain rows, streamed.

The export package turns the rows into files (JSON Lines, CSV, Parquet,
GraphML, Wikinews annotations); the SQL stays here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import selectinload

from quellenlage.records import Claim
from quellenlage.store.archive import FetchRow
from quellenlage.store.convert import row_to_claim
from quellenlage.store.database import Store
from quellenlage.store.tables import ClaimRow, DocumentRow, QuantityRow, TimeRow
from quellenlage.store.tracking_tables import (
    CitationRow,
    ClaimSourceRow,
    DisagreementRow,
    FigureContextRow,
    FigureRow,
    FigureValueRow,
    SourceRow,
)

_STREAM = 5000  # rows fetched per round trip


def _documents() -> Select:
    # the archive reference of a fetched page: the first fetch its text was read from
    first = (
        select(func.min(FetchRow.id).label("id"), FetchRow.url, FetchRow.content_hash)
        .group_by(FetchRow.url, FetchRow.content_hash)
        .subquery()
    )
    fetch = FetchRow.__table__.alias("fetch")
    return select(
        DocumentRow.id, DocumentRow.origin, DocumentRow.url, DocumentRow.title,
        DocumentRow.published, DocumentRow.outlet, DocumentRow.author, DocumentRow.language,
        DocumentRow.content_hash, DocumentRow.duplicate_of, DocumentRow.text,
        fetch.c.warc_file, fetch.c.warc_offset, fetch.c.warc_record_id, fetch.c.digest,
        fetch.c.fetched_at,
    ).outerjoin(
        first, and_(first.c.url == DocumentRow.origin, first.c.content_hash == DocumentRow.content_hash)
    ).outerjoin(fetch, fetch.c.id == first.c.id).order_by(DocumentRow.id)  # fmt: skip


def _claims() -> Select:
    source = SourceRow.__table__.alias("source")
    n_quantities = (
        select(func.count(QuantityRow.id)).where(QuantityRow.claim_id == ClaimRow.id)
    ).scalar_subquery()
    return (
        select(
            ClaimRow.id,
            ClaimRow.document_id,
            ClaimRow.text,
            ClaimRow.span_start,
            ClaimRow.span_end,
            ClaimRow.mode,
            ClaimRow.certainty,
            ClaimRow.cue_text,
            ClaimRow.source_text,
            source.c.name,
            source.c.kind,
            ClaimRow.chain,
            ClaimRow.inherited,
            ClaimRow.medium,
            ClaimRow.hedges,
            n_quantities,
            ClaimRow.link,
        )
        .outerjoin(
            ClaimSourceRow,
            and_(ClaimSourceRow.claim_id == ClaimRow.id, ClaimSourceRow.position == 0),
        )
        .outerjoin(source, source.c.id == ClaimSourceRow.source_id)
        .order_by(ClaimRow.id)
    )


def _quantities() -> Select:
    return select(
        QuantityRow.id, QuantityRow.claim_id, QuantityRow.document_id, QuantityRow.text,
        QuantityRow.span_start, QuantityRow.span_end, QuantityRow.value, QuantityRow.low,
        QuantityRow.high, QuantityRow.bound, QuantityRow.approx, QuantityRow.vague,
        QuantityRow.unit, QuantityRow.kind, QuantityRow.measure, QuantityRow.measure_word,
        QuantityRow.value_kind,
    ).order_by(QuantityRow.id)  # fmt: skip


def _times() -> Select:
    return select(
        TimeRow.id, TimeRow.claim_id, TimeRow.document_id, TimeRow.text, TimeRow.span_start,
        TimeRow.span_end, TimeRow.start, TimeRow.end, TimeRow.granularity, TimeRow.relation,
        TimeRow.mod, TimeRow.relative, TimeRow.resolved,
    ).order_by(TimeRow.id)  # fmt: skip


def _figures() -> Select:
    return select(
        FigureRow.id, FigureRow.key, FigureRow.label, FigureRow.kind, FigureRow.unit_class,
        FigureRow.owner, FigureRow.measure, FigureRow.places, FigureRow.n_values, FigureRow.n_sources,
        FigureRow.n_documents, FigureRow.first_date, FigureRow.last_date, FigureRow.disputed,
    ).order_by(FigureRow.id)  # fmt: skip


def _figure_values() -> Select:
    v = FigureValueRow
    return select(
        v.figure_id, FigureRow.key, v.position, v.observation_key, v.document_id, v.claim_id,
        v.text, v.value, v.low, v.high, v.bound, v.approx, v.vague, v.unit, v.refers_start,
        v.refers_end, v.refers_text, v.relation, v.from_report_date, v.projection, v.measure,
        v.measure_word, v.value_kind, v.published,
        v.outlet, v.source_name, v.chain, v.mode, v.certainty, v.span_start, v.span_end, v.score,
        v.reason, v.manual,
    ).join(FigureRow, FigureRow.id == v.figure_id).order_by(v.figure_id, v.position)  # fmt: skip


def _figure_context() -> Select:
    # vague values that fit a figure ("Tausende Soldaten"): context shown with it, never values
    c = FigureContextRow
    return select(
        c.figure_id, FigureRow.key, c.position, c.observation_key, c.document_id, c.claim_id,
        c.text, c.value, c.unit, c.published, c.outlet, c.source_name, c.span_start, c.span_end,
        c.reason,
    ).join(FigureRow, FigureRow.id == c.figure_id).order_by(c.figure_id, c.position)  # fmt: skip


def _sources() -> Select:
    return select(
        SourceRow.id, SourceRow.name, SourceRow.kind, SourceRow.mentions, SourceRow.claims,
        SourceRow.is_outlet, SourceRow.variants,
    ).order_by(SourceRow.id)  # fmt: skip


def _citations() -> Select:
    source = SourceRow.__table__.alias("source")
    cited = SourceRow.__table__.alias("cited")
    return (
        select(source.c.name, cited.c.name, CitationRow.count)
        .join(source, source.c.id == CitationRow.source_id)
        .join(cited, cited.c.id == CitationRow.cited_id)
        .order_by(CitationRow.count.desc(), source.c.name, cited.c.name)
    )


def _disagreements() -> Select:
    return (
        select(DisagreementRow.id, DisagreementRow.kind, FigureRow.key, DisagreementRow.first_key,
               DisagreementRow.second_key, DisagreementRow.reason)
        .outerjoin(FigureRow, FigureRow.id == DisagreementRow.figure_id)
        .order_by(DisagreementRow.id)
    )  # fmt: skip


QUERIES: dict[str, Callable[[], Select]] = {
    "documents": _documents,
    "claims": _claims,
    "quantities": _quantities,
    "times": _times,
    "figures": _figures,
    "figure_values": _figure_values,
    "figure_context": _figure_context,
    "sources": _sources,
    "citations": _citations,
    "disagreements": _disagreements,
}


def table_rows(store: Store, name: str) -> Iterator[tuple[Any, ...]]:
    """The rows of export table ``name`` (see :data:`QUERIES`), in a stable order, streamed."""
    with store.engine.connect() as connection:
        result = connection.execution_options(yield_per=_STREAM).execute(QUERIES[name]())
        for row in result:
            yield tuple(row)


def analysed_documents(store: Store) -> Iterator[tuple[dict[str, Any], list[Claim]]]:
    """Every analysed document (id, origin, title, text, published) with its claims."""
    with store.session() as s:
        documents = s.scalars(
            select(DocumentRow)
            .where(DocumentRow.analysed_at.is_not(None))
            .order_by(DocumentRow.id)
            .options(selectinload(DocumentRow.claims))
            .execution_options(yield_per=200)
        )
        for doc in documents:
            fields = {
                "id": doc.id,
                "origin": doc.origin,
                "title": doc.title,
                "text": doc.text,
                "published": doc.published,
            }
            yield fields, [row_to_claim(c) for c in doc.claims]
