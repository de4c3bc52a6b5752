"""The Typer application every command module registers on, and the exit codes."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="quellenlage",
    help="Who claims what, citing whom, how sure, with which figures — in news reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Exit codes that mean something to scripts (docs/cli.md lists them; a test checks).
EXIT_OK = 0
EXIT_FAILED = 1  # the command could not run at all (database, model, output folder)
EXIT_USAGE = 2  # bad option, argument or key (Typer/Click's own code)
EXIT_SOME_FAILED = 3  # the run went on, but some inputs or documents failed
EXIT_NOT_FOUND = 4  # a named document, figure or value does not exist

EXIT_CODES = {
    EXIT_OK: "all good",
    EXIT_FAILED: "the command could not run (database, model or output folder); the message says why",
    EXIT_USAGE: "bad usage: an unknown option, a bad value, date or key",
    EXIT_SOME_FAILED: "the run went on, but some inputs or documents failed (each is listed and recorded)",
    EXIT_NOT_FOUND: "a named document, figure or value was not found",
}
