"""The shipped English pipeline (quellenlage.nlp.english) and its fallback."""

from __future__ import annotations

import spacy

from quellenlage.nlp import load, model_path
from quellenlage.nlp.english import customize_english_tokenizer, english_pipeline


def test_shipped_english_pipeline_has_the_trained_components():
    nlp = load("en")
    for component in ("tagger", "morphologizer", "trainable_lemmatizer", "parser", "ner"):
        assert component in nlp.pipe_names
    assert nlp.meta["license"] == "CC BY-SA 4.0"


def test_english_model_is_small_enough_and_has_a_card():
    folder = model_path("en")
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    assert size <= 40 * 1024 * 1024
    card = (folder / "README.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in card and "EWT" in card


def test_parse_tags_and_sentences():
    doc = load("en")("The minister said the army had left the city. It is late.")
    said = doc[2]
    assert said.tag_ == "VBD" and said.pos_ == "VERB" and said.lemma_ == "say"
    assert doc[1].dep_ == "nsubj" and doc[1].head == said
    assert [s.text for s in doc.sents] == [
        "The minister said the army had left the city.",
        "It is late.",
    ]


def test_gazetteer_names_agencies_places_and_persons():
    doc = load("en")("Reuters reported that the Pentagon sent troops to Kyiv, John Miller said.")
    entities = {(e.text, e.label_) for e in doc.ents}
    assert ("Reuters", "ORG") in entities
    assert ("Pentagon", "ORG") in entities
    assert ("Kyiv", "LOC") in entities
    assert ("John Miller", "PER") in entities


def test_news_tokenizer_rules():
    nlp = customize_english_tokenizer(spacy.blank("en"))
    assert [t.text for t in nlp("He said:“We go.”")] == [
        "He",
        "said",
        ":",
        "“",
        "We",
        "go",
        ".",
        "”",
    ]
    assert [t.text for t in nlp("Lt. Col. Smith and Adm. Jones")][:3] == ["Lt.", "Col.", "Smith"]


def test_missing_model_falls_back_to_sentences(tmp_path, caplog):
    nlp = english_pipeline(tmp_path)
    assert "parser" not in nlp.pipe_names
    assert [s.text for s in nlp("One. Two three.").sents] == ["One.", "Two three."]
    assert "missing" in caplog.text
