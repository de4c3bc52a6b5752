"""`watch`: poll feeds, ingest and analyse what is new, print what changed."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from quellenlage import api
from quellenlage.cli import render
from quellenlage.cli.app import app
from quellenlage.cli.common import (
    DEFAULT_DB_VALUE,
    DbOption,
    DelayOption,
    PerHostOption,
    console,
    errors,
    handles_errors,
    open_db,
)


@app.command()
@handles_errors
def watch(
    feeds_file: Annotated[
        Path, typer.Argument(metavar="FEEDS_FILE", help="File listing feed URLs, one per line.")
    ],
    every: Annotated[str, typer.Option(help="Time between polls: 15m, 90s, 1h.")] = "15m",
    max_polls: Annotated[
        int | None, typer.Option(help="Stop after this many polls (default: run until stopped).")
    ] = None,
    delay: DelayOption = None,
    per_host: PerHostOption = None,
    recheck: Annotated[
        bool, typer.Option(help="Ask again for entries already fetched (edits: new versions).")
    ] = False,
    db: DbOption = DEFAULT_DB_VALUE,
    as_json: Annotated[
        bool, typer.Option("--json", help="Write each change as one JSON line.")
    ] = False,
) -> None:
    """Follow a story live: poll feeds, ingest and analyse new reports, print what changed.

    Runs until stopped (Ctrl-C); each poll is logged on standard error.
    """
    feeds = api.read_url_list(feeds_file)
    seconds = api.parse_interval(every)
    polite = api.politeness(delay=delay, per_host=per_host)
    store = open_db(db)

    def on_event(event: dict[str, Any]) -> None:
        if as_json:
            sys.stdout.write(json.dumps(event, ensure_ascii=False, default=str) + "\n")
            sys.stdout.flush()
        else:
            console.print(_describe(event), soft_wrap=True)

    def on_poll(poll: api.Poll) -> None:
        when = poll.started_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%SZ")
        line = (
            f"poll {poll.number} at {when}: {poll.new_documents} new documents, "
            f"{poll.unchanged} unchanged, {poll.failed} failed, {poll.analysed} analysed, "
            f"{len(poll.events)} events ({poll.seconds:.1f} s)"
        )
        if poll.error:
            line += f"; poll stopped early: {render.text(poll.error)}"
        errors.print(line, soft_wrap=True)

    try:
        api.watch(
            feeds, db=store, every=seconds, max_polls=max_polls, politeness=polite,
            recheck=recheck, on_event=on_event, on_poll=on_poll,
        )  # fmt: skip
    except KeyboardInterrupt:
        errors.print("stopped")


def _describe(event: dict[str, Any]) -> str:
    kind = event["type"]
    if kind == "document":
        return (
            f"[green]{event['status']}:[/] document {event['document_id']} "
            f"{render.text(event['title'])} ({render.text(event['url'])})"
        )
    if kind == "failed":
        return f"[red]failed:[/] {render.text(event['url'])}: {render.text(event['error'])}"
    if kind == "figure_value":
        source = f", {render.text(event['source'])}" if event.get("source") else ""
        return (
            f"[bold]new value[/] for {render.text(event['figure'])}: "
            f"{render.text(event['text'])}{source} (document {event['document_id']})"
        )
    return (
        f"[yellow]new disagreement[/] ({event['kind']}) on {render.text(event.get('figure'))}: "
        f"{render.text(event['reason'])}"
    )
