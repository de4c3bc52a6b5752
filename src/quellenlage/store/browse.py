"""The read queries behind the web's pages (overview, documents, sources, figures) and the
audit log of corrections made by hand.

Each function runs a few indexed queries and returns plain dicts or records.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from quellenlage.records import Claim
from quellenlage.store import queries
from quellenlage.store.convert import row_to_claim
from quellenlage.store.database import Store
from quellenlage.store.tables import ClaimRow, DocumentRow, FailedInputRow
from quellenlage.store.tracking_tables import (
    CitationRow,
    ClaimSourceRow,
    EditLogRow,
    FigureRow,
    FigureValueRow,
    SourceRow,
)


def overview(store: Store, top: int = 15) -> dict[str, Any]:
    """What the database holds: counts, documents by outlet, language and month."""
    month = func.substr(DocumentRow.published, 1, 7)
    with store.engine.connect() as c:

        def grouped(column: Any) -> list[tuple[Any, int]]:
            n = func.count(DocumentRow.id).label("n")
            query = select(column.label("value"), n).group_by(column)
            return [(r.value, r.n) for r in c.execute(query.order_by(n.desc()).limit(top))]

        by_month = c.execute(
            select(month.label("value"), func.count(DocumentRow.id)).group_by(month).order_by(month)
        ).all()
        return {
            "documents": c.execute(select(func.count(DocumentRow.id))).scalar() or 0,
            "analysed": c.execute(
                select(func.count(DocumentRow.id)).where(DocumentRow.analysed_at.is_not(None))
            ).scalar()
            or 0,
            "claims": c.execute(select(func.count(ClaimRow.id))).scalar() or 0,
            "figures": c.execute(select(func.count(FigureRow.id))).scalar() or 0,
            "sources": c.execute(
                select(func.count(SourceRow.id)).where(SourceRow.mentions > 0)
            ).scalar()
            or 0,
            "failures": c.execute(select(func.count(FailedInputRow.id))).scalar() or 0,
            "by_outlet": grouped(DocumentRow.outlet),
            "by_language": grouped(DocumentRow.language),
            "by_month": [(m, n) for m, n in by_month],
        }


def documents(store: Store, *, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """Documents, newest first, with their claim counts (without loading their text)."""
    query = (
        select(
            DocumentRow.id,
            DocumentRow.title,
            DocumentRow.outlet,
            DocumentRow.published,
            DocumentRow.language,
            DocumentRow.duplicate_of,
        )  # (published, id) both descending: a backward scan of ix_documents_published
        .order_by(DocumentRow.published.desc(), DocumentRow.id.desc())
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as c:
        rows = [dict(r._mapping) for r in c.execute(query)]
        counts = dict(  # counted for this page only, not for every skipped row
            c.execute(
                select(ClaimRow.document_id, func.count(ClaimRow.id))
                .where(ClaimRow.document_id.in_([r["id"] for r in rows]))
                .group_by(ClaimRow.document_id)
            ).all()
        )
        total = c.execute(select(func.count(DocumentRow.id))).scalar() or 0
    for row in rows:
        row["claims"] = counts.get(row["id"], 0)
    return rows, total


def document_claims(store: Store, doc_id: int) -> list[tuple[int, Claim, str | None]]:
    """A document's claims in text order as (claim id, claim, normalised source name)."""
    with store.session() as s:
        rows = list(
            s.scalars(
                select(ClaimRow)
                .where(ClaimRow.document_id == doc_id)
                .order_by(ClaimRow.span_start, ClaimRow.id)
                .options(selectinload(ClaimRow.quantities), selectinload(ClaimRow.times))
            )
        )
        names = dict(
            s.execute(
                select(ClaimSourceRow.claim_id, SourceRow.name)
                .join(SourceRow, SourceRow.id == ClaimSourceRow.source_id)
                .where(ClaimSourceRow.claim_id.in_([r.id for r in rows]))
                .where(ClaimSourceRow.position == 0)
            ).all()
        )
        return [(row.id, row_to_claim(row), names.get(row.id)) for row in rows]


def document_figures(store: Store, doc_id: int) -> list[dict[str, Any]]:
    """The figure values found in a document: which claim, which figure, which position."""
    query = (
        select(
            FigureValueRow.claim_id,
            FigureValueRow.position,
            FigureValueRow.span_start,
            FigureValueRow.span_end,
            FigureValueRow.text,
            FigureRow.id.label("figure_id"),
            FigureRow.label,
        )
        .join(FigureRow, FigureRow.id == FigureValueRow.figure_id)
        # by claim: figure_values is indexed on claim_id, not on document_id
        .where(
            FigureValueRow.claim_id.in_(select(ClaimRow.id).where(ClaimRow.document_id == doc_id))
        )
        .order_by(FigureValueRow.span_start)
    )
    with store.engine.connect() as c:
        return [dict(r._mapping) for r in c.execute(query)]


def source(store: Store, source_id: int) -> dict[str, Any] | None:
    """One source with whom it cites and who cites it (with counts)."""
    other = SourceRow.__table__.alias("other")
    with store.engine.connect() as c:
        row = c.execute(select(SourceRow).where(SourceRow.id == source_id)).first()
        if row is None:
            return None

        def edges(mine: Any, theirs: Any) -> list[dict[str, Any]]:
            query = (
                select(other.c.id, other.c.name, CitationRow.count)
                .join(other, other.c.id == theirs)
                .where(mine == source_id)
                .order_by(CitationRow.count.desc(), other.c.name)
            )
            return [{"id": i, "name": n, "count": k} for i, n, k in c.execute(query)]

        return {
            "id": row.id,
            "name": row.name,
            "kind": row.kind,
            "mentions": row.mentions,
            "claims": row.claims,
            "outlet": row.is_outlet,
            "variants": row.variants,
            "cites": edges(CitationRow.source_id, CitationRow.cited_id),
            "cited_by": edges(CitationRow.cited_id, CitationRow.source_id),
        }


def cited_by_counts(store: Store, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """For each source id: who cites it, most often first."""
    citing = SourceRow.__table__.alias("citing")
    query = (
        select(CitationRow.cited_id, citing.c.id, citing.c.name, CitationRow.count)
        .join(citing, citing.c.id == CitationRow.source_id)
        .where(CitationRow.cited_id.in_(ids))
        .order_by(CitationRow.count.desc())
    )
    out: dict[int, list[dict[str, Any]]] = {}
    with store.engine.connect() as c:
        for cited, i, name, count in c.execute(query):
            out.setdefault(cited, []).append({"id": i, "name": name, "count": count})
    return out


def record_edit(store: Store, **values: Any) -> None:
    """Append one entry to the audit log (action, key, other, figure_label, value_text, note)."""
    with store.session() as s:
        s.add(EditLogRow(**values))


def edits(store: Store, *, figure_keys: list[str] | None = None, limit: int = 100) -> list[dict]:
    """The audit log, newest first; only entries touching these value keys when given."""
    query = select(EditLogRow).order_by(EditLogRow.id.desc()).limit(limit)
    if figure_keys is not None:
        query = query.where(or_(EditLogRow.key.in_(figure_keys), EditLogRow.other.in_(figure_keys)))
    with store.session() as s:
        return [
            {
                "id": r.id,
                "at": r.created_at.isoformat(timespec="seconds"),
                "action": r.action,
                "key": r.key,
                "other": r.other,
                "figure": r.figure_label,
                "value": r.value_text,
                "note": r.note,
                "via": r.via,
            }
            for r in s.scalars(query)
        ]


def figures_page(store: Store, *, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """Figures, disputed ones first, then by number of values; and how many there are."""
    query = (
        select(FigureRow)
        .order_by(FigureRow.disputed.desc(), FigureRow.n_values.desc(), FigureRow.id)
        .limit(limit)
        .offset(offset)
    )
    with store.session() as s:
        rows = [queries._figure_dict(row) for row in s.scalars(query)]
        total = s.scalar(select(func.count(FigureRow.id))) or 0
    return rows, total


def figure_value(store: Store, key: str) -> dict[str, Any] | None:
    """The figure value with this observation key: its figure, position and text."""
    query = (
        select(
            FigureValueRow.figure_id,
            FigureValueRow.position,
            FigureValueRow.text,
            FigureRow.label,
        )
        .join(FigureRow, FigureRow.id == FigureValueRow.figure_id)
        .where(FigureValueRow.observation_key == key)
    )
    with store.engine.connect() as c:
        row = c.execute(query).first()
    return dict(row._mapping) if row else None


def first_value_key(store: Store, figure_id: int) -> str | None:
    query = (
        select(FigureValueRow.observation_key)
        .where(FigureValueRow.figure_id == figure_id)
        .order_by(FigureValueRow.position)
        .limit(1)
    )
    with store.engine.connect() as c:
        return c.execute(query).scalar()


def citation_edges_among(store: Store, ids: list[int]) -> list[dict[str, Any]]:
    """Citation edges between these sources only (the graph drawn for one page of sources)."""
    citing, cited = SourceRow.__table__.alias("citing"), SourceRow.__table__.alias("cited")
    query = (
        select(citing.c.name, cited.c.name, CitationRow.count)
        .join(citing, citing.c.id == CitationRow.source_id)
        .join(cited, cited.c.id == CitationRow.cited_id)
        .where(CitationRow.source_id.in_(ids), CitationRow.cited_id.in_(ids))
    )
    with store.engine.connect() as c:
        return [{"source": a, "cited": b, "count": n} for a, b, n in c.execute(query)]
