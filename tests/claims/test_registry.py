"""One registry chooses the attribution per language; settings reach the function."""

from __future__ import annotations

import pytest
import spacy

from quellenlage.claims import extract_claims, registry
from quellenlage.records import Claim


def test_built_in_languages_are_registered():
    for code in ("de", "en"):
        assert callable(registry.attribution_for(code))


def test_unknown_language_names_the_registered_ones():
    with pytest.raises(LookupError, match=r"'nl'.*de, en"):
        registry.attribution_for("nl")
    with pytest.raises(LookupError):
        extract_claims(spacy.blank("nl")("Hij zei dat."))


def test_a_registered_language_receives_the_doc_and_the_settings(monkeypatch):
    seen = {}

    def attribute(doc, settings):
        seen["doc"], seen["settings"] = doc, settings
        return [Claim(doc.text, (0, len(doc.text)), (0, len(doc.text)), "assertion", "asserted")]

    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    registry.register_attribution("nl")(attribute)
    doc = spacy.blank("nl")("Hij zei dat.")
    [claim] = extract_claims(doc, document_id=7, include_assertions=False)
    assert seen["doc"] is doc and claim.text == "Hij zei dat."
    assert seen["settings"] == registry.AttributionSettings(include_assertions=False, document_id=7)
