"""parse_times and resolve: dates, partial forms, re-resolution and bad input."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quellenlage.times import parse_times, resolve
from quellenlage.times.lexicon import DE_MONTHS, EN_MONTHS

GERMAN_MONTH_NAMES = {number: name.capitalize() for name, number in DE_MONTHS.items()}
ENGLISH_MONTH_NAMES = {number: name.capitalize() for name, number in EN_MONTHS.items()}
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


@settings(max_examples=150, deadline=None)
@given(date=dates, style=st.sampled_from(["de_long", "de_numeric", "en_long", "en_day_first"]))
def test_any_written_date_reads_back(date: dt.date, style: str) -> None:
    if style == "de_long":
        text, lang = f"am {date.day}. {GERMAN_MONTH_NAMES[date.month]} {date.year}", "de"
    elif style == "de_numeric":
        text, lang = f"am {date.day:02d}.{date.month:02d}.{date.year}", "de"
    elif style == "en_long":
        text, lang = f"on {ENGLISH_MONTH_NAMES[date.month]} {date.day}, {date.year}", "en"
    else:
        text, lang = f"on {date.day} {ENGLISH_MONTH_NAMES[date.month]} {date.year}", "en"
    (expr,) = parse_times(text, lang=lang)
    assert expr.start == expr.end == date.isoformat()
    assert (expr.granularity, expr.relative, expr.resolved) == ("day", False, True)


@settings(max_examples=100, deadline=None)
@given(published=dates)
def test_weekday_is_the_most_recent_on_or_before(published: dt.date) -> None:
    (expr,) = parse_times("Das erklärte er am Mittwoch.", published=published)
    day = dt.date.fromisoformat(expr.start)
    assert day.weekday() == 2
    assert 0 <= (published - day).days < 7


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200), lang=st.sampled_from(["de", "en"]))
def test_any_text_parses_without_error(text: str, lang: str) -> None:
    for expr in parse_times(text, lang=lang, published="2024-10-24"):
        assert text[expr.span[0] : expr.span[1]] == expr.text


def test_unknown_date_keeps_parts_and_resolves_later() -> None:
    (expr,) = parse_times("seit August letzten Jahres", lang="de")
    assert (expr.start, expr.end, expr.resolved, expr.relation) == ("-1-08", None, False, "since")
    assert expr.parts["month"] == 8 and expr.parts["year_offset"] == -1
    (later,) = resolve([expr], dt.date(2024, 10, 24))
    assert (later.start, later.end, later.resolved) == ("2023-08", None, True)
    (again,) = resolve([later], "2030-01-15")
    assert again.start == "2029-08"


def test_resolve_leaves_absolute_times_alone() -> None:
    times = parse_times("im Juni 2023 und am Mittwoch", lang="de")
    absolute, weekday = resolve(times, "2024-10-24")
    assert absolute == times[0]
    assert weekday.start == "2024-10-23"


def test_offset_shifts_spans() -> None:
    (expr,) = parse_times("am Mittwoch", offset=50)
    assert expr.span == (50, 61)


def test_datetime_and_string_dates_are_accepted() -> None:
    by_string = parse_times("gestern", published="2024-10-24T09:00:00")
    by_datetime = parse_times("gestern", published=dt.datetime(2024, 10, 24, 9))
    assert by_string[0].start == by_datetime[0].start == "2024-10-23"


def test_bad_input_names_the_problem() -> None:
    with pytest.raises(ValueError, match=re.escape("'24.10.2024' is not an ISO date")):
        parse_times("gestern", published="24.10.2024")
    with pytest.raises(ValueError, match="unsupported language 'xx'"):
        parse_times("gestern", lang="xx")
    with pytest.raises(TypeError, match="text must be str"):
        parse_times(b"gestern")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="publication date is needed"):
        resolve([], None)  # type: ignore[arg-type]


def test_dates_beyond_the_calendar_stay_unresolved() -> None:
    (tomorrow,) = parse_times("morgen", published="9999-12-31")
    assert (tomorrow.start, tomorrow.resolved) == (None, False)
    assert parse_times("in 99999999999999999999 Wochen", published="2024-10-24") == []
    assert parse_times("am 31.02.2024") == []  # no such day
    assert parse_times("am 29.02.2023") == []
    assert parse_times("am 29.02.2024")[0].start == "2024-02-29"
