"""A passive evaluation verb with an infinitive clause on its subject reports nobody (issue 11)."""

from __future__ import annotations

from quellenlage.claims import extract_claims


def only_claim(parse, text: str):
    (claim,) = extract_claims(parse(text), include_assertions=True)
    return claim


def test_criticised_decision_with_an_infinitive_is_no_indirect_claim(parse):
    claim = only_claim(
        parse, "Kritisiert wurde ihre Entscheidung, den Verkauf von 300 Waffen zu untersagen."
    )
    assert claim.mode == "assertion" and claim.source is None and claim.cue is None


def test_a_faulted_refusal_with_an_infinitive_is_no_indirect_claim(parse):
    text = "Bemängelt wurde zudem die Weigerung der Stadt, 40 Wohnungen zu bauen."
    claim = only_claim(parse, text)
    assert claim.mode == "assertion" and claim.source is None


def test_an_active_cue_with_an_infinitive_still_reports(parse):
    claim = only_claim(parse, "Der Minister kündigte an, 600 Polizisten zu schicken.")
    assert claim.mode != "assertion"
    assert claim.source is not None and claim.source.text == "Der Minister"
