"""Sentences, lemmas, syntax and entities of the shipped pipeline on sentences written for it."""

from __future__ import annotations

import pytest


def test_sentences_are_split_at_periods_but_not_at_abbreviations_or_dates(nlp_de):
    doc = nlp_de(
        "Die Nato bestätigte den Bericht am 13.10.2024 in Brüssel. "
        "Laut Dr. Müller seien z.B. 1.500 Soldaten betroffen. "
        "Weitere Angaben machte sie nicht."
    )
    sentences = [sentence.text for sentence in doc.sents]
    assert sentences == [
        "Die Nato bestätigte den Bericht am 13.10.2024 in Brüssel.",
        "Laut Dr. Müller seien z.B. 1.500 Soldaten betroffen.",
        "Weitere Angaben machte sie nicht.",
    ]


@pytest.mark.parametrize(
    ("sentence", "word", "lemma"),
    [
        ("Die Soldaten erklärten ihre Bereitschaft.", "erklärten", "erklären"),
        ("Die Soldaten erklärten ihre Bereitschaft.", "Soldaten", "Soldat"),
        ("Die Regierung hat neue Waffen geliefert.", "Waffen", "Waffe"),
        ("Die Regierung hat neue Waffen geliefert.", "hat", "haben"),
        ("Die Männer waren in der Stadt.", "waren", "sein"),
        ("Die Männer waren in der Stadt.", "der", "der"),
    ],
)
def test_lemmas(nlp_de, sentence, word, lemma):
    token = next(t for t in nlp_de(sentence) if t.text == word)
    assert token.lemma_ == lemma


def test_subject_of_a_reporting_verb(nlp_de):
    doc = nlp_de("Die Minister erklärten am Mittwoch, es gebe keine Beweise.")
    verb = next(t for t in doc if t.text == "erklärten")
    subjects = [child.text for child in verb.children if child.dep_ == "nsubj"]
    assert subjects == ["Minister"]
    assert verb.pos_ == "VERB"
    assert verb.tag_ == "VVFIN"


def test_morphology_of_a_finite_verb(nlp_de):
    verb = next(t for t in nlp_de("Der Sprecher sagte das gestern.") if t.text == "sagte")
    assert verb.morph.get("Tense") == ["Past"]
    assert verb.morph.get("Person") == ["3"]
    assert verb.morph.get("Mood") == ["Ind"]


@pytest.mark.parametrize(
    ("sentence", "entity", "label"),
    [
        ("Die Nato erklärte am Mittwoch ihre Haltung.", "Nato", "ORG"),
        ("Die USA und Südkorea warnten vor einer Eskalation.", "USA", "LOC"),
        ("Das berichtete die Nachrichtenagentur Reuters am Abend.", "Reuters", "ORG"),
        ("Nordkoreas Machthaber Kim Jong Un ließ das Schiff auslaufen.", "Kim Jong Un", "PER"),
        ("Die Schiffe brachten die Männer nach Wladiwostok.", "Wladiwostok", "LOC"),
        ("Die Regierung in Pjöngjang schwieg dazu.", "Pjöngjang", "LOC"),
        ("Das meldete die Agentur dpa unter Berufung auf Diplomaten.", "dpa", "ORG"),
    ],
)
def test_entities(nlp_de, sentence, entity, label):
    entities = {(ent.text, ent.label_) for ent in nlp_de(sentence).ents}
    assert (entity, label) in entities


def test_statistical_ner_finds_unlisted_person(nlp_de):
    doc = nlp_de("Der Bürgermeister Hans Gruber sagte am Montag, die Straße bleibe gesperrt.")
    assert ("Hans Gruber", "PER") in {(ent.text, ent.label_) for ent in doc.ents}


def test_umlauts_and_german_quotes_survive_analysis(nlp_de):
    text = "„Die Überprüfung läuft“, sagte die Behörde in München."
    doc = nlp_de(text)
    assert doc.text == text
    assert ("München", "LOC") in {(ent.text, ent.label_) for ent in doc.ents}
