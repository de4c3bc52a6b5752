"""Disagreements: values that cannot both be true, and facts dated differently."""

from __future__ import annotations

from quellenlage.records import Quantity
from quellenlage.tracking import track
from quellenlage.tracking.observations import value_interval
from tests.tracking.story import hur, pentagon, seed, story


def test_ten_thousand_against_twelve_thousand_on_the_same_day_is_flagged():
    tracking = track(story())
    values = [d for d in tracking.disagreements if d.kind == "value"]
    assert len(values) == 1
    assert "rund 10.000 Soldaten" in values[0].reason
    assert "12.000 nordkoreanische Soldaten" in values[0].reason
    figure = next(f for f in tracking.figures if f.key == values[0].figure)
    assert tracking.disputed(figure) == values


def test_values_at_different_times_do_not_disagree():
    tracking = track([seed(), hur()])  # 3.000 on 24 Oct, 12.000 on 29 Oct
    assert [d for d in tracking.disagreements if d.kind == "value"] == []


def test_treaty_dated_2023_and_2024_is_a_date_disagreement():
    dates = [d for d in track(story()).disagreements if d.kind == "date"]
    assert len(dates) == 1
    assert "Juni 2023" in dates[0].reason and "Juni 2024" in dates[0].reason


def test_the_same_date_twice_is_no_disagreement():
    doc, claims = pentagon()
    other = (doc.__class__(**{**_fields(doc), "content_hash": "f" * 64, "origin": "x"}), claims)
    assert [d for d in track([pentagon(), other]).disagreements if d.kind == "date"] == []


def _fields(doc):
    return {name: getattr(doc, name) for name in doc.__slots__}


def test_bounds_and_approximation_widen_the_allowed_values():
    assert value_interval(Quantity("rund 10.000", (0, 1), 10000, approx=True)) == (9000, 11000)
    low, high = value_interval(Quantity("mehr als 3.000", (0, 1), 3000, bound="more_than"))
    assert low == 3000 and high == float("inf")
    assert value_interval(Quantity("bis zu 500", (0, 1), 500, bound="at_most")) == (0, 500)
    assert value_interval(Quantity("2-3", (0, 1), 2, bound="range", low=2, high=3)) == (2, 3)
    assert value_interval(Quantity("Tausende", (0, 1), 1000, vague=True))[1] == float("inf")


def _treaty_report(text, published, doc_id, outlet, language="de"):
    from dataclasses import replace as _replace

    from quellenlage.records import Field
    from tests.tracking.builders import claim, document, time

    doc = _replace(
        document(text, outlet=outlet, published=published, doc_id=doc_id),
        language=Field(language, "user"),
    )
    month = "2024-06" if "Juni" in text or "June" in text else "2024-11"
    piece = next(p for p in ("im Juni 2024", "im November 2024", "in June 2024") if p in text)
    expr = time(text, piece, month, granularity="month")
    return doc, [claim(text, text.split("\n")[1][:-1], times=(expr,))]


def test_signing_and_ratification_of_one_treaty_are_no_date_disagreement():
    signed = "Meldung\nRussland und Nordkorea unterzeichneten im Juni 2024 einen Vertrag.\n"
    ratified = "Meldung\nRussland hat den Vertrag mit Nordkorea im November 2024 ratifiziert.\n"
    tracking = track(
        [
            _treaty_report(signed, "2024-06-20", 1, "Blatt"),
            _treaty_report(ratified, "2024-11-10", 2, "Zeitung"),
        ]
    )
    assert [d for d in tracking.disagreements if d.kind == "date"] == []


def test_two_signing_dates_across_languages_still_disagree():
    german = "Meldung\nRussland und Nordkorea unterzeichneten im November 2024 einen Vertrag.\n"
    english = "Meldung\nRussia and North Korea signed a treaty in June 2024.\n"
    tracking = track(
        [
            _treaty_report(german, "2024-11-20", 1, "Blatt"),
            _treaty_report(english, "2024-11-21", 2, "Wire", language="en"),
        ]
    )
    (date,) = [d for d in tracking.disagreements if d.kind == "date"]
    assert "treaty signed" in date.reason
