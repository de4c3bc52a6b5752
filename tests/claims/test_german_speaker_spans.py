"""Speaker spans and general cue vocabulary (issue 11w): short sentences for each kind."""

from __future__ import annotations

import pytest

from quellenlage.claims import extract_claims
from quellenlage.records import Claim


def reported(parse, text: str) -> list[Claim]:
    return [c for c in extract_claims(parse(text)) if c.mode != "assertion"]


def only_reported(parse, text: str) -> Claim:
    (claim,) = reported(parse, text)
    return claim


def test_a_subject_in_the_prefield_runs_up_to_the_verb(parse):
    claim = only_reported(
        parse,
        "Der Fraktionsvorsitzende im sächsischen Landtag, Peter Hansen, sagte, "
        "die Regierung habe versagt.",
    )
    assert claim.source is not None
    assert claim.source.text == "Der Fraktionsvorsitzende im sächsischen Landtag, Peter Hansen"
    assert claim.text == "die Regierung habe versagt"


def test_a_bracketed_abbreviation_in_the_prefield_belongs_to_the_subject(parse):
    claim = only_reported(
        parse,
        "Die Schutzgemeinschaft der Kapitalanleger (SdK) kritisierte, dass der Plan zu teuer sei.",
    )
    assert claim.source is not None
    assert claim.source.text == "Die Schutzgemeinschaft der Kapitalanleger (SdK)"


def test_a_relative_clause_in_the_prefield_is_not_taken_into_the_source(parse):
    claim = only_reported(
        parse, "Der Minister, der am Montag zurücktrat, sagte, die Lage sei ernst."
    )
    assert claim.source is not None and claim.source.text == "Der Minister"


def test_an_apposition_after_the_speaker_behind_the_verb_joins_it(parse):
    claim = only_reported(
        parse, "Die Lage sei ernst, sagte Thomas Berger, Sprecher des Hilfswerks, in Genf."
    )
    assert claim.source is not None
    assert claim.source.text == "Thomas Berger, Sprecher des Hilfswerks"


def test_a_clause_after_the_speaker_is_no_apposition(parse):
    claim = only_reported(parse, "Am Montag sagte Merkel, Deutschland werde helfen.")
    assert claim.source is not None and claim.source.text == "Merkel"
    assert claim.text == "Deutschland werde helfen"


def test_more_nouns_of_according_to_frames(parse):
    for text, source in (
        ("Nach bisherigen Erfahrungen steigt die Zahl kurz vor dem Ende.", "Erfahrungen"),
        ("Nach bisherigem Erkenntnisstand brach das Feuer in der Küche aus.", "Erkenntnisstand"),
        ("Nach dem vorläufigen Endergebnis erhielt die Partei 40 Prozent.", "Endergebnis"),
        ("Nach dem Grundgesetz bestimmt der Kanzler die Richtlinien der Politik.", "Grundgesetz"),
    ):
        claim = only_reported(parse, text)
        assert claim.mode == "according_to", text
        assert claim.source is not None and source in claim.source.text, text


def test_more_verbs_of_saying(parse):
    signalled = only_reported(
        parse, "Die Regierungen haben signalisiert, dass sie einen Beitrag leisten können."
    )
    assert signalled.mode == "indirect"
    assert signalled.source is not None and signalled.source.text == "Die Regierungen"
    figure = only_reported(
        parse, "Ein Wissenschaftler bezifferte den Schaden auf 40 Millionen Euro."
    )
    assert figure.mode == "reported"
    assert figure.source is not None and figure.source.text == "Ein Wissenschaftler"


def test_verbs_with_a_second_sense_are_no_cues(parse):
    # "anführen" (to lead) and "unterstellen" (to place under) are left out of the cues
    assert reported(parse, "Freiburg führt die Tabelle mit 41 Punkten an.") == []
    assert (
        reported(parse, "Die Regierung hat die Kraftwerke einer Bundesaufsicht unterstellt.") == []
    )


def test_participles_of_separable_verbs_are_cues(parse):
    # "vorgeworfen", "nachgesagt": particle + "ge" + participle, also of irregular verbs
    for text, cue, content in (
        (
            "Ihm wird vorgeworfen, in die Übernahme der Bank eingegriffen zu haben.",
            "vorwerfen",
            "in die Übernahme der Bank eingegriffen zu haben",
        ),
        (
            "Dem Verein wird nachgesagt, Extremisten nahe zu stehen.",
            "nachsagen",
            "Extremisten nahe zu stehen",
        ),
    ):
        claim = only_reported(parse, text)
        assert claim.mode == "indirect", text
        assert claim.cue is not None and cue[:3] in claim.cue.text.lower(), text
        assert claim.text == content


def test_plural_organisations_are_speakers_of_reported_acts(parse):
    for text, source in (
        ("Die Verbände kritisierten den Plan der Regierung.", "Die Verbände"),
        ("Die Länderparlamente fordern nun Konsequenzen aus den Affären.", "Die Länderparlamente"),
    ):
        claim = only_reported(parse, text)
        assert claim.mode == "reported", text
        assert claim.source is not None and claim.source.text == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Die Ärztin Sommer verwies auf 300 Fälle.", "Die Ärztin Sommer"),
        ("Der Ökonom Dubois verwies auf Gehälter von 70.000 Euro.", "Der Ökonom Dubois"),
        ("Die Abgeordnete Yilmaz verwies auf 40 Anfragen.", "Die Abgeordnete Yilmaz"),
    ],
)
def test_a_role_noun_before_an_untagged_surname_names_a_person(parse, text, source):
    claim = only_reported(parse, text)
    assert claim.source is not None and claim.source.text == source
    assert claim.source.kind == "person"
