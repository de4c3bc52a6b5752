"""Time expressions in German and English news text, normalised against the publication date.

``parse_times(text, lang, published)`` returns :class:`~quellenlage.records.TimeExpr`
records in text order. Spans are character offsets into ``text`` plus ``offset``.
Relative expressions ("am Mittwoch", "seit August letzten Jahres") resolve against
``published``; without it they keep partial forms ("--10-08", "-1-08") or ``None`` in
``start``/``end``, ``resolved=False`` and their parts, and ``resolve(times, published)``
resolves them later.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from quellenlage.lang import LANGUAGES
from quellenlage.records import Relation, TimeExpr
from quellenlage.times.calendar import Point, granularity, is_relative, render
from quellenlage.times.parser import Found, find

_END_PREFIX = "end_"
_MODS = ("start", "mid", "end")


def parse_times(
    text: str,
    lang: str = "de",
    published: dt.date | dt.datetime | str | None = None,
    offset: int = 0,
) -> list[TimeExpr]:
    """Find and normalise every time expression in ``text``.

    ``published`` (a date or an ISO string "2024-10-24") anchors relative expressions.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_times: text must be str, got {type(text).__name__}")
    language = _language(lang)
    anchor = _date(published)
    return [_to_record(found, text, anchor, offset) for found in find(text, language)]


def resolve(times: Iterable[TimeExpr], published: dt.date | dt.datetime | str) -> list[TimeExpr]:
    """Resolve stored relative expressions against a publication date now known.

    Absolute expressions come back unchanged; relative ones are rendered again from their
    ``parts``, so resolving twice with different dates is safe.
    """
    anchor = _date(published)
    if anchor is None:
        raise ValueError("resolve: a publication date is needed")
    out: list[TimeExpr] = []
    for expr in times:
        if not expr.relative or not expr.parts:
            out.append(expr)
            continue
        points = _points_from_parts(expr.parts)
        start, end, resolved = _render_points(points, expr.relation, anchor)
        out.append(dataclasses.replace(expr, start=start, end=end, resolved=resolved))
    return out


def _language(lang: str) -> str:
    code = (lang or "").lower()[:2]
    if code not in LANGUAGES:
        raise ValueError(
            f"parse_times: unsupported language {lang!r} (use one of {', '.join(LANGUAGES)})"
        )
    return code


def _date(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise ValueError(
                f"published: {value!r} is not an ISO date (expected YYYY-MM-DD)"
            ) from None
    raise TypeError(f"published: expected a date or ISO string, got {type(value).__name__}")


def _to_record(found: Found, text: str, published: dt.date | None, offset: int) -> TimeExpr:
    start, end, resolved = _render_points(found.points, found.relation, published)
    relative = any(is_relative(p) for p in found.points)
    parts = _parts(found.points) if relative else {}
    mod = found.mod if found.mod in _MODS else None
    return TimeExpr(
        text=text[found.start : found.end],
        span=(found.start + offset, found.end + offset),
        start=start,
        end=end,
        granularity=granularity(found.points[0]),
        relative=relative,
        resolved=resolved,
        relation=found.relation,
        parts=parts,
        mod=mod,  # type: ignore[arg-type]
    )


def _render_points(
    points: list[Point], relation: Relation, published: dt.date | None
) -> tuple[str | None, str | None, bool]:
    first_start, first_end, first_resolved = render(points[0], published)
    if len(points) > 1:
        _, last_end, last_resolved = render(points[1], published)
        return first_start, last_end, first_resolved and last_resolved
    if relation in ("since",):
        return first_start, None, first_resolved
    if relation == "after":
        return first_end, None, first_resolved
    if relation == "until":
        return None, first_end, first_resolved
    if relation == "before":
        return None, first_start, first_resolved
    return first_start, first_end, first_resolved


def _parts(points: list[Point]) -> dict[str, int]:
    parts = dict(points[0])
    if len(points) > 1:
        parts.update({_END_PREFIX + key: value for key, value in points[1].items()})
    return parts


def _points_from_parts(parts: dict[str, int]) -> list[Point]:
    first = {k: v for k, v in parts.items() if not k.startswith(_END_PREFIX)}
    last = {k[len(_END_PREFIX) :]: v for k, v in parts.items() if k.startswith(_END_PREFIX)}
    return [first, last] if last else [first]


__all__ = ["TimeExpr", "parse_times", "resolve"]
