"""The claim filter of ``quellenlage claims``: a plain value, importable without SQLAlchemy."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    source: str | None = None
    contains: str | None = None
    mode: str | None = None
    certainty: str | None = None
    has_figure: bool | None = None
    since: str | None = None  # ISO date, publication date of the report
    until: str | None = None
    document: int | None = None
    limit: int = 100
