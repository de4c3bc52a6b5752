"""The export command: the database as JSONL, CSV, Parquet, GraphML or Wikinews annotations."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from quellenlage.cli.app import EXIT_USAGE, app
from quellenlage.cli.common import DEFAULT_DB_VALUE, DbOption, console, errors
from quellenlage.cli.query import linked_store
from quellenlage.export import FORMATS, ExportError
from quellenlage.export import export as export_database


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")] = Path(
        "quellenlage-export"
    ),
    db: DbOption = DEFAULT_DB_VALUE,
) -> None:
    """Export documents, claims, quantities, figures with their values, sources and citations."""
    if fmt not in FORMATS:
        errors.print(f"[red]error:[/] --format {fmt!r} is not one of {', '.join(FORMATS)}")
        raise typer.Exit(EXIT_USAGE)
    store = linked_store(db)
    try:
        written = export_database(store, fmt, out)
    except ExportError as exc:
        errors.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from exc
    for path in written:
        console.print(f"wrote {escape(str(path))}")
