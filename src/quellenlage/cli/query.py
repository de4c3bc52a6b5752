"""Query commands: claims, figures, timeline (with --plot), sources, link, figure confirm/split/merge."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, get_args

import typer
from rich.markup import escape
from rich.table import Table

from quellenlage.cli.app import EXIT_NOT_FOUND, EXIT_USAGE, app
from quellenlage.cli.common import (
    DEFAULT_DB_VALUE,
    DbOption,
    JsonOption,
    console,
    errors,
    open_store,
    print_json,
)
from quellenlage.records import Certainty, ClaimMode
from quellenlage.store import Store
from quellenlage.tracking import persist, queries
from quellenlage.tracking.linking import DEFAULT_THRESHOLD
from quellenlage.tracking.plot import PlotError, plot_timeline

figure_app = typer.Typer(help="Correct figure linking by hand (kept across re-analysis).")
app.add_typer(figure_app, name="figure")

MODES = get_args(ClaimMode)
CERTAINTIES = get_args(Certainty)


def _date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        errors.print(f"[red]error:[/] {option} {value!r} is not a date like 2024-10-24")
        raise typer.Exit(EXIT_USAGE) from exc
    return value


def _choice(value: str | None, allowed: tuple[str, ...], option: str) -> str | None:
    if value is not None and value not in allowed:
        errors.print(f"[red]error:[/] {option} {value!r} is not one of {', '.join(allowed)}")
        raise typer.Exit(EXIT_USAGE)
    return value


def linked_store(db: str, *, quiet: bool = False) -> Store:
    """Open the database and link figures again if claims or overrides changed since."""
    store = open_store(db)
    if persist.is_stale(store):
        if not quiet:
            errors.print("[dim]linking figures (claims changed since the last run)…[/]")
        persist.relink(store)
    return store


@app.command()
def link(
    db: DbOption = DEFAULT_DB_VALUE,
    threshold: Annotated[
        float, typer.Option(help="Score a value needs to join a figure (0–1; higher = stricter).")
    ] = DEFAULT_THRESHOLD,
    as_json: JsonOption = False,
) -> None:
    """Link figures across all analysed reports and find disagreements."""
    if not 0 < threshold <= 1:
        errors.print(f"[red]error:[/] --threshold {threshold} must be above 0 and at most 1")
        raise typer.Exit(EXIT_USAGE)
    tracking = persist.relink(open_store(db), threshold=threshold)
    summary = {
        "figures": len(tracking.figures),
        "values": sum(len(f.links) for f in tracking.figures),
        "tracked": sum(1 for f in tracking.figures if len(f.links) > 1),
        "disagreements": len(tracking.disagreements),
        "sources": len(tracking.sources),
    }
    if as_json:
        print_json(summary)
    else:
        console.print(
            f"{summary['values']} values in {summary['figures']} figures "
            f"({summary['tracked']} with more than one value), "
            f"{summary['disagreements']} disagreements, {summary['sources']} sources"
        )


@app.command("claims")
def list_claims(
    source: Annotated[
        str | None, typer.Option(help="Source name (normalised) or part of it.")
    ] = None,
    contains: Annotated[str | None, typer.Option(help="Text the claim contains.")] = None,
    mode: Annotated[str | None, typer.Option(help=f"One of: {', '.join(MODES)}.")] = None,
    certainty: Annotated[
        str | None, typer.Option(help=f"One of: {', '.join(CERTAINTIES)}.")
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
    where = queries.ClaimFilter(
        source=source,
        contains=contains,
        mode=_choice(mode, MODES, "--mode"),
        certainty=_choice(certainty, CERTAINTIES, "--certainty"),
        has_figure=has_figure,
        since=_date(since, "--since"),
        until=_date(until, "--until"),
        document=document,
        limit=limit,
    )
    rows = queries.claims(linked_store(db, quiet=as_json), where)
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"{len(rows)} claims", show_lines=False)
    for column in ("id", "doc", "published", "source", "mode", "certainty", "claim"):
        table.add_column(column, overflow="fold")
    for r in rows:
        who = r["source"] or r["source_mention"] or f"({r['outlet'] or 'outlet'})"
        if r["chain"]:
            who += " ← " + " ← ".join(r["chain"])
        table.add_row(
            str(r["id"]),
            str(r["document_id"]),
            (r["published"] or "")[:10],
            escape(who),
            r["mode"],
            r["certainty"],
            escape(r["text"]),
        )
    console.print(table)


def figures_table(rows: list[dict]) -> Table:
    table = Table(title=f"{len(rows)} figures")
    for column in ("id", "figure", "values", "sources", "reports", "from", "to", "disputed"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(
            str(r["id"]),
            escape(r["label"]),
            str(r["values"]),
            str(r["sources"]),
            str(r["documents"]),
            r["first_date"] or "?",
            r["last_date"] or "?",
            "[red]yes[/]" if r["disputed"] else "",
        )
    return table


@app.command("figures")
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
    store = linked_store(db, quiet=as_json)
    rows = queries.figures(store, min_values=min_values, disputed=disputed, limit=limit)
    dates = queries.date_disagreements(store)
    if as_json:
        print_json({"figures": rows, "date_disagreements": dates})
        return
    console.print(figures_table(rows))
    for d in dates:
        console.print(f"[red]dates differ:[/] {escape(d['reason'])}")


def timeline_table(figure: dict) -> Table:
    disputed = {k for d in figure["disagreements"] for k in (d["first"], d["second"])}
    table = Table(title=f"{figure['label']}  [dim](figure {figure['id']}, key {figure['key']})[/]")
    for column in ("#", "refers to", "value", "source ← cited", "report", "how", "link"):
        table.add_column(column, overflow="fold")
    for v in figure["timeline"]:
        when = v["refers_start"] or "?"
        if v["refers_end"] and v["refers_end"] != v["refers_start"]:
            when += f" – {v['refers_end']}"
        if v["from_report_date"]:
            when += " (report date)"
        elif v["relation"] != "at":
            when = f"{v['relation']} {when}"
        who = " ← ".join([v["source"] or f"({v['outlet'] or 'outlet'})", *v["chain"]])
        text = escape(v["text"]) + (" [dim](planned/expected)[/]" if v["projection"] else "")
        if v["key"] in disputed:
            text = f"[red]{text}[/]"
        table.add_row(
            str(v["position"]),
            when,
            text,
            escape(who),
            escape(
                f"{v['outlet'] or '?'} {v['published'] or ''} doc {v['evidence']['document_id']}"
            ),
            f"{v['mode']}, {v['certainty']}",
            f"{v['score']:.2f}" + (" [bold]manual[/]" if v["manual"] else ""),
        )
    return table


@app.command()
def timeline(
    figure: Annotated[str, typer.Argument(help="Figure id, key, or a piece of its label.")],
    plot: Annotated[
        Path | None, typer.Option(help="Also draw the timeline into this .png, .svg or .pdf.")
    ] = None,
    db: DbOption = DEFAULT_DB_VALUE,
    as_json: JsonOption = False,
) -> None:
    """Show a figure's values in time order, with source, chain, mode, certainty and bounds."""
    store = linked_store(db, quiet=as_json)
    try:
        data = queries.timeline(store, figure)
    except queries.NotFound as exc:
        errors.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(EXIT_NOT_FOUND) from exc
    if plot is not None:
        try:
            plot_timeline(data, plot)
        except PlotError as exc:
            errors.print(f"[red]error:[/] {escape(str(exc))}")
            raise typer.Exit(EXIT_USAGE) from exc
    if as_json:
        print_json(data)
        return
    console.print(timeline_table(data))
    for d in data["disagreements"]:
        console.print(f"[red]disagreement:[/] {escape(d['reason'])}")
    if plot is not None:
        console.print(f"plot written to {plot}")


@app.command("sources")
def list_sources(
    kind: Annotated[str | None, typer.Option(help="Only sources of this kind.")] = None,
    outlets: Annotated[bool, typer.Option(help="Also list outlets that are never cited.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many sources.")] = 200,
    db: DbOption = DEFAULT_DB_VALUE,
    as_json: JsonOption = False,
) -> None:
    """List sources with normalised names, kinds, counts, and whom they cite."""
    rows = queries.sources(linked_store(db, quiet=as_json), kind=kind, outlets=outlets, limit=limit)
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"{len(rows)} sources")
    for column in ("name", "kind", "mentions", "claims", "cites", "written as"):
        table.add_column(column, overflow="fold")
    for r in rows:
        cites = ", ".join(f"{c['name']} ({c['count']})" for c in r["cites"])
        table.add_row(
            escape(r["name"]),
            r["kind"],
            str(r["mentions"]),
            str(r["claims"]),
            escape(cites),
            escape("; ".join(r["variants"][:4])),
        )
    console.print(table)


def _value_key(store: Store, ref: str) -> str:
    """An observation key from a key itself or from FIGURE#POSITION as shown by `timeline`."""
    if "#" not in ref:
        return ref
    name, _, position = ref.rpartition("#")
    try:
        values = queries.timeline(store, name)["timeline"]
        return values[int(position)]["key"]
    except (queries.NotFound, ValueError, IndexError) as exc:
        errors.print(f"[red]error:[/] no value {ref!r}: use FIGURE#POSITION from `timeline`")
        raise typer.Exit(EXIT_NOT_FOUND) from exc


ValueRef = Annotated[
    str, typer.Argument(help="A value: FIGURE#POSITION (as `timeline` numbers them) or its key.")
]


@figure_app.command("confirm")
def confirm(value: ValueRef, db: DbOption = DEFAULT_DB_VALUE) -> None:
    """Confirm that a value belongs to its figure; it stays there after re-analysis."""
    store = linked_store(db)
    key = _value_key(store, value)
    figure_name = value.rpartition("#")[0] if "#" in value else None
    first = queries.timeline(store, figure_name)["timeline"][0]["key"] if figure_name else None
    if first is None:
        errors.print("[red]error:[/] give the value as FIGURE#POSITION to confirm it")
        raise typer.Exit(EXIT_USAGE)
    persist.add_override(store, "confirm", key, first)
    persist.relink(store)
    console.print(f"confirmed {value}")


@figure_app.command("split")
def split(value: ValueRef, db: DbOption = DEFAULT_DB_VALUE) -> None:
    """Take a value out of its figure into a figure of its own."""
    store = linked_store(db)
    persist.add_override(store, "split", _value_key(store, value))
    persist.relink(store)
    console.print(f"split {value} into a figure of its own")


@figure_app.command("merge")
def merge(first: ValueRef, second: ValueRef, db: DbOption = DEFAULT_DB_VALUE) -> None:
    """Merge the figures holding two values (e.g. 3#0 and 7#0 merge figures 3 and 7)."""
    store = linked_store(db)
    persist.add_override(store, "merge", _value_key(store, first), _value_key(store, second))
    persist.relink(store)
    console.print(f"merged the figures of {first} and {second}")
