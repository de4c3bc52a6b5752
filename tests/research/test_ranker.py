"""The optional learned claim filter: features, fitting, saving and loading."""

from __future__ import annotations

import json

import pytest
import spacy

from quellenlage.records import Claim, Mention, Source
from quellenlage.research.ranker import ClaimRanker, RankerError, claim_features, fit_logistic

TEXT = "Der Minister sagte, die Lage sei ernst. In Berlin regnet es."


@pytest.fixture(scope="module")
def doc():
    return spacy.blank("de")(TEXT)


def make_claim(mode: str, content: str, **kwargs) -> Claim:
    start = TEXT.index(content)
    sentence_end = TEXT.index(".", start)
    return Claim(
        text=content,
        span=(start, start + len(content)),
        sentence_span=(TEXT.rfind(".", 0, start) + 1, sentence_end),
        mode=mode,
        certainty="reported",
        **kwargs,
    )


INDIRECT = make_claim(
    "indirect",
    "die Lage sei ernst",
    cue=Mention("sagte", (13, 18)),
    source=Source("Der Minister", (0, 12), "person"),
)
ASSERTION = make_claim("assertion", "In Berlin regnet es")


def test_features_describe_mode_cue_and_source(doc):
    features = claim_features(INDIRECT, doc, [INDIRECT])
    assert "mode=indirect" in features
    assert "cue=sagte" in features
    assert "source=yes" in features
    assert "source_kind=person" in features
    assert "bias" in features


def test_fit_logistic_separates_a_simple_problem():
    rows = [["bias", "good"]] * 20 + [["bias", "bad"]] * 20
    labels = [1] * 20 + [0] * 20
    weights = fit_logistic(rows, labels, l2=0.1)
    ranker = ClaimRanker(weights, 0.5, {})
    assert ranker.probability(["bias", "good"]) > 0.9
    assert ranker.probability(["bias", "bad"]) < 0.1


def test_filter_drops_low_scores_and_keeps_assertions(doc):
    drop_indirect = ClaimRanker({"bias": 0.0, "mode=indirect": -5.0}, 0.5, {})
    assert drop_indirect.filter([INDIRECT, ASSERTION], doc) == [ASSERTION]
    keep_all = ClaimRanker({"bias": 5.0}, 0.5, {})
    assert keep_all.filter([INDIRECT, ASSERTION], doc) == [INDIRECT, ASSERTION]


def test_save_and_load_round_trip(tmp_path):
    ranker = ClaimRanker({"bias": 0.25, "mode=direct": 1.5}, 0.4, {"trained_on": "test"})
    ranker.save(tmp_path / "ranker.json")
    loaded = ClaimRanker.load(tmp_path)  # a folder holding ranker.json
    assert loaded.threshold == 0.4
    assert loaded.weights == {"bias": 0.25, "mode=direct": 1.5}
    assert loaded.metadata == {"trained_on": "test"}


def test_load_errors_name_the_file(tmp_path):
    with pytest.raises(RankerError, match=r"missing\.json"):
        ClaimRanker.load(tmp_path / "missing.json")
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"format": "something else"}))
    with pytest.raises(RankerError, match="not a claim ranker"):
        ClaimRanker.load(wrong)
