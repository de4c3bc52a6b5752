"""The linker's fast candidate test gives what scoring every candidate in full gives."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from quellenlage.tracking.fit import (
    FIRST,
    WORDING_MEMBERS,
    Cluster,
    _family,
    best_fit,
    choose,
    fitting,
    score,
)
from quellenlage.tracking.linking import Link
from quellenlage.tracking.observations import (
    Report,
    observations_of,
    unique_observations,
    with_antecedents,
)
from tests.tracking.story import story


def _observations():
    found = []
    for doc, claims in story():
        report = Report.of(doc)
        found.extend(
            with_antecedents(unique_observations(observations_of(report, doc.text, claims)))
        )
    return found


def _clusters(observations):
    """A figure per value, and figures of two values each (their profiles differ)."""
    clusters = []
    for obs in observations:
        cluster = Cluster(("count", obs.features.unit_class))
        cluster.add(Link(obs, 1.0, "first"))
        clusters.append(cluster)
    for first, second in itertools.pairwise(observations):
        cluster = Cluster(("count", first.features.unit_class))
        cluster.add(Link(first, 1.0, "first"))
        cluster.add(Link(second, 1.0, "second"))
        clusters.append(cluster)
    return clusters


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.6, 0.7, 0.9])
def test_passing_and_best_match_full_scoring(threshold):
    observations = _observations()
    clusters = _clusters(observations)
    assert len(observations) >= 10
    compared = 0
    for obs in observations:
        scored = [(score(obs, c), c) for c in clusters]
        expected = [(v, r, c) for (v, r), c in scored if v is not None and v >= threshold]
        passing = fitting(obs, clusters, threshold)
        assert [e.cluster for e in passing] == [c for _, _, c in expected]
        for entry, (value, _, _) in zip(passing, expected, strict=True):
            assert entry.low <= value <= entry.high
            assert entry.value in (None, value)
        best = best_fit(obs, passing)
        if expected:
            assert best == max(expected, key=lambda item: item[0])
            compared += 1
        else:
            assert best is None
    assert compared  # the story has values that fit figures at every threshold tried


def test_recent_wording_compares_the_last_members_only():
    observations = _observations()
    cluster = Cluster(("count", None))
    for obs in observations:
        cluster.add(Link(obs, 1.0, "first"))
    recent = [obs.features.stems for obs in observations[-WORDING_MEMBERS:]]
    assert cluster.recent == recent


def _variant(obs, **changes):
    """The observation with some features changed (its group, the sentence before, ...)."""
    copy = dataclasses.replace(obs, key=f"{obs.key}+{sorted(changes.items())}")
    object.__setattr__(copy, "features", dataclasses.replace(obs.features, **changes))
    return copy


def _decision(obs, clusters, threshold):
    """Which fitting figures the value may join, judged over every fitting figure."""
    passing = fitting(obs, clusters, threshold)
    f = obs.features
    if f.measure == "unknown":
        families = {_family(e.cluster) for e in passing if e.cluster.measure != "unknown"}
        if len(families) > 1:
            return [], f"{FIRST} (measure not named; figures of {', '.join(sorted(families))} fit)"
    owners = {e.cluster.owner for e in passing}
    if f.owner or len(owners) < 2:
        return passing, FIRST
    in_context = [e for e in passing if e.cluster.owner in f.context_countries]
    if len({e.cluster.owner for e in in_context}) == 1:
        return in_context, FIRST
    named = ", ".join(sorted(o for o in owners if o is not None))
    return (
        [],
        f"{FIRST} (group not named; figures of {named}{' and of no group' * (None in owners)} fit)",
    )


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.6])
def test_choosing_skips_seen_groups_but_decides_as_over_all_fitting_figures(threshold):
    observations = _observations()
    groups = ("KP", "RU", "UA")
    varied = [
        _variant(obs, owner=owner, context_countries=context, measure=measure)
        for obs in observations[:12]
        for owner in (None, *groups)
        for context in (frozenset(), frozenset({"RU"}), frozenset({"RU", "UA"}))
        for measure in (obs.features.measure, "unknown")
    ]
    clusters = _clusters([v for v in varied if v.features.context_countries == frozenset()])
    seen = set()
    for obs in varied:
        passing, reason = choose(obs, clusters, threshold)
        expected, expected_reason = _decision(obs, clusters, threshold)
        assert [e.cluster for e in passing] == [e.cluster for e in expected]
        assert reason == expected_reason
        seen.add(reason.split(";")[0] if passing == [] else "joins")
    # every way of deciding was met: joining, and both refusals
    assert seen >= {"joins", f"{FIRST} (group not named", f"{FIRST} (measure not named"}


def test_a_refused_value_names_each_fitting_group_once():
    observations = _observations()
    first = next(o for o in observations if o.features.owner is None)
    obs = _variant(first, context_countries=frozenset(), measure="deployed")
    figures = [_variant(obs, owner=owner) for owner in ("FR", "JP", "FR", None, "JP", "FR")]
    clusters = _clusters(figures)[: len(figures)]
    assert len(fitting(obs, clusters, 0.3)) == len(figures)
    passing, reason = choose(obs, clusters, 0.3)
    assert passing == []
    assert reason == f"{FIRST} (group not named; figures of FR, JP and of no group fit)"
