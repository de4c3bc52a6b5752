"""Use cases of the web interface: overview, document view, claim search and export, figures
with their corrections, sources, and analysing a pasted text without storing it.

Every function takes ``db`` (a path, URL or an open ``Store``) and returns records or
plain dicts; the web layer only renders them.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from quellenlage.api import tracking
from quellenlage.api.common import DbArg, NotFound, UsageError
from quellenlage.api.common import open_db as _store
from quellenlage.records import Claim, Document, Failure
from quellenlage.store import DEFAULT_DB, Store, browse, queries, search
from quellenlage.store.search import FACETS, ClaimQuery

ClaimExportFormat = Literal["csv", "jsonl", "parquet"]
CLAIM_EXPORT_FORMATS: tuple[str, ...] = ("csv", "jsonl", "parquet")
EditAction = Literal["confirm", "split", "merge"]

__all__ = [
    "CLAIM_EXPORT_FORMATS",
    "FACETS",
    "ClaimPage",
    "ClaimQuery",
    "ClaimView",
    "DocumentView",
]


def open_database(db: DbArg = DEFAULT_DB) -> Store:
    """Open the database once (a server keeps it), relinking figures if claims changed."""
    store = _store(db)
    tracking.relink_if_stale(store)
    return store


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A claim as shown in its document: database id, the claim, its normalised source."""

    id: int | None
    claim: Claim
    source_name: str | None = None
    figures: tuple[dict[str, Any], ...] = ()  # {figure_id, label, position, text}


@dataclass(frozen=True, slots=True)
class DocumentView:
    document: Document
    claims: tuple[ClaimView, ...]
    warnings: tuple[str, ...] = ()
    stored: bool = True


@dataclass(frozen=True, slots=True)
class ClaimPage:
    rows: list[dict[str, Any]]
    total: int
    query: ClaimQuery
    words: list[str]
    facets: dict[str, list[tuple[Any, int]]] = field(default_factory=dict)


class _Cache:
    """Counts over the whole database (facets, overview) for as long as the data is unchanged.

    Facet counts scan every matching claim (about 0.5 s on 100,000 claims); a server
    asked the same question again answers from here until ``search.data_version`` changes.
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self.entries: OrderedDict[tuple, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, store: Store, key: tuple, compute: Callable[[], Any]) -> Any:
        full = (str(store.engine.url), search.data_version(store), *key)
        with self.lock:
            if full in self.entries:
                self.entries.move_to_end(full)
                return self.entries[full]
        value = compute()
        with self.lock:
            self.entries[full] = value
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return value


_cache = _Cache()


def overview(db: DbArg = DEFAULT_DB) -> dict[str, Any]:
    """What the database holds, figures with disagreements first, and recent failures."""
    store = _store(db)
    data = dict(_cache.get(store, ("overview",), lambda: browse.overview(store)))
    data["top_figures"] = browse.figures_page(store, limit=10, offset=0)[0]
    data["recent_failures"] = [
        {"origin": f.origin, "error": f.error, "at": f.last_failed_at.isoformat()}
        for f in reversed(store.failures()[-10:])
    ]
    data["date_disagreements"] = queries.date_disagreements(store)
    return data


def document_list(
    db: DbArg = DEFAULT_DB, *, limit: int = 50, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    return browse.documents(_store(db), limit=limit, offset=offset)


def document_view(doc_id: int, db: DbArg = DEFAULT_DB) -> DocumentView:
    """A stored document with its claims, each with the figures its values belong to."""
    store = _store(db)
    document = store.document(doc_id)
    if document is None:
        raise NotFound(f"no document {doc_id}")
    values: dict[int, list[dict[str, Any]]] = {}
    for value in browse.document_figures(store, doc_id):
        values.setdefault(value["claim_id"], []).append(value)
    claims = tuple(
        ClaimView(claim_id, claim, name, tuple(values.get(claim_id, ())))
        for claim_id, claim, name in browse.document_claims(store, doc_id)
    )
    return DocumentView(document, claims)


def _read_text(
    content: bytes, *, published: str | None, language: str | None, outlet: str | None
) -> Document:
    from quellenlage.ingest import read_inputs

    for item in read_inputs(
        ["-"], published=published, outlet=outlet, language=language, stdin=io.BytesIO(content)
    ):
        if isinstance(item, Failure):
            raise ValueError(f"the text could not be read: {item.error}")
        return item
    raise ValueError("the text is empty")


def analyze_text(
    content: bytes,
    *,
    published: str | None = None,
    language: str | None = None,
    outlet: str | None = None,
) -> DocumentView:
    """Read (HTML or plain text) and analyse a report without storing it."""
    from quellenlage.api.analysis import analyze_file

    for item in analyze_file(
        "-", published=published, outlet=outlet, language=language, stdin=io.BytesIO(content)
    ):
        if isinstance(item, Failure):
            raise UsageError(f"the text could not be read: {item.error}")
        claims = tuple(ClaimView(None, claim) for claim in item.claims)
        return DocumentView(item.document, claims, tuple(item.warnings), stored=False)
    raise UsageError("the text is empty")


def store_text(
    content: bytes,
    *,
    db: DbArg = DEFAULT_DB,
    published: str | None = None,
    language: str | None = None,
    outlet: str | None = None,
) -> int:
    """Ingest and analyse a pasted report; returns its document id (the first copy's, if known)."""
    from quellenlage.api.analysis import analyze
    from quellenlage.api.ingest import ingest

    store = _store(db)
    report = ingest(
        ["-"],
        db=store,
        published=published,
        language=language,
        outlet=outlet,
        stdin=io.BytesIO(content),
    )
    if report.failed:
        raise ValueError(f"the text could not be stored: {report.failed[0].error}")
    stored = store.copies(_read_text(content, published=published, language=language,
                                     outlet=outlet).content_hash)  # fmt: skip
    doc_id = min(doc_id for doc_id, _, _ in stored)
    analyze([doc_id], db=store)
    return doc_id


def search_claims(
    where: ClaimQuery, db: DbArg = DEFAULT_DB, *, with_facets: bool = True
) -> ClaimPage:
    """One page of claims matching a full-text query and facet filters, with facet counts."""
    store = _store(db)
    rows, total = search.search(store, where)
    counts = {}
    if with_facets:
        unpaged = replace(where, limit=0, offset=0)
        counts = _cache.get(store, ("facets", unpaged), lambda: search.facets(store, where))
    return ClaimPage(rows, total, where, search.words(where.q), counts)


_EXPORT_COLUMNS = (
    "id", "document_id", "published", "outlet", "document_title", "language", "source",
    "source_mention", "chain", "cue", "mode", "certainty", "text", "span", "link",
)  # fmt: skip


def export_claims(
    where: ClaimQuery, fmt: ClaimExportFormat, db: DbArg = DEFAULT_DB
) -> Iterator[bytes]:
    """Exactly the filtered claims (no page limit) as CSV, JSON Lines or Parquet, in chunks."""
    rows = search.iter_claims(_store(db), where)
    if fmt == "jsonl":
        for row in rows:
            yield (json.dumps(row, ensure_ascii=False) + "\n").encode()
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(_EXPORT_COLUMNS)
        for i, row in enumerate(rows):
            writer.writerow(
                [" ← ".join(row[c]) if c == "chain" else row[c] for c in _EXPORT_COLUMNS]
            )
            if i % 500 == 0:
                yield buffer.getvalue().encode()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode()
    elif fmt == "parquet":
        yield _parquet(rows)
    else:
        raise ValueError(f"export format {fmt!r} is not one of {', '.join(CLAIM_EXPORT_FORMATS)}")


def _parquet(rows: Iterator[dict[str, Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("id", pa.int64()), ("document_id", pa.int64()), ("published", pa.string()),
            ("outlet", pa.string()), ("document_title", pa.string()), ("language", pa.string()),
            ("source", pa.string()), ("source_mention", pa.string()),
            ("chain", pa.list_(pa.string())), ("cue", pa.string()), ("mode", pa.string()),
            ("certainty", pa.string()), ("text", pa.string()), ("span", pa.list_(pa.int64())),
            ("link", pa.string()),
        ]
    )  # fmt: skip
    sink = io.BytesIO()
    with pq.ParquetWriter(sink, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append({name: row[name] for name in schema.names})
            if len(batch) >= 5000:
                writer.write_table(pa.Table.from_pylist(batch, schema))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema))
    return sink.getvalue()


def figure_list(
    db: DbArg = DEFAULT_DB, *, limit: int = 100, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """Figures, disputed ones first, then the most-reported."""
    return browse.figures_page(_store(db), limit=limit, offset=offset)


def figure(name: str, db: DbArg = DEFAULT_DB) -> dict[str, Any]:
    """A figure's timeline and disagreements, and the hand corrections touching its values."""
    store = _store(db)
    data = queries.timeline(store, name)
    data["edits"] = browse.edits(store, figure_keys=[v["key"] for v in data["timeline"]])
    return data


def edit_figure(
    action: EditAction,
    key: str,
    other: str | None = None,
    *,
    note: str | None = None,
    via: str = "web",
    db: DbArg = DEFAULT_DB,
) -> str:
    """Confirm, split or merge figure values by their keys; record it in the audit log.

    The decision is stored as an override (kept across re-analysis) and figures are
    linked again; returns a sentence saying what was done.
    """
    store = _store(db)
    value = browse.figure_value(store, key)
    if value is None:
        raise NotFound(f"no figure value with key {key!r}")
    if action == "confirm":
        other = browse.first_value_key(store, value["figure_id"])
        tracking.confirm(f"{value['figure_id']}#{value['position']}", db=store)
    elif action == "split":
        tracking.split(key, db=store)
        other = None
    elif action == "merge":
        if not other:
            raise UsageError("merge needs a second value")
        tracking.merge(key, other, db=store)
    else:
        raise UsageError(f"unknown correction {action!r}: confirm, split or merge")
    browse.record_edit(
        store,
        action=action,
        key=key,
        other=other,
        figure_label=value["label"],
        value_text=value["text"],
        note=(note or "").strip()[:2000] or None,
        via=via,
    )
    done = {"confirm": "confirmed", "split": "split off", "merge": "merged"}[action]
    return f"{done} {value['text']!r} ({value['label']})"


def figure_of_value(key: str, db: DbArg = DEFAULT_DB) -> int | None:
    """The id of the figure a value (by key) belongs to now."""
    value = browse.figure_value(_store(db), key)
    return value["figure_id"] if value else None


def edit_log(db: DbArg = DEFAULT_DB, *, limit: int = 200) -> list[dict[str, Any]]:
    return browse.edits(_store(db), limit=limit)


def source_list(
    db: DbArg = DEFAULT_DB, *, kind: str | None = None, limit: int = 200
) -> list[dict[str, Any]]:
    """Sources with counts, whom they cite and who cites them."""
    store = _store(db)
    rows = queries.sources(store, kind=kind, limit=limit)
    cited_by = browse.cited_by_counts(store, [r["id"] for r in rows])
    for row in rows:
        row["cited_by"] = cited_by.get(row["id"], [])
    return rows


def source_detail(source_id: int, db: DbArg = DEFAULT_DB) -> dict[str, Any]:
    data = browse.source(_store(db), source_id)
    if data is None:
        raise NotFound(f"no source {source_id}")
    return data


def citation_edges(
    db: DbArg = DEFAULT_DB, *, among: list[int] | None = None
) -> list[dict[str, Any]]:
    """Who cites whom (with counts); only between the sources ``among`` when given."""
    if among is not None:
        return browse.citation_edges_among(_store(db), among)
    return queries.citation_edges(_store(db))
