"""Lemmas of counted nouns."""

from __future__ import annotations

import pytest

from quellenlage.quantities.lemma import english_noun_lemma, german_noun_lemma


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("Soldaten", "Soldat"),
        ("Elitesoldaten", "Elitesoldat"),
        ("Schiffscontainer", "Schiffscontainer"),
        ("Artilleriegeschosse", "Artilleriegeschoss"),
        ("Mann", "Mann"),
        ("Menschen", "Mensch"),
        ("Dolmetschern", "Dolmetscher"),
        ("Raketen", "Rakete"),
        ("Panzerabwehr-Raketen", "Panzerabwehr-Rakete"),
        ("Passagieren", "Passagier"),
        ("Kindern", "Kind"),
        ("Journalistinnen", "Journalistin"),
        ("Wohnungen", "Wohnung"),
        ("Trinkwasseranschlüsse", "Trinkwasseranschluss"),
        ("Krankenhäuser", "Krankenhaus"),
        ("Mädchen", "Mädchen"),
        ("Tote", "Tote"),
        ("Jahre", "Jahr"),
    ],
)
def test_german(word: str, lemma: str) -> None:
    assert german_noun_lemma(word) == lemma


def test_german_singular_is_kept() -> None:
    assert german_noun_lemma("Stimme", plural=False) == "Stimme"


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("containers", "container"),
        ("soldiers", "soldier"),
        ("countries", "country"),
        ("churches", "church"),
        ("men", "man"),
        ("people", "people"),
        ("crisis", "crisis"),
    ],
)
def test_english(word: str, lemma: str) -> None:
    assert english_noun_lemma(word) == lemma
