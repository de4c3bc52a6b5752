"""Archive scale: ``spark analyze``, ``spark link`` and ``import`` (Parquet into the database)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

import typer

from quellenlage import api
from quellenlage.cli.app import EXIT_OK, EXIT_SOME_FAILED, app
from quellenlage.cli.common import (
    DEFAULT_DB_VALUE,
    DbOption,
    JsonOption,
    console,
    handles_errors,
    open_db,
    print_json,
)

spark_app = typer.Typer(
    help="Run the analysis and figure linking on Apache Spark (pip install 'quellenlage[spark]').",
    no_args_is_help=True,
)
app.add_typer(spark_app, name="spark")

MasterOption = Annotated[
    str,
    typer.Option(help="Spark master: local[N] on this machine; under spark-submit use job.py."),
]
PartitionsOption = Annotated[
    int | None, typer.Option(help="Partitions of the analysis (default: twice the cores).")
]


def _show(report: object, as_json: bool) -> None:
    if as_json:
        print_json(dataclasses.asdict(report))
    else:
        console.print(
            ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in dataclasses.asdict(report).items())
        )


@spark_app.command("analyze")
@handles_errors
def spark_analyze(
    manifest: Annotated[Path, typer.Argument(help="File listing one input path or URL per line.")],
    out: Annotated[
        str, typer.Option("--out", "-o", help="Folder (or URL) for the Parquet tables.")
    ],
    master: MasterOption = "local[*]",
    partitions: PartitionsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read and analyse every input of MANIFEST; write the export's Parquet tables to OUT."""
    report = api.spark_analyze(manifest, out, master=master, partitions=partitions)
    _show(report, as_json)
    raise typer.Exit(EXIT_SOME_FAILED if report.failures else EXIT_OK)


@spark_app.command("link")
@handles_errors
def spark_link(
    folder: Annotated[str, typer.Argument(help="Output folder of spark analyze.")],
    master: MasterOption = "local[*]",
    partitions: PartitionsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Link figures across the reports in FOLDER; writes figures and figure_values there."""
    _show(api.spark_link(folder, master=master, partitions=partitions), as_json)


@app.command("import")
@handles_errors
def import_parquet(
    folder: Annotated[Path, typer.Argument(help="Output folder of spark analyze.")],
    db: DbOption = DEFAULT_DB_VALUE,
    as_json: JsonOption = False,
) -> None:
    """Load the Parquet output of spark analyze into the database, then link figures."""
    _show(api.import_parquet(folder, db=open_db(db)), as_json)
