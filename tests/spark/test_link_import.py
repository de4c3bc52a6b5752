"""spark link: tracking's figures; import: the Parquet output back into SQLite."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from quellenlage import api
from quellenlage.spark import rows as R
from quellenlage.spark.link import link
from quellenlage.store import Store
from quellenlage.tracking import AnalysedReport, track
from tests.spark.test_analyze import read


def reports(folder: Path) -> list[AnalysedReport]:
    """The analysed originals of an output, read back as tracking's input."""
    records = {r["document_id"]: r for r in read(folder, "records")}
    found = []
    for row in read(folder, "documents"):
        record = records[row["id"]]
        if record["analysed"] and row["duplicate_of"] is None:
            doc = R.document_from_rows(row, record)
            claims = R.loads_claims(record["claims"])
            found.append(
                AnalysedReport(doc, claims, [R.claim_id(doc.id, i) for i in range(len(claims))])
            )
    return found


def test_records_round_trip_claims_exactly(output):
    for report in reports(output):
        assert R.loads_claims(R.dumps_claims(report.claims)) == list(report.claims)
    assert sum(len(r.claims) for r in reports(output)) == len(read(output, "claims"))


def test_link_gives_trackings_figures(spark, output):
    result = link(spark, str(output))
    expected = track(reports(output)).figures
    figures = read(output, "figures")
    assert result.figures == len(figures) == len(expected) > 0
    assert sorted((f["key"], f["label"], f["n_values"]) for f in figures) == sorted(
        (f.key, f.label, len(f.links)) for f in expected
    )
    values = read(output, "figure_values")
    assert sorted((v["figure_key"], v["value_key"]) for v in values) == sorted(
        (f.key, link.observation.key) for f in expected for link in f.links
    )
    claim_ids = {c["id"] for c in read(output, "claims")}
    assert {v["claim_id"] for v in values} <= claim_ids


def test_import_round_trips_into_sqlite(output, tmp_path):
    store = Store.open(tmp_path / "imported.db")
    report = api.import_parquet(output, db=store, relink=False)
    parquet_docs = read(output, "documents")
    assert report.documents == store.count_documents() == len(parquet_docs)
    by_origin = {d.origin: d for d in store.documents()}
    for analysed in reports(output):
        stored = by_origin[analysed.document.origin]
        assert stored.text == analysed.document.text
        assert stored.published == analysed.document.published
        assert store.claims(stored.id) == [
            dataclasses.replace(c, document_id=stored.id) for c in analysed.claims
        ]
    copy = next(d for d in by_origin.values() if d.origin.endswith("copy.html"))
    original = by_origin[copy.origin.replace("copy.html", "article.html")]
    assert copy.duplicate_of == original.id
    assert {f.origin.rsplit("/", 1)[-1] for f in store.failures()} == {
        "reports.jsonl#L2",
        "missing.html",
    }
    again = api.import_parquet(output, db=store, relink=False)
    assert again.documents == 0 and again.skipped == len(parquet_docs)
    assert store.count_documents() == len(parquet_docs)


def test_import_names_a_folder_that_is_not_spark_output(tmp_path):
    with pytest.raises(api.UsageError, match="not the output of spark analyze"):
        api.import_parquet(tmp_path, db=str(tmp_path / "x.db"))


def test_import_command_loads_and_links(output, tmp_path):
    from typer.testing import CliRunner

    from quellenlage.cli import app

    db = str(tmp_path / "cli.db")
    result = CliRunner().invoke(app, ["import", str(output), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert '"documents": 6' in result.output
    assert api.figures(db=db)  # linked: the figure queries work on the imported reports
