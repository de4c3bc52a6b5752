"""The export command: the database as JSONL, CSV, Parquet, GraphML or Wikinews annotations."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quellenlage import api
from quellenlage.cli import render
from quellenlage.cli.app import app
from quellenlage.cli.common import DEFAULT_DB_VALUE, DbOption, console, handles_errors, open_db


@app.command()
@handles_errors
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"One of: {', '.join(api.EXPORT_FORMATS)}.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")] = Path(
        "quellenlage-export"
    ),
    db: DbOption = DEFAULT_DB_VALUE,
) -> None:
    """Export documents, claims, quantities, figures with their values, sources and citations."""
    if fmt not in api.EXPORT_FORMATS:  # before opening the database: a typo creates no file
        raise api.UsageError(f"--format {fmt!r} is not one of {', '.join(api.EXPORT_FORMATS)}")
    for path in api.export(fmt, out, db=open_db(db)):
        console.print(f"wrote {render.text(str(path))}")
