"""Discourse links across sentences (issue 11): "Das teilte X mit." after the outlet's
sentence makes that sentence X's claim, carried from the next sentence (``inherited``)."""

from __future__ import annotations

from quellenlage.claims import extract_claims
from quellenlage.records import Claim


def claims_of(parse, text: str) -> list[Claim]:
    return extract_claims(parse(text), include_assertions=True)


def test_das_teilte_x_mit_takes_the_previous_sentence_as_content(parse):
    text = (
        "Die Stadt hat rund 2.000 Notbetten eingerichtet. Das teilte ein Sprecher am Dienstag mit."
    )
    claims = claims_of(parse, text)
    assert len(claims) == 1
    claim = claims[0]
    assert claim.text == "Die Stadt hat rund 2.000 Notbetten eingerichtet"
    assert claim.mode == "indirect" and claim.certainty == "reported"
    assert claim.source is not None and claim.source.text == "ein Sprecher"
    assert claim.cue is not None and "teilte" in claim.cue.text
    assert claim.inherited  # the link kind: the source was carried from the next sentence
    assert all("Dienstag" not in c.text for c in claims)


def test_das_sagte_x_links_back_too(parse):
    text = "Im Hafen liegen 12 Schiffe fest. Das sagte ein Sprecher der Hafenbehörde."
    claim = next(c for c in claims_of(parse, text) if c.mode != "assertion")
    assert claim.text == "Im Hafen liegen 12 Schiffe fest"
    assert claim.source is not None and claim.source.text == "ein Sprecher der Hafenbehörde"
    assert claim.inherited


def test_no_link_across_a_paragraph_break(parse):
    text = "Die Stadt hat rund 2.000 Notbetten eingerichtet.\n\nDas teilte ein Sprecher mit."
    claims = claims_of(parse, text)
    first = next(c for c in claims if "Notbetten" in c.text)
    assert first.mode == "assertion" and first.source is None


def test_no_link_when_the_sentence_says_more_than_the_pronoun(parse):
    # a second clause has content of its own: the pronoun does not stand for a whole claim
    text = (
        "Die Stadt hat rund 2.000 Notbetten eingerichtet. "
        "Das teilte ein Sprecher mit, der weitere Betten ankündigte."
    )
    claims = claims_of(parse, text)
    first = next(c for c in claims if "Notbetten" in c.text)
    assert first.mode == "assertion" and not first.inherited


def test_no_link_back_to_a_reported_sentence(parse):
    # the previous sentence already has its source: "Das" does not re-attribute it
    text = "Der Minister sagte, es gebe 40 Verletzte. Das bestätigte die Polizei am Abend."
    claims = claims_of(parse, text)
    first = next(c for c in claims if "Verletzte" in c.text)
    assert first.source is not None and first.source.text == "Der Minister"
    assert not first.inherited


def test_modal_will_is_no_speech_cue(parse):
    claims = claims_of(parse, "Die Schule will technologisch vorangehen.")
    assert all(claim.mode == "assertion" and claim.cue is None for claim in claims)


def test_spricht_von_and_geht_davon_aus_are_cues(parse):
    claim = next(c for c in claims_of(parse, "Die Polizei spricht von rund 8.000 Demonstranten."))
    assert claim.source is not None and claim.source.text == "Die Polizei"
    text = "Das Ministerium geht davon aus, dass 600 Soldaten verlegt werden."
    claim = next(c for c in claims_of(parse, text) if c.mode != "assertion")
    assert claim.source is not None and claim.source.text == "Das Ministerium"
    assert claim.text.endswith("600 Soldaten verlegt werden")
