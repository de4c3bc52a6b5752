from __future__ import annotations

import pytest
import spacy

from quellenlage.nlp.tokenizer import customize_tokenizer


@pytest.fixture(scope="module")
def tokenizer_nlp():
    return customize_tokenizer(spacy.blank("de"))


def words(nlp, text: str) -> list[str]:
    return [token.text for token in nlp.make_doc(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "„Wir sind bereit“, sagte er.",
            ["„", "Wir", "sind", "bereit", "“", ",", "sagte", "er", "."],
        ),
        ("Er sagte:„Nein.“", ["Er", "sagte", ":", "„", "Nein", ".", "“"]),
        ("»Ja«, so ‚sie‘.", ["»", "Ja", "«", ",", "so", "‚", "sie", "‘", "."]),
        ('Er rief "Halt".', ["Er", "rief", '"', "Halt", '"', "."]),
    ],
)
def test_german_quotes_are_split_off(tokenizer_nlp, text, expected):
    assert words(tokenizer_nlp, text) == expected


def test_dates_stay_whole_and_lose_a_final_period(tokenizer_nlp):
    assert words(tokenizer_nlp, "Am 13.10.2024 kamen sie.") == [
        "Am",
        "13.10.2024",
        "kamen",
        "sie",
        ".",
    ]
    assert words(tokenizer_nlp, "Das war am 13.10.2024.") == ["Das", "war", "am", "13.10.2024", "."]
    assert words(tokenizer_nlp, "Seit dem Jahr 2024.")[-2:] == ["2024", "."]


def test_glued_ordinal_is_split_from_month(tokenizer_nlp):
    assert words(tokenizer_nlp, "am 3.Oktober") == ["am", "3.", "Oktober"]


def test_german_numbers_stay_whole(tokenizer_nlp):
    assert words(tokenizer_nlp, "1.500 Soldaten und 1,2 Millionen") == [
        "1.500",
        "Soldaten",
        "und",
        "1,2",
        "Millionen",
    ]


@pytest.mark.parametrize(
    "abbreviation", ["z.B.", "bzw.", "Dr.", "rd.", "Art.", "Mio.", "Okt.", "lt."]
)
def test_abbreviations_keep_their_period(tokenizer_nlp, abbreviation):
    assert words(tokenizer_nlp, f"vor {abbreviation} danach") == ["vor", abbreviation, "danach"]


def test_other_languages_are_refused():
    with pytest.raises(ValueError, match="'en'"):
        customize_tokenizer(spacy.blank("en"))


def test_shipped_pipeline_uses_the_rules(nlp_de):
    assert words(nlp_de, "Er sagte:„Nein.“") == ["Er", "sagte", ":", "„", "Nein", ".", "“"]
