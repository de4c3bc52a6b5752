"""Export the database as JSON Lines, CSV, Parquet, GraphML (+ node-link JSON) or Wikinews."""

from __future__ import annotations

from pathlib import Path

from quellenlage.api.common import DbArg, UsageError, open_db
from quellenlage.store import DEFAULT_DB

#: Must match ``quellenlage.export.FORMATS`` (tests check); kept here so that listing
#: them does not import pyarrow.
EXPORT_FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "graphml", "wikinews")


class ExportFailed(Exception):
    """The export could not be written; the message names the path and the problem."""


def export(fmt: str, out: str | Path, *, db: DbArg = DEFAULT_DB) -> list[Path]:
    """Write the database in ``fmt`` into the folder ``out``; returns the files written."""
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"format {fmt!r} is not one of {', '.join(EXPORT_FORMATS)}")
    from quellenlage.export import ExportError
    from quellenlage.export import export as write

    try:
        return write(open_db(db), fmt, out)
    except ExportError as exc:
        raise ExportFailed(str(exc)) from exc
