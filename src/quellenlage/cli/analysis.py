"""Commands that run the analysis: analyze (stored documents) and analyze-file (no database)."""

from __future__ import annotations

import dataclasses
import sys
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
    check_paths,
    console,
    errors,
    handles_errors,
    open_db,
    print_json,
)
from quellenlage.records import Document, Skipped


@app.command()
@handles_errors
def analyze(
    doc_ids: Annotated[
        list[int] | None, typer.Argument(metavar="[DOC]...", help="Document ids; none = all.")
    ] = None,
    all_documents: Annotated[
        bool, typer.Option("--all", help="Analyse every document (the same as naming none).")
    ] = False,
    db: DbOption = DEFAULT_DB_VALUE,
    force: Annotated[bool, typer.Option(help="Analyse again documents already analysed.")] = False,
    published: Annotated[
        str | None,
        typer.Option(help="Set the publication date (YYYY-MM-DD) of these documents first."),
    ] = None,
    jobs: Annotated[int, typer.Option("-j", "--jobs", help="Parallel worker processes.")] = 1,
    as_json: JsonOption = False,
) -> None:
    """Extract claims, figures and times from stored documents (resumable); relink figures."""
    check_date(published, "--published")
    store = open_db(db)
    ids = None if all_documents or not doc_ids else doc_ids
    from rich.progress import (  # only here: 30 ms of start-up
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        TextColumn("Analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        disable=as_json or not errors.is_terminal,
    ) as progress:
        total = len(api.pending_analysis(ids, db=store, force=force or published is not None))
        task = progress.add_task("analyse", total=total)

        def on_item(item: api.AnalysedItem) -> None:
            progress.advance(task)
            if item.error:
                errors.print(
                    f"[red]failed:[/] document {item.document_id}: {render.text(item.error)}"
                )
            for warning in item.warnings:
                errors.print(
                    f"[yellow]warning:[/] document {item.document_id}: {render.text(warning)}"
                )

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


@app.command("analyze-file")
@handles_errors
def analyze_file(
    path: Annotated[Path, typer.Argument(help="A news report (any format ingest reads), or -.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) to resolve times against.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name.")] = None,
    language: Annotated[str | None, typer.Option(help="Language code, e.g. de.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Read and analyse one file without a database; print its claims.

    With --json: one object {"origin", "document", "claims", "warnings", "error"} per
    document (a list when the file holds several); "error" is null unless the input
    could not be read, and then "document" is null.
    """
    check_paths([path])
    check_date(published, "--published")
    stdin = sys.stdin.buffer if str(path) == "-" else None
    output, failed = [], False
    for item in api.analyze_file(
        path, published=published, outlet=outlet, language=language, stdin=stdin
    ):
        if isinstance(item, Skipped):
            errors.print(
                f"[yellow]skipped:[/] {render.text(item.origin)}: {render.text(item.reason)}"
            )
            continue
        if not isinstance(item, api.FileAnalysis):
            errors.print(f"[red]failed:[/] {render.text(item.origin)}: {render.text(item.error)}")
            failed = True
            output.append(
                {
                    "origin": item.origin,
                    "document": None,
                    "claims": [],
                    "warnings": [],
                    "error": item.error,
                }
            )
            continue
        doc = item.document
        for warning in item.warnings:
            errors.print(f"[yellow]warning:[/] {render.text(doc.origin)}: {render.text(warning)}")
        output.append(
            {
                "origin": doc.origin,
                "document": document_json(doc),
                "claims": [c.to_dict() for c in item.claims],
                "warnings": item.warnings,
                "error": None,
            }
        )
        if not as_json:
            console.rule(render.text(doc.title.value or doc.origin))
            for line in render.claim_blocks(item.claims):
                console.print(line, highlight=False)
    if as_json:
        print_json(output[0] if len(output) == 1 else output)
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)
