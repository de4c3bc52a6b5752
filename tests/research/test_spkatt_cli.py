"""``quellenlage eval spkatt`` end to end on a tiny speech folder written by the test."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from quellenlage.cli import app

runner = CliRunner()
SPEECH = {
    "Sentences": [
        {
            "SentenceId": 0,
            "Tokens": ["Der", "Minister", "sagte", ",", "dass", "die", "Lage", "ernst", "sei", "."],
        },
    ],
    "Annotations": [
        {"Cue": ["0:2"], "Source": ["0:0", "0:1"], "Message": ["0:4", "0:5", "0:6", "0:7", "0:8"]}
    ],
}


def test_eval_spkatt_scores_a_speech_folder(tmp_path):
    (tmp_path / "task1").mkdir()
    (tmp_path / "task1" / "one.json").write_text(json.dumps(SPEECH), "utf-8")
    result = runner.invoke(app, ["eval", "spkatt", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["documents"] == 1 and report["gold_events"] == 1
    assert report["scores"]["cue"]["f1"] == 1.0  # "sagte" is found and mapped to token 0:2
    assert report["scores"]["Source"]["recall"] > 0
    table = runner.invoke(app, ["eval", "spkatt", str(tmp_path), "--spkatt"])
    assert table.exit_code == 0, table.output
    assert "SpkAtt-2023 attribution (1 speeches)" in table.output


def test_eval_spkatt_names_a_bad_input(tmp_path):
    (tmp_path / "bad.json").write_text(json.dumps({"Sentences": "x"}), "utf-8")
    result = runner.invoke(app, ["eval", "spkatt", str(tmp_path)])
    assert result.exit_code != 0
    assert "bad.json" in result.output and "Sentences" in result.output


def test_eval_spkatt_rejects_an_unknown_model_part(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps(SPEECH), "utf-8")
    args = ["eval", "spkatt", str(tmp_path), "--spkatt", "--spkatt-parts", "cue,speaker"]
    result = runner.invoke(app, args)
    assert result.exit_code != 0
    assert "unknown SpkAtt model part" in result.output
