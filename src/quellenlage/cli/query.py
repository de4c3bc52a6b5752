"""Query commands: claims, figures, timeline (with --plot), sources; link; figure confirm/split/merge.

The read commands only read; when figures are older than the claims they
say so and name the command that links them again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quellenlage import api
from quellenlage.cli import render
from quellenlage.cli.app import EXIT_OK, EXIT_SOME_FAILED, app
from quellenlage.cli.common import (
    DEFAULT_DB_VALUE,
    DbOption,
    JsonOption,
    check_date,
    console,
    errors,
    handles_errors,
    open_db,
    print_json,
)

figure_app = typer.Typer(help="Correct figure linking by hand (kept across re-analysis).")
app.add_typer(figure_app, name="figure")


def _readable(db: str, *, quiet: bool) -> api.Store:
    """The database for a read command, with a note when its figures are out of date."""
    store = open_db(db)
    if not quiet and api.is_stale(db=store):
        errors.print(
            "[dim]figures are older than the claims or corrections: "
            f"`quellenlage link --db {render.text(db)}` links them again[/]"
        )
    return store


@app.command()
@handles_errors
def link(
    db: DbOption = DEFAULT_DB_VALUE,
    threshold: Annotated[
        float | None,
        typer.Option(
            help="Score a value needs to join a figure (0–1; higher = stricter). Kept for "
            "later relinking; default: the last one given, else the tracker's default "
            "(`link --json` shows the one used)."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Link figures across all analysed reports and find disagreements."""
    summary = api.link(db=open_db(db), threshold=threshold)
    if as_json:
        print_json(
            {
                "figures": summary.figures,
                "values": summary.values,
                "tracked": summary.tracked,
                "disagreements": summary.disagreements,
                "sources": summary.sources,
                "threshold": summary.threshold,
                "failures": [{"where": w, "error": e} for w, e in summary.failures],
            }
        )
    else:
        console.print(
            f"{summary.values} values in {summary.figures} figures "
            f"({summary.tracked} with more than one value), "
            f"{summary.disagreements} disagreements, {summary.sources} sources"
        )
    for where, error in summary.failures:
        errors.print(f"[red]failed:[/] {render.text(where)}: {render.text(error)}")
    raise typer.Exit(EXIT_SOME_FAILED if summary.failures else EXIT_OK)


@app.command("claims")
@handles_errors
def list_claims(
    source: Annotated[
        str | None, typer.Option(help="Source name (normalised) or part of it.")
    ] = None,
    contains: Annotated[str | None, typer.Option(help="Text the claim contains.")] = None,
    mode: Annotated[str | None, typer.Option(help=f"One of: {', '.join(api.MODES)}.")] = None,
    certainty: Annotated[
        str | None, typer.Option(help=f"One of: {', '.join(api.CERTAINTIES)}.")
    ] = None,
    has_figure: Annotated[
        bool | None,
        typer.Option("--has-figure/--no-figure", help="Only claims with/without figures."),
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Reports published on or after (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Reports published on or before (YYYY-MM-DD).")
    ] = None,
    document: Annotated[int | None, typer.Option(help="Only this document id.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many claims.")] = 100,
    db: DbOption = DEFAULT_DB_VALUE,
    as_json: JsonOption = False,
) -> None:
    """List claims, filtered by source, text, mode, certainty, figures, date or document."""
    where = api.ClaimFilter(
        source=source,
        contains=contains,
        mode=mode,
        certainty=certainty,
        has_figure=has_figure,
        since=check_date(since, "--since"),
        until=check_date(until, "--until"),
        document=document,
        limit=limit,
    )
    rows = api.claims(where, db=_readable(db, quiet=as_json))
    if as_json:
        print_json(rows)
        return
    console.print(render.claims_table(rows))


@app.command("figures")
@handles_errors
def list_figures(
    min_values: Annotated[
        int, typer.Option(help="Only figures with at least this many values.")
    ] = 1,
    disputed: Annotated[
        bool | None,
        typer.Option("--disputed/--undisputed", help="Only figures with/without disagreements."),
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many figures.")] = 100,
    db: DbOption = DEFAULT_DB_VALUE,
    as_json: JsonOption = False,
) -> None:
    """List figures: how many values and sources, which dates, whether sources disagree."""
    store = _readable(db, quiet=as_json)
    rows = api.figures(db=store, min_values=min_values, disputed=disputed, limit=limit)
    dates = api.date_disagreements(db=store)
    if as_json:
        print_json({"figures": rows, "date_disagreements": dates})
        return
    console.print(render.figures_table(rows))
    for d in dates:
        console.print(f"[red]dates differ:[/] {render.text(d['reason'])}")


@app.command()
@handles_errors
def timeline(
    figure: Annotated[str, typer.Argument(help="Figure id, key, or a piece of its label.")],
    plot: Annotated[
        Path | None, typer.Option(help="Also draw the timeline into this .png, .svg or .pdf.")
    ] = None,
    db: DbOption = DEFAULT_DB_VALUE,
    as_json: JsonOption = False,
) -> None:
    """Show a figure's values in time order, with source, chain, mode, certainty and bounds."""
    data = api.timeline(figure, db=_readable(db, quiet=as_json))
    if plot is not None:
        api.plot_timeline(data, plot)
    if as_json:
        print_json(data)
        return
    console.print(render.timeline_table(data))
    for d in data["disagreements"]:
        console.print(f"[red]disagreement:[/] {render.text(d['reason'])}")
    if plot is not None:
        console.print(f"plot written to {render.text(str(plot))}")


@app.command("sources")
@handles_errors
def list_sources(
    kind: Annotated[str | None, typer.Option(help="Only sources of this kind.")] = None,
    outlets: Annotated[bool, typer.Option(help="Also list outlets that are never cited.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many sources.")] = 200,
    db: DbOption = DEFAULT_DB_VALUE,
    as_json: JsonOption = False,
) -> None:
    """List sources with normalised names, kinds, counts, and whom they cite."""
    rows = api.sources(db=_readable(db, quiet=as_json), kind=kind, outlets=outlets, limit=limit)
    if as_json:
        print_json(rows)
        return
    console.print(render.sources_table(rows))


ValueRef = Annotated[
    str, typer.Argument(help="A value: FIGURE#POSITION (as `timeline` numbers them) or its key.")
]


@figure_app.command("confirm")
@handles_errors
def confirm(value: ValueRef, db: DbOption = DEFAULT_DB_VALUE) -> None:
    """Confirm that a value belongs to its figure; it stays there after re-analysis."""
    api.confirm(value, db=open_db(db))
    console.print(f"confirmed {render.text(value)}")


@figure_app.command("split")
@handles_errors
def split(value: ValueRef, db: DbOption = DEFAULT_DB_VALUE) -> None:
    """Take a value out of its figure into a figure of its own."""
    api.split(value, db=open_db(db))
    console.print(f"split {render.text(value)} into a figure of its own")


@figure_app.command("merge")
@handles_errors
def merge(first: ValueRef, second: ValueRef, db: DbOption = DEFAULT_DB_VALUE) -> None:
    """Merge the figures holding two values (e.g. 3#0 and 7#0 merge figures 3 and 7)."""
    api.merge(first, second, db=open_db(db))
    console.print(f"merged the figures of {render.text(first)} and {render.text(second)}")
