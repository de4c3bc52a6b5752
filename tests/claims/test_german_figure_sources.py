"""The source of a figure across sentences and phrases (issue 11): polls and statistics as
sources, a list of figures going on after its according-to frame, documents named once and
described later, people named by role and surname, and words that look like cues but
report nothing ("will investieren", "spricht über", "sprechen Spanisch")."""

from __future__ import annotations

import pytest

from quellenlage.claims import extract_claims
from quellenlage.records import Claim


def claim_with(parse, text: str, words: str) -> Claim:
    return next(c for c in extract_claims(parse(text)) if words in c.text)


POLLS = (
    "In den aktuellen Umfragen liegt die AfD mit 30 Prozent vor den anderen Parteien. "
    "Die CDU folgt mit 21 Prozent, das BSW mit 19 Prozent."
)


def test_a_figure_found_in_polls_is_theirs(parse):
    claim = claim_with(parse, POLLS, "30 Prozent")
    assert claim.mode == "according_to"
    assert claim.source is not None and claim.source.text == "den aktuellen Umfragen"
    assert claim.cue is not None and claim.cue.text == "In"


def test_in_a_study_without_a_figure_is_no_source(parse):
    claim = claim_with(parse, "In der Studie geht es um die Lage der Pflege.", "Pflege")
    assert claim.mode == "assertion" and claim.source is None


def test_the_next_sentence_listing_figures_of_the_same_kind_goes_on_with_the_polls(parse):
    claim = claim_with(parse, POLLS, "21 Prozent")
    assert claim.mode == "free_indirect" and claim.inherited
    assert claim.source is not None and claim.source.text == "den aktuellen Umfragen"
    assert claim.link == "previous_sentence"


def test_a_konjunktiv_sentence_after_the_list_goes_on_too(parse):
    text = POLLS + " Die SPD käme danach auf sechs Prozent."
    claim = claim_with(parse, text, "sechs Prozent")
    assert claim.source is not None and claim.source.text == "den aktuellen Umfragen"


def test_a_figure_in_another_tense_is_the_outlets_own(parse):
    text = (
        "In den aktuellen Umfragen liegt die AfD bei 30 Prozent. "
        "Bei der letzten Wahl hatte die Partei 23 Prozent erreicht."
    )
    claim = claim_with(parse, text, "23 Prozent")
    assert claim.mode == "assertion" and claim.source is None


def test_a_figure_of_another_kind_is_the_outlets_own(parse):
    text = (
        "Laut der Polizei liegt die Zahl der Verletzten bei 30 Prozent der Teilnehmer. "
        "Die Stadt zahlt 2.000 Euro für die Reinigung."
    )
    claim = claim_with(parse, text, "2.000 Euro")
    assert claim.mode == "assertion" and claim.source is None


def test_a_new_paragraph_ends_the_list(parse):
    text = (
        "In den aktuellen Umfragen liegt die AfD bei 30 Prozent.\n\nDie CDU liegt bei 21 Prozent."
    )
    claim = claim_with(parse, text, "21 Prozent")
    assert claim.mode == "assertion" and claim.source is None


def test_die_untersuchung_resolves_to_the_study_named_before(parse):
    text = (
        "Vor drei Monaten wurde die sogenannte PISA-Studie zu Schulleistungen veröffentlicht. "
        "Die Untersuchung spricht von mindestens 2.225 Schülern."
    )
    claim = claim_with(parse, text, "2.225")
    assert claim.source is not None and claim.source.text == "Die Untersuchung"
    assert claim.source.resolved == "PISA-Studie"
    assert claim.source.kind == "document" and claim.link == "description"


def test_a_study_named_by_its_author_is_remembered_with_the_author(parse):
    text = (
        "Am Montag erschien die Studie der Universität Leipzig. "
        "Der Bericht nennt 400 befragte Betriebe."
    )
    claim = claim_with(parse, text, "400")
    assert claim.source is not None and claim.source.resolved is not None
    assert "Universität Leipzig" in claim.source.resolved


@pytest.mark.parametrize(
    ("cited", "later", "full"),
    [
        ("der Aktivistin Ngozi Okafor", "Die Aktivistin Okafor", "Ngozi Okafor"),
        ("der Sprecherin Anna-Lena Kowalczyk", "Die Sprecherin Kowalczyk", "Anna-Lena Kowalczyk"),
    ],
)
def test_a_role_word_the_tagger_takes_into_the_name_still_finds_the_surname(
    parse, cited, later, full
):
    text = (
        f"Das zeigt nach Angaben {cited} das Beispiel einer Molkerei. "
        f"{later} verwies auf Gehälter von bis zu 70.000 Euro."
    )
    claim = claim_with(parse, text, "70.000")
    assert claim.source is not None and claim.source.text == later
    assert claim.source.resolved is not None and claim.source.resolved.endswith(full)
    assert not claim.source.resolved.startswith("der ")  # the article is not part of the name


def test_a_person_named_by_role_and_surname_resolves_to_the_full_name(parse):
    text = (
        "Das zeigt nach Angaben von Gewerkschafter Thomas Müller das Beispiel einer Molkerei. "
        "Der Aktivist Müller verwies auf Gehälter von bis zu 70.000 Schilling."
    )
    claim = claim_with(parse, text, "70.000")
    assert claim.source is not None and claim.source.text == "Der Aktivist Müller"
    assert claim.source.resolved is not None
    assert claim.source.resolved.endswith("Thomas Müller")
    assert claim.source.kind == "person" and claim.link == "alias"


def test_a_short_name_is_no_description_of_a_compound_it_only_starts(parse):
    text = (
        "»Es gibt Mängel«, erklärte der zuständige Fed-Vizechef Michael Barr. "
        "Darin führte die Fed aus, dass die Aufsicht um drei Prozent geschrumpft sei."
    )
    claim = claim_with(parse, text, "drei Prozent")
    assert claim.source is not None and claim.source.text == "die Fed"
    assert claim.source.resolved is None or "Barr" not in claim.source.resolved


def test_will_with_a_plain_infinitive_is_an_intention_not_speech(parse):
    text = "Die Reederei CMA CGM will 700 Millionen Euro in den Hafen investieren."
    claim = claim_with(parse, text, "700 Millionen")
    assert claim.mode == "assertion" and claim.source is None


def test_will_with_a_perfect_infinitive_claims(parse):
    claim = claim_with(parse, "Der Minister will das Geld nie gesehen haben.", "Geld")
    assert claim.mode != "assertion"
    assert claim.source is not None and claim.source.text == "Der Minister"


def test_sprechen_reports_only_with_its_speech_object(parse):
    reported = claim_with(parse, "Die Polizei spricht von rund 8.000 Demonstranten.", "8.000")
    assert reported.source is not None and reported.source.text == "Die Polizei"
    topic = claim_with(parse, "Bei seiner Rede spricht Höcke über jene 40 Firmen.", "40")
    assert topic.mode == "assertion" and topic.source is None
    text = (
        "Hunderte von Millionen Menschen in Ländern mit engen Beziehungen zu den USA "
        "sprechen es – Miami wird oft als Hauptstadt Lateinamerikas bezeichnet."
    )
    claims = extract_claims(parse(text))
    assert all(c.mode == "assertion" and c.source is None for c in claims)


def test_laut_after_a_dash_covers_only_what_follows_it(parse):
    text = (
        "Die Kosten werden auf rund 400 Millionen Dollar geschätzt – laut Trump "
        "vollständig durch private Spenden finanziert."
    )
    claims = extract_claims(parse(text))
    estimate = next(c for c in claims if "400 Millionen" in c.text)
    assert estimate.mode == "assertion" and estimate.source is None
    attributed = next(c for c in claims if "Spenden" in c.text)
    assert attributed.source is not None and attributed.source.text == "Trump"
    assert "400 Millionen" not in attributed.text


def test_a_konjunktiv_speech_act_inside_a_report_leaves_the_report_open(parse):
    text = (
        "Darin führte die Fed aus, dass sich ihre Praktiken verändert hätten. "
        "Erwartungen an die Aufsehenden seien gestiegen. "
        "Mitarbeitende hätten von Druck berichtet, Belastungen zu verringern. "
        "Zwischen 2016 und 2022 seien die Vermögenswerte um 37 Prozent gestiegen."
    )
    claim = claim_with(parse, text, "37 Prozent")
    assert claim.source is not None and claim.source.text == "die Fed"
    assert claim.inherited


def test_a_sentence_the_parser_starts_at_a_colon_after_a_cue_noun_stays_one_unit(parse):
    from spacy.tokens import Doc

    from quellenlage.claims.german.units import split_units

    parsed = parse("Sie basiert auf Annahmen: Putin sei bemüht. Bildung: Die Schulen bleiben.")
    words = [t.text for t in parsed]
    starts = [t.i in {0, 4, 9, 10} for t in parsed]  # as if the parser started at both colons
    doc = Doc(parsed.vocab, words=words, sent_starts=starts)
    for token, original in zip(doc, parsed, strict=True):
        token.pos_, token.tag_, token.lemma_ = original.pos_, original.tag_, original.lemma_
    units = [(unit.start, unit.end) for unit in split_units(doc, ())]
    assert units == [(0, 9), (9, 10), (10, 15)]  # "Bildung:" is no cue: left as parsed
