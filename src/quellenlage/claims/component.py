"""Pipeline components of the claims stage: ``attribution`` and ``claim_context``.

``attribution`` runs the language's registered attribution function
(:mod:`quellenlage.claims.registry`); then, when ``[components.attribution.spkatt]`` names it,
the SpkAtt attribution model (:mod:`quellenlage.research.spkatt_model`, CC BY-SA, shipped), and
when ``[components.attribution.learned]`` names a model folder, the optional learned part
(:mod:`quellenlage.research.learned`, non-commercial licence, loaded only then).
``claim_context`` gives each claim its quantities and times.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from quellenlage.claims.context import attach_figures_and_times
from quellenlage.claims.registry import AttributionSettings, attribution_for
from quellenlage.nlp.extensions import collecting


class Attribution:
    """Writes ``doc._.claims`` (``records.Claim``, sorted by span)."""

    def __init__(
        self, include_assertions: bool, learned: dict[str, Any], spkatt: dict[str, Any]
    ) -> None:
        self.include_assertions = include_assertions
        self.spkatt = None
        if spkatt.get("path"):
            from quellenlage.research.spkatt_model import PARTS, SpkAttModel

            where = spkatt["path"]
            model = SpkAttModel.load(None if where == "bundled" else Path(where))
            self.spkatt = model.with_parts(spkatt.get("parts", PARTS))
        path = learned.get("path")
        self.learned = None
        if path:
            from quellenlage.research.learned import LearnedAttribution

            self.learned = LearnedAttribution.load(Path(path))

    def __call__(self, doc: Doc) -> Doc:
        settings = AttributionSettings(
            include_assertions=self.include_assertions, document_id=doc._.document_id
        )
        with collecting(doc):
            claims = attribution_for(doc.lang_)(doc, settings)
            if self.spkatt is not None and doc.lang_ == "de":
                claims = self.spkatt.apply(claims, doc)
            if self.learned is not None:
                claims = list(self.learned.apply(claims, doc))
        doc._.claims = claims
        return doc


@Language.factory(
    "quellenlage_attribution",
    requires=["token.dep", "doc.sents"],
    assigns=["doc._.claims"],
    default_config={
        "include_assertions": True,
        "learned": {"path": None},
        "spkatt": {"path": None},
    },
)
def make_attribution(
    nlp: Language,
    name: str,
    include_assertions: bool,
    learned: dict[str, Any],
    spkatt: dict[str, Any],
) -> Attribution:
    return Attribution(include_assertions, learned, spkatt)


class ClaimContext:
    """Fills ``quantities`` and ``times`` of each claim in ``doc._.claims`` by span."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = attach_figures_and_times(
            doc._.claims or [], doc._.quantities or [], doc._.times or []
        )
        return doc


@Language.factory(
    "quellenlage_claim_context",
    requires=["doc._.claims", "doc._.quantities", "doc._.times"],
    assigns=["doc._.claims"],
)
def make_claim_context(nlp: Language, name: str) -> ClaimContext:
    return ClaimContext()
