"""The optional learned attribution: quote classifier, quotation claims, loading."""

from __future__ import annotations

import pytest

from quellenlage.claims.quotes import find_quotes
from quellenlage.records import Claim
from quellenlage.research.learned import (
    LearnedAttribution,
    QuoteClassifier,
    quote_claim,
    quote_features,
    uncovered_quotes,
)
from quellenlage.research.ranker import ClaimRanker, RankerError

NAMING = "Der Minister nannte den Bericht eine „Zeitungsente“."
CALLING = "Die Kanzlerin bezeichnete die Pläne als „maßvoll“."


def test_quotation_claim_takes_main_verb_as_cue_and_its_subject_as_source(parse):
    doc = parse(NAMING)
    (quote,) = find_quotes(NAMING).quotes
    claim = quote_claim(doc, quote)
    assert claim.mode == "direct"
    assert claim.text == "Zeitungsente"
    assert claim.cue is not None and claim.cue.text.startswith("nannte")
    assert claim.source is not None and claim.source.text == "Der Minister"


def test_linking_als_joins_the_cue(parse):
    doc = parse(CALLING)
    (quote,) = find_quotes(CALLING).quotes
    claim = quote_claim(doc, quote)
    assert claim.cue is not None
    assert claim.cue.text == "bezeichnete als"
    assert len(claim.cue.parts) == 2


def test_features_name_the_verb_and_the_word_before_the_quote(parse):
    doc = parse(CALLING)
    (quote,) = find_quotes(CALLING).quotes
    features = quote_features(doc, quote)
    assert "before=als" in features
    assert any(f.startswith("root=") for f in features)


def test_apply_adds_quotations_only_where_no_claim_covers_them(parse):
    text = f"{NAMING} Er sagte: „Das ist falsch.“"
    doc = parse(text)
    start = text.index("Das ist")
    covering = Claim(
        text="Das ist falsch.",
        span=(start, start + len("Das ist falsch.")),
        sentence_span=(len(NAMING) + 1, len(text)),
        mode="direct",
        certainty="reported",
    )
    assert len(uncovered_quotes(doc, [covering])) == 1
    accept_all = LearnedAttribution(None, QuoteClassifier({"bias": 10.0}, 0.5))
    claims = accept_all.apply([covering], doc)
    assert [c.text for c in claims] == ["Zeitungsente", "Das ist falsch."]
    reject_all = LearnedAttribution(None, QuoteClassifier({"bias": -10.0}, 0.5))
    assert reject_all.apply([covering], doc) == [covering]


def test_save_load_and_errors(tmp_path):
    QuoteClassifier({"bias": 0.5, "before=als": 2.0}, 0.4).save(tmp_path / "quotes.json")
    ClaimRanker({"bias": 1.0}, 0.3, {}).save(tmp_path / "ranker.json")
    model = LearnedAttribution.load(tmp_path)
    assert model.quotes is not None and model.quotes.threshold == 0.4
    assert model.quotes.weights["before=als"] == 2.0
    assert model.ranker is not None and model.ranker.threshold == 0.3
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(RankerError, match="neither"):
        LearnedAttribution.load(empty)
