"""Quantities in running text: several per sentence, shared units, context traps."""

from __future__ import annotations

from quellenlage.quantities import parse_quantities


def _summary(text: str, lang: str = "de") -> list[tuple[str, object, object, object]]:
    return [(q.text, q.value, q.unit, q.bound) for q in parse_quantities(text, lang=lang)]


def test_change_from_to_shares_the_unit() -> None:
    assert _summary("Die Quote stieg von 10 auf 20 Prozent.") == [
        ("10", 10, "Prozent", None),
        ("20 Prozent", 20, "Prozent", None),
    ]


def test_several_quantities_keep_their_own_qualifiers() -> None:
    text = "Mehr als 200 Menschen starben, rund 1.000 wurden verletzt und 3 Mrd. Euro fehlen."
    assert _summary(text) == [
        ("Mehr als 200 Menschen", 200, "Mensch", "more_than"),
        ("rund 1.000", 1000, None, None),
        ("3 Mrd. Euro", 3_000_000_000, "Euro", None),
    ]


def test_sentence_end_after_a_number_is_not_an_ordinal() -> None:
    assert _summary("Die Zahl der Toten stieg auf 15. Die Polizei ermittelt.") == [
        ("15", 15, None, None)
    ]


def test_dates_and_years_around_quantities_stay_out() -> None:
    text = "Am 8. Oktober 2024 um 15 Uhr kamen 2000 Menschen, 2023 waren es 1.500."
    assert _summary(text) == [("2000 Menschen", 2000, "Mensch", None), ("1.500", 1500, None, None)]


def test_english_sentence() -> None:
    text = "On October 23, officials said more than 13,000 containers and $3bn in aid arrived."
    assert _summary(text, "en") == [
        ("more than 13,000 containers", 13000, "container", "more_than"),
        ("$3bn", 3_000_000_000, "dollar", None),
    ]
