"""Exports: one file per table in JSONL, CSV and Parquet; the citation graph; Wikinews."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import replace

import networkx as nx
import pandas as pd
import polars as pl
import pytest

from quellenlage import api
from quellenlage.export import ExportError, export, wikinews_tokens
from quellenlage.research.wikinews import parse_record
from quellenlage.store import Store
from quellenlage.store.search import ClaimQuery
from tests.tracking.story import seed, stored_story

TABLES = {
    "documents",
    "claims",
    "quantities",
    "times",
    "figures",
    "figure_values",
    "figure_context",
    "sources",
    "citations",
    "disagreements",
}


@pytest.fixture
def store(tmp_path):
    store = stored_story(str(tmp_path / "story.db"))
    api.link(db=store)
    yield store
    store.close()


def test_jsonl_has_every_table_and_row(store, tmp_path):
    written = export(store, "jsonl", tmp_path / "out")
    assert {p.stem for p in written} == TABLES
    documents = [json.loads(line) for line in (tmp_path / "out/documents.jsonl").open()]
    assert len(documents) == 4 and documents[0]["published"] == "2024-10-24"
    claims = [json.loads(line) for line in (tmp_path / "out/claims.jsonl").open()]
    reuters = [c for c in claims if c["source"] == "Reuters"]
    assert reuters[0]["chain"] == ["südkoreanische Parlamentsabgeordnete", "Geheimdienst-Briefing"]
    values = [json.loads(line) for line in (tmp_path / "out/figure_values.jsonl").open()]
    assert sum(1 for v in values if v["value"] == 12000) == 1
    times = [json.loads(line) for line in (tmp_path / "out/times.jsonl").open()]
    treaty = [t for t in times if t["text"] == "im Juni 2023"]
    assert treaty and treaty[0]["start"] == "2023-06" and treaty[0]["granularity"] == "month"


def test_csv_keeps_umlauts_and_lists(store, tmp_path):
    export(store, "csv", tmp_path / "out")
    with (tmp_path / "out/sources.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    names = {r["name"] for r in rows}
    assert "US-Außenministerium" in names
    nato = next(r for r in rows if r["name"] == "NATO")
    assert json.loads(nato["variants"]) == ["die Nato"]


def test_parquet_has_proper_types_for_pandas_and_polars(store, tmp_path):
    export(store, "parquet", tmp_path / "out")
    values = pl.read_parquet(tmp_path / "out/figure_values.parquet")
    assert values.schema["value"] == pl.Float64
    assert values.schema["refers_start"] == pl.Date
    assert values.schema["approx"] == pl.Boolean
    assert values.schema["chain"] == pl.List(pl.String)
    assert values.schema["document_id"] == pl.Int64
    docs = pd.read_parquet(tmp_path / "out/documents.parquet")
    assert docs["published"].iloc[0] == dt.date(2024, 10, 24)
    assert str(docs["id"].dtype) == "int64"
    times = pl.read_parquet(tmp_path / "out/times.parquet")
    assert times.schema["start"] == pl.String  # kept at its granularity: "2023-06"
    assert times.schema["resolved"] == pl.Boolean
    figures = pl.read_parquet(tmp_path / "out/figures.parquet")
    assert figures.filter(pl.col("disputed")).height == 1


def test_claim_tables_carry_how_the_source_was_linked(tmp_path):
    doc, claims = seed()
    # attributed claims get one link kind each in turn; the outlet's own sentences have none
    kinds = iter(["following_sentence", "connective", "heading"] * len(claims))
    linked = [replace(c, link=next(kinds)) if c.source else c for c in claims]
    store = Store.open(str(tmp_path / "linked.db"))
    [doc_id] = store.add_documents([(replace(doc, id=None), None)])
    store.save_analysis(doc_id, linked, [])
    export(store, "jsonl", tmp_path / "out")
    export(store, "parquet", tmp_path / "out")
    searched = b"".join(api.export_claims(ClaimQuery(), "csv", db=store)).decode()
    store.close()
    by_text = {r["text"]: r["link"] or None for r in csv.DictReader(io.StringIO(searched))}
    assert by_text == {c.text: c.link for c in linked}  # the claim search's export too
    rows = [json.loads(line) for line in (tmp_path / "out/claims.jsonl").open()]
    assert [r["link"] for r in rows] == [c.link for c in linked]
    assert {"following_sentence", "connective", None} <= {r["link"] for r in rows}
    table = pl.read_parquet(tmp_path / "out/claims.parquet")
    assert table.schema["link"] == pl.String
    assert table["link"].to_list() == [c.link for c in linked]


def test_graphml_and_node_link_json_load_in_networkx(store, tmp_path):
    export(store, "graphml", tmp_path / "out")
    graph = nx.read_graphml(tmp_path / "out/citations.graphml")
    assert graph.edges["BR24", "Reuters"]["count"] == 2
    assert graph.nodes["Reuters"]["kind"] == "agency"
    data = json.loads((tmp_path / "out/citations.json").read_text(encoding="utf-8"))
    again = nx.node_link_graph(data, edges="edges")
    assert again.number_of_edges() == graph.number_of_edges()


def test_wikinews_export_is_valid_wikinews(store, tmp_path):
    (path,) = export(store, "wikinews", tmp_path / "out")
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    assert len(records) == 4
    for number, record in enumerate(records):
        parse_record(record, f"line {number}")  # raises on a malformed record
    assert any(a["type"] == "Indirect" for a in records[0]["annotations"])


def test_wikinews_tokens_cover_words_and_count_sentences():
    tokens = wikinews_tokens("Er sagte: „Rund 1.500 Soldaten.“ Dann ging er.")
    text = "Er sagte: „Rund 1.500 Soldaten.“ Dann ging er."
    words = [text[t["charBegin"] : t["charEnd"]] for t in tokens]
    assert "1.500" in words and "„" in words
    assert tokens[-1]["sentence"] == 1


def test_unknown_format_and_unwritable_folder_fail_clearly(store, tmp_path):
    with pytest.raises(ExportError, match="unknown export format 'xml'"):
        export(store, "xml", tmp_path / "out")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="cannot create the folder"):
        export(store, "jsonl", blocker / "sub")
