"""Cue coverage and words that are no cues (issue 11): short sentences for each kind."""

from __future__ import annotations

from quellenlage.claims import extract_claims
from quellenlage.records import Claim


def claims_of(parse, text: str) -> list[Claim]:
    return extract_claims(parse(text))


def only_reported(parse, text: str) -> Claim:
    (claim,) = [c for c in claims_of(parse, text) if c.mode != "assertion"]
    return claim


def test_nach_erkenntnissen_is_an_according_to_frame(parse):
    claim = only_reported(parse, "Nach Erkenntnissen der Polizei wurden 12 Menschen festgenommen.")
    assert claim.mode == "according_to"
    assert claim.source is not None and "der Polizei" in claim.source.text
    assert claim.text == "wurden 12 Menschen festgenommen"


def test_nach_schaetzungen_and_einschaetzung(parse):
    for text, source in (
        ("Nach Schätzungen des Roten Kreuzes sind 5.000 Menschen obdachlos.", "Roten Kreuzes"),
        ("Nach Einschätzung des Verfassungsschutzes gibt es 300 Gefährder.", "Verfassungsschutzes"),
    ):
        claim = only_reported(parse, text)
        assert claim.mode == "according_to"
        assert claim.source is not None and source in claim.source.text


def test_a_speech_act_with_a_noun_phrase_as_content(parse):
    claim = only_reported(parse, "Das Ministerium bestätigte die Lieferung von 40 Panzern.")
    assert claim.mode == "reported" and claim.text == "die Lieferung von 40 Panzern"
    assert claim.source is not None and claim.source.text == "Das Ministerium"
    meldete = only_reported(parse, "Das Gesundheitsministerium meldete 300 Verletzte.")
    assert meldete.mode == "reported" and meldete.text == "300 Verletzte"


def test_the_manner_adverb_is_no_part_of_the_content(parse):
    claim = only_reported(parse, "Die EU hat den Gesetzesentwurf scharf kritisiert.")
    assert claim.text == "den Gesetzesentwurf"


def test_a_demonstrative_object_leaves_no_adverbial_claim(parse):
    claims = claims_of(parse, "Das teilte die Berliner NGO am Vormittag mit.")
    assert all(c.text != "am Vormittag" for c in claims)
    assert all(c.mode == "assertion" for c in claims)


def test_an_attributive_participle_is_no_cue(parse):
    text = (
        "Israel startete am Samstagabend die seit Tagen erwartete Bodenoffensive in den "
        "Gazastreifen."
    )
    assert all(c.mode == "assertion" for c in claims_of(parse, text))


def test_dash_before_the_frame(parse):
    claim = only_reported(parse, "Bei dem Anschlag starben 12 Menschen – erklärte die Polizei.")
    assert claim.text == "Bei dem Anschlag starben 12 Menschen"
    assert claim.source is not None and claim.source.text == "die Polizei"


def test_berichten_zufolge_in_a_speech_frame_is_a_hedge(parse):
    claim = only_reported(
        parse, "Der Minister sagte Berichten zufolge, 500 Soldaten würden entsandt."
    )
    assert claim.source is not None and claim.source.text == "Der Minister"
    assert "Berichten zufolge" in claim.hedges and claim.certainty == "hedged"


def test_enthuellt_and_vorgeben_are_cues(parse):
    claim = only_reported(parse, "Der Konzern hat enthüllt, dass 1.200 Stellen wegfallen.")
    assert claim.source is not None and claim.source.text == "Der Konzern"
    pretended = only_reported(parse, "Er gab vor, Arzt zu sein, was nicht stimmte.")
    # the infinitive is his claim; the indicative comment after it is the outlet's
    assert pretended.text == "Arzt zu sein"


def test_controller_of_an_infinitive_is_no_speaker(parse):
    claims = claims_of(parse, "Die Regierung hat beschlossen, 600 Polizisten zu schicken.")
    assert all(c.mode == "assertion" and c.source is None for c in claims)


def test_a_court_decision_is_the_outlets_report(parse):
    claims = claims_of(parse, "Die Beschwerde wies der VGH zurück.")
    assert all(c.mode == "assertion" for c in claims)


def test_the_modal_will_is_no_cue(parse):
    claims = claims_of(parse, "Die Schule will technologisch vorangehen.")
    assert all(c.mode == "assertion" for c in claims)


def test_an_adverbial_clause_beside_a_reported_act_is_the_outlets(parse):
    text = (
        "Die Gewerkschaft verwies auf Gehälter von bis zu 70.000 Schilling, während das "
        "durchschnittliche Einkommen bei rund 20.000 Schilling liegt."
    )
    claims = parse(text)._.claims  # with the figures attached by the pipeline
    act = next(c for c in claims if c.mode == "reported")
    assert "70.000" in act.text and "20.000" not in act.text
    beside = next(c for c in claims if "20.000" in c.text)
    assert beside.mode == "assertion" and beside.source is None
    assert [q.value for q in beside.quantities] == [20000]
