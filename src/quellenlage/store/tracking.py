"""The stored side of figure tracking: reports in, linked figures out, hand-made overrides.

Derived tables (sources, citations, figures, figure values, disagreements)
are rebuilt on each linking run; ``figure_overrides`` is only ever appended
to. The threshold of the last run is kept in ``tracking_state``, so that
relinking after analysis or corrections uses what ``link --threshold`` set.
Linking itself is pure logic in :mod:`quellenlage.tracking`; ``api.link``
puts the two together.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import namedtuple
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, literal, select

from quellenlage.store.convert import row_to_claim, row_to_document
from quellenlage.store.database import Store
from quellenlage.store.tables import ClaimRow, DocumentRow, QuantityRow, TimeRow, utcnow
from quellenlage.store.tracking_tables import (
    CitationRow,
    ClaimSourceRow,
    DisagreementRow,
    FigureContextRow,
    FigureOverrideRow,
    FigureRow,
    FigureValueRow,
    SourceRow,
    TrackingStateRow,
)

if TYPE_CHECKING:  # tracking is imported where reports are loaded: reading needs none of it
    from quellenlage.tracking import AnalysedReport, Tracking
    from quellenlage.tracking.linking import Override, OverrideAction

_BATCH = 2000  # documents loaded per query when reading the whole database


def load_reports(store: Store) -> Iterator[AnalysedReport]:
    """Every analysed original document with its claims, in id order, in batches.

    Core queries, four per batch of document ids (documents, claims, quantities, times),
    grouped here: loading ORM objects row by row cost twice the linking itself. Each
    query selects a range of ids through an index (quantities and times by the claims of
    the range). The raw input is not read (``Document.raw`` is empty): tracking needs the
    clean text only.
    """
    from quellenlage.tracking import AnalysedReport

    documents, claims = DocumentRow.__table__, ClaimRow.__table__
    analysed = (documents.c.analysed_at.is_not(None), documents.c.duplicate_of.is_(None))
    with store.engine.connect() as connection:
        ids = list(connection.scalars(select(documents.c.id).where(*analysed).order_by("id")))
    columns = [c for c in documents.c if c.name not in ("raw", "minhash")]
    for i in range(0, len(ids), _BATCH):
        first, last = ids[i], ids[min(i + _BATCH, len(ids)) - 1]
        in_range = claims.c.document_id.between(first, last)
        with store.engine.connect() as connection:
            rows = _records(
                connection.execute(
                    select(*columns, literal("").label("raw"))
                    .where(documents.c.id.between(first, last), *analysed)
                    .order_by(documents.c.id)
                )
            )
            by_document = _grouped(connection, claims, in_range, "document_id")
            of_claims = select(claims.c.id).where(in_range)
            by_claim = [
                _grouped(connection, table, table.c.claim_id.in_(of_claims), "claim_id")
                for table in (QuantityRow.__table__, TimeRow.__table__)
            ]
        for row in rows:
            mine = by_document.get(row.id, [])
            found = [
                row_to_claim(c, by_claim[0].get(c.id, []), by_claim[1].get(c.id, [])) for c in mine
            ]
            yield AnalysedReport(row_to_document(row), found, [c.id for c in mine])


def _grouped(connection: Any, table: Any, where: Any, key: str) -> dict[int, list]:
    """Rows of ``table`` by ``key``, each group in text order (``span_start``, then id)."""
    groups: dict[int, list] = {}
    query = select(table).where(where).order_by(table.c[key], table.c.span_start, table.c.id)
    for row in _records(connection.execute(query)):
        groups.setdefault(getattr(row, key), []).append(row)
    return groups


def _records(result: Any) -> list[tuple]:
    """The rows as named tuples: reading a field of one costs a fifth of a ``Row``'s."""
    record = _record_type(tuple(result.keys()))
    return [record._make(row) for row in result]


@functools.cache
def _record_type(fields: tuple[str, ...]) -> type[tuple]:
    return namedtuple("Record", fields)  # type: ignore[misc]


def overrides(store: Store) -> list[Override]:
    """The hand-made decisions, oldest first."""
    from quellenlage.tracking.linking import Override

    with store.session() as s:
        rows = s.scalars(select(FigureOverrideRow).order_by(FigureOverrideRow.id))
        return [Override(r.action, r.key, r.other, r.created_at) for r in rows]  # type: ignore[arg-type]


def add_override(store: Store, action: OverrideAction, key: str, other: str | None = None) -> None:
    with store.session() as s:
        s.add(FigureOverrideRow(action=action, key=key, other=other))


def _state(store: Store) -> tuple[int, dt.datetime | None, int]:
    with store.session() as s:
        claims = s.scalar(select(func.count(ClaimRow.id))) or 0
        analysed = s.scalar(select(func.max(DocumentRow.analysed_at)))
        count = s.scalar(select(func.count(FigureOverrideRow.id))) or 0
        return claims, analysed, count


def is_stale(store: Store) -> bool:
    """Whether claims or overrides changed since figures were last linked."""
    with store.session() as s:
        last = s.scalar(select(TrackingStateRow).order_by(TrackingStateRow.id.desc()).limit(1))
        if last is None:
            return True
        recorded = (last.claims, last.last_analysed_at, last.overrides)
    return recorded != _state(store)


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def stored_threshold(store: Store) -> float | None:
    """The threshold of the last linking run (None before the first, or in an old database)."""
    with store.session() as s:
        return s.scalar(
            select(TrackingStateRow.threshold).order_by(TrackingStateRow.id.desc()).limit(1)
        )


def _source_rows(
    tracking: Tracking, reports: list[AnalysedReport]
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    from quellenlage.tracking.sources import normalise_source

    rows: dict[str, dict[str, Any]] = {}
    for entry in tracking.sources:
        rows[entry.name] = {
            "name": entry.name,
            "kind": entry.kind,
            "mentions": entry.mentions,
            "claims": entry.claims,
            "is_outlet": False,
            "variants": list(entry.variants),
        }
    for report in reports:
        outlet = report.document.outlet.value
        if outlet:
            name, kind = normalise_source(outlet)
            row = rows.setdefault(
                name,
                {
                    "name": name,
                    "kind": kind or "media",
                    "mentions": 0,
                    "claims": 0,
                    "variants": [outlet],
                },
            )
            row["is_outlet"] = True
    ordered = list(rows.values())
    ids = {row["name"]: i for i, row in enumerate(ordered, start=1)}
    for row in ordered:
        row["id"] = ids[row["name"]]
    return ordered, ids


def save(
    store: Store, tracking: Tracking, reports: list[AnalysedReport], *, threshold: float
) -> None:
    """Replace the derived tracking tables with this result, in one transaction."""
    source_rows, source_ids = _source_rows(tracking, reports)
    claim_sources = []
    for report in reports:
        for claim, claim_id in zip(report.claims, report.claim_ids or (), strict=False):
            if claim_id is None or claim.source is None:
                continue
            for position, source in enumerate((claim.source, *claim.chain)):
                name = tracking.source_name(source, report.document.content_hash)
                source_id = source_ids.get(name)
                if source_id is None:  # a report tracking could not take (in tracking.failures)
                    break
                claim_sources.append(
                    {"claim_id": claim_id, "position": position, "source_id": source_id}
                )
    citations = [
        {"source_id": source_ids[a], "cited_id": source_ids[b], "count": data["count"]}
        for a, b, data in tracking.graph.edges(data=True)
        if a in source_ids and b in source_ids
    ]
    figure_rows, value_rows, context_rows = [], [], []
    figure_ids = {}
    disputed = {d.figure for d in tracking.disagreements if d.figure}
    for figure_id, figure in enumerate(tracking.figures, start=1):
        figure_ids[figure.key] = figure_id
        first, last = figure.date_span
        figure_rows.append(
            {
                "id": figure_id,
                "key": figure.key,
                "label": figure.label,
                "kind": figure.kind,
                "unit_class": figure.unit_class,
                "owner": figure.owner,
                "measure": figure.measure,
                "named": figure.named,
                "places": list(figure.places),
                "n_values": len(figure.links),
                "n_sources": len(figure.sources),
                "n_documents": len({link.observation.report.content_hash for link in figure.links}),
                "first_date": _iso(first),
                "last_date": _iso(last),
                "disputed": figure.key in disputed,
            }
        )
        for position, link in enumerate(figure.links):
            value_rows.append(_value_row(figure_id, position, link, tracking))
        for position, link in enumerate(figure.context):  # vague values: shown, never values
            context_rows.append(_context_row(figure_id, position, link, tracking))
    disagreement_rows = [
        {
            "kind": d.kind,
            "figure_id": figure_ids.get(d.figure) if d.figure else None,
            "first_key": d.first,
            "second_key": d.second,
            "reason": d.reason,
        }
        for d in tracking.disagreements
    ]
    claims, analysed, override_count = _state(store)
    with store.session() as s:
        for table in (
            DisagreementRow,
            FigureValueRow,
            FigureContextRow,
            FigureRow,
            CitationRow,
            ClaimSourceRow,
            SourceRow,
        ):
            s.execute(delete(table))
        for table, rows in (
            (SourceRow, source_rows),
            (ClaimSourceRow, claim_sources),
            (CitationRow, citations),
            (FigureRow, figure_rows),
            (FigureValueRow, value_rows),
            (FigureContextRow, context_rows),
            (DisagreementRow, disagreement_rows),
        ):
            for i in range(0, len(rows), 5000):
                s.execute(insert(table.__table__), rows[i : i + 5000])  # Core: no ORM overhead
        s.add(
            TrackingStateRow(
                linked_at=utcnow(),
                claims=claims,
                last_analysed_at=analysed,
                overrides=override_count,
                threshold=threshold,
            )
        )


def _context_row(figure_id: int, position: int, link: Any, tracking: Tracking) -> dict[str, Any]:
    row = _value_row(figure_id, position, link, tracking)
    keep = ("figure_id", "position", "observation_key", "document_id", "claim_id", "text",
            "span_start", "span_end", "value", "unit", "published", "outlet", "source_name",
            "reason")  # fmt: skip
    return {key: row[key] for key in keep}


def _value_row(figure_id: int, position: int, link: Any, tracking: Tracking) -> dict[str, Any]:
    obs = link.observation
    q = obs.quantity
    ref = obs.refers_to
    claim = obs.claim
    return {
        "figure_id": figure_id,
        "position": position,
        "observation_key": obs.key,
        "document_id": obs.report.id,
        "claim_id": obs.claim_id,
        "text": q.text,
        "span_start": q.span[0],
        "span_end": q.span[1],
        "value": float(q.value),
        "low": q.low,
        "high": q.high,
        "bound": q.bound,
        "approx": q.approx,
        "vague": q.vague,
        "unit": q.unit,
        "refers_start": _iso(ref.start),
        "refers_end": _iso(ref.end),
        "refers_text": ref.text or None,
        "relation": ref.relation,
        "from_report_date": ref.from_publication,
        "projection": obs.features.projection,
        "measure": obs.features.measure,
        "measure_word": obs.features.measure_word,
        "value_kind": obs.features.value_kind,
        "published": _iso(obs.report.published),
        "outlet": obs.report.outlet,
        "source_name": (
            tracking.source_name(claim.source, obs.report.content_hash) if claim.source else None
        ),
        "chain": [tracking.source_name(s, obs.report.content_hash) for s in claim.chain],
        "mode": claim.mode,
        "certainty": claim.certainty,
        "claim_text": claim.text,
        "score": link.score,
        "reason": link.reason,
        "manual": link.manual,
    }
