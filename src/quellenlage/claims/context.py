"""Which quantities and times belong to which claim, by span."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from quellenlage.records import Claim, Quantity, Span, TimeExpr


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
