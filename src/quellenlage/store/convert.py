"""Conversion between the typed records and the database rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from quellenlage.records import (
    ANALYSABLE_LANGUAGES,
    Claim,
    Document,
    Field,
    Mention,
    Quantity,
    Source,
    TimeExpr,
)
from quellenlage.store.tables import ClaimRow, DocumentRow

if TYPE_CHECKING:
    from sqlalchemy import Row

_META = ("title", "published", "author", "outlet", "language")


def document_to_row(doc: Document, minhash: bytes | None = None) -> DocumentRow:
    row = DocumentRow(
        origin=doc.origin,
        format=doc.format,
        url=doc.url,
        content_hash=doc.content_hash,
        minhash=minhash,
        duplicate_of=doc.duplicate_of,
        duplicate_kind=doc.duplicate_kind,
        text=doc.text,
        raw=doc.raw,
        ingest_warnings=list(doc.warnings) or None,
        language_status=(
            "analysable" if doc.language.value in ANALYSABLE_LANGUAGES else "unsupported"
        ),
    )
    for name in _META:
        value: Field = getattr(doc, name)
        setattr(row, name, value.value)
        setattr(row, f"{name}_source", value.source if value.value else "unknown")
    return row


def row_to_document(row: DocumentRow | Row) -> Document:
    meta = {name: Field(getattr(row, name), getattr(row, f"{name}_source")) for name in _META}
    return Document(
        origin=row.origin,
        text=row.text,
        raw=row.raw,
        format=row.format,
        content_hash=row.content_hash,
        url=row.url,
        id=row.id,
        duplicate_of=row.duplicate_of,
        duplicate_kind=row.duplicate_kind,  # type: ignore[arg-type]
        warnings=tuple(row.ingest_warnings or ()),
        **meta,
    )


def _source_dict(source: Source) -> dict:
    return {
        "text": source.text,
        "span": list(source.span) if source.span else None,
        "kind": source.kind,
        "resolved": source.resolved,
    }


def _dict_source(data: dict) -> Source:
    span = data.get("span")
    return Source(
        text=data["text"],
        span=tuple(span) if span else None,  # type: ignore[arg-type]
        kind=data.get("kind", "unknown"),
        resolved=data.get("resolved"),
    )


def claim_values(claim: Claim, document_id: int, position: int) -> dict:
    """The ``claims`` row of a claim as column values (for Core bulk inserts: every key set)."""
    cue, source, addressee = claim.cue, claim.source, claim.addressee
    return {
        "document_id": document_id,
        "position": position,
        "text": claim.text,
        "span_start": claim.span[0],
        "span_end": claim.span[1],
        "sentence_start": claim.sentence_span[0],
        "sentence_end": claim.sentence_span[1],
        "mode": claim.mode,
        "certainty": claim.certainty,
        "cue_text": cue.text if cue else None,
        "cue_start": cue.span[0] if cue else None,
        "cue_end": cue.span[1] if cue else None,
        "cue_parts": [list(part) for part in cue.parts] if cue else [],
        "source_text": source.text if source else None,
        "source_start": source.span[0] if source and source.span else None,
        "source_end": source.span[1] if source and source.span else None,
        "source_kind": source.kind if source else None,
        "source_name": source.name if source else None,
        "chain": [_source_dict(s) for s in claim.chain],
        "addressee_text": addressee.text if addressee else None,
        "addressee_start": addressee.span[0] if addressee else None,
        "addressee_end": addressee.span[1] if addressee else None,
        "inherited": claim.inherited,
        "medium": claim.medium,
        "hedges": list(claim.hedges),
        "link": claim.link,
    }


def quantity_values(q: Quantity, claim_id: int, document_id: int) -> dict:
    """The ``quantities`` row of a claim's quantity as column values."""
    return {
        "claim_id": claim_id,
        "document_id": document_id,
        "text": q.text,
        "span_start": q.span[0],
        "span_end": q.span[1],
        "value": q.value,
        "low": q.low,
        "high": q.high,
        "bound": q.bound,
        "approx": q.approx,
        "vague": q.vague,
        "unit": q.unit,
        "kind": q.kind,
        "measure": q.measure,
        "measure_word": q.measure_word,
        "value_kind": q.value_kind,
    }


def time_values(t: TimeExpr, claim_id: int, document_id: int) -> dict:
    """The ``times`` row of a claim's time expression as column values."""
    return {
        "claim_id": claim_id,
        "document_id": document_id,
        "text": t.text,
        "span_start": t.span[0],
        "span_end": t.span[1],
        "start": t.start,
        "end": t.end,
        "granularity": t.granularity,
        "relative": t.relative,
        "resolved": t.resolved,
        "relation": t.relation,
        "mod": t.mod,
        "parts": dict(t.parts),
    }


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def row_to_claim(
    row: ClaimRow | Row, quantities: Sequence | None = None, times: Sequence | None = None
) -> Claim:
    """A claim from its ORM row, or from a Core row with its quantity and time rows."""
    quantities = row.quantities if quantities is None else quantities
    times = row.times if times is None else times
    return Claim(
        text=row.text,
        span=(row.span_start, row.span_end),
        sentence_span=(row.sentence_start, row.sentence_end),
        mode=row.mode,  # type: ignore[arg-type]
        certainty=row.certainty,  # type: ignore[arg-type]
        cue=(
            Mention(
                row.cue_text,
                (row.cue_start, row.cue_end),
                tuple(tuple(part) for part in row.cue_parts or ()),  # type: ignore[misc]
            )
            if row.cue_text
            else None
        ),
        source=(
            Source(
                text=row.source_text,
                span=(row.source_start, row.source_end) if row.source_start is not None else None,
                kind=row.source_kind or "unknown",  # type: ignore[arg-type]
                resolved=row.source_name if row.source_name != row.source_text else None,
            )
            if row.source_text
            else None
        ),
        chain=tuple(_dict_source(s) for s in row.chain or ()),
        addressee=(
            Mention(row.addressee_text, (row.addressee_start, row.addressee_end))
            if row.addressee_text
            else None
        ),
        inherited=row.inherited,
        medium=row.medium,  # type: ignore[arg-type]
        hedges=tuple(row.hedges or ()),
        link=row.link,  # type: ignore[arg-type]
        quantities=tuple(
            Quantity(
                text=q.text,
                span=(q.span_start, q.span_end),
                value=_number(q.value),
                unit=q.unit,
                kind=q.kind,  # type: ignore[arg-type]
                bound=q.bound,  # type: ignore[arg-type]
                approx=q.approx,
                low=None if q.low is None else _number(q.low),
                high=None if q.high is None else _number(q.high),
                vague=q.vague,
                measure=q.measure,
                measure_word=q.measure_word,
                value_kind=q.value_kind,
            )
            for q in quantities
        ),
        times=tuple(
            TimeExpr(
                text=t.text,
                span=(t.span_start, t.span_end),
                start=t.start,
                end=t.end,
                granularity=t.granularity,  # type: ignore[arg-type]
                relative=t.relative,
                resolved=t.resolved,
                relation=t.relation,  # type: ignore[arg-type]
                parts=dict(t.parts or {}),
                mod=t.mod,  # type: ignore[arg-type]
            )
            for t in times
        ),
        document_id=row.document_id,
    )
