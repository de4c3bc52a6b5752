"""The queries behind the web interface: claim search with facets, overview, documents, edits.

Full-text search uses SQLite FTS5 (``claims_fts``, migration 0004) or PostgreSQL's
``to_tsvector('simple', …)`` index; every value reaches the database as a bound
parameter, and the user's words are quoted as FTS5 strings so that no query syntax
(``NEAR``, ``*``, ``"``, column filters) can be injected.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, and_, exists, func, literal_column, or_, select, text

from quellenlage.store.database import Store
from quellenlage.store.tables import ClaimRow, DocumentRow, QuantityRow
from quellenlage.store.tracking_tables import (
    ClaimSourceRow,
    EditLogRow,
    SourceRow,
    TrackingStateRow,
)

_WORD = re.compile(r"\w+", re.UNICODE)
_SOURCE = SourceRow.__table__.alias("claim_source")
_LINKED_SOURCE = SourceRow.__table__.alias("linked_source")
_LINKED_CLAIM = ClaimSourceRow.__table__.alias("linked_claim")
FACETS = ("source", "outlet", "mode", "certainty", "language", "measure", "has_figure")


@dataclass(frozen=True, slots=True)
class ClaimQuery:
    """A claim search: full-text words and exact facet values; every field optional."""

    q: str | None = None
    source: str | None = None  # normalised source name, as listed on the sources page
    outlet: str | None = None
    mode: str | None = None
    certainty: str | None = None
    has_figure: bool | None = None
    measure: str | None = None  # the unit of a figure in the claim ("Soldat")
    language: str | None = None
    since: str | None = None  # ISO date: reports published on or after
    until: str | None = None  # ISO date: on or before
    document: int | None = None
    limit: int = 50
    offset: int = 0


def words(q: str | None) -> list[str]:
    """The searchable words of a query (what search matches and snippets mark)."""
    return _WORD.findall(q or "")[:16]


def _fts_condition(store: Store, q: str):
    terms = words(q)
    if not terms:
        return None
    if store.engine.dialect.name == "postgresql":
        query = " & ".join(f"{t.lower()}:*" for t in terms if t.isalnum())
        if not query:
            return None
        return text("to_tsvector('simple', claims.text) @@ to_tsquery('simple', :fts)").bindparams(
            fts=query
        )
    # Each word an FTS5 string with prefix match: "soldat"* — quotes inside are doubled.
    match = " ".join('"' + t.replace('"', '""') + '"*' for t in terms)
    return ClaimRow.id.in_(
        select(literal_column("rowid"))
        .select_from(text("claims_fts"))
        .where(text("claims_fts MATCH :fts").bindparams(fts=match))
    )


def _filtered(
    store: Store,
    where: ClaimQuery,
    columns: list[Any],
    *,
    skip: str = "",
    document: bool = False,
    source: bool = False,
) -> Select:
    """SELECT columns FROM claims WHERE every filter but ``skip``.

    Documents and sources are joined only when a filter or the columns need them
    (``document``/``source``): on 100,000 claims each join costs a lookup per claim.
    """
    query = select(*columns).select_from(ClaimRow)
    by_document = (where.outlet and skip != "outlet") or (where.language and skip != "language")
    if document or by_document or where.since or where.until:
        query = query.join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
    if source or (where.source and skip != "source"):
        query = query.outerjoin(
            ClaimSourceRow,
            and_(ClaimSourceRow.claim_id == ClaimRow.id, ClaimSourceRow.position == 0),
        ).outerjoin(_SOURCE, _SOURCE.c.id == ClaimSourceRow.source_id)
    conditions = []
    if where.q and (fts := _fts_condition(store, where.q)) is not None:
        conditions.append(fts)
    if where.source and skip != "source":
        # By the (source_id, position) index (the server links figures and sources at start).
        # Aliases: the page query joins claim_sources and sources itself.
        named, by = _LINKED_SOURCE, _LINKED_CLAIM
        linked = select(by.c.claim_id).join(named, named.c.id == by.c.source_id)
        linked = linked.where(named.c.name == where.source, by.c.position == 0)
        conditions.append(ClaimRow.id.in_(linked))
    if where.outlet and skip != "outlet":
        conditions.append(DocumentRow.outlet == where.outlet)
    if where.mode and skip != "mode":
        conditions.append(ClaimRow.mode == where.mode)
    if where.certainty and skip != "certainty":
        conditions.append(ClaimRow.certainty == where.certainty)
    if where.language and skip != "language":
        conditions.append(DocumentRow.language == where.language)
    if where.measure and skip != "measure":
        conditions.append(
            exists().where(QuantityRow.claim_id == ClaimRow.id, QuantityRow.unit == where.measure)
        )
    if where.has_figure is not None and skip != "has_figure":
        has = exists().where(QuantityRow.claim_id == ClaimRow.id)
        conditions.append(has if where.has_figure else ~has)
    if where.since:
        conditions.append(DocumentRow.published >= where.since)
    if where.until:  # published may carry a time: compare with the day after, as text
        conditions.append(DocumentRow.published < where.until + "\uffff")
    if where.document is not None:
        conditions.append(ClaimRow.document_id == where.document)
    return query.where(*conditions)


_RESULT_COLUMNS = [
    ClaimRow.id,
    ClaimRow.document_id,
    ClaimRow.text,
    ClaimRow.span_start,
    ClaimRow.span_end,
    ClaimRow.mode,
    ClaimRow.certainty,
    ClaimRow.cue_text,
    ClaimRow.source_text,
    ClaimRow.chain,
    _SOURCE.c.name.label("source"),
    DocumentRow.title,
    DocumentRow.outlet,
    DocumentRow.published,
    DocumentRow.language,
    ClaimRow.link,
]


def _result(r: Any) -> dict[str, Any]:
    return {
        "id": r.id,
        "document_id": r.document_id,
        "span": [r.span_start, r.span_end],
        "text": r.text,
        "mode": r.mode,
        "certainty": r.certainty,
        "cue": r.cue_text,
        "source_mention": r.source_text,
        "source": r.source,
        "chain": [c.get("resolved") or c.get("text") for c in (r.chain or [])],
        "document_title": r.title,
        "outlet": r.outlet,
        "published": r.published,
        "language": r.language,
        "link": r.link,
    }


def _ordered(query: Select) -> Select:
    return query.order_by(
        DocumentRow.published.desc(), ClaimRow.document_id.desc(), ClaimRow.span_start
    )


_CLAIM_FILTERS = ("q", "source", "mode", "certainty", "has_figure", "measure")


def _page(store: Store, connection: Any, where: ClaimQuery) -> list[dict[str, Any]]:
    """One page of claims, newest reports first.

    With filters on claims the matches are sorted. Without, sorting every claim would
    cost a second on 100,000 claims, so the page is taken from the newest documents
    (an index scan): a window of ``offset + limit`` documents, widened until it holds
    the whole page or every document.
    """
    query = _ordered(_filtered(store, where, _RESULT_COLUMNS, document=True, source=True))
    query = query.limit(where.limit).offset(where.offset)
    if any(getattr(where, name) not in (None, "") for name in _CLAIM_FILTERS):
        return [_result(r) for r in connection.execute(query)]
    documents = select(DocumentRow.id)
    if where.outlet:
        documents = documents.where(DocumentRow.outlet == where.outlet)
    if where.language:
        documents = documents.where(DocumentRow.language == where.language)
    if where.since:
        documents = documents.where(DocumentRow.published >= where.since)
    if where.until:
        documents = documents.where(DocumentRow.published < where.until + "\uffff")
    if where.document is not None:
        documents = documents.where(DocumentRow.id == where.document)
    window = where.offset + where.limit
    while True:
        newest = documents.order_by(DocumentRow.published.desc(), DocumentRow.id.desc())
        newest = newest.limit(window).subquery()
        rows = connection.execute(query.where(ClaimRow.document_id.in_(select(newest.c.id))))
        rows = [_result(r) for r in rows]
        if len(rows) == where.limit:
            return rows
        matching = select(func.count()).select_from(documents.subquery())
        if window >= (connection.execute(matching).scalar() or 0):
            return rows
        window *= 4


def search(store: Store, where: ClaimQuery) -> tuple[list[dict[str, Any]], int]:
    """One page of matching claims (newest reports first) and how many match in all."""
    count = _filtered(store, where, [func.count(ClaimRow.id)])
    with store.engine.connect() as connection:
        rows = _page(store, connection, where)
        total = connection.execute(count).scalar() or 0
    with_figures = _claims_with_figures(store, [r["id"] for r in rows])
    for r in rows:
        r["has_figure"] = r["id"] in with_figures
    return rows, total


def _claims_with_figures(store: Store, ids: list[int]) -> set[int]:
    if not ids:
        return set()
    query = select(QuantityRow.claim_id).where(QuantityRow.claim_id.in_(ids)).distinct()
    with store.engine.connect() as connection:
        return set(connection.scalars(query))


def iter_claims(store: Store, where: ClaimQuery, batch: int = 2000) -> Iterator[dict[str, Any]]:
    """Every matching claim (no page limit), in batches so memory stays flat (for exports)."""
    last: tuple[int, int] | None = None
    # Keyset pagination on (document, claim id): each batch is one indexed query.
    base = _filtered(
        store, replace(where, limit=batch, offset=0), _RESULT_COLUMNS, document=True, source=True
    )
    while True:
        query = base
        if last is not None:
            query = query.where(
                or_(
                    ClaimRow.document_id > last[0],
                    and_(ClaimRow.document_id == last[0], ClaimRow.id > last[1]),
                )
            )
        query = query.order_by(ClaimRow.document_id, ClaimRow.id).limit(batch)
        with store.engine.connect() as connection:
            rows = [_result(r) for r in connection.execute(query)]
        yield from rows
        if len(rows) < batch:
            return
        last = (rows[-1]["document_id"], rows[-1]["id"])


def facets(store: Store, where: ClaimQuery, top: int = 12) -> dict[str, list[tuple[Any, int]]]:
    """Counts per value of each facet among the claims matching all *other* filters."""
    columns = {  # facet: (column, needs documents, needs sources)
        "source": (func.coalesce(_SOURCE.c.name, ClaimRow.source_name), False, True),
        "outlet": (DocumentRow.outlet, True, False),
        "mode": (ClaimRow.mode, False, False),
        "certainty": (ClaimRow.certainty, False, False),
        "language": (DocumentRow.language, True, False),
    }
    out: dict[str, list[tuple[Any, int]]] = {}
    with store.engine.connect() as connection:
        for name, (column, document, source) in columns.items():
            n = func.count(ClaimRow.id).label("n")
            query = (
                _filtered(
                    store, where, [column.label("value"), n], skip=name, document=document,
                    source=source,
                )
                .where(column.is_not(None))
                .group_by(column)
                .order_by(n.desc(), column)
                .limit(top)
            )  # fmt: skip
            out[name] = [(r.value, r.n) for r in connection.execute(query)]
        claims = _filtered(store, where, [ClaimRow.id], skip="measure").subquery()
        n = func.count(func.distinct(QuantityRow.claim_id)).label("n")
        measure = (
            select(QuantityRow.unit.label("value"), n)
            .where(QuantityRow.claim_id.in_(select(claims.c.id)), QuantityRow.unit.is_not(None))
            .group_by(QuantityRow.unit)
            .order_by(n.desc(), QuantityRow.unit)
            .limit(top)
        )
        out["measure"] = [(r.value, r.n) for r in connection.execute(measure)]
        total = connection.execute(
            _filtered(store, where, [func.count(ClaimRow.id)], skip="has_figure")
        ).scalar()
        with_figure = connection.execute(
            select(func.count(func.distinct(QuantityRow.claim_id))).where(
                QuantityRow.claim_id.in_(
                    select(
                        _filtered(store, where, [ClaimRow.id], skip="has_figure").subquery().c.id
                    )
                )
            )
        ).scalar()
        out["has_figure"] = [(True, with_figure or 0), (False, (total or 0) - (with_figure or 0))]
    return out


def data_version(store: Store) -> tuple:
    """Changes whenever claims, figure links or corrections change (cheap: indexed maxima).

    Analysis replaces claims (new ids, new count) and relinks (a new tracking_state
    row); corrections add to the edit log. Caches of derived counts key on this.
    """
    with store.engine.connect() as c:
        return (
            tuple(c.execute(select(func.max(ClaimRow.id), func.count(ClaimRow.id))).one()),
            c.execute(select(func.max(TrackingStateRow.id))).scalar(),
            c.execute(select(func.max(EditLogRow.id))).scalar(),
            c.execute(select(func.max(DocumentRow.id))).scalar(),
        )
