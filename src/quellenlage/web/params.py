"""Query parameters shared by the pages and the JSON API, checked into an ``api.ClaimQuery``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends, Query

from quellenlage import api

MAX_PAGE = 200


def iso_date(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ValueError(f"{name} {value!r} is not a date like 2024-10-24") from exc


def _flag(value: str | None) -> bool | None:
    if value in (None, ""):
        return None
    if value.lower() in ("1", "true", "yes"):
        return True
    if value.lower() in ("0", "false", "no"):
        return False
    raise ValueError(f"has_figure {value!r} is not yes or no")


def claim_query(
    q: Annotated[str | None, Query(max_length=500, description="Words the claim contains")] = None,
    source: Annotated[str | None, Query(max_length=300)] = None,
    outlet: Annotated[str | None, Query(max_length=300)] = None,
    mode: Annotated[str | None, Query(max_length=32)] = None,
    certainty: Annotated[str | None, Query(max_length=32)] = None,
    has_figure: Annotated[str | None, Query(description="yes or no")] = None,
    measure: Annotated[str | None, Query(max_length=100, description="Unit, e.g. Soldat")] = None,
    language: Annotated[str | None, Query(max_length=16)] = None,
    since: Annotated[str | None, Query(description="Published on or after (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(description="Published on or before (YYYY-MM-DD)")] = None,
    document: Annotated[int | None, Query(ge=1)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> api.ClaimQuery:
    return api.ClaimQuery(
        q=q or None,
        source=source or None,
        outlet=outlet or None,
        mode=mode or None,
        certainty=certainty or None,
        has_figure=_flag(has_figure),
        measure=measure or None,
        language=language or None,
        since=iso_date(since, "since"),
        until=iso_date(until, "until"),
        document=document,
        limit=limit,
        offset=offset,
    )


ClaimQueryDep = Annotated[api.ClaimQuery, Depends(claim_query)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
