"""A value one report repeats (headline and body) is one timeline row linked to both places."""

from __future__ import annotations

from dataclasses import replace

from quellenlage import api
from quellenlage.store.database import Store
from quellenlage.tracking.repeats import merge_repeats
from tests.tracking.builders import claim, document, quantity, span_of


def _row(position: int, document: int, value: float, **extra) -> dict:
    return {
        "position": position,
        "key": f"k{position}",
        "value": value,
        "measure": "deployed",
        "value_kind": "total",
        "relation": "at",
        "refers_start": "2024-10-01",
        "refers_end": "2024-10-01",
        "evidence": {"document_id": document, "claim_id": 10 + position, "span": [position, 9]},
        **extra,
    }


def test_a_repeat_in_one_report_joins_and_other_reports_or_values_stay_apart():
    rows = [_row(1, 7, 3000), _row(2, 7, 3000), _row(3, 8, 3000), _row(4, 7, 3500)]
    merged = merge_repeats(rows)
    assert [(r["key"], r["repeats"]) for r in merged] == [("k1", 2), ("k3", 1), ("k4", 1)]
    assert [(p["position"], p["claim_id"]) for p in merged[0]["places"]] == [(1, 11), (2, 12)]
    assert merge_repeats(merged) == merged  # merging twice changes nothing


def test_a_bound_or_another_time_is_not_a_repeat():
    rows = [
        _row(1, 7, 3000),
        _row(2, 7, 3000, bound="at_least"),
        _row(3, 7, 3000, refers_start="2024-09-01", refers_end="2024-09-01"),
        _row(4, 7, 3000, evidence={}),  # no document: nothing shows it is the same report
    ]
    assert [r["repeats"] for r in merge_repeats(rows)] == [1, 1, 1, 1]


HEAD = "3.000 nordkoreanische Soldaten nach Russland entsandt\n"
BODY = "Laut Regierung seien 3.000 nordkoreanische Soldaten nach Russland entsandt worden.\n"
LATER = "Laut Regierung seien 3.500 nordkoreanische Soldaten nach Russland entsandt worden.\n"


def _story():
    text = HEAD + BODY
    piece = "3.000 nordkoreanische Soldaten"
    head_q = quantity(text, piece, 3000, "Soldat")
    body_q = replace(head_q, span=span_of(text, piece, after=len(HEAD)))
    first = document(text, outlet="Blatt 1", published="2024-10-01", doc_id=1)
    claims = [
        claim(text, HEAD.strip(), quantities=(head_q,)),
        claim(text, BODY.strip()[15:-1], source="Regierung", quantities=(body_q,)),
    ]
    later = document(LATER, outlet="Blatt 2", published="2024-10-05", doc_id=2)
    q = quantity(LATER, "3.500 nordkoreanische Soldaten", 3500, "Soldat")
    return [(first, claims), (later, [claim(LATER, LATER.strip()[15:-1], quantities=(q,))])]


def test_the_timeline_lists_a_headline_and_body_value_once_with_both_places(tmp_path):
    store = Store.open(str(tmp_path / "repeats.db"))
    items = _story()
    ids = store.add_documents((replace(doc, id=None), None) for doc, _ in items)
    for doc_id, (_, claims) in zip(ids, items, strict=True):
        store.save_analysis(doc_id, claims, [])
    api.link(db=store)
    (figure,) = [f for f in api.figures(db=store) if f["values"] >= 2]
    rows = api.timeline(str(figure["id"]), db=store)["timeline"]
    assert [(r["value"], r["repeats"]) for r in rows] == [(3000, 2), (3500, 1)]
    spans = [p["span"] for p in rows[0]["places"]]
    assert spans[0][0] < len(HEAD) < spans[1][0]  # the headline's place, then the body's
    assert len({p["claim_id"] for p in rows[0]["places"]}) == 2
    store.close()


def test_the_timeline_table_names_both_places_of_a_repeat():
    from rich.console import Console

    from quellenlage.cli.render import timeline_table

    rows = merge_repeats([_row(1, 7, 3000), _row(2, 7, 3000), _row(3, 8, 3500)])
    for row in rows:
        row.update(
            text=f"{row['value']} Soldaten", from_report_date=False, projection=False,
            source="Regierung", chain=[], outlet="Blatt", published="2024-10-01",
            mode="indirect", certainty="reported", score=1.0, manual=False,
        )  # fmt: skip
    figure = {"label": "soldiers", "id": 1, "key": "f1", "timeline": rows, "disagreements": []}
    console = Console(width=200, record=True)
    console.print(timeline_table(figure))
    shown = console.export_text()
    assert "×2 in report: #1, #2" in shown and shown.count("Soldaten") == 2
