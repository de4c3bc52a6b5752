"""Archive scale: analysis and linking on Apache Spark, and importing what they wrote.

``spark_analyze`` and ``spark_link`` need the optional extra ``quellenlage[spark]``
(PySpark and Java 17); ``import_parquet`` needs neither.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from quellenlage.api.common import DbArg, UsageError, open_db
from quellenlage.store import DEFAULT_DB

if TYPE_CHECKING:
    from quellenlage.spark.analyze import AnalyzeReport
    from quellenlage.spark.link import LinkReport
    from quellenlage.spark.load import ImportReport


def _session(master: str | None, partitions: int | None):  # -> SparkSession
    try:
        from quellenlage.spark.session import session
    except ImportError as exc:
        raise UsageError(
            f"Spark is not installed ({exc}): pip install 'quellenlage[spark]' (needs Java 17)"
        ) from exc
    return session(master, shuffle_partitions=partitions)


def spark_analyze(
    manifest: str | Path,
    out: str | Path,
    *,
    master: str | None = "local[*]",
    partitions: int | None = None,
) -> AnalyzeReport:
    """Analyse every input a manifest lists on Spark; Parquet tables into ``out``.

    ``master=None`` uses the session spark-submit set up.
    """
    spark = _session(master, partitions)
    from quellenlage.spark.analyze import ManifestError, analyze

    try:
        return analyze(spark, manifest, out, partitions=partitions)
    except ManifestError as exc:
        raise UsageError(str(exc)) from exc


def spark_link(
    folder: str | Path, *, master: str | None = "local[*]", partitions: int | None = None
) -> LinkReport:
    """Link the figures of a ``spark_analyze`` output; writes figures and figure values."""
    if not (Path(folder) / "records").exists() and "://" not in str(folder):
        raise UsageError(f"{folder}: no 'records' table: not the output of spark analyze")
    spark = _session(master, partitions)
    from quellenlage.spark.link import link

    return link(spark, str(folder))


def import_parquet(
    folder: str | Path, *, db: DbArg = DEFAULT_DB, relink: bool = True
) -> ImportReport:
    """Store a ``spark_analyze`` output in the database, then relink its figures."""
    from quellenlage.api.tracking import link
    from quellenlage.spark.load import ParquetImportError, import_parquet

    store = open_db(db)
    try:
        report = import_parquet(store, folder)
    except ParquetImportError as exc:
        raise UsageError(str(exc)) from exc
    if relink:
        link(db=store)
    return report
