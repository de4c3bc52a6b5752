"""Build hand-made documents and claims for tracking tests, finding spans by text."""

from __future__ import annotations

import hashlib

from quellenlage.records import Claim, Document, Field, Quantity, Source, TimeExpr


def document(
    text: str, *, outlet: str, published: str | None, doc_id: int | None = None
) -> Document:
    return Document(
        origin=f"{outlet}.txt",
        text=text,
        raw=text,
        format="text",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        outlet=Field(outlet, "user"),
        published=Field(published, "user"),
        title=Field(text.split("\n")[0], "text"),
        language=Field("de", "user"),
        id=doc_id,
    )


def span_of(text: str, piece: str, after: int = 0) -> tuple[int, int]:
    start = text.index(piece, after)
    return start, start + len(piece)


def sentence_of(text: str, piece: str) -> tuple[int, int]:
    start, end = span_of(text, piece)
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    right = min(i for i in (text.find(". ", end), text.find("\n", end), len(text)) if i != -1)
    return left, right + 1 if right < len(text) else right


def quantity(
    text: str,
    piece: str,
    value: float,
    unit: str | None,
    *,
    approx: bool = False,
    bound: str | None = None,
    kind: str = "count",
) -> Quantity:
    return Quantity(
        text=piece,
        span=span_of(text, piece),
        value=value,
        unit=unit,
        approx=approx,
        bound=bound,  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
    )


def time(
    text: str,
    piece: str,
    start: str | None,
    end: str | None = None,
    *,
    granularity: str = "day",
    relation: str = "at",
    relative: bool = False,
) -> TimeExpr:
    return TimeExpr(
        text=piece,
        span=span_of(text, piece),
        start=start,
        end=end or start,
        granularity=granularity,  # type: ignore[arg-type]
        relative=relative,
        resolved=True,
        relation=relation,  # type: ignore[arg-type]
    )


def claim(
    text: str,
    anchor: str,
    *,
    source: str | None = None,
    chain: tuple[str, ...] = (),
    quantities: tuple[Quantity, ...] = (),
    times: tuple[TimeExpr, ...] = (),
    mode: str = "indirect",
    certainty: str = "reported",
) -> Claim:
    return Claim(
        text=anchor,
        span=span_of(text, anchor),
        sentence_span=sentence_of(text, anchor),
        mode=mode,  # type: ignore[arg-type]
        certainty=certainty,  # type: ignore[arg-type]
        source=Source(source, span_of(text, source) if source in text else None)
        if source
        else None,
        chain=tuple(Source(c, None) for c in chain),
        quantities=quantities,
        times=times,
    )
