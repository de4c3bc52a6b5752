"""`quellenlage link`, `claims`, `figures`, `timeline` (with --plot), `sources`, `figure …`, `export`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from quellenlage import api
from quellenlage.cli import app
from quellenlage.cli.app import EXIT_NOT_FOUND, EXIT_USAGE
from tests.tracking.story import stored_story

runner = CliRunner()


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "story.db")
    store = stored_story(path)
    api.link(db=store)
    store.close()
    return path


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_figures_answers_json(db):
    result = run("figures", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    top = data["figures"][0]
    assert top["label"] == "soldiers · North Korea · in Russia — sent or deployed"
    assert top["values"] == 7 and top["disputed"] is True
    assert top["first_date"] == "2024-10-08"
    assert "Juni 2023" in data["date_disagreements"][0]["reason"]
    disputed = json.loads(run("figures", "--db", db, "--json", "--disputed").stdout)
    assert [f["id"] for f in disputed["figures"]] == [top["id"]]


def test_figures_table_names_the_figure_and_the_date_disagreement(db):
    result = run("figures", "--db", db)
    assert result.exit_code == 0
    assert "North Korea" in result.stdout
    assert "dates differ" in result.stdout


def test_timeline_json_and_plot(db, tmp_path):
    plot = tmp_path / "troops.svg"
    result = run("timeline", "1", "--db", db, "--json", "--plot", str(plot))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    values = [v["value"] for v in data["timeline"]]
    assert values[0] == 1500 and 12000 in values and 8000 in values
    assert data["timeline"][0]["source"] == "NIS (südkoreanischer Geheimdienst)"
    svg = plot.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "HUR" in svg  # the sources are named in the picture


def test_timeline_png(db, tmp_path):
    plot = tmp_path / "troops.png"
    assert (
        run("timeline", "soldiers · North Korea · in", "--db", db, "--plot", str(plot)).exit_code
        == 0
    )
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_timeline_errors_name_the_problem(db, tmp_path):
    missing = run("timeline", "Marsmenschen", "--db", db)
    assert missing.exit_code == EXIT_NOT_FOUND
    assert "no figure 'Marsmenschen'" in missing.stderr
    bad_plot = run("timeline", "1", "--db", db, "--plot", str(tmp_path / "x.gif"))
    assert bad_plot.exit_code == EXIT_USAGE
    assert "cannot draw into .gif" in bad_plot.stderr


def test_claims_filters_and_bad_values(db):
    result = run("claims", "--db", db, "--json", "--source", "Reuters", "--has-figure")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert len(rows) == 2 and all(r["source"] == "Reuters" for r in rows)
    assert run("claims", "--db", db, "--mode", "shouted").exit_code == EXIT_USAGE
    bad_date = run("claims", "--db", db, "--since", "24.10.2024")
    assert bad_date.exit_code == EXIT_USAGE and "not a date" in bad_date.stderr
    table = run("claims", "--db", db, "--contains", "Pjöngjang")
    assert "Pjöngjang" in table.stdout


def test_sources_lists_normalised_names_and_citations(db):
    rows = json.loads(run("sources", "--db", db, "--json").stdout)
    reuters = next(r for r in rows if r["name"] == "Reuters")
    assert reuters["kind"] == "agency"
    assert reuters["cites"][0]["name"] == "südkoreanische Parlamentsabgeordnete"


def test_split_and_merge_by_hand(db):
    run("link", "--db", db)
    timeline = json.loads(run("timeline", "1", "--db", db, "--json").stdout)
    position = next(v["position"] for v in timeline["timeline"] if v["value"] == 8000)
    assert run("figure", "split", f"1#{position}", "--db", db).exit_code == 0
    after = json.loads(run("timeline", "1", "--db", db, "--json").stdout)
    assert 8000 not in [v["value"] for v in after["timeline"]]
    figures = json.loads(run("figures", "--db", db, "--json").stdout)["figures"]
    alone = next(
        f
        for f in figures
        if json.loads(run("timeline", str(f["id"]), "--db", db, "--json").stdout)["timeline"][0][
            "value"
        ]
        == 8000
    )
    assert run("figure", "merge", f"{alone['id']}#0", "1#0", "--db", db).exit_code == 0
    merged = json.loads(run("timeline", "1", "--db", db, "--json").stdout)
    manual = [v for v in merged["timeline"] if v["manual"]]
    assert [v["value"] for v in manual] == [8000]
    assert run("figure", "split", "1#99", "--db", db).exit_code == EXIT_NOT_FOUND


@pytest.mark.parametrize("ref", ["abc", "1", "1#x", "#0", "0123456789abcdef:1-2x"])
def test_a_malformed_value_is_a_usage_error_and_stores_nothing(db, ref):
    before = json.loads(run("timeline", "1", "--db", db, "--json").stdout)
    for command in (["split", ref], ["merge", ref, "1#0"], ["merge", "1#0", ref]):
        result = run("figure", *command, "--db", db)
        assert result.exit_code == EXIT_USAGE, (command, result.output)
        assert "is not a value" in result.stderr
    assert run("figure", "confirm", ref, "--db", db).exit_code == EXIT_USAGE
    assert not api.is_stale(db=db)  # no override was recorded
    assert json.loads(run("timeline", "1", "--db", db, "--json").stdout) == before


def test_a_well_formed_key_that_names_no_value_is_not_found(db):
    result = run("figure", "split", "0123456789abcdef:1-2", "--db", db)
    assert result.exit_code == EXIT_NOT_FOUND and "no value" in result.stderr


def test_read_commands_never_write(tmp_path):
    path = tmp_path / "story.db"
    stored_story(str(path)).close()  # analysed, not linked
    before = path.read_bytes()
    for command in (["claims"], ["figures"], ["timeline", "1"], ["sources"]):
        result = run(*command, "--db", str(path))
        assert "quellenlage link" in result.stderr, command  # says how to bring figures up
    assert run("figures", "--db", str(path), "--json").stdout.count('"id"') == 0
    assert api.is_stale(db=str(path))
    wal = path.with_name(path.name + "-wal")  # a write would land here first
    assert path.read_bytes() == before and (not wal.exists() or wal.stat().st_size == 0)
