"""Linking a whole database, storing the result, and overrides surviving re-analysis."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from quellenlage import api
from quellenlage.store import queries
from quellenlage.store import tracking as persist
from quellenlage.store.tables import ClaimRow
from quellenlage.tracking.linking import DEFAULT_THRESHOLD
from tests.tracking.story import stored_story, story


@pytest.fixture
def store(tmp_path):
    store = stored_story(str(tmp_path / "story.db"))
    yield store
    store.close()


def _troops(store) -> dict:
    return queries.timeline(store, "soldiers · North Korea · in Russia")


def test_relink_stores_figures_values_and_disagreements(store):
    assert persist.is_stale(store)
    api.link(db=store)
    assert not persist.is_stale(store)
    troops = _troops(store)
    assert troops["values"] == 7 and troops["disputed"]
    assert [v["position"] for v in troops["timeline"]] == list(range(7))
    first = troops["timeline"][0]
    assert first["text"] == "1.500 nordkoreanische Elitesoldaten"
    assert first["refers_start"] == "2024-10-08" and first["refers_end"] == "2024-10-13"
    assert first["source"] == "NIS (südkoreanischer Geheimdienst)"
    reuters = next(v for v in troops["timeline"] if v["value"] == 3000)
    assert reuters["chain"] == ["südkoreanische Parlamentsabgeordnete", "Geheimdienst-Briefing"]
    doc = store.document(reuters["evidence"]["document_id"])
    start, end = reuters["evidence"]["span"]
    assert doc.text[start:end] == "3.000 Soldaten"
    assert len(troops["disagreements"]) == 1
    assert [d["kind"] for d in queries.date_disagreements(store)] == ["date"]


def test_relinking_twice_gives_the_same_figures(store):
    api.link(db=store)
    before = queries.figures(store)
    api.link(db=store)
    assert queries.figures(store) == before


def test_overrides_survive_reanalysis(store):
    api.link(db=store)
    troops = _troops(store)
    victim = next(v for v in troops["timeline"] if v["value"] == 8000)
    persist.add_override(store, "split", victim["key"])
    assert persist.is_stale(store)
    api.link(db=store)
    assert _troops(store)["values"] == 6

    for doc_id, (_, claims) in zip(store.document_ids(), story(), strict=True):
        store.save_analysis(doc_id, claims, [])  # new claim ids, same texts
    assert persist.is_stale(store)
    api.link(db=store)
    troops = _troops(store)
    assert troops["values"] == 6
    assert victim["key"] not in {v["key"] for v in troops["timeline"]}


def test_claim_filters(store):
    api.link(db=store)
    by_source = queries.claims(store, queries.ClaimFilter(source="reuters"))
    assert {c["source"] for c in by_source} == {"Reuters"} and len(by_source) == 2
    nis = queries.claims(store, queries.ClaimFilter(source="südkoreanischer Geheimdienst"))
    assert [c["source"] for c in nis] == ["NIS (südkoreanischer Geheimdienst)"]
    assertions = queries.claims(store, queries.ClaimFilter(mode="assertion"))
    assert assertions and all(c["mode"] == "assertion" for c in assertions)
    hedged = queries.claims(store, queries.ClaimFilter(certainty="hedged"))
    assert [c["text"][:20] for c in hedged] == ["Kim Jong Un wolle mi"]
    without = queries.claims(store, queries.ClaimFilter(has_figure=False))
    assert all("Vertrag" in c["text"] or "Soldaten in" in c["text"] for c in without)
    late = queries.claims(store, queries.ClaimFilter(since="2024-11-01"))
    assert {c["published"] for c in late} == {"2024-11-04"}
    window = queries.claims(store, queries.ClaimFilter(since="2024-10-29", until="2024-10-29"))
    assert {c["outlet"] for c in window} == {"Demo-Tagblatt", "Ostsee-Demo-Kurier"}
    contains = queries.claims(store, queries.ClaimFilter(contains="PJÖNGJANG"))
    assert len(contains) == 2
    one_doc = queries.claims(store, queries.ClaimFilter(document=2, limit=1))
    assert len(one_doc) == 1 and one_doc[0]["document_id"] == 2


def test_find_figure_by_id_key_or_label(store):
    api.link(db=store)
    troops = _troops(store)
    assert queries.find_figure(store, str(troops["id"])).key == troops["key"]
    assert queries.find_figure(store, troops["key"]).id == troops["id"]
    with pytest.raises(queries.NotFound, match="no figure"):
        queries.find_figure(store, "Marsmenschen")
    with pytest.raises(queries.NotFound, match="ambiguous"):
        queries.find_figure(store, "soldiers · Russia")


def test_sources_and_citations(store):
    api.link(db=store)
    sources = {s["name"]: s for s in queries.sources(store)}
    assert sources["Reuters"]["cites"] == [
        {"name": "südkoreanische Parlamentsabgeordnete", "count": 2}
    ]
    assert "BR24" not in sources
    assert "BR24" in {s["name"] for s in queries.sources(store, outlets=True)}
    edges = {(e["source"], e["cited"]): e["count"] for e in queries.citation_edges(store)}
    assert edges[("BR24", "Reuters")] == 2


def test_datasette_views_read_the_tracking_tables(store, tmp_path):
    api.link(db=store)
    with sqlite3.connect(tmp_path / "story.db") as db:
        rows = db.execute(
            "SELECT document_title, source FROM claims_view WHERE source = 'Reuters'"
        ).fetchall()
        assert len(rows) == 2 and rows[0][0].startswith("Putins Partner")
        values = db.execute("SELECT COUNT(*) FROM figure_timeline_view").fetchone()[0]
        assert values == sum(f["values"] for f in queries.figures(store))


@pytest.mark.postgres
def test_linking_and_queries_on_postgresql(postgres_url):
    store = stored_story(postgres_url)
    try:
        api.link(db=store)
        troops = _troops(store)
        assert troops["values"] == 7 and troops["disputed"]
        reuters = queries.claims(store, queries.ClaimFilter(source="Reuters", until="2024-10-24"))
        assert len(reuters) == 2
        persist.add_override(store, "split", troops["timeline"][-1]["key"])
        api.link(db=store)
        assert _troops(store)["values"] == 6
    finally:
        store.close()


def test_the_link_threshold_is_kept_for_later_relinking(store):
    assert persist.stored_threshold(store) is None
    strict = api.link(db=store, threshold=0.95)
    assert strict.threshold == 0.95 and persist.stored_threshold(store) == 0.95
    default = api.link(db=store, threshold=DEFAULT_THRESHOLD)
    assert default.values == strict.values and default.figures < strict.figures
    api.link(db=store, threshold=0.95)
    for doc_id, (_, claims) in zip(store.document_ids(), story(), strict=True):
        store.save_analysis(doc_id, claims, [])
    again = api.link(db=store)  # no threshold given: the stored one, not the default
    assert again.threshold == 0.95 and again.figures == strict.figures


def test_reports_are_read_in_bulk_with_their_claims_figures_and_times(store):
    reports = list(persist.load_reports(store))
    assert [r.document.id for r in reports] == sorted(r.document.id for r in reports)
    assert reports and any(c.quantities for r in reports for c in r.claims)
    for report in reports:
        doc_id = report.document.id
        assert list(report.claims) == store.claims(doc_id)  # spans in order, figures, times
        stored = store.document(doc_id)
        assert report.document.text == stored.text and report.document.raw == ""
        assert report.document.published == stored.published
        with store.session() as s:
            ids = s.scalars(
                select(ClaimRow.id)
                .where(ClaimRow.document_id == doc_id)
                .order_by(ClaimRow.span_start)
            )
            assert list(report.claim_ids) == list(ids)
