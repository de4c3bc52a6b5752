"""Options, consoles, JSON output and error handling shared by the command modules."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from quellenlage import api
from quellenlage.cli.app import EXIT_FAILED, EXIT_NOT_FOUND, EXIT_USAGE

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
DEFAULT_DB_VALUE = api.DEFAULT_DB

#: Politeness options shared by the commands that fetch from the web.
DelayOption = Annotated[
    float | None, typer.Option(help="Seconds between requests to one host (default: 1).")
]
PerHostOption = Annotated[
    int | None, typer.Option(help="Requests at once to one host (default: 1).")
]

P = ParamSpec("P")
R = TypeVar("R")

#: API errors and the exit code each means (the first match wins).
_EXIT_CODES: tuple[tuple[type[Exception], int], ...] = (
    (api.UsageError, EXIT_USAGE),
    (api.NotFound, EXIT_NOT_FOUND),
    (api.StoreError, EXIT_FAILED),
    (api.ExportFailed, EXIT_FAILED),
    (api.EvaluationError, EXIT_FAILED),
)


def fail(message: str, code: int) -> typer.Exit:
    """Print ``error: message`` on standard error; raise the returned Exit."""
    errors.print(f"[red]error:[/] {escape(message)}", soft_wrap=True)
    return typer.Exit(code)


def handles_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn the API's errors into a one-line message and the exit code they mean."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except tuple(error for error, _ in _EXIT_CODES) as exc:
            code = next(code for error, code in _EXIT_CODES if isinstance(exc, error))
            raise fail(str(exc), code) from exc

    return run


def open_db(db: str) -> api.DbArg:
    """The database, opened once per command (exit 1 with the reason if it cannot be)."""
    try:
        return api.open_db(db)
    except api.StoreError as exc:
        raise fail(str(exc), EXIT_FAILED) from exc


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
        raise fail(f"no such file or directory: {', '.join(missing)}", EXIT_USAGE)


def check_date(value: str | None, option: str) -> str | None:
    try:
        return api.check_date(value, option)
    except api.UsageError as exc:
        raise fail(str(exc), EXIT_USAGE) from exc
