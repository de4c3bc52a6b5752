"""The Wikinews metric on small hand-made gold/prediction pairs with known scores."""

from __future__ import annotations

import pytest

from quellenlage.research.metric import TokenAnnotation, evaluate, pair_annotations, token_f1


def ann(quote, speaker=(), cue=(), frame=(), addressee=(), type="Indirect") -> TokenAnnotation:
    return TokenAnnotation(
        quote=frozenset(quote),
        speaker=frozenset(speaker),
        cue=frozenset(cue),
        frame=frozenset(frame),
        addressee=frozenset(addressee),
        type=type,
    )


def test_identical_annotations_score_one_everywhere_they_are_defined():
    gold = [ann({1, 2, 3}, {5}, {6}, {4, 5, 6}), ann({10, 11}, {12}, type="Direct")]
    result = evaluate([(gold, list(gold))])
    for group in ("quote", "speaker", "cue", "frame", "roles", "joint"):
        assert result.scores[group].precision == 1.0
        assert result.scores[group].recall == 1.0
        assert result.scores[group].f1 == 1.0
    assert result.type_accuracy == 1.0
    assert result.pairs == 2


def test_partial_overlap_and_unpaired_annotations():
    gold = [
        ann({1, 2, 3, 4}, speaker={6}, cue={7}, frame={5, 6, 7}),
        ann({10, 11}, speaker={12}, type="Direct"),
    ]
    predicted = [
        ann({2, 3, 4, 5}, speaker={6, 8}, cue={7}, frame={6, 7}),
        ann({20, 21}, type="Direct"),  # matches nothing
    ]
    scores = evaluate([(gold, predicted)]).scores
    # quote: the pair scores 3/4 both ways; the stray prediction and the missed gold add 0
    assert scores["quote"].precision == pytest.approx(0.375)
    assert scores["quote"].recall == pytest.approx(0.375)
    # speaker: pair P 1/2, R 1/1; the missed gold speaker adds recall 0
    assert scores["speaker"].precision == pytest.approx(0.5)
    assert scores["speaker"].recall == pytest.approx(0.5)
    assert (scores["speaker"].n_precision, scores["speaker"].n_recall) == (1, 2)
    assert scores["cue"].precision == scores["cue"].recall == 1.0
    assert scores["frame"].precision == 1.0
    assert scores["frame"].recall == pytest.approx(2 / 3)
    # roles pooled per pair: 4 of 5 predicted and 4 of 5 gold tokens right
    assert scores["roles"].precision == pytest.approx(0.8)
    assert scores["roles"].recall == pytest.approx(0.4)
    # joint: 7 of 9 tokens each way for the pair, then 0 for each unpaired annotation
    assert scores["joint"].precision == pytest.approx(7 / 18)
    assert scores["joint"].recall == pytest.approx(7 / 18)
    assert scores["joint"].f1 == pytest.approx(7 / 18)


def test_role_empty_on_both_sides_is_not_counted():
    gold = [ann({1, 2}, speaker={3})]
    predicted = [ann({1, 2}, speaker={3})]
    scores = evaluate([(gold, predicted)]).scores
    assert scores["addressee"].n_precision == scores["addressee"].n_recall == 0
    assert scores["addressee"].f1 == 0.0


def test_missing_speaker_costs_recall_only():
    gold = [ann({1, 2}, speaker={3})]
    predicted = [ann({1, 2})]
    speaker = evaluate([(gold, predicted)]).scores["speaker"]
    assert speaker.n_precision == 0
    assert speaker.recall == 0.0
    assert speaker.n_recall == 1


def test_assignment_maximises_total_weight_rather_than_greedy():
    gold = [ann({1, 2}), ann({3, 4})]
    predicted = [ann({1, 2, 3}), ann({2})]
    # greedy would pair gold 0 with prediction 0 (F1 0.8) and leave gold 1 alone;
    # the optimum pairs gold 0 with prediction 1 (0.67) and gold 1 with prediction 0 (0.4)
    assert sorted(pair_annotations(gold, predicted)) == [(0, 1), (1, 0)]


def test_pairs_without_quote_overlap_are_not_pairs():
    assert pair_annotations([ann({1})], [ann({2})]) == []


def test_type_accuracy_over_pairs():
    gold = [ann({1, 2}, type="Direct"), ann({5, 6}, type="Indirect"), ann({9}, type="Reported")]
    predicted = [ann({1, 2}, type="Direct"), ann({5, 6}, type="IndirectFreeIndirect")]
    result = evaluate([(gold, predicted)])
    assert result.pairs == 2
    assert result.type_accuracy == 0.5


def test_documents_are_paired_separately_and_pooled():
    same = [ann({1, 2})]
    # the same token ids in another document must not pair across documents
    result = evaluate([(same, []), ([], same)])
    assert result.pairs == 0
    assert result.scores["quote"].precision == 0.0
    assert result.scores["quote"].recall == 0.0
    assert result.documents == 2


def test_token_f1():
    assert token_f1(frozenset({1, 2}), frozenset({2, 3})) == 0.5
    assert token_f1(frozenset(), frozenset({1})) == 0.0


def test_from_json_reads_token_ids_and_rejects_bad_roles():
    parsed = TokenAnnotation.from_json(
        {"quote": {"tokenIds": [3, 4]}, "speaker": {"tokenIds": []}, "type": "Direct"}
    )
    assert parsed.quote == frozenset({3, 4})
    assert parsed.speaker == frozenset()
    assert parsed.type == "Direct"
    with pytest.raises(ValueError, match="quote"):
        TokenAnnotation.from_json({"quote": [1, 2]})
