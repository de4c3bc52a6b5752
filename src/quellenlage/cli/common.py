"""Options and output helpers shared by the command modules."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from quellenlage.store import DEFAULT_DB, Store, StoreError

console = Console()
errors = Console(stderr=True)

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="QUELLENLAGE_DB",
        help="SQLite file or database URL (postgresql://…).",
        show_default=True,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
DEFAULT_DB_VALUE = DEFAULT_DB


def open_store(db: str) -> Store:
    try:
        return Store.open(db)
    except StoreError as exc:
        errors.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from exc


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


class JsonArrayWriter:
    """Writes a JSON array to standard output one element at a time (flat memory)."""

    def __init__(self) -> None:
        self._first = True
        sys.stdout.write("[")

    def write(self, element: Any) -> None:
        text = json.dumps(element, ensure_ascii=False, default=str)
        sys.stdout.write(("\n  " if self._first else ",\n  ") + text)
        self._first = False

    def close(self) -> None:
        sys.stdout.write("]\n" if self._first else "\n]\n")


def check_paths(paths: list[Path]) -> None:
    missing = [str(p) for p in paths if str(p) != "-" and not p.exists()]
    if missing:
        errors.print(f"[red]error:[/] no such file or directory: {', '.join(missing)}")
        raise typer.Exit(2)


def check_date(value: str) -> None:
    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        errors.print(f"[red]error:[/] --published {value!r} is not a date like 2024-10-24")
        raise typer.Exit(2) from exc
