"""Commands for getting documents in and looking at them: ingest, docs, show, failed."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Annotated

import typer

from quellenlage import api
from quellenlage.cli import render
from quellenlage.cli.app import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, app
from quellenlage.cli.common import (
    DEFAULT_DB_VALUE,
    DbOption,
    DelayOption,
    JsonArrayWriter,
    JsonOption,
    PerHostOption,
    check_date,
    console,
    errors,
    fail,
    handles_errors,
    open_db,
    print_json,
)
from quellenlage.records import Document

#: Rows of the summary table after an ingest; the counts below it cover everything.
SUMMARY_ROWS = 50


@app.command()
@handles_errors
def ingest(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATHS_OR_URLS",
            help="Files, folders, - for standard input, or http(s):// URLs (pages, feeds, sitemaps).",
        ),
    ] = None,
    urls: Annotated[
        Path | None, typer.Option("--urls", help="File listing URLs, one per line.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Feeds and sitemaps: only entries from this date on.")
    ] = None,
    delay: DelayOption = None,
    per_host: PerHostOption = None,
    recheck: Annotated[
        bool, typer.Option(help="Feeds and sitemaps: ask again for pages already fetched.")
    ] = False,
    db: DbOption = DEFAULT_DB_VALUE,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for all inputs.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for all inputs.")] = None,
    language: Annotated[str | None, typer.Option(help="Language code, e.g. de, en.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Read news reports (HTML, WARC, RSS/Atom, JSONL, plain text, web pages) into the database."""
    web = [i for i in inputs or [] if api.is_url(i)] + (api.read_url_list(urls) if urls else [])
    paths = [Path(i) for i in inputs or [] if not api.is_url(i)]
    if not paths and not web:
        raise fail("give files, folders, - or URLs to ingest", EXIT_USAGE)
    # a path that cannot be read is a failure like any other (recorded, listed, exit 3)
    check_date(published, "--published")
    store = open_db(db)
    stdin = sys.stdin.buffer if any(str(p) == "-" for p in paths) else None
    quiet = as_json or not console.is_terminal
    shown: list[api.IngestedItem] = []  # the first rows of the summary table
    json_out = JsonArrayWriter() if as_json else None
    from rich.progress import (  # only here: 30 ms of start-up
        BarColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

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
            elif item.status not in ("failed", "skipped") and len(shown) < SUMMARY_ROWS:
                shown.append(item)
            if item.status in ("failed", "skipped"):
                mark = "[red]failed:[/]" if item.status == "failed" else "[yellow]skipped:[/]"
                errors.print(
                    f"{mark} {render.text(item.origin)}: {render.text(item.error)}",
                    soft_wrap=True,
                )

        options = {"published": published, "outlet": outlet, "language": language}
        report = api.ingest(
            [str(p) for p in paths], db=store, stdin=stdin, on_item=on_item, **options
        )
        if web:
            polite = api.politeness(delay=delay, per_host=per_host)
            fetched = api.ingest_urls(
                web,
                db=store,
                since=since,
                politeness=polite,
                recheck=recheck,
                on_item=on_item,
                **options,
            )
            report.counts.update(fetched.counts)
            report.failed.extend(fetched.failed)
            report.skipped.extend(fetched.skipped)
    if json_out:
        json_out.close()
    else:
        _print_ingest_summary(report, shown)
    raise typer.Exit(EXIT_SOME_FAILED if report.failed else EXIT_OK)


def _print_ingest_summary(report: api.IngestReport, shown: list[api.IngestedItem]) -> None:
    if shown:
        console.print(render.ingest_table(shown))
    stored = sum(report.counts.values()) - len(report.failed) - len(report.skipped)
    if stored > len(shown):
        console.print(f"… and {stored - len(shown)} more")
    console.print(
        f"{report.count('added')} added, {report.count('new version')} new versions, "
        f"{report.count('duplicate')} exact duplicates, "
        f"{report.count('near-duplicate')} near duplicates, "
        f"{report.count('already stored')} already stored, {len(report.skipped)} skipped, "
        f"{len(report.failed)} failed"
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
@handles_errors
def docs(
    db: DbOption = DEFAULT_DB_VALUE,
    limit: Annotated[int | None, typer.Option(help="Show at most this many.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List the stored documents."""
    rows = [_document_summary(d) for d in api.documents(db=open_db(db), limit=limit)]
    if as_json:
        print_json(rows)
        return
    console.print(render.documents_table(rows, db))


@app.command()
@handles_errors
def show(
    doc_id: Annotated[int, typer.Argument(metavar="DOC", help="Document id (see `docs`).")],
    db: DbOption = DEFAULT_DB_VALUE,
    archived: Annotated[
        bool, typer.Option("--archived", help="The page as fetched, from the WARC archive.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Show one document's metadata (with where each value came from) and its clean text."""
    if archived:
        _show_archived(api.archived(doc_id, db=open_db(db)), as_json)
        return
    doc = api.document(doc_id, db=open_db(db))
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
    console.print(render.document_table(doc, meta))
    console.print(render.text(doc.text))


def _show_archived(copy: api.ArchivedCopy, as_json: bool) -> None:
    versions = [dataclasses.asdict(v) for v in copy.versions]
    if as_json:
        print_json({**dataclasses.asdict(copy), "versions": versions})
        return
    fetch = copy.fetch
    console.print(
        f"[bold]{render.text(fetch.url)}[/] fetched {fetch.fetched_at.isoformat(timespec='seconds')}"
        f" (HTTP {copy.http_status}, final URL {render.text(fetch.final_url)})\n"
        f"WARC {render.text(fetch.warc_file)} offset {fetch.warc_offset}, record "
        f"{fetch.warc_record_id}, {fetch.digest}"
    )
    if len(versions) > 1:
        listed = ", ".join(f"{v['number']}: document {v['document_id']}" for v in versions)
        console.print(f"versions of this page: {listed}")
    sys.stdout.write(render.clean(copy.body).rstrip("\n") + "\n")  # the page as served


@app.command()
@handles_errors
def failed(db: DbOption = DEFAULT_DB_VALUE, as_json: JsonOption = False) -> None:
    """List the inputs that could not be read, and why."""
    rows = api.failures(db=open_db(db))
    if as_json:
        print_json([dataclasses.asdict(r) for r in rows])
        return
    console.print(render.failures_table(rows))
    console.print(f"{len(rows)} failed inputs")
