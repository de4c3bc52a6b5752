"""The SpkAtt attribution model: source choice, cue check, added claims, parts, loading.

The weights are written by hand for these tests, so what each part does is fixed here and
does not depend on what training learned.
"""

from __future__ import annotations

import json

import pytest

from quellenlage.claims.component import Attribution
from quellenlage.records import Claim, Mention, Source
from quellenlage.research.spkatt_model import OFF, SpkAttModel, SpkAttModelError

SAID = "Der Minister sagte, dass die Lage ernst sei."
WANTS = "Die Partei will die Steuern senken."
#: the cue verb's own subject speaks; every cue word is a cue, except "wollen"
MODEL = SpkAttModel(
    cue_weights={"bias": 3.0, "lemma=wollen": -6.0},
    source_weights={"bias": -3.0, "dep=nsubj": 2.0, "relation=child": 2.0},
    cue_threshold=0.2,
    source_threshold=0.5,
    add_threshold=0.5,
)


def claim_of(text: str, cue: str, source: str | None, content: str) -> Claim:
    start = text.index(cue)
    where = (text.index(source), text.index(source) + len(source)) if source else None
    return Claim(
        text=content,
        span=(text.index(content), text.index(content) + len(content)),
        sentence_span=(0, len(text)),
        mode="indirect",
        certainty="reported",
        cue=Mention(cue, (start, start + len(cue))),
        source=Source(source, where) if source else None,
    )


def test_missing_source_is_filled_with_the_best_phrase(parse):
    doc = parse(SAID)
    (claim,) = MODEL.apply([claim_of(SAID, "sagte", None, "dass die Lage ernst sei")], doc)
    assert claim.source is not None
    assert claim.source.text == "Der Minister"
    assert claim.link == "same_sentence"


def test_wrong_phrase_is_replaced_but_the_rules_extent_is_kept(parse):
    doc = parse(SAID)
    wrong = claim_of(SAID, "sagte", "die Lage", "dass die Lage ernst sei")
    (fixed,) = MODEL.apply([wrong], doc)
    assert fixed.source.text == "Der Minister"
    shorter = claim_of(SAID, "sagte", "Minister", "dass die Lage ernst sei")
    (kept,) = MODEL.apply([shorter], doc)
    assert kept == shorter  # same phrase as the model's choice: the rules' span stays


def test_unsure_model_keeps_the_rule_source(parse):
    doc = parse(SAID)
    unsure = SpkAttModel(MODEL.cue_weights, {"bias": -2.0}, 0.2, 0.5)
    wrong = claim_of(SAID, "sagte", "die Lage", "dass die Lage ernst sei")
    assert unsure.apply([wrong], doc) == [wrong]


def test_cue_check_drops_a_modal_and_can_be_switched_off(parse):
    doc = parse(WANTS)
    claim = claim_of(WANTS, "will", "Die Partei", "die Steuern senken")
    assert MODEL.with_parts(["cue", "source"]).apply([claim], doc) == []
    assert MODEL.with_parts(["source"]).apply([claim], doc) == [claim]


def test_added_claim_for_an_uncovered_cue_verb(parse):
    doc = parse(SAID)
    (added,) = MODEL.apply([], doc)
    assert added.cue is not None and added.cue.text == "sagte"
    assert "die Lage ernst sei" in added.text
    assert added.source is not None and added.source.text == "Der Minister"
    assert MODEL.with_parts(["cue", "source"]).apply([], doc) == []


def test_an_added_claim_replaces_the_assertion_of_its_sentence(parse):
    doc = parse(SAID)
    assertion = Claim(SAID[:-1], (0, len(SAID) - 1), (0, len(SAID)), "assertion", "asserted")
    (added,) = MODEL.apply([assertion], doc)
    assert added.mode == "indirect" and added.cue.text == "sagte"


def test_a_verb_inside_a_claim_gets_no_claim_of_its_own(parse):
    doc = parse(SAID)
    claim = claim_of(SAID, "Minister", "Der", "Der Minister sagte, dass die Lage ernst sei")
    assert [c.cue.text for c in MODEL.with_parts(["add"]).apply([claim], doc)] == ["Minister"]


def test_save_load_round_trip_and_errors(tmp_path):
    MODEL.save(tmp_path / "m")
    loaded = SpkAttModel.load(tmp_path / "m")
    assert loaded.cue_weights == MODEL.cue_weights
    assert (loaded.cue_threshold, loaded.source_threshold, loaded.add_threshold) == (0.2, 0.5, 0.5)
    (tmp_path / "other.json").write_text(json.dumps({"format": "x"}), "utf-8")
    with pytest.raises(SpkAttModelError, match="not a SpkAtt attribution model"):
        SpkAttModel.load(tmp_path / "other.json")
    with pytest.raises(SpkAttModelError, match="cannot read"):
        SpkAttModel.load(tmp_path / "missing")
    with pytest.raises(SpkAttModelError, match="unknown SpkAtt model part"):
        MODEL.with_parts(["sources"])


def test_parts_switch_off_each_threshold():
    only_source = MODEL.with_parts(["source"])
    assert (only_source.cue_threshold, only_source.add_threshold) == (0.0, OFF)
    assert only_source.source_threshold == MODEL.source_threshold


def test_bundled_model_loads_and_says_what_it_was_trained_on():
    model = SpkAttModel.load()
    assert "SpkAtt-2023" in model.metadata["trained_on"]
    assert model.cue_weights and model.source_weights


def test_pipeline_component_applies_a_configured_model(tmp_path, parse):
    doc = parse(SAID)
    plain = Attribution(False, {"path": None}, {"path": None})
    assert plain.spkatt is None
    assert any(c.cue is not None for c in plain(doc)._.claims)
    # a model that takes no verb for a cue: the component must drop the rules' "sagte" claim
    SpkAttModel({"bias": -5.0}, {}, 0.5, OFF).save(tmp_path / "m")
    component = Attribution(False, {"path": None}, {"path": str(tmp_path / "m")})
    assert not any(c.cue is not None for c in component(doc)._.claims)
