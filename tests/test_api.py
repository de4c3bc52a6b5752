"""quellenlage.api itself: every use case on a small database, without the CLI."""

from __future__ import annotations

import json
import re

import pytest

from quellenlage import api
from quellenlage.nlp import model_path
from quellenlage.records import Document, Failure
from tests.tracking.story import stored_story

needs_model = pytest.mark.skipif(
    not (model_path("de") / "config.cfg").exists(), reason="the German pipeline is not built"
)

REPORT = (
    "Lage an der Grenze\n\n"
    "Nach Angaben des Verteidigungsministeriums seien seit Mittwoch rund 2.000 Soldaten "
    "verlegt worden. Der Minister sagte am Freitag, man werde bis Dezember weitere Truppen "
    "schicken.\n"
)
LATER = (
    "Neue Zahlen von der Grenze\n\n"
    "Laut Reuters seien inzwischen 3.000 Soldaten verlegt worden, wie ein Sprecher sagte.\n"
)


@pytest.fixture
def story(tmp_path):
    """The hand-made story of the tracking tests, stored and linked (no language model)."""
    store = stored_story(str(tmp_path / "story.db"))
    api.link(db=store)
    yield store
    store.close()


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT, encoding="utf-8")
    (folder / "b.txt").write_text(LATER, encoding="utf-8")
    (folder / "broken.html").write_bytes(b"<html><body><script>x</script></body></html>")
    return folder


def test_ingest_stores_reports_records_failures_and_is_idempotent(tmp_path, reports):
    db = tmp_path / "q.db"
    seen = []
    report = api.ingest([reports], db=db, published="2024-10-24", on_item=seen.append)
    assert report.count("added") == 2 and len(report.failed) == 1
    assert {item.status for item in seen} == {"added", "failed"}
    assert report.failed[0].origin.endswith("broken.html") and report.failed[0].error
    assert api.count_documents(db=db) == 2
    assert [f.origin for f in api.failures(db=db)] == [report.failed[0].origin]
    again = api.ingest([reports], db=db, published="2024-10-24")
    assert again.count("already stored") == 2 and api.count_documents(db=db) == 2


def test_documents_and_document(tmp_path, reports):
    db = tmp_path / "q.db"
    api.ingest([reports], db=db)
    docs = api.documents(db=db)
    assert [d.origin.rsplit("/", 1)[-1] for d in docs] == ["a.txt", "b.txt"]
    assert api.document(docs[0].id, db=db).text.startswith("Lage an der Grenze")
    assert len(api.documents(db=db, limit=1)) == 1
    with pytest.raises(api.NotFound, match="no document 99"):
        api.document(99, db=db)


def test_a_database_that_cannot_be_opened_is_a_store_error(tmp_path):
    with pytest.raises(api.StoreError, match="cannot open database"):
        api.documents(db=str(tmp_path / "missing-folder" / "q.db"))


@needs_model
def test_analyze_stores_claims_relinks_and_resumes(tmp_path, reports):
    db = tmp_path / "q.db"
    api.ingest([reports], db=db, published="2024-10-24")
    assert api.pending_analysis(db=db) == [1, 2]
    seen = []
    results = api.analyze(db=db, on_item=seen.append)  # no ids: every document
    assert [r.document_id for r in results] == [1, 2] == [s.document_id for s in seen]
    assert all(r.error is None and r.claims > 0 for r in results)
    assert api.pending_analysis(db=db) == [] and api.analyze(db=db) == []
    assert not api.is_stale(db=db)  # figures were linked after the analysis
    values = {
        v["value"]
        for f in api.figures(db=db)
        for v in api.timeline(str(f["id"]), db=db)["timeline"]
    }
    assert {2000, 3000} <= values
    again = api.analyze([1], db=db, published="2024-10-25")  # a later date: re-analysed
    assert [r.document_id for r in again] == [1]
    assert api.document(1, db=db).published.value == "2024-10-25"
    with pytest.raises(api.UsageError, match="not a date"):
        api.analyze(db=db, published="25.10.2024")


def _numbered_reports(folder, count):
    folder.mkdir()
    for number in range(count):
        text = REPORT.replace("2.000", f"{number + 2}.000")
        (folder / f"r{number}.txt").write_text(text, encoding="utf-8")
    return folder


@needs_model
def test_an_interrupted_analysis_keeps_its_stored_batches_and_resumes(tmp_path):
    db = tmp_path / "q.db"
    api.ingest([_numbered_reports(tmp_path / "r", 5)], db=db, published="2024-10-24")
    seen = []

    def stop_in_the_second_batch(item):
        seen.append(item.document_id)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        api.analyze(db=db, batch_size=2, relink=False, on_item=stop_in_the_second_batch)
    assert api.pending_analysis(db=db) == [5]  # two batches of two were stored, leases freed
    resumed = api.analyze(db=db)
    assert [r.document_id for r in resumed] == [5] and resumed[0].claims > 0
    store = api.open_db(db)
    claims = [c for doc_id in range(1, 6) for c in store.claims(doc_id)]
    values = sorted(q.value for c in claims for q in c.quantities)
    assert values == [2000, 3000, 4000, 5000, 6000]


@needs_model
def test_a_failing_document_is_recorded_and_its_batch_stored(tmp_path, monkeypatch):
    from quellenlage.claims import registry

    german = registry.attribution_for("de")

    def attribute(doc, settings):
        if "4.000" in doc.text:
            raise ValueError("rule tripped")
        return german(doc, settings)

    db = tmp_path / "q.db"
    api.ingest([_numbered_reports(tmp_path / "r", 4)], db=db, published="2024-10-24")
    monkeypatch.setitem(registry._REGISTRY, "de", attribute)
    results = api.analyze(db=db, relink=False)
    errors = {r.document_id: r.error for r in results}
    assert errors == {1: None, 2: None, 3: "ValueError: rule tripped", 4: None}
    assert api.pending_analysis(db=db) == [3]
    assert [(f.origin.rsplit("/", 1)[-1], f.error) for f in api.failures(db=db)] == [
        ("r2.txt", "analysis of document 3 failed: ValueError: rule tripped")
    ]
    monkeypatch.setitem(registry._REGISTRY, "de", german)
    assert [r.error for r in api.analyze(db=db)] == [None]
    assert api.failures(db=db) == []


@needs_model
def test_analyze_file_returns_documents_and_failures(reports):
    analysed = list(api.analyze_file(reports / "a.txt", published="2024-10-24"))
    assert len(analysed) == 1 and isinstance(analysed[0], api.FileAnalysis)
    item = analysed[0]
    assert isinstance(item.document, Document)
    assert any(c.mode == "according_to" for c in item.claims)
    failed = list(api.analyze_file(reports / "broken.html"))
    assert len(failed) == 1 and isinstance(failed[0], Failure)


def test_link_keeps_its_threshold_and_rejects_a_bad_one(story):
    strict = api.link(db=story, threshold=0.9)
    assert strict.threshold == 0.9
    assert api.link(db=story).threshold == 0.9
    assert strict.values == sum(f["values"] for f in api.figures(db=story, limit=1000))
    for bad in (0, 1.5, -1):
        with pytest.raises(api.UsageError, match="threshold"):
            api.link(db=story, threshold=bad)


def test_claims_filter_and_validate(story):
    rows = api.claims(api.ClaimFilter(source="Reuters", has_figure=True), db=story)
    assert len(rows) == 2 and {r["source"] for r in rows} == {"Reuters"}
    assert len(api.claims(db=story)) == len(api.claims(api.ClaimFilter(limit=1000), db=story))
    for bad in (
        api.ClaimFilter(mode="shouted"),
        api.ClaimFilter(certainty="sure"),
        api.ClaimFilter(since="24.10.2024"),
        api.ClaimFilter(until="tomorrow"),
    ):
        with pytest.raises(api.UsageError):
            api.claims(bad, db=story)


def test_figures_timeline_disagreements_and_sources(story):
    top = api.figures(db=story)[0]
    assert (
        top["label"] == "soldiers · North Korea · in Russia — sent or deployed" and top["disputed"]
    )
    assert [f["id"] for f in api.figures(db=story, disputed=True)] == [top["id"]]
    assert all(f["values"] >= 2 for f in api.figures(db=story, min_values=2))
    data = api.timeline(str(top["id"]), db=story)
    assert data["timeline"][0]["value"] == 1500 and data["disagreements"]
    assert api.timeline(top["key"], db=story)["id"] == top["id"]
    with pytest.raises(api.NotFound, match="no figure"):
        api.timeline("Marsmenschen", db=story)
    assert "Juni 2023" in api.date_disagreements(db=story)[0]["reason"]
    reuters = next(s for s in api.sources(db=story) if s["name"] == "Reuters")
    assert reuters["kind"] == "agency"
    assert "BR24" in {s["name"] for s in api.sources(db=story, outlets=True)}
    assert all(s["kind"] == "agency" for s in api.sources(db=story, kind="agency"))


def test_plot_timeline(story, tmp_path):
    data = api.timeline("1", db=story)
    path = api.plot_timeline(data, tmp_path / "t.svg")
    assert path.read_text(encoding="utf-8").startswith("<?xml")
    with pytest.raises(api.UsageError, match="gif"):
        api.plot_timeline(data, tmp_path / "t.gif")


def test_value_keys_are_validated(story):
    key = api.value_key("1#0", db=story)
    assert re.fullmatch(r"[0-9a-f]{16}:\d+-\d+", key)
    assert api.value_key(key, db=story) == key
    for malformed in ("abc", "1", "1#x", "#0", ""):
        with pytest.raises(api.UsageError, match="is not a value"):
            api.value_key(malformed, db=story)
    for missing in ("1#99", "Marsmenschen#0", "0123456789abcdef:1-2"):
        with pytest.raises(api.NotFound):
            api.value_key(missing, db=story)


def test_corrections_relink_and_survive(story):
    troops = api.timeline("1", db=story)
    position = next(v["position"] for v in troops["timeline"] if v["value"] == 8000)
    api.split(f"1#{position}", db=story)
    assert not api.is_stale(db=story)
    assert 8000 not in [v["value"] for v in api.timeline("1", db=story)["timeline"]]
    alone = next(
        f
        for f in api.figures(db=story, limit=1000)
        if api.timeline(str(f["id"]), db=story)["timeline"][0]["value"] == 8000
    )
    api.merge(f"{alone['id']}#0", "1#0", db=story)
    merged = api.timeline("1", db=story)["timeline"]
    assert [v["value"] for v in merged if v["manual"]] == [8000]
    api.confirm("1#1", db=story)
    assert any(
        v["reason"].startswith("confirmed by hand") for v in api.timeline("1", db=story)["timeline"]
    )
    with pytest.raises(api.UsageError):
        api.confirm(api.value_key("1#0", db=story), db=story)  # confirm needs FIGURE#POSITION
    with pytest.raises(api.UsageError):
        api.split("abc", db=story)


def test_read_use_cases_never_relink(tmp_path):
    store = stored_story(str(tmp_path / "story.db"))  # analysed, never linked
    assert api.is_stale(db=store)
    assert api.figures(db=store) == [] and api.sources(db=store) == []
    assert len(api.claims(db=store)) > 0
    assert api.is_stale(db=store)
    store.close()


def test_export_writes_files_and_validates_the_format(story, tmp_path):
    written = api.export("jsonl", tmp_path / "out", db=story)
    names = {p.name for p in written}
    assert {"claims.jsonl", "figures.jsonl", "figure_values.jsonl"} <= names
    first = json.loads((tmp_path / "out" / "figures.jsonl").read_text().splitlines()[0])
    assert first["label"]
    with pytest.raises(api.UsageError, match="xml"):
        api.export("xml", tmp_path / "out", db=story)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(api.ExportFailed, match="cannot"):
        api.export("csv", blocker / "out", db=story)


def test_export_formats_match_the_exporter():
    from quellenlage.export import FORMATS

    assert tuple(FORMATS) == api.EXPORT_FORMATS


def test_demo_corpus_lists_existing_files():
    corpus = api.demo_corpus()
    assert corpus and all(path.exists() for path, _ in corpus)


@needs_model
def test_evaluate_wikinews_writes_predictions(tmp_path):
    text = "Der Minister sagte, die Lage sei ernst."
    tokens = [
        {"id": i, "charBegin": m.start(), "charEnd": m.end(), "text": m.group(), "sentence": 1}
        for i, m in enumerate(re.finditer(r"\w+|[^\w\s]", text))
    ]
    source = tmp_path / "dev.jsonl"
    source.write_text(json.dumps({"originalText": text, "tokens": tokens, "annotations": []}))
    run = api.evaluate_wikinews(source, tmp_path / "pred.jsonl")
    assert run.documents == 1 and run.result is None  # no gold: predictions only
    assert (tmp_path / "pred.jsonl").exists()
    with pytest.raises(api.EvaluationError):
        api.evaluate_wikinews(source, tmp_path / "missing" / "pred.jsonl")
