"""Linking never crashes: shared quantities, colliding keys, a failing block or report."""

from __future__ import annotations

from dataclasses import replace

from quellenlage.tracking import linking, track
from tests.tracking.builders import claim, document, quantity

TEXT = (
    "Die Behörden zählten 120 Tote und 300 Zelte, sagte der Sprecher, "
    "„es sind 120 Tote und 300 Zelte“, fügte er hinzu.\n"
)


def _two_claims_sharing_quantities():
    doc = document(TEXT, outlet="Demo-Rundschau", published="2024-05-02", doc_id=1)
    dead = quantity(TEXT, "120 Tote", 120, "Tote")
    hurt = quantity(TEXT, "300 Zelte", 300, "Zelte")
    outer = claim(
        TEXT,
        "Die Behörden zählten 120 Tote und 300 Zelte, sagte der Sprecher, „es sind",
        source="der Sprecher",
        quantities=(dead, hurt),
    )
    inner = claim(TEXT, "Die Behörden zählten 120 Tote", quantities=(dead, hurt))
    return doc, [outer, inner]


def test_a_quantity_held_by_two_claims_is_one_value_with_unique_figure_keys():
    doc, claims = _two_claims_sharing_quantities()
    tracking = track([(doc, claims)])
    keys = [link.observation.key for f in tracking.figures for link in f.links]
    assert len(keys) == len(set(keys)) == 2
    assert len({f.key for f in tracking.figures}) == len(tracking.figures)
    owners = {
        link.observation.quantity.value: link.observation.claim.text
        for f in tracking.figures
        for link in f.links
    }
    assert owners[120] == "Die Behörden zählten 120 Tote"  # the tightest span that holds it
    assert owners[300].startswith("Die Behörden zählten 120 Tote und 300 Zelte, sagte")
    assert all(link.observation.shared == 2 for f in tracking.figures for link in f.links)


def test_the_same_report_given_twice_does_not_collide_figure_keys():
    doc, claims = _two_claims_sharing_quantities()
    tracking = track([(doc, claims), (doc, claims)], threshold=1.01)  # nothing may join
    assert len(tracking.figures) == 4
    assert len({f.key for f in tracking.figures}) == 4


def test_a_failing_block_is_recorded_and_the_others_are_linked(monkeypatch):
    doc, claims = _two_claims_sharing_quantities()
    original = linking._cluster_block

    def fail_for_tents(block, *args):
        if "zelte" in str(block[1]):
            raise RuntimeError("broken block")
        return original(block, *args)

    monkeypatch.setattr(linking, "_cluster_block", fail_for_tents)
    tracking = track([(doc, claims)])
    assert [f.links[0].observation.quantity.value for f in tracking.figures] == [120]
    (failure,) = tracking.failures
    assert "zelte" in failure.where and "broken block" in failure.error


def test_a_report_that_cannot_be_read_is_recorded_and_skipped():
    doc, claims = _two_claims_sharing_quantities()
    other = document(TEXT, outlet="Demo-Tagblatt", published="2024-05-03", doc_id=2)
    bad_value = replace(claims[1].quantities[0], value=None)  # a corrupt stored quantity
    broken = replace(claims[1], quantities=(bad_value,))
    tracking = track([(other, [broken]), (doc, claims)])
    assert len(tracking.figures) == 2
    assert [f.where for f in tracking.failures] == ["report Demo-Tagblatt.txt"]
