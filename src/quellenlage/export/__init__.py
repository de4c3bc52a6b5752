"""Export the database: documents, claims, quantities, times, figures, values, sources, citations.

Public entry: :func:`export` writes one file per table (JSON Lines, CSV or
Parquet with proper column types), the citation graph (GraphML plus
networkx node-link JSON), or the claims as Wikinews annotations.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq

from quellenlage.store import Store
from quellenlage.store.exports import analysed_documents, table_rows

Format = Literal["jsonl", "csv", "parquet", "graphml", "wikinews"]
FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "graphml", "wikinews")
_STREAM = 5000  # rows fetched per round trip


class ExportError(ValueError):
    """The export cannot be written; the message names the path and the problem."""


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: pa.DataType
    convert: Callable[[Any], Any] | None = None


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _names(chain: Any) -> list[str]:
    return [c.get("resolved") or c.get("text") for c in (chain or []) if isinstance(c, dict)]


def _strings(values: Any) -> list[str]:
    return [str(v) for v in (values or [])]


_LIST = pa.list_(pa.string())


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One export table: its rows come from ``store.exports.QUERIES[name]``."""

    name: str
    columns: tuple[Column, ...]


I64, F64, STR, BOOL, DATE = pa.int64(), pa.float64(), pa.string(), pa.bool_(), pa.date32()

TABLES: tuple[TableSpec, ...] = (
    TableSpec("documents", (
        Column("id", I64), Column("origin", STR), Column("url", STR), Column("title", STR),
        Column("published", DATE, _date), Column("outlet", STR), Column("author", STR),
        Column("language", STR), Column("content_hash", STR), Column("duplicate_of", I64),
        Column("text", STR),
        # where a fetched page's response lies in the WARC archive (empty for files)
        Column("warc_file", STR), Column("warc_offset", I64), Column("warc_record_id", STR),
        Column("warc_digest", STR), Column("fetched_at", pa.timestamp("us")),
    )),
    TableSpec("claims", (
        Column("id", I64), Column("document_id", I64), Column("text", STR),
        Column("span_start", I64), Column("span_end", I64), Column("mode", STR),
        Column("certainty", STR), Column("cue", STR), Column("source_mention", STR),
        Column("source", STR), Column("source_kind", STR), Column("chain", _LIST, _names),
        Column("inherited", BOOL), Column("medium", STR), Column("hedges", _LIST, _strings),
        Column("n_quantities", I64), Column("link", STR),  # how the source was linked
    )),
    TableSpec("quantities", (
        Column("id", I64), Column("claim_id", I64), Column("document_id", I64),
        Column("text", STR), Column("span_start", I64), Column("span_end", I64),
        Column("value", F64), Column("low", F64), Column("high", F64), Column("bound", STR),
        Column("approx", BOOL), Column("vague", BOOL), Column("unit", STR), Column("kind", STR),
        Column("measure", STR), Column("measure_word", STR), Column("value_kind", STR),
    )),
    # start/end stay strings: ISO dates at their own granularity ("2023-06", "--10-08").
    TableSpec("times", (
        Column("id", I64), Column("claim_id", I64), Column("document_id", I64),
        Column("text", STR), Column("span_start", I64), Column("span_end", I64),
        Column("start", STR), Column("end", STR), Column("granularity", STR),
        Column("relation", STR), Column("mod", STR), Column("relative", BOOL),
        Column("resolved", BOOL),
    )),
    TableSpec("figures", (
        Column("id", I64), Column("key", STR), Column("label", STR), Column("kind", STR),
        Column("unit_class", STR), Column("owner", STR), Column("measure", STR),
        Column("places", _LIST, _strings), Column("n_values", I64), Column("n_sources", I64), Column("n_documents", I64),
        Column("first_date", DATE, _date), Column("last_date", DATE, _date),
        Column("disputed", BOOL),
    )),
    TableSpec("figure_values", (
        Column("figure_id", I64), Column("figure_key", STR), Column("position", I64),
        Column("value_key", STR), Column("document_id", I64), Column("claim_id", I64),
        Column("text", STR), Column("value", F64), Column("low", F64), Column("high", F64),
        Column("bound", STR), Column("approx", BOOL), Column("vague", BOOL), Column("unit", STR),
        Column("refers_start", DATE, _date), Column("refers_end", DATE, _date),
        Column("refers_text", STR), Column("relation", STR), Column("from_report_date", BOOL),
        Column("projection", BOOL), Column("measure", STR), Column("measure_word", STR),
        Column("value_kind", STR), Column("published", DATE, _date), Column("outlet", STR),
        Column("source", STR), Column("chain", _LIST, _strings), Column("mode", STR),
        Column("certainty", STR), Column("span_start", I64), Column("span_end", I64),
        Column("score", F64), Column("reason", STR), Column("manual", BOOL),
    )),
    TableSpec("figure_context", (  # vague values shown with a figure, never among its values
        Column("figure_id", I64), Column("figure_key", STR), Column("position", I64),
        Column("value_key", STR), Column("document_id", I64), Column("claim_id", I64),
        Column("text", STR), Column("value", F64), Column("unit", STR),
        Column("published", DATE, _date), Column("outlet", STR), Column("source", STR),
        Column("span_start", I64), Column("span_end", I64), Column("reason", STR),
    )),
    TableSpec("sources", (
        Column("id", I64), Column("name", STR), Column("kind", STR), Column("mentions", I64),
        Column("claims", I64), Column("is_outlet", BOOL), Column("variants", _LIST, _strings),
    )),
    TableSpec("citations", (
        Column("source", STR), Column("cited", STR), Column("count", I64),
    )),
    TableSpec("disagreements", (
        Column("id", I64), Column("kind", STR), Column("figure_key", STR),
        Column("first_key", STR), Column("second_key", STR), Column("reason", STR),
    )),
)  # fmt: skip


def rows(store: Store, spec: TableSpec) -> Iterator[dict[str, Any]]:
    """The rows of one export table as dicts with converted values, streamed."""
    for row in table_rows(store, spec.name):
        yield {
            col.name: (col.convert(value) if col.convert else value)
            for col, value in zip(spec.columns, row, strict=True)
        }


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _write_jsonl(store: Store, spec: TableSpec, path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows(store, spec):
            handle.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")


def _write_csv(store: Store, spec: TableSpec, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.name for c in spec.columns])
        for row in rows(store, spec):
            writer.writerow(
                json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
                for v in row.values()
            )


def parquet_schema(name: str) -> pa.Schema:
    """The Arrow schema of one export table; also what ``quellenlage spark`` writes."""
    return pa.schema([pa.field(c.name, c.type) for c in _table(name).columns])


def _write_parquet(store: Store, spec: TableSpec, path: Path) -> None:
    schema = parquet_schema(spec.name)
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows(store, spec):
            batch.append(row)
            if len(batch) >= _STREAM:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))


def _table(name: str) -> TableSpec:
    return next(spec for spec in TABLES if spec.name == name)


def citation_graph(store: Store) -> nx.DiGraph:
    """The citation graph from the database: outlets and sources, edges with counts."""
    graph = nx.DiGraph()
    for row in rows(store, _table("sources")):
        graph.add_node(
            row["name"],
            kind=row["kind"],
            mentions=row["mentions"],
            claims=row["claims"],
            outlet=bool(row["is_outlet"]),
        )
    for row in rows(store, _table("citations")):
        graph.add_edge(row["source"], row["cited"], count=row["count"])
    return graph


def _write_graph(store: Store, out: Path) -> list[Path]:
    graph = citation_graph(store)
    graphml = out / "citations.graphml"
    nx.write_graphml(graph, graphml)
    node_link = out / "citations.json"
    node_link.write_text(
        json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    return [graphml, node_link]


_TOKEN = re.compile(r"\w+(?:[.,'’-]\w+)*|[^\w\s]", re.UNICODE)
_SENTENCE_END = frozenset(".!?")
_CLOSING = frozenset("“”«‘’\"'»")


def wikinews_tokens(text: str) -> list[dict[str, int]]:
    """Tokens with character offsets and sentence numbers, as the Wikinews format wants.

    A sentence ends after ``.``, ``!`` or ``?`` (and the closing quotes right after it)
    when a space or the end of the text follows.
    """
    tokens: list[dict[str, int]] = []
    sentence, ended = 0, False
    for number, match in enumerate(_TOKEN.finditer(text)):
        word = match.group()
        if ended and word not in _CLOSING:
            sentence, ended = sentence + 1, False
        tokens.append(
            {"id": number, "charBegin": match.start(), "charEnd": match.end(), "sentence": sentence}
        )
        following = text[match.end() : match.end() + 1]
        if word in _SENTENCE_END or (ended and word in _CLOSING):
            ended = not following or following.isspace() or following in _CLOSING
    return tokens


def _write_wikinews(store: Store, out: Path) -> list[Path]:
    from quellenlage.research.wikinews import (
        claims_to_annotations,
        parse_record,
        write_jsonl,
    )

    def records() -> Iterator[dict[str, Any]]:
        for doc, claims in analysed_documents(store):
            record = {
                "documentName": doc["title"] or doc["origin"],
                "originalText": doc["text"],
                "published": doc["published"],
                "tokens": wikinews_tokens(doc["text"]),
                "annotations": [],
            }
            try:
                wdoc = parse_record(record, doc["origin"])
                annotations = claims_to_annotations(claims, wdoc)
            except Exception as exc:  # name the document instead of a bare traceback
                raise ExportError(
                    f"document {doc['id']} ({doc['origin']}): cannot write its claims as "
                    f"Wikinews annotations: {exc}"
                ) from exc
            yield {**record, "annotations": annotations}

    path = out / "claims.wikinews.jsonl"
    write_jsonl(path, records())
    return [path]


_TABLE_WRITERS = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}


def export(store: Store, fmt: str, out: str | Path) -> list[Path]:
    """Write the database in ``fmt`` into the folder ``out``; returns the files written.

    Figures, sources and citations come from the last linking run, which
    ``api.analyze``, the corrections and ``api.link`` keep current.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{out}: cannot create the folder: {exc.strerror or exc}") from exc
    try:
        if fmt == "graphml":
            return _write_graph(store, out)
        if fmt == "wikinews":
            return _write_wikinews(store, out)
        written = []
        for spec in TABLES:
            path = out / f"{spec.name}.{fmt}"
            _TABLE_WRITERS[fmt](store, spec, path)
            written.append(path)
        return written
    except OSError as exc:
        raise ExportError(f"{out}: cannot write: {exc.strerror or exc}") from exc
