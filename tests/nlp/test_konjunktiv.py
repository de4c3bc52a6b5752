from __future__ import annotations

import pytest

from quellenlage.nlp.konjunktiv import SLOTS, VerbLexicon, classify_form, paradigm

THIRD_SINGULAR = [SLOTS[("3", "Sing")]]
THIRD_PLURAL = [SLOTS[("3", "Plur")]]
FIRST_SINGULAR = [SLOTS[("1", "Sing")]]


@pytest.mark.parametrize(
    ("form", "lemma", "slots", "expected"),
    [
        ("gebe", "geben", THIRD_SINGULAR, "I"),
        ("habe", "haben", THIRD_SINGULAR, "I"),
        ("seien", "sein", THIRD_PLURAL, "I"),
        ("befinde", "befinden", THIRD_SINGULAR, "I"),
        ("verfüge", "verfügen", THIRD_SINGULAR, "I"),
        ("hätten", "haben", THIRD_PLURAL, "II"),
        ("würde", "werden", THIRD_SINGULAR, "II"),
        ("entspräche", "entsprechen", THIRD_SINGULAR, "II"),
        ("Wäre", "sein", THIRD_SINGULAR, "II"),
        ("gibt", "geben", THIRD_SINGULAR, "Ind"),
        ("erklärte", "erklären", THIRD_SINGULAR, "ambiguous"),
        ("haben", "haben", THIRD_PLURAL, "ambiguous"),
        ("gebe", "geben", FIRST_SINGULAR, "ambiguous"),
        ("gebe", "nehmen", THIRD_SINGULAR, None),
        ("halte", "halten", FIRST_SINGULAR, "ambiguous"),
    ],
)
def test_classify_form(form, lemma, slots, expected):
    assert classify_form(form, lemma, slots) == expected


def test_paradigm_of_a_separable_verb_has_main_and_subordinate_clause_forms():
    table = paradigm("aufstehen")
    assert table is not None
    assert table.konjunktiv1[2] == {"stehe", "aufstehe"}
    assert classify_form("darstelle", "darstellen", THIRD_SINGULAR) == "I"


@pytest.mark.parametrize("not_a_verb", ["", "Haus", "12", "und"])
def test_paradigm_refuses_non_infinitives(not_a_verb):
    assert paradigm(not_a_verb) is None


def test_verb_lexicon_finds_infinitives_of_a_form():
    lexicon = VerbLexicon(["entsprechen", "geben", "sein", "finden"])
    assert lexicon.infinitives_of("entspräche") == ["entsprechen"]
    assert lexicon.infinitives_of("Seien") == ["sein"]
    assert lexicon.infinitives_of("Haus") == []
    assert lexicon.is_konjunktiv_only("fänden")
    assert not lexicon.is_konjunktiv_only("finden")
    assert not lexicon.is_konjunktiv_only("fanden")


def finite(doc, text: str):
    return next(token for token in doc if token.text == text)


@pytest.mark.parametrize(
    ("sentence", "verb", "expected"),
    [
        ("Die Soldaten seien bereits im Osten, hieß es.", "seien", "I"),
        ("Es gebe Hinweise auf weitere Lieferungen, sagte sie.", "gebe", "I"),
        ("Der Minister habe die Pläne gebilligt, berichtete die Zeitung.", "habe", "I"),
        ("Der Präsident befinde sich in einer guten Lage, sagte ein Sprecher.", "befinde", "I"),
        ("Das Land verfüge über genug Munition, erklärte der Dienst.", "verfüge", "I"),
        ("Die Truppen hätten die Grenze überquert, teilte das Ministerium mit.", "hätten", "II"),
        ("Bis Dezember würde die Zahl weiter steigen, sagte er.", "würde", "II"),
        ("Das entspräche der Hälfte der Vorräte, heißt es im Bericht.", "entspräche", "II"),
        ("Die Regierung erklärte am Mittwoch ihren Rücktritt.", "erklärte", None),
        ("Das Land verfügt über genug Munition.", "verfügt", None),
        ("Er gibt keine Auskunft.", "gibt", None),
        ("Ich habe keine Zeit.", "habe", None),
        ("Am Montag werde der Aufsichtsrat entscheiden.", "werde", "I"),
    ],
)
def test_pipeline_marks_konjunktiv(nlp_de, sentence, verb, expected):
    token = finite(nlp_de(sentence), verb)
    assert token._.konjunktiv == expected
    assert ("Sub" in token.morph.get("Mood")) == (expected is not None)


def test_non_verbs_get_no_konjunktiv(nlp_de):
    doc = nlp_de("Die Gabe des Hauses war groß.")
    assert all(token._.konjunktiv is None for token in doc)
