"""Commands that run the analysis: analyze (stored documents) and analyze-file (no database)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from quellenlage import api
from quellenlage.cli.app import EXIT_OK, EXIT_SOME_FAILED, app
from quellenlage.cli.common import (
    DEFAULT_DB_VALUE,
    DbOption,
    JsonOption,
    check_date,
    check_paths,
    console,
    errors,
    open_store,
    print_json,
)
from quellenlage.records import Claim, Document


@app.command()
def analyze(
    doc_ids: Annotated[
        list[int] | None, typer.Argument(metavar="[DOC]...", help="Document ids; none = all.")
    ] = None,
    all_documents: Annotated[bool, typer.Option("--all", help="Analyse every document.")] = False,
    db: DbOption = DEFAULT_DB_VALUE,
    force: Annotated[bool, typer.Option(help="Analyse again documents already analysed.")] = False,
    published: Annotated[
        str | None,
        typer.Option(help="Set the publication date (YYYY-MM-DD) of these documents first."),
    ] = None,
    jobs: Annotated[int, typer.Option("-j", "--jobs", help="Parallel worker processes.")] = 1,
    as_json: JsonOption = False,
) -> None:
    """Extract claims, figures and times from stored documents (resumable)."""
    if published:
        check_date(published)
    if not doc_ids and not all_documents:
        errors.print("[red]error:[/] name documents (see `quellenlage docs`) or pass --all")
        raise typer.Exit(2)
    store = open_store(db)
    ids = None if all_documents else doc_ids
    with Progress(
        TextColumn("Analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        disable=as_json or not errors.is_terminal,
    ) as progress:
        task = progress.add_task("analyse", total=len(store.pending_analysis(ids, force=force)))

        def on_item(item: api.AnalysedItem) -> None:
            progress.advance(task)
            if item.error:
                errors.print(f"[red]failed:[/] document {item.document_id}: {escape(item.error)}")
            for warning in item.warnings:
                errors.print(f"[yellow]warning:[/] document {item.document_id}: {escape(warning)}")

        results = api.analyze(
            ids, db=store, force=force, published=published, jobs=jobs, on_item=on_item
        )
    if as_json:
        print_json([dataclasses.asdict(r) for r in results])
    else:
        done = [r for r in results if r.error is None]
        console.print(
            f"{len(done)} documents analysed, {sum(r.claims for r in done)} claims, "
            f"{len(results) - len(done)} failed"
        )
    raise typer.Exit(EXIT_SOME_FAILED if any(r.error for r in results) else EXIT_OK)


def document_json(doc: Document) -> dict:
    meta = {
        name: {"value": getattr(doc, name).value, "source": getattr(doc, name).source}
        for name in ("title", "published", "author", "outlet", "language")
    }
    return {"origin": doc.origin, "format": doc.format, "url": doc.url, **meta, "text": doc.text}


def _quantity_label(q) -> str:
    value = f"{q.low:,.10g}–{q.high:,.10g}" if q.bound == "range" else f"{q.value:,.10g}"
    marks = [
        m for m in (q.bound if q.bound != "range" else None, "approx" if q.approx else None) if m
    ]
    return f"{q.text} = {value}{' ' + q.unit if q.unit else ''}" + (
        f" ({', '.join(marks)})" if marks else ""
    )


def _time_label(t) -> str:
    same = t.start == t.end
    target = (t.start or "?") if same else f"{t.start or '…'} – {t.end or '…'}"
    return f"{t.text} = {t.relation} {target}" + ("" if t.resolved else " (unresolved)")


def _print_claims(claims: list[Claim]) -> None:
    """One compact block per claim: it reads in any terminal width."""
    for number, c in enumerate(claims, 1):
        head = f"[bold]{number}[/] [cyan]{c.mode}[/] · {c.certainty}"
        if c.hedges:
            head += f" ({escape(', '.join(c.hedges))})"
        if c.source:
            head += f" · source: [bold]{escape(c.source.text)}[/]"
            if c.source.resolved:
                head += f" = {escape(c.source.resolved)}"
            if c.inherited:
                head += " (carried over)"
        if c.chain:
            head += " → " + escape(" → ".join(s.name for s in c.chain))
        if c.cue:
            head += f" · cue: {escape(c.cue.text)}"
        console.print(head)
        console.print(f"    {escape(c.text)}", highlight=False)
        for q in c.quantities:
            console.print(f"    [green]figure[/] {escape(_quantity_label(q))}", highlight=False)
        for t in c.times:
            console.print(f"    [magenta]time[/] {escape(_time_label(t))}", highlight=False)
    console.print(f"{len(claims)} claims")


@app.command("analyze-file")
def analyze_file(
    path: Annotated[Path, typer.Argument(help="A news report (any format ingest reads), or -.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) to resolve times against.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name.")] = None,
    language: Annotated[str | None, typer.Option(help="Language code, e.g. de.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Read and analyse one file without a database; print its claims."""
    import sys

    from quellenlage.ingest import read_inputs
    from quellenlage.pipeline import analyse
    from quellenlage.records import Failure

    check_paths([path])
    if published:
        check_date(published)
    stdin = sys.stdin.buffer if str(path) == "-" else None
    output, failed = [], False
    for item in read_inputs(
        [str(path)], published=published, outlet=outlet, language=language, stdin=stdin
    ):
        if isinstance(item, Failure):
            errors.print(f"[red]failed:[/] {escape(item.origin)}: {escape(item.error)}")
            failed = True
            continue
        result = analyse(item)
        for warning in result.warnings:
            errors.print(f"[yellow]warning:[/] {escape(item.origin)}: {escape(warning)}")
        output.append(
            {
                "document": document_json(item),
                "claims": [c.to_dict() for c in result.claims],
                "warnings": result.warnings,
            }
        )
        if not as_json:
            console.rule(escape(item.title.value or item.origin))
            _print_claims(result.claims)
    if as_json:
        print_json(output[0] if len(output) == 1 else output)
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)
