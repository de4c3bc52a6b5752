"""Read claims, figures, timelines and sources back from the database, as plain dicts.

Each function runs one or two indexed queries, so that answers come quickly
on databases with hundreds of thousands of claims; they only read (figures
are linked by ``api.link`` and after analysis), and the API hands the dicts
to the CLI and the web interface.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, exists, func, or_, select

from quellenlage.store.database import Store
from quellenlage.store.errors import NotFound
from quellenlage.store.filters import ClaimFilter
from quellenlage.store.tables import ClaimRow, DocumentRow, QuantityRow
from quellenlage.store.tracking_tables import (
    CitationRow,
    ClaimSourceRow,
    DisagreementRow,
    FigureContextRow,
    FigureRow,
    FigureValueRow,
    SourceRow,
)


def claims(store: Store, where: ClaimFilter) -> list[dict[str, Any]]:
    """Claims matching every given filter, newest reports first."""
    source = SourceRow.__table__.alias("source")
    query = (
        select(
            ClaimRow.id,
            ClaimRow.document_id,
            DocumentRow.title,
            DocumentRow.outlet,
            DocumentRow.published,
            ClaimRow.text,
            ClaimRow.mode,
            ClaimRow.certainty,
            ClaimRow.cue_text,
            ClaimRow.source_text,
            source.c.name.label("source"),
            ClaimRow.chain,
        )
        .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
        .outerjoin(
            ClaimSourceRow,
            and_(ClaimSourceRow.claim_id == ClaimRow.id, ClaimSourceRow.position == 0),
        )
        .outerjoin(source, source.c.id == ClaimSourceRow.source_id)
    )
    if where.source:
        from quellenlage.tracking.sources import normalise_source  # only for this filter

        name = normalise_source(where.source)[0]
        matching = select(SourceRow.id).where(
            or_(SourceRow.name == name, func.lower(SourceRow.name).contains(where.source.lower()))
        )
        query = query.where(
            or_(
                ClaimSourceRow.source_id.in_(matching),
                func.lower(ClaimRow.source_text).contains(where.source.lower()),
            )
        )
    if where.contains:
        query = query.where(func.lower(ClaimRow.text).contains(where.contains.lower()))
    if where.mode:
        query = query.where(ClaimRow.mode == where.mode)
    if where.certainty:
        query = query.where(ClaimRow.certainty == where.certainty)
    if where.has_figure is not None:
        has = exists().where(QuantityRow.claim_id == ClaimRow.id)
        query = query.where(has if where.has_figure else ~has)
    if where.since:
        query = query.where(DocumentRow.published >= where.since)
    if where.until:
        day_after = dt.date.fromisoformat(where.until) + dt.timedelta(days=1)
        query = query.where(DocumentRow.published < day_after.isoformat())
    if where.document is not None:
        query = query.where(ClaimRow.document_id == where.document)
    query = query.order_by(
        DocumentRow.published.desc(), ClaimRow.document_id, ClaimRow.span_start
    ).limit(where.limit)
    with store.session() as s:
        return [
            {
                "id": r.id,
                "document_id": r.document_id,
                "document_title": r.title,
                "outlet": r.outlet,
                "published": r.published,
                "text": r.text,
                "mode": r.mode,
                "certainty": r.certainty,
                "cue": r.cue_text,
                "source_mention": r.source_text,
                "source": r.source,
                "chain": [c.get("resolved") or c.get("text") for c in (r.chain or [])],
            }
            for r in s.execute(query)
        ]


def _figure_dict(row: FigureRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "key": row.key,
        "label": row.label,
        "kind": row.kind,
        "unit_class": row.unit_class,
        "measure": row.measure,
        "named": row.named,
        "values": row.n_values,
        "sources": row.n_sources,
        "documents": row.n_documents,
        "first_date": row.first_date,
        "last_date": row.last_date,
        "disputed": row.disputed,
    }


def figures(
    store: Store, *, min_values: int = 1, disputed: bool | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """Figures with at least ``min_values`` values, the most-reported first."""
    query = select(FigureRow).where(FigureRow.n_values >= min_values)
    if disputed is not None:
        query = query.where(FigureRow.disputed.is_(disputed))
    query = query.order_by(FigureRow.n_values.desc(), FigureRow.id).limit(limit)
    with store.session() as s:
        return [_figure_dict(row) for row in s.scalars(query)]


def find_figure(store: Store, name: str) -> FigureRow:
    """A figure by id, key, or a piece of its label that only one figure has."""
    with store.session() as s:
        if name.isdigit() and (row := s.get(FigureRow, int(name))):
            return row
        row = s.scalar(select(FigureRow).where(FigureRow.key == name))
        if row:
            return row
        matches = list(
            s.scalars(
                select(FigureRow)
                .where(func.lower(FigureRow.label).contains(name.lower()))
                .order_by(FigureRow.n_values.desc())
                .limit(6)
            )
        )
    if not matches:
        raise NotFound(f"no figure {name!r}: give an id or key from `quellenlage figures`")
    if len(matches) > 1 and matches[0].n_values == matches[1].n_values:
        listed = ", ".join(f"{m.id} ({m.label})" for m in matches[:5])
        raise NotFound(f"figure {name!r} is ambiguous: {listed}")
    return matches[0]


def timeline(store: Store, name: str) -> dict[str, Any]:
    """A figure with all its values in time order and its disagreements."""
    figure = find_figure(store, name)
    with store.session() as s:
        values = s.scalars(
            select(FigureValueRow)
            .where(FigureValueRow.figure_id == figure.id)
            .order_by(FigureValueRow.position)
        )
        value_dicts = [
            {
                "position": v.position,
                "key": v.observation_key,
                "value": v.value,
                "low": v.low,
                "high": v.high,
                "bound": v.bound,
                "approx": v.approx,
                "vague": v.vague,
                "unit": v.unit,
                "text": v.text,
                "refers_start": v.refers_start,
                "refers_end": v.refers_end,
                "refers_text": v.refers_text,
                "relation": v.relation,
                "from_report_date": v.from_report_date,
                "projection": v.projection,
                "measure": v.measure,
                "measure_word": v.measure_word,
                "value_kind": v.value_kind,
                "published": v.published,
                "outlet": v.outlet,
                "source": v.source_name,
                "chain": v.chain,
                "mode": v.mode,
                "certainty": v.certainty,
                "claim": v.claim_text,
                "evidence": {
                    "document_id": v.document_id,
                    "claim_id": v.claim_id,
                    "span": [v.span_start, v.span_end],
                },
                "score": v.score,
                "reason": v.reason,
                "manual": v.manual,
            }
            for v in values
        ]
        disagreements = [
            {"kind": d.kind, "reason": d.reason, "first": d.first_key, "second": d.second_key}
            for d in s.scalars(
                select(DisagreementRow).where(DisagreementRow.figure_id == figure.id)
            )
        ]
        context = [  # vague values that fit ("Tausende Soldaten"): shown, never values
            {
                "key": c.observation_key,
                "text": c.text,
                "value": c.value,
                "unit": c.unit,
                "published": c.published,
                "outlet": c.outlet,
                "source": c.source_name,
                "evidence": {
                    "document_id": c.document_id,
                    "claim_id": c.claim_id,
                    "span": [c.span_start, c.span_end],
                },
                "reason": c.reason,
            }
            for c in s.scalars(
                select(FigureContextRow)
                .where(FigureContextRow.figure_id == figure.id)
                .order_by(FigureContextRow.position)
            )
        ]
    return {
        **_figure_dict(figure),
        "timeline": value_dicts,
        "disagreements": disagreements,
        "context": context,
    }


def date_disagreements(store: Store) -> list[dict[str, Any]]:
    """Facts dated differently by different reports (no figure attached)."""
    with store.session() as s:
        rows = s.scalars(select(DisagreementRow).where(DisagreementRow.figure_id.is_(None)))
        return [
            {"kind": d.kind, "reason": d.reason, "first": d.first_key, "second": d.second_key}
            for d in rows
        ]


def sources(
    store: Store, *, kind: str | None = None, outlets: bool = False, limit: int = 200
) -> list[dict[str, Any]]:
    """Sources with their kinds and counts, and whom each cites."""
    query = select(SourceRow)
    if not outlets:  # outlets only publish; list them when asked
        query = query.where(SourceRow.mentions > 0)
    if kind:
        query = query.where(SourceRow.kind == kind)
    query = query.order_by(SourceRow.mentions.desc(), SourceRow.name).limit(limit)
    with store.session() as s:
        rows = list(s.scalars(query))
        ids = [r.id for r in rows]
        cited = SourceRow.__table__.alias("cited")
        edges = s.execute(
            select(CitationRow.source_id, cited.c.name, CitationRow.count)
            .join(cited, cited.c.id == CitationRow.cited_id)
            .where(CitationRow.source_id.in_(ids))
            .order_by(CitationRow.count.desc())
        )
        cites: dict[int, list[dict[str, Any]]] = {}
        for source_id, name, count in edges:
            cites.setdefault(source_id, []).append({"name": name, "count": count})
    return [
        {
            "id": r.id,
            "name": r.name,
            "kind": r.kind,
            "mentions": r.mentions,
            "claims": r.claims,
            "outlet": r.is_outlet,
            "variants": r.variants,
            "cites": cites.get(r.id, []),
        }
        for r in rows
    ]


def citation_edges(store: Store) -> list[dict[str, Any]]:
    """Every citation edge with names, kinds and counts (for graph exports)."""
    source = SourceRow.__table__.alias("source")
    cited = SourceRow.__table__.alias("cited")
    query = (
        select(source.c.name, source.c.kind, cited.c.name, cited.c.kind, CitationRow.count)
        .join(source, source.c.id == CitationRow.source_id)
        .join(cited, cited.c.id == CitationRow.cited_id)
    )
    with store.session() as s:
        return [
            {"source": a, "source_kind": ak, "cited": b, "cited_kind": bk, "count": n}
            for a, ak, b, bk, n in s.execute(query)
        ]


def value_key_at(store: Store, figure: str, position: int) -> str | None:
    """The key of the value at ``position`` in a figure's timeline (None past its end)."""
    row = find_figure(store, figure)
    with store.session() as s:
        return s.scalar(
            select(FigureValueRow.observation_key).where(
                FigureValueRow.figure_id == row.id, FigureValueRow.position == position
            )
        )


def value_exists(store: Store, key: str) -> bool:
    """Whether a value with this key is in a figure now."""
    with store.session() as s:
        query = select(FigureValueRow.id).where(FigureValueRow.observation_key == key).limit(1)
        return s.scalar(query) is not None


__all__ = [
    "ClaimFilter",
    "NotFound",
    "citation_edges",
    "claims",
    "date_disagreements",
    "figures",
    "find_figure",
    "sources",
    "timeline",
    "value_exists",
    "value_key_at",
]
