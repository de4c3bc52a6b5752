"""Claims: who says what, citing whom, how sure — extracted from a processed document.

``extract_claims(doc)`` takes the language pipeline's output (``quellenlage.nlp.load(lang)``)
over a document's clean text and returns ``records.Claim`` objects with character offsets
into that text. The implementation is chosen per language through one registry
(:mod:`quellenlage.claims.registry`): German documents go through the parse-based rules in
``german``, English ones through ``english``. In a pipeline the ``attribution`` component
(:mod:`quellenlage.claims.component`) does the same and puts the claims on ``doc._.claims``.
Figures and times stay empty here; the ``claim_context`` component fills them by span.
"""

from __future__ import annotations

import logging

from spacy.tokens import Doc

from quellenlage.claims.registry import AttributionSettings, attribution_for
from quellenlage.records import Claim

logger = logging.getLogger("quellenlage.claims")

__all__ = ["extract_claims", "logger"]


def extract_claims(
    doc: Doc, *, document_id: int | None = None, include_assertions: bool = True
) -> list[Claim]:
    """Extract every claim of ``doc``, sorted by span.

    ``include_assertions=False`` leaves out the outlet's own statements (mode
    ``assertion``). Parts of the text that cannot be analysed are skipped with a warning
    on the ``quellenlage.claims`` logger; bad input never raises, except a ``doc`` that is
    not a spaCy ``Doc`` (``TypeError``) or one in a language without attribution
    (``LookupError``).
    """
    if not isinstance(doc, Doc):
        raise TypeError(f"extract_claims needs a spaCy Doc, got {type(doc).__name__}")
    attribute = attribution_for(doc.lang_)
    settings = AttributionSettings(include_assertions=include_assertions, document_id=document_id)
    return attribute(doc, settings)
