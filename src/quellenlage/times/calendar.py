"""Turning the parts of a time expression into ISO strings, given a publication date.

A *point* is a dict of integer parts: ``year``, ``year_offset``, ``month``, ``day``,
``weekday`` (0 = Monday), ``day_offset``, ``week_offset``, ``month_offset``, ``season``
(1 spring … 4 winter), ``quarter``, ``decade`` (199 for the 1990s), ``weekend`` and
``direction`` (-2 strictly before, -1 on or before, 0 nearest, 1 on or after, 2 strictly
after the publication date). Without a publication date, relative points render as partial
forms ("--10-08", "-1-08", "--12") or ``None``.
"""

from __future__ import annotations

import calendar
import datetime as dt

from quellenlage.records import Granularity

Point = dict[str, int]

_FAR_DAYS = 240
_NEAR_DAYS = 62
_SEASON_MONTHS = {1: (3, 5), 2: (6, 8), 3: (9, 11), 4: (12, 2)}


def granularity(point: Point) -> Granularity:
    if "decade" in point:
        return "decade"
    if "season" in point:
        return "season"
    if "quarter" in point:
        return "quarter"
    if "half" in point:
        return "half"
    if "easter_offset" in point:
        return "day"
    if "week_offset" in point:
        return "week"
    if "day" in point or "weekday" in point or "day_offset" in point:
        return "day"
    if "month" in point or "month_offset" in point:
        return "month"
    if "year" in point or "year_offset" in point:
        return "year"
    return "unknown"


def is_relative(point: Point) -> bool:
    return "year" not in point and "decade" not in point


def render(point: Point, published: dt.date | None) -> tuple[str | None, str | None, bool]:
    """``(start, end, resolved)`` of one point as ISO strings at its granularity."""
    if published is None and is_relative(point):
        partial = _partial(point)
        return partial, partial, False
    try:
        return _render(point, published)
    except (OverflowError, ValueError):
        return None, None, False  # outside the calendar datetime supports (year 1 to 9999)


def _render(point: Point, published: dt.date | None) -> tuple[str | None, str | None, bool]:
    if "decade" in point:
        return f"{point['decade']}0", f"{point['decade']}9", True
    if "day_offset" in point:
        assert published is not None
        day = published + dt.timedelta(days=point["day_offset"])
        return day.isoformat(), day.isoformat(), True
    if "week_offset" in point:
        assert published is not None
        year, week, _ = (published + dt.timedelta(weeks=point["week_offset"])).isocalendar()
        iso = f"{year}-W{week:02d}"
        return iso, iso, True
    if "month_offset" in point:
        assert published is not None
        index = published.year * 12 + published.month - 1 + point["month_offset"]
        iso = f"{index // 12:04d}-{index % 12 + 1:02d}"
        return iso, iso, True
    if "weekday" in point:
        assert published is not None
        day = _weekday(point, published)
        end = day + dt.timedelta(days=1) if point.get("weekend") else day
        if point.get("night"):  # "in der Nacht zu Dienstag": from the evening before
            day -= dt.timedelta(days=1)
        return day.isoformat(), end.isoformat(), True
    year = _year(point, published)
    return (*_extent_iso(point, year), True)


def _weekday(point: Point, published: dt.date) -> dt.date:
    target = point["weekday"]
    today = published.weekday()
    direction = point.get("direction", -1)
    if direction == 0:
        return published + dt.timedelta(days=target - today)
    if direction < 0:
        back = (today - target) % 7
        if direction == -2 and back == 0:
            back = 7
        return published - dt.timedelta(days=back)
    ahead = (target - today) % 7
    if direction == 2 and ahead == 0:
        ahead = 7
    return published + dt.timedelta(days=ahead)


def _year(point: Point, published: dt.date | None) -> int:
    if "year" in point:
        return point["year"]
    assert published is not None
    if "year_offset" in point:
        return published.year + point["year_offset"]
    direction = point.get("direction", 0)
    candidates = (published.year - 1, published.year, published.year + 1)
    extents = {year: _extent_dates(point, year) for year in candidates}
    if direction < 0:
        fitting = [y for y in candidates if _before(extents[y], published, direction == -2)]
        return max(fitting) if fitting else published.year - 1
    if direction > 0:
        fitting = [y for y in candidates if _after(extents[y], published, direction == 2)]
        return min(fitting) if fitting else published.year + 1

    def distance(year: int) -> int:
        first, last = extents[year]
        if first <= published <= last:
            return 0
        return min(abs((first - published).days), abs((last - published).days))

    # The publication year, unless the date is far from it and close across New Year
    # ("am 28. Dezember" in a report of 3 January).
    if distance(published.year) > _FAR_DAYS:
        for year in (published.year - 1, published.year + 1):
            if distance(year) < _NEAR_DAYS:
                return year
    return published.year


def _before(extent: tuple[dt.date, dt.date], published: dt.date, strictly: bool) -> bool:
    return extent[1] < published if strictly else extent[0] <= published


def _after(extent: tuple[dt.date, dt.date], published: dt.date, strictly: bool) -> bool:
    return extent[0] > published if strictly else extent[1] >= published


def _month_range(point: Point) -> tuple[int, int, int]:
    """First month, last month and year shift of the last month for a point."""
    if "season" in point:
        first, last = _SEASON_MONTHS[point["season"]]
        return first, last, 1 if last < first else 0
    if "quarter" in point:
        return 3 * point["quarter"] - 2, 3 * point["quarter"], 0
    if "half" in point:
        return 6 * point["half"] - 5, 6 * point["half"], 0
    if "month" in point:
        return point["month"], point["month"], 0
    return 1, 12, 0


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _extent_dates(point: Point, year: int) -> tuple[dt.date, dt.date]:
    if "easter_offset" in point:
        day = easter_sunday(year) + dt.timedelta(days=point["easter_offset"])
        return day, day
    first_month, last_month, shift = _month_range(point)
    if "day" in point:
        day = _safe_date(year, point["month"], point["day"])
        return day, day
    last_year = year + shift
    last_day = calendar.monthrange(last_year, last_month)[1]
    return dt.date(year, first_month, 1), dt.date(last_year, last_month, last_day)


def _safe_date(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _extent_iso(point: Point, year: int) -> tuple[str, str]:
    if "easter_offset" in point:
        iso = _extent_dates(point, year)[0].isoformat()
        return iso, iso
    if "day" in point:
        iso = _safe_date(year, point["month"], point["day"]).isoformat()
        return iso, iso
    if "month" in point:
        iso = f"{year:04d}-{point['month']:02d}"
        return iso, iso
    if "season" in point or "quarter" in point or "half" in point:
        first, last, shift = _month_range(point)
        return f"{year:04d}-{first:02d}", f"{year + shift:04d}-{last:02d}"
    return f"{year:04d}", f"{year:04d}"


def _partial(point: Point) -> str | None:
    """The partial ISO form of an unresolved point, where one exists."""
    if "year_offset" in point:
        base = f"{point['year_offset']:+d}"
    elif "month" in point:
        base = "-"
    else:
        return None
    if "season" in point or "quarter" in point or "half" in point or "easter_offset" in point:
        return None
    if "month" in point:
        base += f"-{point['month']:02d}"
        if "day" in point:
            base += f"-{point['day']:02d}"
    return base
