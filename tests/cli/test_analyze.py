"""`quellenlage analyze` and `analyze-file` through the real CLI and the shipped pipeline."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from quellenlage.cli import app
from quellenlage.nlp import model_path
from quellenlage.store import Store

pytestmark = pytest.mark.skipif(
    not (model_path("de") / "config.cfg").exists(), reason="the German pipeline is not built"
)
runner = CliRunner()

REPORT = (
    "Lage an der Grenze\n\n"
    "Nach Angaben des Verteidigungsministeriums seien seit Mittwoch rund 2.000 Soldaten "
    "verlegt worden. Der Minister sagte am Freitag, man werde bis Dezember weitere Truppen "
    "schicken. Die Opposition kritisierte den Plan.\n"
)


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def db_with_report(tmp_path):
    path = tmp_path / "bericht.txt"
    path.write_text(REPORT, encoding="utf-8")
    db = tmp_path / "q.db"
    assert run("ingest", str(path), "--db", str(db)).exit_code == 0
    return db


def claims_of(db, doc_id=1):
    return Store.open(db).claims(doc_id)


def test_analyze_stores_claims_and_skips_analysed_documents(db_with_report):
    db = str(db_with_report)
    first = json.loads(run("analyze", "--all", "--db", db, "--json").stdout)
    assert [r["document_id"] for r in first] == [1]
    claims = claims_of(db)
    according = [c for c in claims if c.mode == "according_to"]
    assert according and "Verteidigungsministeriums" in according[0].source.text
    assert [q.value for q in according[0].quantities] == [2000]
    again = json.loads(run("analyze", "--all", "--db", db, "--json").stdout)
    assert again == []  # resumable: nothing left to do
    forced = json.loads(run("analyze", "1", "--force", "--db", db, "--json").stdout)
    assert [r["document_id"] for r in forced] == [1]
    assert len(claims_of(db)) == len(claims)  # replaced, not added twice


def test_a_later_publication_date_resolves_relative_times(db_with_report):
    db = str(db_with_report)
    run("analyze", "--all", "--db", db)
    times = [t for c in claims_of(db) for t in c.times]
    assert times and not any(t.resolved for t in times if t.relative)
    run("analyze", "1", "--published", "2024-10-25", "--db", db)
    times = {t.text: t for c in claims_of(db) for t in c.times}
    assert times["am Freitag"].start == "2024-10-25"
    assert times["bis Dezember"].end == "2024-12"
    assert Store.open(db).document(1).published.source == "user"


def test_parallel_workers_give_the_same_claims(tmp_path):
    for i in range(3):
        (tmp_path / f"b{i}.txt").write_text(REPORT.replace("2.000", f"{i + 2}.500"), "utf-8")
    db = str(tmp_path / "q.db")
    run("ingest", str(tmp_path), "--db", db)
    result = run("analyze", "--all", "-j", "2", "--db", db, "--json")
    assert result.exit_code == 0
    assert sorted(r["document_id"] for r in json.loads(result.stdout)) == [1, 2, 3]
    values = sorted(q.value for i in (1, 2, 3) for c in claims_of(db, i) for q in c.quantities)
    assert values == [2500, 3500, 4500]


def test_analyze_without_ids_analyses_all_and_links_figures(db_with_report):
    db = str(db_with_report)
    result = run("analyze", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    assert [r["document_id"] for r in json.loads(result.stdout)] == [1]
    figures = json.loads(run("figures", "--db", db, "--json").stdout)["figures"]
    assert 2000 in [v["value"] for f in figures for v in timeline_of(db, f["id"])]


def timeline_of(db, figure_id):
    return json.loads(run("timeline", str(figure_id), "--db", db, "--json").stdout)["timeline"]


def test_analyze_file_json_of_an_unreadable_input_is_the_documented_object(tmp_path):
    path = tmp_path / "kaputt.html"
    path.write_bytes(b"<html><body><script>1</script></body></html>")
    result = run("analyze-file", str(path), "--json")
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["document"] is None and data["claims"] == [] and data["warnings"] == []
    assert data["origin"].endswith("kaputt.html") and data["error"]


def test_analyze_file_prints_document_and_claims_as_json(tmp_path):
    path = tmp_path / "bericht.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = run("analyze-file", str(path), "--published", "2024-10-25", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["document"]["published"] == {"value": "2024-10-25", "source": "user"}
    modes = {c["mode"] for c in data["claims"]}
    assert "according_to" in modes
    text = data["document"]["text"]
    for claim in data["claims"]:
        start, end = claim["span"]
        assert text[start:end] == claim["text"]  # offsets point into the clean text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ohne jedes satzzeichen " * 2000,
        "„Ein Zitat ohne Ende, sagte er. " * 50,
        "Hallo. Hello. 你好.",
    ],
)
def test_odd_text_never_raises(tmp_path, text):
    path = tmp_path / "odd.txt"
    path.write_text(text + "\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze-file", str(path), "--language", "de", "--json"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 3)
