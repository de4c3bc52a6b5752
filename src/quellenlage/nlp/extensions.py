"""The ``Doc`` attributes quellenlage's components read and write, registered once.

``doc._.published`` (a date or ``None``) and ``doc._.document_id`` are set before the
pipeline runs; ``doc._.times``, ``doc._.quantities`` and ``doc._.claims`` hold the records
the components produce, in text order; ``doc._.warnings`` collects what a component had to
skip for this document (see :func:`collecting`). Spans in ``doc.spans["times"]`` and
``doc.spans["quantities"]`` carry their record as ``span._.time`` / ``span._.quantity``.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from spacy.tokens import Doc, Span

for _name in ("published", "document_id", "times", "quantities", "claims", "warnings"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
for _name in ("time", "quantity"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

_CURRENT: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "quellenlage_warnings", default=None
)


class _ToCurrentDoc(logging.Handler):
    """Sends warnings logged under ``quellenlage`` to the document being processed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        messages = _CURRENT.get()
        if messages is not None:
            messages.append(record.getMessage())


_HANDLER = _ToCurrentDoc()
logging.getLogger("quellenlage").addHandler(_HANDLER)


@contextmanager
def collecting(doc: Doc) -> Iterator[None]:
    """Within the block, warnings logged under ``quellenlage`` go to ``doc._.warnings``."""
    if doc._.warnings is None:
        doc._.warnings = []
    token = _CURRENT.set(doc._.warnings)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def record_spans(doc: Doc, key: str, attribute: str, records: list) -> None:
    """Put ``records`` (with character ``span``s) on ``doc.spans[key]``, each as ``span._.X``."""
    spans = []
    for record in records:
        span = doc.char_span(*record.span, alignment_mode="expand")
        if span is None:
            continue
        setattr(span._, attribute, record)
        spans.append(span)
    doc.spans[key] = spans
