"""The demo command: ingest and analyse the bundled story, link figures, show their timelines."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from quellenlage import api
from quellenlage.cli import render
from quellenlage.cli.app import EXIT_OK, EXIT_SOME_FAILED, app
from quellenlage.cli.common import (
    DEFAULT_DB_VALUE,
    DbOption,
    console,
    errors,
    handles_errors,
    open_db,
)


@app.command()
@handles_errors
def demo(
    db: DbOption = DEFAULT_DB_VALUE,
    min_values: Annotated[
        int, typer.Option(help="Show timelines of figures with at least this many values.")
    ] = 2,
) -> None:
    """Run the main job on the bundled demo story: North Korean troops in Russia, autumn 2024."""
    started = time.perf_counter()
    store = open_db(db)
    failed = 0
    for path, published in api.demo_corpus():
        report = api.ingest([path], db=store, published=published)
        failed += len(report.failed)
    analysed = api.analyze(None, db=store, relink=False)
    failed += sum(1 for item in analysed if item.error)
    for item in analysed:
        if item.error:
            errors.print(f"[red]failed:[/] document {item.document_id}: {render.text(item.error)}")
    summary = api.link(db=store)
    failed += len(summary.failures)
    for where, error in summary.failures:
        errors.print(f"[red]failed:[/] {render.text(where)}: {render.text(error)}")
    claims = sum(item.claims for item in analysed if item.error is None)
    console.print(
        f"[bold]Demo story:[/] {api.count_documents(db=store)} reports, {claims} new claims, "
        f"{summary.values} figure values in {summary.figures} figures, "
        f"{summary.disagreements} disagreements"
    )
    rows = api.figures(db=store, limit=1000)
    tracked = [row for row in rows if row["values"] >= min_values]
    console.print(render.figures_table(tracked))
    if len(rows) > len(tracked):
        console.print(
            f"[dim]… and {len(rows) - len(tracked)} figures with fewer values: "
            f"`quellenlage figures --db {db}`[/]"
        )
    for row in tracked:
        data = api.timeline(str(row["id"]), db=store)
        console.print(render.timeline_table(data))
        for d in data["disagreements"]:
            console.print(f"[red]disagreement:[/] {render.text(d['reason'])}")
    for d in api.date_disagreements(db=store):
        console.print(f"[red]dates differ:[/] {render.text(d['reason'])}")
    console.print(
        f"[dim]done in {time.perf_counter() - started:.1f} s — try "
        f"`quellenlage timeline 1 --db {db} --plot timeline.png`, `quellenlage sources --db {db}`[/]"
    )
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)
