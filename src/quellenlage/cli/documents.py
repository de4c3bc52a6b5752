"""Commands for getting documents in and looking at them: ingest, docs, show, failed."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from quellenlage import api
from quellenlage.cli.app import EXIT_NOT_FOUND, EXIT_OK, EXIT_SOME_FAILED, app
from quellenlage.cli.common import (
    DEFAULT_DB_VALUE,
    DbOption,
    JsonArrayWriter,
    JsonOption,
    check_date,
    check_paths,
    console,
    errors,
    open_store,
    print_json,
)
from quellenlage.records import Document


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files, folders, or - for standard input.")],
    db: DbOption = DEFAULT_DB_VALUE,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for all inputs.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for all inputs.")] = None,
    language: Annotated[str | None, typer.Option(help="Language code, e.g. de, en.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Read news reports (HTML, WARC, RSS/Atom, JSONL, plain text) into the database."""
    check_paths(paths)
    if published:
        check_date(published)
    store = open_store(db)
    stdin = sys.stdin.buffer if any(str(p) == "-" for p in paths) else None
    quiet = as_json or not console.is_terminal
    shown: list[api.IngestedItem] = []  # the first rows of the summary table
    json_out = JsonArrayWriter() if as_json else None
    with Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} inputs"),
        TimeElapsedColumn(),
        console=errors,
        disable=quiet,
    ) as progress:
        task = progress.add_task("Ingesting", total=None)

        def on_item(item: api.IngestedItem) -> None:
            progress.advance(task)
            if json_out:
                json_out.write(dataclasses.asdict(item))
            elif item.status != "failed" and len(shown) < SUMMARY_ROWS:
                shown.append(item)
            if item.status == "failed":
                errors.print(
                    f"[red]failed:[/] {escape(item.origin)}: {escape(item.error or '')}",
                    soft_wrap=True,
                )

        report = api.ingest(
            [str(p) for p in paths],
            db=store,
            published=published,
            outlet=outlet,
            language=language,
            stdin=stdin,
            on_item=on_item,
        )
    if json_out:
        json_out.close()
    else:
        _print_ingest_summary(report, shown)
    raise typer.Exit(EXIT_SOME_FAILED if report.failed else EXIT_OK)


#: Rows of the summary table after an ingest; the counts below it cover everything.
SUMMARY_ROWS = 50


def _print_ingest_summary(report: api.IngestReport, shown: list[api.IngestedItem]) -> None:
    table = Table(title="Ingested", show_lines=False)
    for column in ("id", "status", "language", "title", "origin"):
        table.add_column(column, overflow="fold")
    for item in shown:
        status = item.status
        if item.duplicate_of:
            status += f" of {item.duplicate_of}"
        table.add_row(
            str(item.document_id or ""),
            status,
            item.language or "?",
            escape(item.title or ""),
            escape(item.origin),
        )
    if table.row_count:
        console.print(table)
    stored = sum(report.counts.values()) - len(report.failed)
    if stored > len(shown):
        console.print(f"… and {stored - len(shown)} more")
    console.print(
        f"{report.count('added')} added, {report.count('duplicate')} exact duplicates, "
        f"{report.count('near-duplicate')} near duplicates, "
        f"{report.count('already stored')} already stored, {len(report.failed)} failed"
    )


def _document_summary(doc: Document) -> dict:
    return {
        "id": doc.id,
        "title": doc.title.value,
        "published": doc.published.value,
        "outlet": doc.outlet.value,
        "language": doc.language.value,
        "format": doc.format,
        "origin": doc.origin,
        "duplicate_of": doc.duplicate_of,
        "characters": len(doc.text),
    }


@app.command()
def docs(
    db: DbOption = DEFAULT_DB_VALUE,
    limit: Annotated[int | None, typer.Option(help="Show at most this many.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List the stored documents."""
    store = open_store(db)
    rows = [_document_summary(d) for d in store.documents(limit=limit)]
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"Documents in {db}")
    for column in ("id", "published", "outlet", "lang", "title", "dup of"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(
            str(r["id"]),
            r["published"] or "unknown",
            escape(r["outlet"] or "unknown"),
            r["language"] or "?",
            escape(r["title"] or ""),
            str(r["duplicate_of"] or ""),
        )
    console.print(table)


@app.command()
def show(
    doc_id: Annotated[int, typer.Argument(metavar="DOC", help="Document id (see `docs`).")],
    db: DbOption = DEFAULT_DB_VALUE,
    as_json: JsonOption = False,
) -> None:
    """Show one document's metadata (with where each value came from) and its clean text."""
    store = open_store(db)
    doc = store.document(doc_id)
    if doc is None:
        errors.print(f"[red]error:[/] no document {doc_id} in {db}")
        raise typer.Exit(EXIT_NOT_FOUND)
    meta = {
        name: {"value": getattr(doc, name).value, "source": getattr(doc, name).source}
        for name in ("title", "published", "author", "outlet", "language")
    }
    if as_json:
        print_json(
            {
                "id": doc.id,
                "origin": doc.origin,
                "format": doc.format,
                "url": doc.url,
                "content_hash": doc.content_hash,
                "duplicate_of": doc.duplicate_of,
                "duplicate_kind": doc.duplicate_kind,
                **meta,
                "text": doc.text,
            }
        )
        return
    table = Table(show_header=True, title=f"Document {doc.id}")
    table.add_column("field")
    table.add_column("value", overflow="fold")
    table.add_column("from")
    for name, value in meta.items():
        table.add_row(name, escape(value["value"] or "unknown"), value["source"])
    table.add_row("origin", escape(doc.origin), "")
    if doc.duplicate_of:
        table.add_row("duplicate of", str(doc.duplicate_of), doc.duplicate_kind or "")
    console.print(table)
    console.print(escape(doc.text))


@app.command()
def failed(db: DbOption = DEFAULT_DB_VALUE, as_json: JsonOption = False) -> None:
    """List the inputs that could not be read, and why."""
    store = open_store(db)
    rows = store.failures()
    if as_json:
        print_json([dataclasses.asdict(r) for r in rows])
        return
    table = Table(title="Failed inputs")
    for column in ("input", "error", "last tried", "attempts"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(
            escape(r.origin),
            escape(r.error),
            r.last_failed_at.isoformat(timespec="seconds"),
            str(r.attempts),
        )
    console.print(table)
    console.print(f"{len(rows)} failed inputs")
