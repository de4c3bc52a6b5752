"""The serve command: the web interface over a database (see quellenlage.web)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from quellenlage.cli.app import app
from quellenlage.cli.common import DEFAULT_DB_VALUE, DbOption, console, errors, handles_errors

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command()
@handles_errors
def serve(
    db: DbOption = DEFAULT_DB_VALUE,
    host: Annotated[
        str, typer.Option(help="Address to listen on; anything but 127.0.0.1 opens it to others.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    allow_edits: Annotated[
        bool,
        typer.Option(
            "--allow-edits",
            help="Allow corrections (confirm/split/merge) and storing texts, with the token "
            "printed at start-up.",
        ),
    ] = False,
) -> None:
    """Open the database in the browser: documents, claims, figures, sources, JSON API."""
    try:
        import uvicorn

        from quellenlage.web import create_app
    except ImportError as exc:  # the web extra is optional
        errors.print(f"[red]error:[/] the web interface needs {exc.name}: "
                     "pip install 'quellenlage[web]'")  # fmt: skip
        raise typer.Exit(1) from exc

    web = create_app(db, allow_edits=allow_edits)
    shown = f"[{host}]" if ":" in host else host
    console.print(f"quellenlage on [bold]http://{shown}:{port}/[/] over {escape(db)}")
    console.print(f"JSON API: http://{shown}:{port}/api/…, its description: /docs")
    if allow_edits:
        console.print(
            f"edits allowed with the token [bold]{web.state.guard.token}[/] "
            f"(enter it at http://{shown}:{port}/unlock, or send 'Authorization: Bearer …')"
        )
    else:
        console.print("read-only (start with --allow-edits to correct figures)")
    if host not in LOOPBACK:
        errors.print(f"[yellow]warning:[/] listening on {escape(host)}: others can reach it")
    uvicorn.run(web, host=host, port=port, log_level="warning", timeout_keep_alive=5)
