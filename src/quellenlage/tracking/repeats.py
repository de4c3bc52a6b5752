"""A value one report repeats (headline and body) is one row of a timeline.

Both places stay linked: the row keeps the first place's fields and lists every place
(position, value key, claim, span) under ``places``. The text timeline, the JSON output and
the plot use this one rule, as the disagreement check does (``disagreements``).
"""

from __future__ import annotations

import math
from typing import Any


def allowed(value: dict[str, Any]) -> tuple[float, float]:
    """The range a timeline value's wording allows (about ±10 % when approximate)."""
    v = value["value"]
    if value.get("low") is not None and value.get("high") is not None:
        low, high = value["low"], value["high"]
    elif value.get("bound") in ("more_than", "at_least") or value.get("vague"):
        low, high = v, math.inf
    elif value.get("bound") in ("less_than", "at_most"):
        low, high = 0.0, v
    else:
        low = high = v
    if value.get("approx"):
        low, high = low * 0.9, high * 1.1
    return low, high


def _place(value: dict[str, Any]) -> dict[str, Any]:
    evidence = value.get("evidence") or {}
    return {
        "position": value.get("position"),
        "key": value.get("key"),
        "claim_id": evidence.get("claim_id"),
        "span": evidence.get("span"),
    }


def _repeat_key(value: dict[str, Any]) -> tuple | None:
    """Same report, same allowed range, same measure and kind, same time: one value."""
    document = (value.get("evidence") or {}).get("document_id")
    if document is None:
        return None  # nothing shows two rows are one report
    start = value.get("refers_start") or value.get("published")
    return (
        document,
        allowed(value),
        value.get("measure"),
        value.get("value_kind"),
        bool(value.get("projection")),
        value.get("relation"),
        start,
        value.get("refers_end") or start,
    )


def merge_repeats(values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``values`` (timeline rows in order) with each report's repeats joined into one row.

    Every returned row has ``places`` (one entry per place in the report, in order) and
    ``repeats`` (their number). Rows that already have ``places`` keep them, so merging
    twice changes nothing.
    """
    merged: dict[Any, dict[str, Any]] = {}
    for value in values:
        places = value.get("places") or [_place(value)]
        key = _repeat_key(value)
        row = merged.get(key) if key is not None else None
        if row is None:
            row = {**value, "places": list(places)}
            merged[key if key is not None else ("alone", id(value))] = row
        else:
            row["places"].extend(places)
        row["repeats"] = len(row["places"])
    return list(merged.values())


def merge_timeline(figure: dict[str, Any]) -> dict[str, Any]:
    """A timeline (as from ``queries.timeline``) with repeated values shown once."""
    return {**figure, "timeline": merge_repeats(figure["timeline"])}
