"""Claim extraction on German sentences written for the tests (needs the German pipeline)."""

from __future__ import annotations

import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quellenlage.claims import extract_claims
from quellenlage.records import Claim


def claims_of(parse, text: str, **kwargs) -> list[Claim]:
    doc = parse(text)
    claims = extract_claims(doc, **kwargs)
    for claim in claims:
        assert doc.text[claim.span[0] : claim.span[1]] == claim.text
        assert claim.sentence_span[0] <= claim.span[0] <= claim.span[1] <= claim.sentence_span[1]
        if claim.source is not None and claim.source.span is not None:
            assert doc.text[claim.source.span[0] : claim.source.span[1]] == claim.source.text
    return claims


def only(claims: list[Claim], mode: str | None = None) -> Claim:
    chosen = [c for c in claims if mode is None or c.mode == mode]
    assert len(chosen) == 1, chosen
    return chosen[0]


# --- direct quotes --------------------------------------------------------------------------


def test_direct_quote_with_frame_after(parse):
    claim = only(claims_of(parse, "„Wir werden nicht aufgeben“, sagte der Minister am Montag."))
    assert claim.mode == "direct"
    assert claim.text == "Wir werden nicht aufgeben"
    assert claim.cue is not None and claim.cue.text == "sagte"
    assert claim.source is not None and claim.source.text == "der Minister"
    assert claim.source.kind == "person"
    assert claim.medium == "speech"


def test_direct_quote_after_colon_frame(parse):
    claim = only(claims_of(parse, "Die Kanzlerin erklärte: »Das ist ein guter Tag für Europa.«"))
    assert claim.mode == "direct"
    assert claim.text == "Das ist ein guter Tag für Europa."
    assert claim.source is not None and claim.source.text == "Die Kanzlerin"


def test_direct_quote_across_sentences(parse):
    text = "„Wir kommen. Wir bleiben. Wir gehen nicht weg.“, sagte die Sprecherin der Initiative."
    claim = only(claims_of(parse, text))
    assert claim.mode == "direct"
    assert claim.text == "Wir kommen. Wir bleiben. Wir gehen nicht weg."
    assert claim.source is not None and "Sprecherin" in claim.source.text


def test_speaker_colon_without_verb(parse):
    claim = only(claims_of(parse, "Bürgermeisterin Anna Berger: „Wir bauen die Brücke neu auf.“"))
    assert claim.mode == "direct"
    assert claim.source is not None and "Anna Berger" in claim.source.text


def test_mixed_quote_inside_indirect_speech(parse):
    text = "Der Minister sagte, die Lage sei „sehr ernst“ und die Regierung müsse handeln."
    claim = only(claims_of(parse, text))
    assert claim.mode == "mixed"
    assert "„sehr ernst“" in claim.text


# --- indirect speech ------------------------------------------------------------------------


def test_dass_clause_after_cue(parse):
    claim = only(claims_of(parse, "Der Sprecher erklärte, dass die Gespräche gescheitert seien."))
    assert claim.mode == "indirect"
    assert claim.text == "dass die Gespräche gescheitert seien"
    assert claim.source is not None and claim.source.text == "Der Sprecher"
    assert claim.certainty == "reported"


def test_v2_clause_and_separable_cue(parse):
    claim = only(claims_of(parse, "Die Polizei teilte am Abend mit, der Täter sei geflohen."))
    assert claim.mode == "indirect"
    assert claim.text == "der Täter sei geflohen"
    assert claim.cue is not None and claim.cue.parts, "a separable cue keeps its two pieces"
    assert [claim.cue.text[:6], claim.cue.text[-3:]] == ["teilte", "mit"]
    assert claim.source is not None and claim.source.text == "Die Polizei"


def test_content_before_inverted_cue(parse):
    text = "Es gebe keine Hinweise auf einen Anschlag, erklärten die Ermittler und die Feuerwehr."
    claim = only(claims_of(parse, text))
    assert claim.text == "Es gebe keine Hinweise auf einen Anschlag"
    assert claim.source is not None
    assert "Ermittler" in claim.source.text and "Feuerwehr" in claim.source.text


def test_thought_cue_is_hedged(parse):
    text = "Die Forscher vermuten, dass der Meteorit aus dem Asteroidengürtel stammt."
    claim = only(claims_of(parse, text))
    assert claim.medium == "thought"
    assert claim.certainty == "hedged"
    assert "vermuten" in claim.hedges


# --- according to ---------------------------------------------------------------------------


def test_laut(parse):
    claim = only(claims_of(parse, "Laut Polizei wurden bei dem Unfall drei Menschen verletzt."))
    assert claim.mode == "according_to"
    assert claim.cue is not None and claim.cue.text == "Laut"
    assert claim.source is not None and claim.source.text == "Polizei"
    assert "drei Menschen verletzt" in claim.text


def test_zufolge(parse):
    text = "Einem Bericht des Senders zufolge ist der Vertrag bereits unterschrieben."
    claim = only(claims_of(parse, text))
    assert claim.mode == "according_to"
    assert claim.source is not None and "Senders" in claim.source.text
    assert "Vertrag bereits unterschrieben" in claim.text


def test_nach_angaben(parse):
    text = "Nach Angaben der Feuerwehr brannte das Lagerhaus vollständig aus."
    claim = only(claims_of(parse, text))
    assert claim.mode == "according_to"
    assert claim.source is not None and "der Feuerwehr" in claim.source.text
    assert "Lagerhaus" in claim.text


def test_so_x(parse):
    claim = only(claims_of(parse, "Die Lage sei unter Kontrolle, so der Bürgermeister."))
    assert claim.mode == "according_to"
    assert claim.text == "Die Lage sei unter Kontrolle"
    assert claim.source is not None and claim.source.text == "der Bürgermeister"


# --- sources, chains, inheritance -----------------------------------------------------------


def test_unter_berufung_auf_builds_a_chain(parse):
    text = (
        "Der Minister werde zurücktreten, berichtet die Zeitung unter Berufung auf "
        "Regierungskreise."
    )
    claim = only(claims_of(parse, text))
    assert claim.source is not None and "Zeitung" in claim.source.text
    assert claim.source.kind == "media"
    assert [source.text for source in claim.chain] == ["Regierungskreise"]


def test_nested_source_through_zitieren(parse):
    text = (
        "Die Ermittler seien zu dem Schluss gekommen, so zitiert die Agentur Reuters den "
        "Staatsanwalt Peter Klein, „dass der Brand gelegt wurde und die Täter bekannt sind.“"
    )
    claim = only(claims_of(parse, text))
    assert claim.source is not None and "Reuters" in claim.source.text
    assert claim.source.kind == "agency"
    chain = [source.text for source in claim.chain]
    assert any("Peter Klein" in text for text in chain)
    assert any("Ermittler" in text for text in chain)
    assert chain.index(next(t for t in chain if "Klein" in t)) < chain.index(
        next(t for t in chain if "Ermittler" in t)
    )


def test_konjunktiv_continuation_inherits_until_indicative(parse):
    text = (
        "Der Minister sagte, die Reform komme im Herbst. Sie sei dringend nötig. "
        "Die Abstimmung findet im Oktober statt."
    )
    claims = claims_of(parse, text)
    first, second = claims[0], claims[1]
    assert first.source is not None and first.source.text == "Der Minister"
    assert second.text == "Sie sei dringend nötig"
    assert second.inherited and second.mode == "konjunktiv"
    assert second.source == first.source
    assert claims[2].mode == "assertion" and claims[2].source is None


def test_pronoun_speaker_is_resolved(parse):
    text = (
        "Innenminister Hans Müller besuchte am Montag die Stadt. "
        "Er sagte, die Lage sei unter Kontrolle."
    )
    claim = only(claims_of(parse, text), "indirect")
    assert claim.source is not None and claim.source.text == "Er"
    assert claim.source.resolved is not None and "Hans Müller" in claim.source.resolved
    assert claim.source.name == claim.source.resolved


def test_description_speaker_is_resolved(parse):
    text = (
        "Außenministerin Maria Lang traf ihren Amtskollegen in Paris. "
        "Die Ministerin sagte, die Gespräche seien gut verlaufen."
    )
    claim = only(claims_of(parse, text), "indirect")
    assert claim.source is not None and claim.source.text == "Die Ministerin"
    assert claim.source.resolved is not None and "Maria Lang" in claim.source.resolved


def test_noun_cue_before_colon(parse):
    text = "Die Befürchtung der Experten: Die Preise würden im Winter weiter steigen."
    claim = only(claims_of(parse, text))
    assert claim.source is not None and "Experten" in claim.source.text
    assert claim.certainty == "hedged" and "Befürchtung" in claim.hedges
    assert claim.text.startswith("Die Preise würden")


def test_reportative_sollen_continues_the_source(parse):
    text = (
        "Die Polizei teilte mit, in der Nacht hätten mehrere Autos gebrannt. "
        "Außerdem sollen zwei Lagerhallen abgebrannt sein."
    )
    claims = claims_of(parse, text)
    second = claims[-1]
    assert second.mode == "free_indirect"
    assert second.source is not None and second.source.text == "Die Polizei"
    assert "sollen" in second.hedges


# --- certainty ------------------------------------------------------------------------------


def test_hedged_assertion(parse):
    claim = only(claims_of(parse, "Der Täter ist offenbar über die Grenze geflohen."))
    assert claim.mode == "assertion" and claim.source is None
    assert claim.certainty == "hedged" and claim.hedges == ("offenbar",)


def test_reportative_sollen_is_a_hedge(parse):
    claim = only(claims_of(parse, "Der Politiker soll Geld von dem Konzern angenommen haben."))
    assert claim.certainty == "hedged" and "soll" in claim.hedges


def test_denial_with_dementieren(parse):
    text = "Das Ministerium dementierte, dass es geheime Gespräche gegeben habe."
    claim = only(claims_of(parse, text))
    assert claim.certainty == "denied"
    assert claim.source is not None and claim.source.text == "Das Ministerium"


def test_denial_with_wies_zurueck_is_reported(parse):
    claim = only(claims_of(parse, "Der Konzern wies die Vorwürfe der Umweltverbände zurück."))
    assert claim.mode == "reported"
    assert claim.certainty == "denied"
    assert claim.cue is not None and claim.cue.parts
    assert "Vorwürfe" in claim.text


def test_reported_speech_act(parse):
    claim = only(claims_of(parse, "Die Gewerkschaft forderte eine schnellere Entscheidung."))
    assert claim.mode == "reported"
    assert claim.text == "eine schnellere Entscheidung"
    assert claim.source is not None and claim.source.text == "Die Gewerkschaft"


# --- assertions and non-claims --------------------------------------------------------------


def test_headings_questions_and_meta_are_not_claims(parse):
    text = (
        "Streit um die Brücke\n\nWer zahlt den Neubau? Eine Analyse.\n\n"
        "Die Stadt hat im Mai 40 Millionen Euro bewilligt."
    )
    claim = only(claims_of(parse, text))
    assert claim.mode == "assertion"
    assert claim.text == "Die Stadt hat im Mai 40 Millionen Euro bewilligt"


def test_include_assertions_false_and_document_id(parse):
    text = "Die Stadt hat 40 Millionen Euro bewilligt. Der Bürgermeister sagte, das reiche nicht."
    claims = claims_of(parse, text, include_assertions=False, document_id=7)
    assert [c.mode for c in claims] == ["indirect"]
    assert claims[0].document_id == 7


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "keine satzzeichen hier und auch keine großschreibung oder verben die man findet",
        "Er sagte: „Das ist nicht zu Ende. Und dann kam nichts mehr",
        "He said „this is English“ und sie sagte, das sei Deutsch. C'est la vie.",
        '»«„“""‚‘,,,:::',
    ],
)
def test_bad_input_never_raises(parse, text):
    claims_of(parse, text)


def test_enormous_sentence_is_skipped_with_a_warning(parse, caplog):
    text = "Der Minister sagte, " + " und ".join(["die Lage sei ernst"] * 150) + "."
    with caplog.at_level(logging.WARNING, logger="quellenlage.claims"):
        claims = claims_of(parse, text)
    assert claims == []
    assert any("skipped" in record.getMessage() for record in caplog.records)


def test_unbalanced_quote_is_warned_about(parse, caplog):
    with caplog.at_level(logging.WARNING, logger="quellenlage.claims"):
        claims_of(parse, "Er sagte: „Das bleibt offen.\n\nDie Stadt hat gezahlt.")
    assert any("unpaired" in record.getMessage() for record in caplog.records)


def test_not_a_doc_is_a_type_error():
    with pytest.raises(TypeError, match="spaCy Doc"):
        extract_claims("Der Minister sagte etwas.")  # type: ignore[arg-type]


# --- more roles and cue forms ---------------------------------------------------------------


def test_addressee_after_gegenueber(parse):
    text = "Der Sprecher sagte gegenüber der Zeitung, die Verhandlungen gingen weiter."
    claim = only(claims_of(parse, text))
    assert claim.addressee is not None and claim.addressee.text == "der Zeitung"


def test_cue_keeps_its_auxiliary(parse):
    text = "Die Ministerin hatte am Montag angekündigt, dass die Schulen geöffnet bleiben."
    claim = only(claims_of(parse, text))
    assert claim.cue is not None and claim.cue.parts
    assert claim.cue.text.startswith("hatte") and claim.cue.text.endswith("angekündigt")


def test_apposition_belongs_to_the_source(parse):
    text = "John Miller, ein Sprecher der Reederei, sagte, das Schiff sei sicher."
    claim = only(claims_of(parse, text))
    assert claim.source is not None
    assert claim.source.text == "John Miller, ein Sprecher der Reederei"


def test_postposed_nach_with_a_possessive(parse):
    text = "Die Reform sei seiner Meinung nach längst überfällig."
    claim = only(claims_of(parse, text))
    assert claim.mode == "according_to"
    assert claim.source is not None and claim.source.text == "seiner Meinung"


def test_demnach_is_cue_and_source_at_once(parse):
    text = (
        "Die Polizei teilte mit, der Fahrer sei leicht verletzt worden. "
        "Demnach war der Wagen von der Straße abgekommen."
    )
    claim = claims_of(parse, text)[-1]
    assert claim.cue is not None and claim.cue.text == "Demnach"
    assert claim.source is not None and claim.source.text == "Demnach"
    assert claim.source.resolved == "Die Polizei"


def test_adjectival_participle_and_passive_are_not_cues(parse):
    text = "Die sogenannten Hybride sind selten. Der Termin ist für Mai geplant."
    claims = claims_of(parse, text)
    assert [c.mode for c in claims] == ["assertion", "assertion"]


def test_verb_first_conditional_is_not_a_konjunktiv_continuation(parse):
    text = (
        "Der Minister sagte, die Reform komme im Herbst. "
        "Sollte das nicht gelingen, wird die Partei einen neuen Entwurf vorlegen."
    )
    claims = claims_of(parse, text)
    assert claims[-1].mode == "assertion" and claims[-1].source is None


def test_heisst_es_names_the_document(parse):
    text = "In dem Bericht heißt es, die Firma habe im Sommer Verluste gemacht."
    claim = only(claims_of(parse, text))
    assert claim.mode == "indirect"
    assert claim.cue is not None and "heißt" in claim.cue.text and "es" in claim.cue.text
    assert claim.source is not None and claim.source.text == "dem Bericht"
    assert claim.source.kind == "document"


def test_fordern_with_victims_is_not_a_speech_act(parse):
    claims = claims_of(parse, "Die Überschwemmungen forderten mindestens 35 Todesopfer.")
    assert [(c.mode, c.source) for c in claims] == [("assertion", None)]


def test_apposition_after_an_inverted_subject(parse):
    text = "„Wir bleiben hier“, sagte Ursula Castrup, die Leiterin der Fachstelle."
    claim = only(claims_of(parse, text))
    assert claim.mode == "direct"
    assert claim.source is not None
    assert claim.source.text == "Ursula Castrup, die Leiterin der Fachstelle"


WORDS = [
    "Der",
    "Minister",
    "sagte",
    "laut",
    "Polizei",
    "sei",
    "habe",
    "nach",
    "Angaben",
    "zufolge",
    "so",
    "dass",
    "er",
    "sie",
    "soll",
    "offenbar",
    "Reuters",
    "unter",
    "Berufung",
    "auf",
    "wies",
    "zurück",
]
PUNCTUATION = [",", ".", ":", "?", "„", "“", "»", "«", '"', "‚", "‘", "\n\n", "–", "(", ")"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(WORDS + PUNCTUATION), max_size=60))
def test_any_mix_of_cue_words_and_marks_never_raises(parse, pieces):
    claims_of(parse, " ".join(pieces))  # checks offsets of every claim


def test_cue_in_konjunktiv_carries_the_attribution_on(parse):
    text = (
        "Der Minister sagte, die Reform komme. "
        "Er gehe davon aus, dass sie im Herbst beschlossen werde."
    )
    claim = claims_of(parse, text)[-1]
    assert claim.mode == "konjunktiv" and claim.inherited
    assert claim.text.startswith("Er gehe davon aus")
    assert claim.source is not None and claim.source.text == "Der Minister"


# --- attribution details (Wikinews error analysis on train) ----------------------------------


def test_speakerless_verb_frame_gives_way_to_nach_angaben(parse):
    text = "Das Unwetter hat nach Polizeiangaben drei Todesopfer gefordert."
    claim = only(claims_of(parse, text))
    assert claim.mode == "according_to"
    assert claim.source is not None and claim.source.text == "Polizeiangaben"


def test_compound_according_noun(parse):
    claim = only(claims_of(parse, "Nach Expertenmeinung ist die Gefahr einer Pandemie gering."))
    assert claim.mode == "according_to"
    assert claim.source is not None and claim.source.text == "Expertenmeinung"


def test_zufolge_phrase_keeps_adjectives_and_attributes(parse):
    claim = only(claims_of(parse, "Ersten Angaben vom Mittwoch zufolge starben drei Menschen."))
    assert claim.source is not None and claim.source.text == "Ersten Angaben vom Mittwoch"
    assert claim.cue is not None and claim.cue.text == "zufolge"


def test_source_phrase_stops_before_a_counted_phrase_and_keeps_brackets(parse):
    from quellenlage.claims.german.speakers import noun_phrase

    doc = parse("laut Behördenangaben 7.000 Menschen")
    assert noun_phrase(doc[1], (1, len(doc))).text == "Behördenangaben"
    doc = parse("nach Angaben des Bundeskriminalamtes (BKA) in Wiesbaden")
    assert noun_phrase(doc[1], (1, len(doc))).text == "Angaben des Bundeskriminalamtes (BKA)"


def test_cue_takes_the_correlate_adverb(parse):
    text = "Der Kommissar verweist jedoch darauf, dass die Kommission nicht zuständig sei."
    claim = only(claims_of(parse, text))
    assert claim.cue is not None and claim.cue.text == "verweist … darauf"


def test_finite_cue_takes_no_auxiliary_of_another_clause(parse):
    text = "In dem Bericht, der am Montag veröffentlicht wurde, heißt es, die Lage sei ernst."
    claim = only(claims_of(parse, text))
    assert claim.cue is not None and claim.cue.text == "heißt es"


def test_wie_after_a_comma_joins_the_cue(parse):
    claim = only(claims_of(parse, "Die Lage ist ernst, wie der Sprecher der Feuerwehr mitteilte."))
    assert claim.cue is not None and claim.cue.text == "wie … mitteilte"


def test_perfect_frame_reaches_over_an_apposition_to_its_auxiliary(parse):
    text = (
        "Erst vor zwei Tagen hatte der Investor für den Neubau, Larry Silverstein, zugesagt, "
        "dass der Bau im Herbst beginnt."
    )
    claim = only(claims_of(parse, text))
    assert claim.text == "dass der Bau im Herbst beginnt"
    assert claim.source is not None and claim.source.text.startswith("der Investor")
    assert claim.cue is not None and claim.cue.text == "hatte … zugesagt"


def test_berichten_von_is_reported_for_any_subject(parse):
    claim = only(claims_of(parse, "Ohrenzeugen berichteten von einem lauten Knall."))
    assert claim.mode == "reported"
    assert claim.source is not None and claim.source.text == "Ohrenzeugen"


def test_past_intentions_are_not_reported(parse):
    text = "Die Flugbegleiter wollten den Mann beruhigen."
    assert not [c for c in claims_of(parse, text) if c.mode == "reported"], text


def test_confirming_a_noun_phrase_is_a_reported_speech_act(parse):
    # issue 11: "bestätigte die Lieferung von 40 Panzern" says that the deliveries happened
    text = "Der zuständige Feuerwehrchef bestätigte den Vorfall am Sonntag."
    claim = only([c for c in claims_of(parse, text) if c.mode == "reported"])
    assert claim.text.startswith("den Vorfall")
    assert claim.source is not None and claim.source.text == "Der zuständige Feuerwehrchef"


def test_the_verbs_von_object_is_not_part_of_the_source(parse):
    text = "In einem Interview sprach die Kanzlerin von einer großen Koalition."
    claim = only(claims_of(parse, text))
    assert claim.mode == "reported"
    assert claim.source is not None and claim.source.text == "die Kanzlerin"


def test_nach_with_its_own_object_or_an_event_is_no_attribution(parse):
    for text in (
        "Die Gewerkschaft beharrt auf ihrer Forderung nach mehr Lohn.",
        "Nach der Auszählung aller Stimmen liegt die SPD vorn.",
    ):
        assert not [c for c in claims_of(parse, text) if c.mode == "according_to"], text


def test_naming_participle_is_no_cue(parse):
    for text in (
        "Das neue Profil, auch „Bonus View“ genannt, umfasst einen größeren Speicher.",
        "Das Objekt, genannt 2003 EL61, hat die Form einer Kartoffel.",
    ):
        assert all(c.mode == "assertion" for c in claims_of(parse, text)), text


def test_drohen_needs_someone_who_threatens(parse):
    text = "Dem Verein droht der Zwangsabstieg, falls das Unternehmen Insolvenz anmelden muss."
    assert all(c.mode == "assertion" for c in claims_of(parse, text))
    claim = only(claims_of(parse, "Der Minister droht, dass er zurücktreten werde."))
    assert claim.mode == "indirect"
    assert claim.source is not None and claim.source.text == "Der Minister"


def test_a_question_reports_nothing(parse):
    assert claims_of(parse, "Befürchten Sie drastische Einschnitte in die Grundrechte?") == []


def test_impersonal_passive_cue_with_a_complement_clause(parse):
    text = "Gestern war berichtet worden, dass die beiden Politiker gestritten hätten."
    claim = only(claims_of(parse, text))
    assert claim.mode == "indirect"
    assert claim.text == "dass die beiden Politiker gestritten hätten"
    assert claim.cue is not None and claim.cue.text == "war berichtet worden"
    assert all(c.mode == "assertion" for c in claims_of(parse, "Der Umzug ist für Mai geplant."))


def test_sentence_initial_wie_clause_attributes(parse):
    claim = only(claims_of(parse, "Wie die Zeitung berichtet, ist Brasilien betroffen."))
    assert claim.mode == "indirect"
    assert claim.text == "ist Brasilien betroffen"
    assert claim.source is not None and claim.source.text == "die Zeitung"
    assert claim.cue is not None and claim.cue.text == "Wie … berichtet"


def test_die_after_a_finite_cue_verb_is_an_article(parse):
    text = (
        "Ein Sprecher des Ministeriums erklärte, die betroffenen Tiere würden behandelt "
        "oder notgeschlachtet."
    )
    claim = only(claims_of(parse, text))
    assert claim.mode == "indirect"
    assert claim.text == "die betroffenen Tiere würden behandelt oder notgeschlachtet"


def test_so_with_a_bare_unknown_name(parse):
    claim = only(claims_of(parse, "„Der Bär ist zu einem Problembären geworden“, so Schnappauf."))
    assert claim.mode == "direct"
    assert claim.source is not None and claim.source.text == "Schnappauf"


def test_demnach_without_an_open_attribution_names_no_source(parse):
    # issue 11: nothing it stands for, so no source "Demnach"; the mention stays the cue
    text = "Die Zahl der Opfer ist gestiegen. Demnach hat der Sohn Selbstmord begangen."
    claim = only(claims_of(parse, text), "according_to")
    assert claim.source is None and claim.link == "connective"
    assert claim.cue is not None and claim.cue.text == "Demnach"


def test_laut_with_a_web_domain_or_an_extended_attribute(parse):
    claim = only(claims_of(parse, "Laut ndr.de blieben einige Demonstranten in der Halle."))
    assert claim.mode == "according_to"
    assert claim.source is not None and claim.source.text == "ndr.de"
    text = (
        "Laut einer am Dienstag veröffentlichten Pressemitteilung des WFP wurden zunächst "
        "2.000 Menschen versorgt."
    )
    claim = only(claims_of(parse, text))
    assert claim.source is not None
    assert claim.source.text == "einer am Dienstag veröffentlichten Pressemitteilung des WFP"


def test_role_word_endings_make_a_person_source(parse):
    text = "Am Abend gab der Bundeswahlleiter eine Wahlbeteiligung von 77,7 Prozent bekannt."
    claim = only(claims_of(parse, text))
    assert claim.mode == "reported"
    assert claim.source is not None and claim.source.text == "der Bundeswahlleiter"
    assert claim.source.kind == "person"
