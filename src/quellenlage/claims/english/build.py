"""Claim records of the English attribution (the seam to the shared claim builder).

The claim text is always the document text of the claim's span, so that the two never
disagree.
"""

from __future__ import annotations

from typing import Any

from quellenlage.records import Claim, Span


def english_claim(text: str, *, span: Span, sentence_span: Span, **fields: Any) -> Claim:
    return Claim(text=text[span[0] : span[1]], span=span, sentence_span=sentence_span, **fields)
