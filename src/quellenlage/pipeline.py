"""Analyse one document: language pipeline -> claims -> figures and times on each claim."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from quellenlage import nlp
from quellenlage.claims import extract_claims
from quellenlage.figures import parse_quantities
from quellenlage.records import Claim, Document, Quantity, Span, TimeExpr
from quellenlage.times import parse_times

log = logging.getLogger("quellenlage.pipeline")


@dataclass
class Analysis:
    """What the analysis of one document produced, and what it had to skip."""

    document: Document
    claims: list[Claim]
    warnings: list[str] = field(default_factory=list)


class _WarningCollector(logging.Handler):
    """Collects the warnings the stages log while one document is analysed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _inside(span: Span, outer: Span) -> bool:
    return outer[0] <= span[0] and span[1] <= outer[1]


def attach_figures_and_times(
    claims: Sequence[Claim], quantities: Sequence[Quantity], times: Sequence[TimeExpr]
) -> list[Claim]:
    """Give each claim the quantities and times that belong to it.

    An expression inside a claim's own span belongs to that claim. One that is
    in a claim's sentence but outside every claim span (a time in the frame,
    "erklärten die Nato und die USA am Mittwoch") belongs to each claim of that
    sentence.
    """
    claim_spans = [c.span for c in claims]

    def belongs(item_span: Span, claim: Claim) -> bool:
        if _inside(item_span, claim.span):
            return True
        return _inside(item_span, claim.sentence_span) and not any(
            _inside(item_span, other) for other in claim_spans
        )

    return [
        dataclasses.replace(
            claim,
            quantities=tuple(q for q in quantities if belongs(q.span, claim)),
            times=tuple(t for t in times if belongs(t.span, claim)),
        )
        for claim in claims
    ]


def analyse(document: Document, *, published: dt.date | None = None) -> Analysis:
    """Extract the claims of one document, with their figures and times.

    Never raises for odd text: what had to be skipped is in ``warnings``.
    """
    language = document.language.value or "de"
    published = published or document.published_date
    collector = _WarningCollector()
    logger = logging.getLogger("quellenlage")
    logger.addHandler(collector)
    try:
        try:
            pipeline = nlp.load(language)
        except (nlp.ModelNotFoundError, nlp.UnsupportedLanguageError) as exc:
            return Analysis(document, [], [f"no claims extracted: {exc}"])
        text = document.text
        if len(text) >= pipeline.max_length:
            pipeline.max_length = len(text) + 1
        doc = pipeline(text)
        claims = extract_claims(doc, document_id=document.id)
        quantities = parse_quantities(text, lang=language)
        times = parse_times(text, lang=language, published=published)
        claims = attach_figures_and_times(claims, quantities, times)
    finally:
        logger.removeHandler(collector)
    return Analysis(document, claims, collector.messages)
