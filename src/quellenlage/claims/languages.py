"""The built-in attribution functions, registered for their languages."""

from __future__ import annotations

from spacy.tokens import Doc

from quellenlage.claims.english import extract_english_claims
from quellenlage.claims.german import extract_document
from quellenlage.claims.registry import AttributionSettings, register_attribution
from quellenlage.records import Claim


@register_attribution("de")
def attribute_german(doc: Doc, settings: AttributionSettings) -> list[Claim]:
    """Parse-based German rules (:mod:`quellenlage.claims.german`)."""
    return extract_document(
        doc, document_id=settings.document_id, include_assertions=settings.include_assertions
    )


@register_attribution("en")
def attribute_english(doc: Doc, settings: AttributionSettings) -> list[Claim]:
    """English attribution (:mod:`quellenlage.claims.english`, owned by issue 10)."""
    return extract_english_claims(
        doc, document_id=settings.document_id, include_assertions=settings.include_assertions
    )
