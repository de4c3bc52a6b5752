from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from quellenlage.nlp.gazetteer import (
    GazetteerFiller,
    build_patterns,
    country_names,
    first_names,
    trim_entities,
)


@pytest.fixture(scope="module")
def blank_de():
    return spacy.blank("de")


@pytest.fixture(scope="module")
def patterns(blank_de):
    return build_patterns(blank_de.tokenizer, common_words={"Essen", "Halle"})


def phrase(entry: dict) -> str:
    return " ".join(token["ORTH"] for token in entry["pattern"])


def test_countries_come_in_german():
    names = country_names()
    assert {"Nordkorea", "Südkorea", "Russland", "Ukraine", "Vereinigte Staaten"} <= names
    assert "Welt" not in names


def test_curated_names_are_anchors_and_organisations_win(patterns):
    names = [p for p in patterns.anchors if isinstance(p["pattern"][0]["ORTH"], str)]
    anchors = {phrase(p): p["label"] for p in names}
    assert anchors["Nato"] == "ORG"
    assert anchors["Reuters"] == "ORG"
    assert anchors["AP"] == "ORG"
    assert anchors["Kim Jong Un"] == "PER"
    assert anchors["USA"] == "LOC"


def test_generated_places_skip_common_words(patterns):
    places = {phrase(p) for p in patterns.places}
    assert {"Wladiwostok", "Pjöngjang", "Moskau", "München"} <= places
    assert "Essen" not in places
    assert "Halle" not in places
    assert "Nato" not in places  # curated names are anchors only


def test_first_names_include_census_german_and_extra_names():
    names = first_names(["Seong-kweun"])
    assert {"James", "Wolfgang", "Jürgen", "Seong-kweun"} <= names


def test_person_pattern_tags_first_name_and_surname(blank_de, patterns):
    nlp = spacy.blank("de")
    nlp.add_pipe("entity_ruler").add_patterns(patterns.anchors)
    doc = nlp("Gestern sagte Wolfgang Schmidt, das Essen sei kalt.")
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("Wolfgang Schmidt", "PER")]


def test_filler_marks_longest_free_match_only(blank_de):
    filler = GazetteerFiller(blank_de.vocab)
    filler.add_patterns(
        [
            {"label": "LOC", "pattern": [{"ORTH": "York"}]},
            {"label": "LOC", "pattern": [{"ORTH": "New"}, {"ORTH": "York"}]},
            {"label": "LOC", "pattern": [{"ORTH": "Rostock"}]},
        ]
    )
    doc = Doc(blank_de.vocab, words=["Von", "New", "York", "nach", "Hansa", "Rostock", "."])
    doc.ents = [Span(doc, 4, 6, label="ORG")]  # "Hansa Rostock", set by the NER
    filler(doc)
    assert [(ent.text, ent.label_) for ent in doc.ents] == [
        ("New York", "LOC"),
        ("Hansa Rostock", "ORG"),
    ]


def test_filler_round_trips_through_disk(blank_de, tmp_path):
    filler = GazetteerFiller(blank_de.vocab)
    filler.add_patterns([{"label": "LOC", "pattern": [{"ORTH": "Wladiwostok"}]}])
    filler.to_disk(tmp_path)
    loaded = GazetteerFiller(blank_de.vocab).from_disk(tmp_path)
    doc = loaded(blank_de("Sie flogen nach Wladiwostok."))
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("Wladiwostok", "LOC")]


def test_trim_entities_cuts_line_breaks_off_edges(blank_de):
    doc = blank_de("Von Kim\n\nAudiobeitrag und „ Reuters")
    doc.ents = [Span(doc, 1, 3, label="PER"), Span(doc, 5, 7, label="ORG")]
    trim_entities(doc)
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("Kim", "PER"), ("Reuters", "ORG")]


def test_plain_token_patterns_become_phrase_patterns_with_the_same_matches():
    import spacy

    from quellenlage.nlp.gazetteer import use_phrase_patterns

    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("entity_ruler", name="gazetteer_anchors")
    patterns = [
        {"label": "ORG", "pattern": [{"ORTH": "Amnesty"}, {"ORTH": "International"}]},
        {"label": "ORG", "pattern": [{"ORTH": "UN"}]},
        # saved tokens that the tokenizer would not produce from their text stay token patterns
        {"label": "LOC", "pattern": [{"ORTH": "Den Haag"}]},
        {"label": "PER", "pattern": [{"ORTH": {"IN": ["Hans"]}}, {"IS_TITLE": True}]},
    ]
    ruler.add_patterns(patterns)
    text = "Amnesty International und die UN zitieren Hans Gruber."
    before = [(e.text, e.label_) for e in nlp(text).ents]
    use_phrase_patterns(nlp)
    kinds = [isinstance(p["pattern"], str) for p in ruler.patterns]
    assert sorted(kinds) == [False, False, True, True]
    assert [(e.text, e.label_) for e in nlp(text).ents] == before
    assert ("Amnesty International", "ORG") in before and ("Hans Gruber", "PER") in before
