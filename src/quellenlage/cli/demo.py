"""The demo command: ingest and analyse the bundled story, link figures, show their timelines."""

from __future__ import annotations

import time
from typing import Annotated

import typer
from rich.markup import escape

from quellenlage import api
from quellenlage.cli.app import EXIT_OK, EXIT_SOME_FAILED, app
from quellenlage.cli.common import DEFAULT_DB_VALUE, DbOption, console, errors, open_store
from quellenlage.cli.query import figures_table, timeline_table
from quellenlage.demo import corpus
from quellenlage.tracking import persist, queries


@app.command()
def demo(
    db: DbOption = DEFAULT_DB_VALUE,
    min_values: Annotated[
        int, typer.Option(help="Show timelines of figures with at least this many values.")
    ] = 2,
) -> None:
    """Run the main job on the bundled demo story: North Korean troops in Russia, autumn 2024."""
    started = time.perf_counter()
    store = open_store(db)
    failed = 0
    for path, published in corpus():
        report = api.ingest([path], db=store, published=published)
        failed += len(report.failed)
    analysed = api.analyze(None, db=store)
    failed += sum(1 for item in analysed if item.error)
    for item in analysed:
        if item.error:
            errors.print(f"[red]failed:[/] document {item.document_id}: {escape(item.error)}")
    tracking = persist.relink(store)
    documents = store.count_documents()
    claims = sum(item.claims for item in analysed if item.error is None)
    console.print(
        f"[bold]Demo story:[/] {documents} reports, {claims} new claims, "
        f"{sum(len(f.links) for f in tracking.figures)} figure values in "
        f"{len(tracking.figures)} figures, {len(tracking.disagreements)} disagreements"
    )
    rows = queries.figures(store, limit=1000)
    tracked = [row for row in rows if row["values"] >= min_values]
    console.print(figures_table(tracked))
    if len(rows) > len(tracked):
        console.print(
            f"[dim]… and {len(rows) - len(tracked)} figures with fewer values: "
            f"`quellenlage figures --db {db}`[/]"
        )
    for row in tracked:
        data = queries.timeline(store, str(row["id"]))
        console.print(timeline_table(data))
        for d in data["disagreements"]:
            console.print(f"[red]disagreement:[/] {escape(d['reason'])}")
    for d in queries.date_disagreements(store):
        console.print(f"[red]dates differ:[/] {escape(d['reason'])}")
    console.print(
        f"[dim]done in {time.perf_counter() - started:.1f} s — try "
        f"`quellenlage timeline 1 --db {db} --plot timeline.png`, `quellenlage sources --db {db}`[/]"
    )
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)
