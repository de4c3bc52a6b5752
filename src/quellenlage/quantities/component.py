"""The ``quantities`` pipeline component: figures on the ``Doc``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from quellenlage.nlp.extensions import collecting, record_spans
from quellenlage.quantities import measure, parse_quantities


class Quantities:
    """Finds and normalises every quantity.

    Writes ``doc._.quantities`` (``records.Quantity`` in text order) and
    ``doc.spans[spans_key]`` (each span carries its record as ``span._.quantity``).
    """

    def __init__(self, spans_key: str) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        with collecting(doc):
            quantities = measure.annotate(doc, parse_quantities(doc.text, lang=doc.lang_))
        doc._.quantities = quantities
        record_spans(doc, self.spans_key, "quantity", quantities)
        return doc


@Language.factory(
    "quellenlage_quantities",
    requires=["doc._.times"],
    assigns=["doc._.quantities", "doc.spans"],
    default_config={"spans_key": "quantities"},
)
def make_quantities(nlp: Language, name: str, spans_key: str) -> Quantities:
    return Quantities(spans_key)
