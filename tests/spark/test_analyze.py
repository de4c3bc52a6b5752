"""spark analyze: the same tables as ingest + analyze + export, re-runs and retries add nothing."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from quellenlage import api
from quellenlage.export import parquet_schema
from quellenlage.spark.analyze import ManifestError, analyse_documents, analyze, read_manifest

PARTITIONS = pa.schema([("published", pa.date32()), ("language", pa.string())])
CLAIM_FIELDS = ("text", "span_start", "span_end", "mode", "certainty", "cue", "source_mention",
                "source", "source_kind", "chain", "inherited", "medium", "hedges", "n_quantities", "link")  # fmt: skip
QUANTITY_FIELDS = ("text", "span_start", "span_end", "value", "low", "high", "bound", "approx",
                   "vague", "unit", "kind")  # fmt: skip
TIME_FIELDS = ("text", "span_start", "span_end", "start", "end", "granularity", "relation", "mod",
               "relative", "resolved")  # fmt: skip


def read(folder: Path, name: str) -> list[dict]:
    """One table of a Spark output folder, or one file of ``export -f parquet``."""
    exported = folder / f"{name}.parquet"
    if exported.is_file():
        return pq.read_table(exported).to_pylist()
    path = folder / name
    partitioned = any(p.name.startswith("published=") for p in path.iterdir())
    partitioning = ds.partitioning(PARTITIONS, flavor="hive") if partitioned else None
    return ds.dataset(path, format="parquet", partitioning=partitioning).to_table().to_pylist()


def keyed(folder: Path, table: str, fields: tuple[str, ...]) -> list[tuple]:
    """Rows as comparable tuples: the document's origin instead of ids, which differ by design."""
    origin = {d["id"]: d["origin"] for d in read(folder, "documents")}
    return sorted(
        (origin[row["document_id"]], *(row[f] for f in fields)) for row in read(folder, table)
    )


@pytest.fixture(scope="module")
def single(inputs, tmp_path_factory) -> Path:
    """The single-machine path on the same inputs: ingest, analyze, export -f parquet."""
    folder = tmp_path_factory.mktemp("single")
    db = str(folder / "q.db")
    paths = [line for line in read_manifest(inputs) if Path(line).exists()]
    api.ingest(paths, db=db)
    api.analyze(db=db)
    api.export("parquet", folder / "export", db=db)
    return folder / "export"


def test_columns_and_types_are_the_exports(output):
    for name in ("documents", "claims", "quantities", "times", "sources"):
        files = sorted((output / name).rglob("*.parquet"))
        assert files, name
        written = pq.read_schema(files[0])
        expected = parquet_schema(name)
        partitions = {"published", "language"} if name != "sources" else set()
        kept = [f for f in expected if f.name not in partitions]
        assert [(f.name, f.type) for f in written] == [(f.name, f.type) for f in kept], name
        # the partition columns live in the folder names: published=YYYY-MM-DD/language=xx
        if partitions:
            assert all("language=" in str(f) and "published=" in str(f) for f in files)


def test_same_documents_claims_quantities_times_as_single_machine(output, single):
    spark_docs = {d["origin"]: d for d in read(output, "documents")}
    single_docs = {d["origin"]: d for d in read(single, "documents")}
    assert spark_docs.keys() == single_docs.keys()
    for origin, doc in single_docs.items():
        for field in ("url", "title", "published", "outlet", "author", "language", "content_hash",
                      "text"):  # fmt: skip
            assert spark_docs[origin][field] == doc[field], (origin, field)
        assert (spark_docs[origin]["duplicate_of"] is None) == (doc["duplicate_of"] is None)
    spark_claims = keyed(output, "claims", CLAIM_FIELDS)
    assert spark_claims == keyed(single, "claims", CLAIM_FIELDS)
    assert any(c[CLAIM_FIELDS.index("source") + 1] == "Reuters" for c in spark_claims)
    assert keyed(output, "quantities", QUANTITY_FIELDS) == keyed(
        single, "quantities", QUANTITY_FIELDS
    )
    assert keyed(output, "times", TIME_FIELDS) == keyed(single, "times", TIME_FIELDS)
    assert len(spark_claims) >= 5


def test_same_sources_as_single_machine(output, single):
    def sources(folder):
        return sorted(
            (
                s["name"],
                s["kind"],
                s["mentions"],
                s["claims"],
                s["is_outlet"],
                sorted(s["variants"]),
            )
            for s in read(folder, "sources")
        )

    assert sources(output) == sources(single)
    assert {"BR24", "Reuters"} <= {s[0] for s in sources(output) if s[4]}


def test_exact_copy_points_to_its_original(output):
    docs = {Path(d["origin"]).name: d for d in read(output, "documents")}
    assert docs["copy.html"]["duplicate_of"] == docs["article.html"]["id"]
    assert docs["article.html"]["duplicate_of"] is None
    claimed = {c["document_id"] for c in read(output, "claims")}
    assert docs["copy.html"]["id"] not in claimed  # copies are not analysed again


def test_bad_records_end_up_in_failures(output):
    failures = {(Path(f["origin"]).name, f["stage"]): f["error"] for f in read(output, "failures")}
    assert "not valid JSON" in failures[("reports.jsonl#L2", "read")]
    assert failures[("missing.html", "read")] == "no such file or directory"
    # the good lines around the bad one are read
    names = {Path(d["origin"]).name for d in read(output, "documents")}
    assert {"reports.jsonl#L1", "reports.jsonl#L3"} <= names


def test_rerun_gives_the_same_rows(spark, inputs, output):
    before = {
        name: read(output, name) for name in ("documents", "claims", "quantities", "failures")
    }
    analyze(spark, inputs, output)
    for name, rows in before.items():
        again = read(output, name)
        assert len(again) == len(rows), name
        key = sorted(map(repr, again)) == sorted(map(repr, rows))
        assert key, name


def test_retried_tasks_and_failed_documents(spark, inputs, output, tmp_path):
    """Every analysis task dies once (its worker exits); one document's analysis raises."""

    def crash_once(documents):
        import os

        from pyspark import TaskContext

        if TaskContext.get().attemptNumber() == 0:
            os._exit(1)  # the worker process dies: Spark runs the task again
        for doc in documents:
            if doc.origin.endswith("#L3"):
                raise ValueError("cannot analyse this one")
        yield from analyse_documents(documents)

    out = tmp_path / "retried"
    analyze(spark, inputs, out, analyser=crash_once)
    failed = [f for f in read(out, "failures") if f["stage"] == "analyze"]
    assert len(failed) == 1 and failed[0]["origin"].endswith("#L3")
    assert failed[0]["error"] == "ValueError: cannot analyse this one"
    assert read(out, "documents") and len(read(out, "documents")) == len(read(output, "documents"))
    ids = [c["id"] for c in read(out, "claims")]
    assert len(ids) == len(set(ids))  # no row twice
    expected = [c for c in keyed(output, "claims", CLAIM_FIELDS) if not c[0].endswith("#L3")]
    assert keyed(out, "claims", ("text", "span_start", "span_end", "mode", "certainty", "cue",
                                 "source_mention")) == [c[:8] for c in expected]  # fmt: skip


def test_manifest_errors_name_the_manifest(tmp_path):
    with pytest.raises(ManifestError, match="cannot read"):
        read_manifest(tmp_path / "nope.txt")
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing\n\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="lists no inputs"):
        read_manifest(empty)
