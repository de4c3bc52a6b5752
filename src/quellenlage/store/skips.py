"""Inputs read but deliberately not ingested (a WARC image record, a dangling link).

Failures are inputs that should have been documents; skips are inputs that are not
reports at all. Both are kept with their reason, so that nothing vanishes without a line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from quellenlage.records import Skipped
from quellenlage.store.tables import SkippedInputRow, utcnow

if TYPE_CHECKING:
    from quellenlage.store.database import Store


@dataclass(frozen=True, slots=True)
class SkippedInput:
    origin: str
    reason: str
    first_seen_at: dt.datetime
    last_seen_at: dt.datetime


def record_skips(store: Store, skips: Iterable[Skipped]) -> None:
    """Record skipped inputs; the same skip again only updates when it was last seen."""
    with store.session() as session:
        for skip in skips:
            row = session.scalar(
                select(SkippedInputRow).where(
                    SkippedInputRow.origin == skip.origin, SkippedInputRow.reason == skip.reason
                )
            )
            if row is None:
                session.add(SkippedInputRow(origin=skip.origin, reason=skip.reason))
                session.flush()  # the same skip twice in one batch is one row
            else:
                row.last_seen_at = utcnow()


def skipped_inputs(store: Store) -> list[SkippedInput]:
    """Every skipped input, most recently seen last."""
    with store.session() as session:
        rows = session.scalars(select(SkippedInputRow).order_by(SkippedInputRow.last_seen_at))
        return [SkippedInput(r.origin, r.reason, r.first_seen_at, r.last_seen_at) for r in rows]
