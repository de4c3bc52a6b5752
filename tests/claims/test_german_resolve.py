"""Pronouns and descriptions resolved to names by agreement and salience (issue 11): the
mention stays the source's text, the name is ``resolved``, the link says how."""

from __future__ import annotations

from quellenlage.claims import extract_claims
from quellenlage.records import Claim


def reported(parse, text: str) -> list[Claim]:
    return [c for c in extract_claims(parse(text)) if c.mode != "assertion"]


def test_die_agentur_after_an_agency_resolves_to_it(parse):
    text = (
        "Die Nachrichtenagentur dpa meldete 300 Verletzte. "
        "Die Agentur berichtete zudem, 40 Häuser seien zerstört."
    )
    claim = next(c for c in reported(parse, text) if "Häuser" in c.text)
    assert claim.source is not None and claim.source.text == "Die Agentur"
    assert claim.source.resolved is not None and "dpa" in claim.source.resolved
    assert claim.source.kind == "agency" and claim.link == "description"


def test_der_sender_after_a_broadcaster_resolves_to_it(parse):
    text = (
        "Das ZDF berichtete über den Streik. "
        "Der öffentlich-rechtliche Sender sagte, 12.000 Beschäftigte hätten teilgenommen."
    )
    claim = next(c for c in reported(parse, text) if "12.000" in c.text)
    assert claim.source is not None and claim.source.resolved is not None
    assert "ZDF" in claim.source.resolved


def test_a_role_resolves_to_the_person_speaking_before(parse):
    text = (
        "Geheimdienstchef Kim Young-ho sagte, 10.000 Soldaten seien verlegt worden. "
        "Der Geheimdienstchef sagte weiter, weitere Einheiten folgten."
    )
    claim = next(c for c in reported(parse, text) if "Einheiten" in c.text)
    assert claim.source is not None and claim.source.resolved is not None
    assert "Kim Young-ho" in claim.source.resolved


def test_er_agrees_with_a_masculine_noun_not_with_a_name_of_an_organisation(parse):
    masculine = reported(
        parse, "Der Verband sagte, die Preise seien gestiegen. Die Lage sei ernst, sagte er."
    )[-1]
    assert masculine.source is not None and masculine.source.resolved == "Der Verband"
    assert masculine.link == "pronoun"
    text = "Siemens kündigte an, 500 Stellen zu streichen. Es gehe nicht anders, sagte er."
    named = reported(parse, text)[-1]
    assert named.source is not None and named.source.text == "er"
    assert named.source.resolved != "Siemens"


def test_er_skips_a_feminine_person_description(parse):
    text = (
        "Max Weber sagte, die Firma wachse. Die Ministerin sagte, das sei gut. "
        "Er sagte, es gebe 200 neue Stellen."
    )
    claim = next(c for c in reported(parse, text) if "200" in c.text)
    assert claim.source is not None and claim.source.resolved == "Max Weber"


def test_sie_prefers_the_last_speaker_over_an_organisation_named_in_between(parse):
    text = (
        "„Wir haben 300 Betten“, sagte Anna Müller. Die Klinik Nord hat 200 Mitarbeiter. "
        "„Wir brauchen mehr“, sagte sie."
    )
    claim = next(c for c in reported(parse, text) if c.text == "Wir brauchen mehr")
    assert claim.source is not None and claim.source.resolved == "Anna Müller"


def test_follow_on_quote_takes_the_speaker_of_the_last_quote(parse):
    text = "„Wir haben 300 Betten“, sagte die Sprecherin. „Wir brauchen aber mehr Personal.“"
    claim = next(c for c in reported(parse, text) if "Personal" in c.text)
    assert claim.mode == "direct"
    assert claim.source is not None and claim.source.text == "die Sprecherin"
    assert claim.link == "quote_speaker"


def test_a_bracketed_abbreviation_is_an_alias_of_the_name(parse):
    text = (
        "Das Bundesamt für Verfassungsschutz (BfV) teilte mit, es gebe 300 Gefährder. "
        "Das BfV sagte zudem, es gebe 400 Verdachtsfälle."
    )
    first, second = reported(parse, text)
    assert first.source is not None
    assert first.source.text == "Das Bundesamt für Verfassungsschutz (BfV)"
    assert second.source is not None and second.source.text == "Das BfV"
    assert second.source.resolved == first.source.text
    assert second.link == "alias"


def test_coordinated_adjectives_make_one_source(parse):
    text = "Deutsche, französische und polnische Diplomaten sagten, 300 Beobachter seien nötig."
    (claim,) = reported(parse, text)
    assert claim.source is not None
    assert claim.source.text == "Deutsche, französische und polnische Diplomaten"


def test_coordinated_genitive_adjectives_after_a_cue_noun(parse):
    text = "Nach Erkenntnissen britischer und amerikanischer Behörden wurden 40 Raketen geliefert."
    (claim,) = reported(parse, text)
    assert claim.source is not None
    assert claim.source.text.endswith("britischer und amerikanischer Behörden")
    assert claim.text == "wurden 40 Raketen geliefert"


def test_a_surname_resolves_to_the_full_name_said_before(parse):
    text = "Olaf Scholz sagte, es gebe 30 Fälle. Scholz fügte hinzu, man arbeite daran."
    claim = next(c for c in reported(parse, text) if "arbeite" in c.text)
    assert claim.source is not None and claim.source.text == "Scholz"
    assert claim.source.resolved == "Olaf Scholz" and claim.link == "alias"
