"""``spark analyze``: a manifest of inputs in, the export's Parquet tables out.

The job runs in three steps, each the single-machine code on a part of the input:

1. *read*: one task per input file streams it through :func:`quellenlage.ingest.read_inputs`
   (local paths directly; other URLs are fetched through Spark's Hadoop file systems);
2. *copies*: documents are grouped by content hash; the first in manifest order is the
   original, the rest are exact duplicates of it (the grouping also spreads the documents
   of one big WARC over all cores);
3. *analyse*: ``mapPartitions`` runs the analysis on each original in an analysable
   language; each worker process loads its language pipelines once and keeps them.

Each output table is written with ``overwrite``, so running the same manifest again
replaces the output with the same rows; Spark commits only one attempt of each task,
so a retried task adds no rows either.
"""

from __future__ import annotations

import operator
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.pandas.types import from_arrow_schema
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    DateType,
    LongType,
    StringType,
    StructField,
    StructType,
)

from quellenlage.export import parquet_schema
from quellenlage.ingest import read_inputs
from quellenlage.pipeline import Analysis
from quellenlage.records import ANALYSABLE_LANGUAGES, Document, Failure
from quellenlage.spark import rows as R

_PARTITION_FIELDS = [StructField("published", DateType()), StructField("language", StringType())]
RECORDS_SCHEMA = StructType(
    [
        StructField("document_id", LongType()),
        *(StructField(name, StringType()) for name in R.RECORD_COLUMNS[1:9]),
        StructField("analysed", BooleanType()),
        StructField("claims", StringType()),
        StructField("warnings", ArrayType(StringType())),
        *_PARTITION_FIELDS,
    ]
)
FAILURES_SCHEMA = StructType(
    [
        StructField("origin", StringType()),
        StructField("stage", StringType()),
        StructField("document_id", LongType()),
        StructField("error", StringType()),
    ]
)

#: Documents analysed together: the pipelines work on batches (spaCy's ``pipe``).
_BATCH = 32
Analyser = Callable[[list[Document]], Iterator[Analysis]]


class ManifestError(ValueError):
    """The manifest cannot be read; the message names it and the problem."""


@dataclass(frozen=True, slots=True)
class AnalyzeReport:
    documents: int
    analysed: int
    claims: int
    failures: int
    out: str


def read_manifest(manifest: str | Path) -> list[str]:
    """The inputs a manifest lists: one path or URL per line; ``#`` comments and blanks skipped."""
    path = Path(manifest)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{manifest}: cannot read the manifest: {exc}") from exc
    inputs = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not inputs:
        raise ManifestError(f"{manifest}: the manifest lists no inputs")
    return [str((path.parent / i).resolve()) if _is_local(i) and not Path(i).is_absolute() else i
            for i in inputs]  # fmt: skip


def _is_local(entry: str) -> bool:
    return urlparse(entry).scheme in ("", "file") or len(urlparse(entry).scheme) == 1


def _local_path(entry: str) -> str:
    return urlparse(entry).path if entry.startswith("file:") else entry


def analyse_documents(documents: list[Document]) -> Iterator[Analysis]:
    """The single-machine analysis, one :class:`Analysis` per document in order."""
    from quellenlage.pipeline import analyze_many

    return analyze_many(documents)


# --- the tasks (run on the executors) ------------------------------------


def _read_items(index: int, entry: str, local: str, origin_prefix: str | None) -> Iterator:
    """Tagged documents and failures of one input; origins renamed when read from a copy."""
    for position, item in enumerate(read_inputs([local])):
        if origin_prefix is not None:
            item = replace(item, origin=origin_prefix + item.origin[len(local) :])
        if isinstance(item, Failure):
            yield "failure", (item.origin, "read", None, item.error)
        elif isinstance(item, Document):  # other items (skipped records) are not failures
            yield "document", (item.content_hash, (index, position, item))


def _read_local(task: tuple[int, str]) -> Iterator:
    index, entry = task
    local = _local_path(entry)
    yield from _read_items(index, entry, str(Path(local).resolve()), None)


def _read_fetched(indexes: dict[str, int]) -> Callable[[tuple[str, bytes]], Iterator]:
    def read(fetched: tuple[str, bytes]) -> Iterator:
        url, data = fetched
        folder = Path(tempfile.mkdtemp(prefix="quellenlage-"))
        try:
            local = folder / (Path(urlparse(url).path).name or "input")
            local.write_bytes(data)
            yield from _read_items(indexes.get(url, len(indexes)), url, str(local.resolve()), url)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    return read


def _mark_copies(group: tuple[str, Iterable[tuple[int, int, Document]]]) -> Iterator[Document]:
    """The first document with this text is the original; later ones are its exact copies."""
    content_hash, items = group
    original: int | None = None
    seen: set[str] = set()
    for _, _, doc in sorted(items, key=lambda item: (item[0], item[1])):
        if doc.origin in seen:  # the same input listed twice: stored once
            continue
        seen.add(doc.origin)
        doc_id = R.document_id(doc.origin, content_hash)
        if original is None:
            original = doc_id
            yield replace(doc, id=doc_id)
        else:
            yield replace(doc, id=doc_id, duplicate_of=original, duplicate_kind="exact")


def _analysable(doc: Document) -> bool:
    return doc.duplicate_of is None and doc.language.value in ANALYSABLE_LANGUAGES


def _analyse_partition(analyser: Analyser) -> Callable[[Iterator[Document]], Iterator]:
    def analysed(doc: Document, result: Analysis | None, error: str | None) -> Iterator:
        error = error or (result.failed if result is not None else None)
        if error is not None:
            yield "rows", R.document_rows(doc, None)
            yield "failure", (doc.origin, "analyze", doc.id, error)
        else:
            yield "rows", R.document_rows(doc, result.claims, result.warnings)

    def batch(documents: list[Document]) -> Iterator:
        try:
            results = list(analyser(documents))
        except Exception as exc:  # one bad document must not stop the run
            if len(documents) == 1:
                yield from analysed(documents[0], None, f"{type(exc).__name__}: {exc}")
                return
            for doc in documents:  # find the one that fails; the others are analysed
                yield from batch([doc])
            return
        for doc, result in zip(documents, results, strict=True):
            yield from analysed(doc, result, None)

    def run(documents: Iterator[Document]) -> Iterator:
        pending: list[Document] = []
        for doc in documents:
            if not _analysable(doc):
                yield "rows", R.document_rows(doc, None)
                continue
            pending.append(doc)
            if len(pending) >= _BATCH:
                yield from batch(pending)
                pending = []
        if pending:
            yield from batch(pending)

    return run


# --- the driver ----------------------------------------------------------


def _schema(table: str, partitioned: bool = True) -> StructType:
    fields = list(from_arrow_schema(parquet_schema(table)).fields)
    if partitioned and table != "documents":
        fields += _PARTITION_FIELDS
    return StructType(fields)


def _write(df: DataFrame, path: str, *, partitioned: bool) -> None:
    if partitioned:
        df = df.repartition(*R.PARTITIONS)
        df.write.mode("overwrite").partitionBy(*R.PARTITIONS).parquet(path)
    else:
        df.coalesce(1).write.mode("overwrite").parquet(path)


def _inputs(spark: SparkSession, entries: list[str]) -> Any:
    sc = spark.sparkContext
    local = [(i, e) for i, e in enumerate(entries) if _is_local(e)]
    remote = {e: i for i, e in enumerate(entries) if not _is_local(e)}
    items = sc.parallelize(local, max(1, len(local))).flatMap(_read_local)
    if remote:
        fetched = sc.binaryFiles(",".join(remote), minPartitions=len(remote))
        items = items.union(fetched.flatMap(_read_fetched(remote)))
    return items


def _nested_schema() -> StructType:
    """One row per document (or failure): every table's rows of it, nested."""

    def table(name: str, extra: list[StructField] = ()) -> StructType:
        return StructType([*from_arrow_schema(parquet_schema(name)).fields, *extra])

    counted = StructType(
        [StructField("key", ArrayType(StringType())), StructField("n", LongType())]
    )
    return StructType(
        [
            StructField("document", table("documents")),
            StructField("record", StructType(RECORDS_SCHEMA.fields[:-2])),
            StructField(
                "claims", ArrayType(table("claims", [StructField("_identity", StringType())]))
            ),
            StructField("quantities", ArrayType(table("quantities"))),
            StructField("times", ArrayType(table("times"))),
            StructField("sources", ArrayType(counted)),
            StructField("failure", FAILURES_SCHEMA),
        ]
    )


def _nested(item: tuple[str, Any]) -> tuple:
    kind, value = item
    if kind == "failure":
        return None, None, [], [], [], [], value
    r: R.DocumentRows = value
    claims = [(*row, name) for row, name in zip(r.claims, r.source_names, strict=True)]
    sources = [(list(key), n) for key, n in R.source_counts(r.sources)]
    return r.document, r.record, claims, r.quantities, r.times, sources, None


def analyze(
    spark: SparkSession,
    manifest: str | Path,
    out: str | Path,
    *,
    partitions: int | None = None,
    analyser: Analyser = analyse_documents,
) -> AnalyzeReport:
    """Read, analyse and write every input the manifest lists; see the module docstring."""
    entries = read_manifest(manifest)
    sc = spark.sparkContext
    partitions = partitions or 2 * sc.defaultParallelism
    out = str(out).rstrip("/")
    items = _inputs(spark, entries).persist(StorageLevel.MEMORY_AND_DISK)
    documents = (
        items.filter(lambda item: item[0] == "document")
        .map(operator.itemgetter(1))
        .groupByKey(partitions)
        .flatMap(_mark_copies)
    )
    results = documents.mapPartitions(_analyse_partition(analyser)).union(
        items.filter(lambda item: item[0] == "failure")
    )
    # Python hands each document's rows to the JVM once; every table is selected from this
    # cache, which spills to disk rather than being recomputed (that would analyse again)
    nested = spark.createDataFrame(results.map(_nested), _nested_schema()).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    nested.count()
    items.unpersist()
    docs = nested.where(F.col("document").isNotNull())
    published, language = (F.col(f"document.{name}").alias(name) for name in R.PARTITIONS)

    counts = (
        docs.select(F.explode("sources").alias("s"))
        .groupBy(F.col("s.key").alias("key"))
        .agg(F.sum("s.n").alias("n"))
        .collect()
    )
    source_table = R.source_table((tuple(row["key"]), row["n"]) for row in counts)
    outlets = [
        row[0]
        for row in docs.where(F.col("record.analysed") & F.col("document.outlet").isNotNull())
        .select("document.outlet")
        .distinct()
        .collect()
    ]
    sources = spark.createDataFrame(
        list(R.source_rows(source_table.entries(), outlets)), _schema("sources", False)
    )
    _write(sources, f"{out}/sources", partitioned=False)
    failures = nested.where(F.col("failure").isNotNull()).select("failure.*")
    _write(failures, f"{out}/failures", partitioned=False)
    _write(docs.select("document.*"), f"{out}/documents", partitioned=True)
    _write(docs.select("record.*", published, language), f"{out}/records", partitioned=True)
    for name in ("quantities", "times"):
        rows = docs.select(F.explode(name).alias("row"), published, language)
        _write(rows.select("row.*", *R.PARTITIONS), f"{out}/{name}", partitioned=True)
    claims = docs.select(F.explode("claims").alias("row"), published, language).select(
        "row.*", *R.PARTITIONS
    )
    _write(_claims(spark, claims, source_table, sources), f"{out}/claims", partitioned=True)
    summary = docs.agg(
        F.count("*"),
        F.sum(F.col("record.analysed").cast("long")),
        F.sum(F.size("claims")),
    ).first()
    report = AnalyzeReport(
        summary[0], summary[1] or 0, summary[2] or 0, failures=failures.count(), out=out
    )
    nested.unpersist()
    return report


def _claims(spark: SparkSession, claims: DataFrame, table: Any, sources: DataFrame) -> DataFrame:
    """Claims with their source under the name and kind the source table lists it with."""
    schema = _schema("claims")
    aliases = spark.createDataFrame(
        list(table.aliases.items()) or [("", "")], "_alias string, _canonical string"
    )
    kinds = sources.select(F.col("name").alias("_name"), F.col("kind").alias("_kind"))
    joined = (
        claims.join(F.broadcast(aliases), claims["_identity"] == aliases["_alias"], "left")
        .withColumn("_name", F.coalesce("_canonical", "_identity"))
        .drop("source", "source_kind")
        .join(kinds, "_name", "left")
        .withColumn("source", F.col("_name"))
        .withColumn("source_kind", F.col("_kind"))
    )
    return joined.select(*schema.fieldNames())
