"""The demo corpus and `quellenlage demo`: the main job, end to end with the real pipeline."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from quellenlage.cli import app
from quellenlage.demo import SEED_PUBLISHED, corpus
from quellenlage.store import Store, queries

GERMAN_OUTLETS = {
    "BR24",
    "Demo-Rundschau",
    "Demo-Tagblatt",
    "Ostsee-Demo-Kurier",
    "Demo-Abendzeitung",
    "Demo-Nachrichten",
}
ENGLISH_OUTLETS = {"Demo Wire"}


def test_corpus_is_marked_as_written_for_the_demo():
    (seed, seed_date), (reports, reports_date) = corpus()
    assert seed.name == "br24-nordkorea-ukraine.txt" and seed_date == SEED_PUBLISHED
    assert reports_date is None
    records = [json.loads(line) for line in reports.read_text(encoding="utf-8").splitlines()]
    assert 6 <= len(records) <= 10
    assert all("Written for the quellenlage demo" in r["note"] for r in records)
    assert all(r["url"].split("/")[2].endswith(".example") for r in records)
    assert {r["language"] for r in records} == {"de", "en"}
    assert len({r["outlet"] for r in records}) >= 5
    assert len({r["published"] for r in records}) >= 5
    readme = (seed.parent / "README.md").read_text(encoding="utf-8")
    assert "Written for this demo" in readme


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    result = CliRunner().invoke(app, ["demo", "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db, result.stdout


@pytest.mark.slow
def test_demo_prints_the_troop_timeline(demo_db):
    _, output = demo_db
    assert "North Korea" in output
    assert "disagreement" in output and "dates differ" in output


@pytest.fixture(scope="module")
def troops(demo_db):
    store = Store.open(demo_db[0])
    holding = [
        f
        for f in queries.figures(store, limit=1000)
        if 12000 in [v["value"] for v in queries.timeline(store, str(f["id"]))["timeline"]]
        and f["unit_class"] == "soldier"
    ]
    assert len(holding) == 1, holding
    data = queries.timeline(store, str(holding[0]["id"]))
    store.close()
    return data


@pytest.mark.slow
def test_troop_figure_gathers_values_from_all_reports_in_time_order(troops):
    values = troops["timeline"]
    assert {v["outlet"] for v in values} == GERMAN_OUTLETS | ENGLISH_OUTLETS
    assert {1500, 3000, 8000, 10000, 11000, 12000} <= {v["value"] for v in values}
    order = [v["refers_end"] or v["refers_start"] for v in values]
    assert order == sorted(order)
    assert values[0]["value"] == 1500 and values[0]["refers_start"] == "2024-10-08"


@pytest.mark.slow
def test_troop_values_carry_their_sources_and_chains(troops):
    by_value = {(v["value"], v["outlet"]): v for v in troops["timeline"]}
    assert (
        by_value[(12000, "Ostsee-Demo-Kurier")]["source"]
        == "HUR (ukrainischer Militärgeheimdienst)"
    )
    reuters = by_value[(3000, "BR24")]
    assert reuters["source"] == "Reuters"
    assert "südkoreanische Parlamentsabgeordnete" in reuters["chain"]
    assert by_value[(11000, "Demo-Nachrichten")]["source"] == "Wolodymyr Selenskyj"
    english = by_value[(3000, "Demo Wire")]  # "…, according to lawmaker Lee Seong-kweun"
    assert english["source"] == "Lee Seong-kweun"
    assert english["chain"][0].startswith("NIS")  # "South Korea's spy agency told lawmakers"


@pytest.mark.slow
def test_no_unrelated_quantity_in_the_troop_figure(troops):
    texts = " | ".join(v["text"] for v in troops["timeline"])
    for unrelated in ("Millionen", "gefallen", "Offizier", "Container", "Drohnen", "Generä"):
        assert unrelated not in texts
    assert not any(
        v["value"] == 1500 and v["outlet"] == "Demo-Abendzeitung" for v in troops["timeline"]
    )


@pytest.mark.slow
def test_written_disagreements_are_flagged(troops, demo_db):
    reasons = [d["reason"] for d in troops["disagreements"]]
    assert any("10.000" in r and "12.000" in r for r in reasons)
    assert any("8.000" in r and "11.000" in r for r in reasons)
    store = Store.open(demo_db[0])
    dates = queries.date_disagreements(store)
    store.close()
    assert any("Juni 2023" in d["reason"] and "Juni 2024" in d["reason"] for d in dates)
