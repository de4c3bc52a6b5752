"""``quellenlage eval wikinews`` end to end on a tiny JSONL file written by the test."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from quellenlage.cli import app

runner = CliRunner()
TOKEN = re.compile(r"\w+(?:[-.]\w+)*|[^\w\s]")
TEXT = "Der Minister sagte, die Lage sei ernst. „Wir handeln“, betonte die Sprecherin."


def record(text: str, annotations: list[dict]) -> dict:
    tokens = [
        {"id": i, "charBegin": m.start(), "charEnd": m.end(), "text": m.group(), "sentence": 1}
        for i, m in enumerate(TOKEN.finditer(text))
    ]
    return {"originalText": text, "tokens": tokens, "annotations": annotations}


def role(ids: list[int]) -> dict:
    return {"spans": [], "text": "", "tokenIds": ids}


GOLD = [
    {
        "type": "Indirect",
        "medium": "Speech",
        "quote": role([4, 5, 6, 7]),
        "speaker": role([0, 1]),
        "cue": role([2]),
        "frame": role([0, 1, 2, 3]),
        "addressee": role([]),
    }
]


@pytest.fixture(scope="module")
def model_available() -> None:
    try:
        from quellenlage import nlp
        from quellenlage.claims import extract_claims  # noqa: F401

        nlp.load("de")
    except Exception as exc:  # no trained model or no extractor in this checkout
        pytest.skip(f"German pipeline or claim extractor not available: {exc}")


def test_scores_gold_and_writes_predictions(tmp_path, model_available):
    source = tmp_path / "dev.jsonl"
    source.write_text(json.dumps(record(TEXT, GOLD), ensure_ascii=False) + "\n")
    out = tmp_path / "pred.jsonl"
    result = runner.invoke(
        app, ["eval", "wikinews", str(source), "--predictions", str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["documents"] == 1
    scores = report["evaluation"]["scores"]
    assert set(scores) >= {"quote", "speaker", "cue", "frame", "addressee", "roles", "joint"}
    assert 0.0 <= scores["joint"]["f1"] <= 1.0
    (written,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert written["originalText"] == TEXT
    for annotation in written["annotations"]:
        assert annotation["type"] in {
            "Direct",
            "Indirect",
            "FreeIndirect",
            "IndirectFreeIndirect",
            "Reported",
        }
        for span in annotation["quote"]["spans"]:
            assert TEXT[span["charBegin"] : span["charEnd"]] in annotation["quote"]["text"]


def test_table_output_names_every_row(tmp_path, model_available):
    source = tmp_path / "dev.jsonl"
    source.write_text(json.dumps(record(TEXT, GOLD), ensure_ascii=False) + "\n")
    result = runner.invoke(
        app, ["eval", "wikinews", str(source), "--predictions", str(tmp_path / "p.jsonl")]
    )
    assert result.exit_code == 0, result.output
    for row in ("quote", "speaker", "cue", "frame", "addressee", "roles", "joint"):
        assert row in result.stdout
    assert "type accuracy" in result.stdout


def test_without_gold_only_writes_predictions(tmp_path, model_available):
    source = tmp_path / "new.jsonl"
    source.write_text(json.dumps(record(TEXT, []), ensure_ascii=False) + "\n")
    out = tmp_path / "pred.jsonl"
    result = runner.invoke(
        app, ["eval", "wikinews", str(source), "--predictions", str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["evaluation"] is None
    assert out.exists()


def test_missing_input_is_a_usage_error(tmp_path):
    result = runner.invoke(
        app,
        ["eval", "wikinews", str(tmp_path / "none.jsonl"), "--predictions", str(tmp_path / "p")],
    )
    assert result.exit_code == 2
    assert "none.jsonl" in result.output


def test_learned_ranker_filters_the_predictions(tmp_path, model_available):
    from quellenlage.research.ranker import ClaimRanker

    source = tmp_path / "dev.jsonl"
    source.write_text(json.dumps(record(TEXT, GOLD), ensure_ascii=False) + "\n")
    drop_all = tmp_path / "model"
    drop_all.mkdir()
    ClaimRanker({"bias": -50.0}, 0.5, {}).save(drop_all / "ranker.json")
    out = tmp_path / "pred.jsonl"
    args = ["eval", "wikinews", str(source), "--predictions", str(out), "--json"]
    plain = json.loads(runner.invoke(app, args).stdout)
    assert plain["annotations"] > 0
    result = runner.invoke(app, [*args, "--learned", str(drop_all)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["annotations"] == 0


def test_unreadable_learned_model_is_an_error(tmp_path, model_available):
    source = tmp_path / "dev.jsonl"
    source.write_text(json.dumps(record(TEXT, GOLD), ensure_ascii=False) + "\n")
    result = runner.invoke(
        app,
        ["eval", "wikinews", str(source), "--predictions", str(tmp_path / "p.jsonl"),
         "--learned", str(tmp_path / "missing")],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "missing" in result.output
