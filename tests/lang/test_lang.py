"""Language data as files: one loader, one registry of languages, well-formed lists."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import quellenlage
from quellenlage import lang
from quellenlage.records import ANALYSABLE_LANGUAGES

PACKAGE = Path(quellenlage.__file__).resolve().parent


def test_the_analysed_languages_come_from_the_records_contract():
    assert set(lang.LANGUAGES) == ANALYSABLE_LANGUAGES
    assert list(lang.LANGUAGES) == sorted(lang.LANGUAGES)


def test_lists_load_with_their_types():
    german = lang.load("de")
    assert german.mapping("months")["jänner"] == german.mapping("months")["januar"] == 1
    assert "dpa" in german.words("agencies")
    assert german.decimals("fractions")["hälfte"] == Decimal("0.5")
    assert german.pairs("quantity_qualifiers")[("mehr", "als")] == ("more_than", False)
    # ordered lists keep the file's order (suffixes are tried in it)
    assert german.ordered("source_suffixes")[0] == "minister"
    assert lang.load("de") is german  # one object per language


def test_per_language_covers_every_analysed_language():
    weekdays = lang.per_language("weekdays", "mapping")
    assert set(weekdays) == set(lang.LANGUAGES)
    assert weekdays["de"]["montag"] == weekdays["en"]["monday"] == 0


def test_unknown_language_and_missing_list_are_named():
    with pytest.raises(lang.LanguageDataError, match="'fr'"):
        lang.load("fr")
    with pytest.raises(lang.LanguageDataError, match="no word list 'nothing' for language 'de'"):
        lang.load("de").words("nothing")


@pytest.mark.parametrize(
    "path", sorted((PACKAGE / "lang").glob("*/*.txt")), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_text_lists_have_one_clean_entry_a_line(path):
    entries = [line for line in path.read_text(encoding="utf-8").split("\n") if line]
    words = [e for e in entries if not e.startswith("# ")]
    assert words, "empty list"
    assert len(words) == len(set(words)), "repeated entries"
    assert all(w == w.strip() or w.strip() == "" for w in words), "stray whitespace"


@pytest.mark.parametrize(
    "path", sorted((PACKAGE / "lang").glob("*/*.json")), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_json_lists_parse(path):
    assert json.loads(path.read_text(encoding="utf-8")) is not None


def test_month_names_exist_once_as_data_not_in_the_analysis_code():
    modules = [PACKAGE / "pipeline.py"]
    for stage in ("claims", "quantities", "times", "nlp", "lang"):
        modules += (PACKAGE / stage).rglob("*.py")
    assert [m.name for m in modules if '"januar"' in m.read_text(encoding="utf-8")] == []
