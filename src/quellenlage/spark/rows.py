"""Analysed documents as rows of the export tables, with ids that do not need a database.

Pure Python (no Spark here), so the same code serves the Spark job, ``spark link``
and ``quellenlage import``. Column names, types and value conversions come from
:data:`quellenlage.export.TABLES`, so the Parquet written on a cluster has the
columns of ``quellenlage export -f parquet``.

Ids are 63-bit hashes (positive int64): a document's of its origin and content hash,
a claim's of its document and its position, a quantity's and a time's of their claim
and their span. Re-running the same inputs therefore gives the same ids, and a
retried task writes the same rows again, never new ones.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from quellenlage.export import TABLES
from quellenlage.records import (
    Claim,
    Document,
    Field,
    Mention,
    Quantity,
    Source,
    TimeExpr,
)
from quellenlage.tracking.observations import Report
from quellenlage.tracking.sources import (
    SourceEntry,
    SourceTable,
    normalise_source,
    scoped_names,
    source_identity,
)

#: Columns every per-document table is partitioned by (Hive style, ``published=…/language=…``).
PARTITIONS = ("published", "language")
_META = ("title", "published", "author", "outlet", "language")


def stable_id(*parts: object) -> int:
    """A positive int64 from the parts: the same parts give the same id on any machine."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def document_id(origin: str, content_hash: str) -> int:
    return stable_id("document", origin, content_hash)


def claim_id(doc_id: int, position: int) -> int:
    return stable_id("claim", doc_id, position)


def source_id(name: str) -> int:
    return stable_id("source", name)


def figure_id(key: str) -> int:
    return stable_id("figure", key)


def _columns(table: str) -> tuple:
    return next(spec.columns for spec in TABLES if spec.name == table)


def export_row(table: str, values: dict[str, Any]) -> tuple:
    """The values of one row in the export table's column order, converted as export does."""
    return tuple(
        col.convert(values.get(col.name)) if col.convert else values.get(col.name)
        for col in _columns(table)
    )


# --- records <-> JSON (the `records` table keeps what the export tables leave out) ---


def claim_to_json(claim: Claim) -> dict[str, Any]:
    return claim.to_dict()


def _span(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value is not None else None


def _mention(data: dict | None) -> Mention | None:
    if data is None:
        return None
    return Mention(data["text"], _span(data["span"]), tuple(_span(p) for p in data["parts"]))


def _source(data: dict | None) -> Source | None:
    if data is None:
        return None
    return Source(data["text"], _span(data["span"]), data["kind"], data["resolved"])


def claim_from_json(data: dict[str, Any]) -> Claim:
    """The claim :func:`claim_to_json` wrote, equal to the original."""
    return Claim(
        text=data["text"],
        span=_span(data["span"]),
        sentence_span=_span(data["sentence_span"]),
        mode=data["mode"],
        certainty=data["certainty"],
        cue=_mention(data["cue"]),
        source=_source(data["source"]),
        chain=tuple(_source(s) for s in data["chain"]),
        addressee=_mention(data["addressee"]),
        inherited=data["inherited"],
        medium=data["medium"],
        hedges=tuple(data["hedges"]),
        quantities=tuple(Quantity(**{**q, "span": _span(q["span"])}) for q in data["quantities"]),
        times=tuple(TimeExpr(**{**t, "span": _span(t["span"])}) for t in data["times"]),
        document_id=data["document_id"],
    )


def dumps_claims(claims: Iterable[Claim]) -> str:
    return json.dumps([claim_to_json(c) for c in claims], ensure_ascii=False)


def loads_claims(text: str | None) -> list[Claim]:
    return [claim_from_json(c) for c in json.loads(text or "[]")]


# --- one document's rows -------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocumentRows:
    """Everything one document contributes to the output tables (export column order)."""

    partition: tuple  # (published date, language)
    document: tuple
    record: tuple
    claims: list[tuple]  # claims rows; ``source``/``source_kind`` filled in later
    source_names: list[str | None]  # normalised source name of each claim, before aliases
    quantities: list[tuple]
    times: list[tuple]
    sources: SourceTable  # this document's sources, counted as ``link`` counts them

    @property
    def analysed(self) -> bool:
        return self.record[RECORD_COLUMNS.index("analysed")]

    @property
    def outlet(self) -> str | None:
        return self.document[_DOCUMENT_COLUMNS.index("outlet")]


#: Columns of the ``records`` table: what import and ``spark link`` need beyond the export.
RECORD_COLUMNS = (
    "document_id", "format", "raw", "title_source", "published_source", "author_source",
    "outlet_source", "language_source", "duplicate_kind", "analysed", "claims", "warnings",
)  # fmt: skip
_DOCUMENT_COLUMNS = tuple(c.name for c in _columns("documents"))


def document_rows(
    doc: Document, claims: list[Claim] | None, warnings: list[str] | None = None
) -> DocumentRows:
    """The rows of one document; ``claims`` is ``None`` when it was not analysed."""
    doc_id = document_id(doc.origin, doc.content_hash)
    document = export_row(
        "documents",
        {
            "id": doc_id,
            "origin": doc.origin,
            "url": doc.url,
            "title": doc.title.value,
            "published": doc.published.value,
            "outlet": doc.outlet.value,
            "author": doc.author.value,
            "language": doc.language.value,
            "content_hash": doc.content_hash,
            "duplicate_of": doc.duplicate_of,
            "text": doc.text,
        },
    )
    partition = tuple(document[_DOCUMENT_COLUMNS.index(name)] for name in PARTITIONS)
    record = (
        doc_id,
        doc.format,
        doc.raw,
        *(getattr(doc, name).source for name in _META),
        doc.duplicate_kind,
        claims is not None,
        dumps_claims(claims) if claims is not None else None,
        list(warnings or []),
    )
    rows = DocumentRows(partition, document, record, [], [], [], [], SourceTable())
    local = report_source_names(doc, claims or ())
    for position, claim in enumerate(claims or ()):
        _add_claim(rows, doc_id, claim_id(doc_id, position), claim, local)
    return rows


def report_source_names(doc: Document, claims: Iterable[Claim]) -> dict[str, str]:
    """What the generic sources of one report ("der Verband") are listed as: as ``track`` does.

    Mirrors the per-report step of :func:`quellenlage.tracking.track` (label and
    :func:`~quellenlage.tracking.sources.scoped_names`), which has no function of its own.
    """
    mentions = [s for c in claims for s in (c.source, *c.chain) if s is not None]
    report = Report.of(doc)
    label = ", ".join(
        filter(None, (report.outlet or report.origin, (doc.published.value or "")[:10]))
    )
    return scoped_names({source_identity(s)[0] for s in mentions}, mentions, label)


def _add_claim(
    rows: DocumentRows, doc_id: int, cid: int, claim: Claim, local: dict[str, str]
) -> None:
    source = claim.source
    rows.claims.append(
        export_row(
            "claims",
            {
                "id": cid,
                "document_id": doc_id,
                "text": claim.text,
                "span_start": claim.span[0],
                "span_end": claim.span[1],
                "mode": claim.mode,
                "certainty": claim.certainty,
                "cue": claim.cue.text if claim.cue else None,
                "source_mention": source.text if source else None,
                "chain": [dataclasses.asdict(s) for s in claim.chain],
                "inherited": claim.inherited,
                "medium": claim.medium,
                "hedges": list(claim.hedges),
                "n_quantities": len(claim.quantities),
                "link": claim.link,
            },
        )
    )

    def name(cited: Source) -> str:
        identity = source_identity(cited)[0]
        return local.get(identity, identity)

    rows.source_names.append(name(source) if source else None)
    if source is not None:
        rows.sources.add(source, as_claim_source=True, name=local.get(source_identity(source)[0]))
    for cited in claim.chain:
        rows.sources.add(cited, as_claim_source=False, name=local.get(source_identity(cited)[0]))
    for q in claim.quantities:
        rows.quantities.append(
            export_row(
                "quantities",
                {
                    **dataclasses.asdict(q),
                    "id": stable_id("quantity", cid, *q.span),
                    "claim_id": cid,
                    "document_id": doc_id,
                    "span_start": q.span[0],
                    "span_end": q.span[1],
                    "value": float(q.value),
                    "low": None if q.low is None else float(q.low),
                    "high": None if q.high is None else float(q.high),
                },
            )
        )
    for t in claim.times:
        rows.times.append(
            export_row(
                "times",
                {
                    **dataclasses.asdict(t),
                    "id": stable_id("time", cid, *t.span),
                    "claim_id": cid,
                    "document_id": doc_id,
                    "span_start": t.span[0],
                    "span_end": t.span[1],
                },
            )
        )


def document_from_rows(document: dict[str, Any], record: dict[str, Any]) -> Document:
    """The :class:`Document` a ``documents`` row and its ``records`` row describe."""
    values = {**document, "published": _iso(document.get("published"))}
    meta = {
        name: Field(values.get(name), record[f"{name}_source"] if values.get(name) else "unknown")
        for name in _META
    }
    return Document(
        origin=document["origin"],
        text=document["text"],
        raw=record["raw"],
        format=record["format"],
        content_hash=document["content_hash"],
        url=document.get("url"),
        id=document["id"],
        duplicate_of=document.get("duplicate_of"),
        duplicate_kind=record.get("duplicate_kind"),
        **meta,
    )


def _iso(value: Any) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else value


# --- the source table ----------------------------------------------------


def source_counts(table: SourceTable) -> Iterator[tuple[tuple[str, ...], int]]:
    """A source table as additive counts, so tables of many tasks sum up to one."""
    for name, counter in table.kinds.items():
        for kind, n in counter.items():
            yield ("kind", name, kind), n
    for name, counter in table.variants.items():
        for variant, n in counter.items():
            yield ("variant", name, variant), n
    for name, counter in table.roles.items():
        for role, n in counter.items():
            yield ("role", name, role), n
    for name, n in table.claims.items():
        yield ("claims", name), n


def source_table(counts: Iterable[tuple[tuple[str, ...], int]]) -> SourceTable:
    """The summed :func:`source_counts` as one resolved source table (aliases found)."""
    table = SourceTable()
    for key, n in sorted(counts):  # sorted: ties between kinds break the same way every run
        if key[0] == "kind":
            table.kinds.setdefault(key[1], Counter())[key[2]] += n
        elif key[0] == "variant":
            table.variants.setdefault(key[1], Counter())[key[2]] += n
        elif key[0] == "role":
            table.roles.setdefault(key[1], Counter())[key[2]] += n
        else:
            table.claims[key[1]] += n
    table.resolve()
    return table


def source_rows(entries: list[SourceEntry], outlets: Iterable[str]) -> Iterator[tuple]:
    """Rows of the ``sources`` table: tracking's entries, then outlets, as ``link`` stores them."""
    rows: dict[str, dict[str, Any]] = {
        e.name: {
            "name": e.name,
            "kind": e.kind,
            "mentions": e.mentions,
            "claims": e.claims,
            "is_outlet": False,
            "variants": list(e.variants),
        }
        for e in entries
    }
    for outlet in sorted(set(outlets)):
        name, kind = normalise_source(outlet)
        row = rows.setdefault(
            name,
            {"name": name, "kind": kind or "media", "mentions": 0, "claims": 0,
             "variants": [outlet]},
        )  # fmt: skip
        row["is_outlet"] = True
    for row in rows.values():
        yield export_row("sources", {**row, "id": source_id(row["name"])})
