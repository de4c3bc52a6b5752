"""Claims: who says what, citing whom, how sure — extracted from a processed document.

``extract_claims(doc)`` takes the language pipeline's output (``quellenlage.nlp.load(lang)``)
over a document's clean text and returns ``records.Claim`` objects with character offsets
into that text. German documents go through the parse-based rules in ``extract``, English
ones through the surface patterns in ``english``. Figures and times stay empty here; the
pipeline fills them by span.
"""

from __future__ import annotations

from spacy.tokens import Doc

from quellenlage.claims.english import extract_english_claims
from quellenlage.claims.extract import extract_document, logger
from quellenlage.records import Claim

__all__ = ["extract_claims", "logger"]


def extract_claims(
    doc: Doc, *, document_id: int | None = None, include_assertions: bool = True
) -> list[Claim]:
    """Extract every claim of ``doc``, sorted by span.

    ``include_assertions=False`` leaves out the outlet's own statements (mode
    ``assertion``). Parts of the text that cannot be analysed are skipped with a warning
    on the ``quellenlage.claims`` logger; bad input never raises, except a ``doc`` that is
    not a spaCy ``Doc`` (``TypeError``).
    """
    if not isinstance(doc, Doc):
        raise TypeError(f"extract_claims needs a spaCy Doc, got {type(doc).__name__}")
    if doc.lang_ == "en":
        return extract_english_claims(
            doc, document_id=document_id, include_assertions=include_assertions
        )
    return extract_document(doc, document_id=document_id, include_assertions=include_assertions)
