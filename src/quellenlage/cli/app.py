"""The Typer application every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="quellenlage",
    help="Who claims what, citing whom, how sure, with which figures — in news reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Exit codes that mean something to scripts.
EXIT_OK = 0
EXIT_SOME_FAILED = 3  # the run went on, but some inputs failed
EXIT_USAGE = 2  # bad option or argument (Typer/Click's own code)
EXIT_NOT_FOUND = 4  # a named document, figure or file does not exist
