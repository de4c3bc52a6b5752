"""Vague values are stored as a figure's context, never among its values."""

from __future__ import annotations

import csv
import json
from dataclasses import replace

from quellenlage import api
from quellenlage.store import queries
from quellenlage.store.database import Store
from tests.tracking.test_measures import SENT, VAGUE, _report


def test_a_vague_value_is_stored_as_context_of_the_figure_it_fits(tmp_path):
    store = Store.open(str(tmp_path / "context.db"))
    items = [
        _report(SENT, "3.000 nordkoreanische Soldaten", 3000, day=1, doc_id=1),
        _report(VAGUE, "Tausende nordkoreanische Soldaten", 1000, day=2, doc_id=2, vague=True),
    ]
    ids = store.add_documents((replace(doc, id=None), None) for doc, _ in items)
    for doc_id, (_, claims) in zip(ids, items, strict=True):
        store.save_analysis(doc_id, claims, [])
    api.link(db=store)
    (figure,) = queries.figures(store)
    timeline = queries.timeline(store, str(figure["id"]))
    assert [v["value"] for v in timeline["timeline"]] == [3000]
    (context,) = timeline["context"]
    assert context["text"] == "Tausende nordkoreanische Soldaten"
    assert context["evidence"]["document_id"] == ids[1]
    store.close()


def test_the_context_is_exported_beside_the_figure_values(tmp_path):
    store = Store.open(str(tmp_path / "context.db"))
    items = [
        _report(SENT, "3.000 nordkoreanische Soldaten", 3000, day=1, doc_id=1),
        _report(VAGUE, "Tausende nordkoreanische Soldaten", 1000, day=2, doc_id=2, vague=True),
    ]
    ids = store.add_documents((replace(doc, id=None), None) for doc, _ in items)
    for doc_id, (_, claims) in zip(ids, items, strict=True):
        store.save_analysis(doc_id, claims, [])
    api.link(db=store)
    (figure,) = queries.figures(store)
    api.export("jsonl", tmp_path / "json", db=store)
    api.export("csv", tmp_path / "csv", db=store)
    store.close()
    (row,) = [json.loads(line) for line in (tmp_path / "json/figure_context.jsonl").open()]
    assert (row["figure_key"], row["text"], row["value"]) == (
        figure["key"],
        "Tausende nordkoreanische Soldaten",
        1000,
    )
    assert row["document_id"] == ids[1] and row["published"] == "2024-03-02"
    values = [json.loads(line) for line in (tmp_path / "json/figure_values.jsonl").open()]
    assert [v["value"] for v in values] == [3000]  # context is never a value
    with (tmp_path / "csv/figure_context.csv").open(encoding="utf-8") as handle:
        (csv_row,) = list(csv.DictReader(handle))
    assert csv_row["text"] == "Tausende nordkoreanische Soldaten"
