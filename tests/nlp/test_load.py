from __future__ import annotations

import pytest

from quellenlage import nlp as nlp_package
from quellenlage.nlp import ModelNotFoundError, UnsupportedLanguageError, load, model_path


def test_load_returns_the_full_german_pipeline(nlp_de):
    for component in ("tagger", "morphologizer", "trainable_lemmatizer", "parser", "ner"):
        assert component in nlp_de.pipe_names
    # quellenlage's analysis components follow the language model, in the order data flows
    analysis = ["times", "quantities", "attribution", "claim_context"]
    assert nlp_de.pipe_names[-5:] == ["konjunktiv", *analysis]
    assert nlp_de.lang == "de"


def test_load_is_cached(nlp_de):
    assert load("de") is nlp_de


def test_unsupported_language_names_the_language():
    with pytest.raises(UnsupportedLanguageError, match="'xx'"):
        load("xx")


def test_missing_model_names_path_and_make_target(tmp_path, monkeypatch):
    monkeypatch.setattr(nlp_package, "MODELS_DIR", tmp_path)
    load.cache_clear()
    try:
        with pytest.raises(ModelNotFoundError, match="make model") as raised:
            load("de")
        assert str(tmp_path / "de") in str(raised.value)
    finally:
        monkeypatch.undo()
        load.cache_clear()


def test_shipped_model_is_small_enough():
    size = sum(f.stat().st_size for f in model_path("de").rglob("*") if f.is_file())
    assert size <= 40 * 1024 * 1024


def test_english_is_a_rule_pipeline_with_sentences_and_line_breaks_kept():
    nlp = load("en")
    doc = nlp("Troops in Kursk\n\nMore than 10,000 soldiers are in Russia, he said. It is late.")
    assert doc.lang_ == "en"
    assert [s.text for s in doc.sents][-1] == "It is late."


def test_english_names_are_phrase_patterns_with_the_same_entities():
    from quellenlage.nlp.english import english_pipeline

    loaded, saved = load("en"), english_pipeline()  # saved: the token patterns as stored
    if "gazetteer_anchors" not in saved.pipe_names:
        pytest.skip("the English pipeline is not built")
    patterns = loaded.get_pipe("gazetteer_anchors").patterns
    assert any(isinstance(p["pattern"], str) for p in patterns)
    assert not any(
        isinstance(p["pattern"], str) for p in saved.get_pipe("gazetteer_anchors").patterns
    )
    text = "Reuters and the Pentagon said on Monday that John Miller flew from Kyiv to Washington."
    assert [(e.text, e.label_) for e in loaded(text).ents] == [
        (e.text, e.label_) for e in saved(text).ents
    ]
