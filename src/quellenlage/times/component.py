"""The ``times`` pipeline component: time expressions on the ``Doc``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from quellenlage.nlp.extensions import collecting, record_spans
from quellenlage.times import parse_times


class Times:
    """Finds every time expression, resolved against ``doc._.published``.

    Writes ``doc._.times`` (``records.TimeExpr`` in text order) and ``doc.spans[spans_key]``
    (each span carries its record as ``span._.time``).
    """

    def __init__(self, spans_key: str) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        with collecting(doc):
            times = parse_times(doc.text, lang=doc.lang_, published=doc._.published)
        doc._.times = times
        record_spans(doc, self.spans_key, "time", times)
        return doc


@Language.factory(
    "quellenlage_times",
    assigns=["doc._.times", "doc.spans"],
    default_config={"spans_key": "times"},
)
def make_times(nlp: Language, name: str, spans_key: str) -> Times:
    return Times(spans_key)
