"""SpkAtt-2023 task 1: reader, joined text, claim → token mapping and the metric."""

from __future__ import annotations

import json

import pytest

from quellenlage.records import Claim, Mention, Source
from quellenlage.research.spkatt import (
    SpkAttEvent,
    SpkAttFormatError,
    align,
    claims_to_events,
    predict_documents,
    read_document,
    read_folder,
    score,
)

SENTENCES = [
    {
        "SentenceId": 0,
        "Tokens": ["Der", "Minister", "sagte", ",", "dass", "die", "Lage", "ernst", "sei", "."],
    },
    {"SentenceId": 1, "Tokens": ["Wir", "lehnen", "den", "„", "Antrag", "“", "ab", "."]},
]
ANNOTATIONS = [
    {
        "Cue": ["0:2"],
        "Source": ["0:0", "0:1"],
        "Message": ["0:4", "0:5", "0:6", "0:7", "0:8"],
        "Addr": [],
        "Topic": [],
        "Medium": [],
        "Evidence": [],
        "PTC": [],
    },
    {"Cue": ["1:1"], "Source": ["1:0"], "Message": ["1:2", "1:3", "1:4", "1:5"], "PTC": ["1:6"]},
]


def ids(*values: str) -> frozenset:
    return frozenset(tuple(int(p) for p in v.split(":")) for v in values)


@pytest.fixture
def speech(tmp_path):
    path = tmp_path / "task1" / "19001_Test_ID1.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"Sentences": SENTENCES, "Annotations": ANNOTATIONS}), "utf-8")
    return path


def test_reader_gives_events_with_token_ids_per_role(speech):
    document = read_document(speech)
    assert document.name == "19001_Test_ID1"
    assert [sid for sid, _ in document.sentences] == [0, 1]
    first, second = document.events
    assert first.cue == ids("0:2")
    assert first.role("Source") == ids("0:0", "0:1")
    assert first.role("Addr") == frozenset()  # empty roles are left out
    assert "Addr" not in first.roles
    assert second.role("PTC") == ids("1:6")
    assert [d.name for d in read_folder(speech.parent.parent)] == ["19001_Test_ID1"]


def test_joined_text_reads_as_prose_and_keeps_each_tokens_offsets(speech):
    text, offsets = read_document(speech).text()
    assert text == "Der Minister sagte, dass die Lage ernst sei. Wir lehnen den „Antrag“ ab."
    for (sid, tid), (start, end) in offsets.items():
        assert text[start:end] == SENTENCES[sid]["Tokens"][tid]


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        ({"Annotations": []}, "no 'Sentences' list"),
        ({"Sentences": [{"Tokens": ["a"]}]}, "lacks SentenceId"),
        ({"Sentences": SENTENCES, "Annotations": [{"Cue": ["0:99"]}]}, "'0:99' is not in"),
        ({"Sentences": SENTENCES, "Annotations": [{"Cue": ["x"]}]}, "not a 'sentence:token'"),
        ({"Sentences": SENTENCES, "Annotations": [{"Cue": "0:1"}]}, "expected a list"),
    ],
)
def test_bad_files_are_named_with_their_problem(tmp_path, payload, problem):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(payload), "utf-8")
    with pytest.raises(SpkAttFormatError, match=problem) as error:
        read_document(path)
    assert "bad.json" in str(error.value)


def test_not_json_and_empty_folder_are_errors(tmp_path):
    (tmp_path / "x.json").write_text("{", "utf-8")
    with pytest.raises(SpkAttFormatError, match="not JSON"):
        read_document(tmp_path / "x.json")
    (tmp_path / "empty").mkdir()
    with pytest.raises(SpkAttFormatError, match=r"no \*\.json"):
        read_folder(tmp_path / "empty")


def test_metric_on_a_hand_computed_example(speech):
    gold = list(read_document(speech).events)
    predicted = [
        # the first event's cue, half its source, four of five message tokens
        SpkAttEvent(ids("0:2"), {"Source": ids("0:1"), "Message": ids("0:5", "0:6", "0:7", "0:8")}),
        # a wrong cue ("Antrag" instead of "lehnen"): no pair, its source counts as predicted
        SpkAttEvent(ids("1:4"), {"Source": ids("1:0")}),
    ]
    assert align(predicted, gold) == [(0, 0)]
    scores = score([(predicted, gold)]).to_dict()["scores"]
    assert scores["cue"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert scores["cue_exact"]["f1"] == 0.5
    # Source: 1 shared of 2 predicted and 3 gold tokens
    assert scores["Source"] == {"precision": 0.5, "recall": 0.3333, "f1": 0.4}
    # Message: 4 shared of 4 predicted and 9 gold tokens
    assert scores["Message"] == {"precision": 1.0, "recall": 0.4444, "f1": 0.6154}
    assert scores["PTC"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    # pooled: 5 shared, 6 predicted, 13 gold
    assert scores["roles"] == {"precision": 0.8333, "recall": 0.3846, "f1": 0.5263}


def test_alignment_is_one_to_one_by_best_cue_overlap():
    gold = [SpkAttEvent(ids("0:1", "0:2")), SpkAttEvent(ids("0:2", "0:3"))]
    predicted = [SpkAttEvent(ids("0:2", "0:3"))]
    assert align(predicted, gold) == [(0, 1)]
    assert align([], gold) == []


def test_claims_map_to_token_ids_with_particles_as_ptc(speech, parse):
    document = read_document(speech)
    text, offsets = document.text()
    doc = parse(text)
    start = text.index("Wir")
    lehnen, ab = text.index("lehnen"), text.index("ab.")
    claim = Claim(
        text="den „Antrag“",
        span=(text.index("den"), text.index("ab.") - 1),
        sentence_span=(start, len(text)),
        mode="reported",
        certainty="reported",
        cue=Mention("lehnen … ab", (lehnen, ab + 2), ((lehnen, lehnen + 6), (ab, ab + 2))),
        source=Source("Wir", (start, start + 3)),
    )
    assertion = Claim("Die Lage", (0, 5), (0, 5), "assertion", "asserted")
    (event,) = claims_to_events([claim, assertion], doc, offsets)
    assert event.cue == ids("1:1")
    assert event.role("PTC") == ids("1:6")
    assert event.role("Source") == ids("1:0")
    assert event.role("Message") == ids("1:2", "1:3", "1:4", "1:5")


def test_a_failing_speech_is_logged_and_scored_as_missed(speech, caplog):
    def broken(doc):
        raise RuntimeError("boom")

    document = read_document(speech)
    with caplog.at_level("WARNING", logger="quellenlage.research"):
        ((seen, events),) = list(predict_documents([document], lambda text: text, broken))
    assert seen is document and events == []
    assert "19001_Test_ID1" in caplog.text and "boom" in caplog.text
