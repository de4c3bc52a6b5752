"""Group observations from many reports into figures, conservatively.

A *figure* is one measured thing about one subject ("North Korean soldiers in
Russia"). Observations are compared only within a block of the same quantity
kind and unit class, and only with figures that share a country key (or, for
observations naming none, with figures naming none), so linking grows with
the number of observations, not with its square. Every link carries a score
and a reason; a wrong merge is worse than a missed one, so anything in doubt
starts a figure of its own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from quellenlage.tracking.fit import NO_COUNTRY, Cluster, best_fit, choose
from quellenlage.tracking.labels import figure_label, figure_measure
from quellenlage.tracking.observations import Observation

#: Score a candidate needs to join a figure.
DEFAULT_THRESHOLD = 0.6

OverrideAction = Literal["confirm", "split", "merge"]


@dataclass(frozen=True, slots=True)
class Override:
    """A decision taken by hand, keyed by stable observation keys.

    ``merge``: the figures holding ``key`` and ``other`` are one figure.
    ``confirm``: ``key`` belongs with ``other`` (the figure's first value when confirmed).
    ``split``: ``key`` is taken out into a figure of its own.
    """

    action: OverrideAction
    key: str
    other: str | None = None
    created: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class LinkFailure:
    """A part of a run that could not be tracked (a report, a block of values), and why."""

    where: str
    error: str


@dataclass(frozen=True, slots=True)
class Link:
    """Why an observation belongs to its figure."""

    observation: Observation
    score: float
    reason: str
    manual: bool = False


@dataclass
class Figure:
    """One measured thing about one subject, with all its values in time order."""

    key: str
    label: str
    kind: str
    unit_class: str | None
    owner: str | None
    places: tuple[str, ...]
    links: list[Link]
    measure: str = "unknown"
    #: False when its values name nothing counted (listed under their document, not as figures).
    named: bool = True
    #: Vague values that fit this figure ("Tausende Soldaten"): shown, never counted.
    context: list[Link] = field(default_factory=list)

    @property
    def observations(self) -> list[Observation]:
        return [link.observation for link in self.links]

    @property
    def sources(self) -> list[str]:
        names = [link.observation.claim.source for link in self.links]
        return sorted({s.name for s in names if s is not None})

    @property
    def date_span(self) -> tuple[dt.date | None, dt.date | None]:
        dates = [
            d
            for link in self.links
            for d in (link.observation.refers_to.start, link.observation.refers_to.end)
            if d is not None
        ]
        return (min(dates), max(dates)) if dates else (None, None)


def _order(obs: Observation) -> tuple[dt.date, dt.date, str]:
    return (obs.refers_to.sort_date, obs.report.published or dt.date.max, obs.key)


def _split_keys(overrides: Sequence[Override]) -> set[str]:
    """Keys whose latest decision is a split (a later merge or confirm undoes it)."""
    latest: dict[str, OverrideAction] = {}
    for override in overrides:
        latest[override.key] = override.action
        if override.other:
            latest[override.other] = override.action
    return {key for key, action in latest.items() if action == "split"}


def _cluster_block(
    block: tuple[str, str | None],
    observations: list[Observation],
    split: set[str],
    threshold: float,
    unplaced: list[Observation],
) -> list[Cluster]:
    """Cluster the observations of one block (kind, unit class), already in time order."""
    clusters: list[Cluster] = []
    index: dict[str, list[Cluster]] = defaultdict(list)
    vague = [obs for obs in observations if obs.features.value_kind == "vague"]
    counted = [obs for obs in observations if obs.features.value_kind != "vague"]
    for obs in [*counted, *vague]:  # vague values are context of the figures counted values make
        f = obs.features
        if obs.key in split:
            cluster = Cluster(block)  # in no index: it takes no automatic members
            cluster.add(Link(obs, 1.0, "split off by hand", manual=True))
            clusters.append(cluster)
            continue
        keys = sorted(f.countries or f.report_countries or {NO_COUNTRY})  # stable order
        if len(keys) == 1:  # one key's figures are all different ones; figures split off by
            candidates: Iterable[Cluster] = index.get(keys[0], ())  # hand are in no index
        else:
            unique = {id(c): c for key in keys for c in index.get(key, ())}
            candidates = unique.values()
        passing, first_reason = choose(obs, candidates, threshold)
        best = best_fit(obs, passing)
        if f.value_kind == "vague":  # context of the figure it fits, never a value
            if best is not None:
                best[2].context.append(Link(obs, best[0], f"vague value, context; {best[1]}"))
            else:
                unplaced.append(obs)
            continue
        if best is None:
            cluster = Cluster(block)
            cluster.add(Link(obs, 1.0, first_reason))
            clusters.append(cluster)
            known: set[str] = set()
        else:
            cluster = best[2]
            known = cluster.index_keys()
            cluster.add(Link(obs, best[0], best[1]))
        for key in cluster.index_keys() - known:
            index[key].append(cluster)
    return clusters


def _cluster(
    observations: Iterable[Observation],
    split: set[str],
    threshold: float,
    failures: list[LinkFailure],
    unplaced: list[Observation],
) -> list[Cluster]:
    """Cluster block by block; a block that fails is recorded and its values left unlinked."""
    blocks: dict[tuple[str, str | None], list[Observation]] = defaultdict(list)
    for obs in sorted(observations, key=_order):
        blocks[(obs.features.kind, obs.features.unit_class)].append(obs)
    clusters: list[Cluster] = []
    for block, members in blocks.items():
        try:
            clusters.extend(_cluster_block(block, members, split, threshold, unplaced))
        except Exception as exc:
            name = f"{block[0]} of {block[1] or 'nothing named'}"
            failures.append(
                LinkFailure(f"block {name}", f"{type(exc).__name__}: {exc} ({len(members)} values)")
            )
    return clusters


def _apply_merges(
    clusters: list[Cluster], overrides: Sequence[Override]
) -> list[tuple[list[Link], list[Link]]]:
    """Union the figures that merges and confirmations tie together."""
    where = {link.observation.key: i for i, c in enumerate(clusters) for link in c.links}
    parent = list(range(len(clusters)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    manual: dict[str, str] = {}
    for override in overrides:
        if override.action == "split" or override.other is None:
            continue
        if override.key not in where or override.other not in where:
            continue  # a value no longer found after re-analysis
        parent[root(where[override.key])] = root(where[override.other])
        verb = "confirmed" if override.action == "confirm" else "merged"
        manual[override.key] = f"{verb} by hand"
    groups: dict[int, list[Link]] = defaultdict(list)
    context: dict[int, list[Link]] = defaultdict(list)
    for i, cluster in enumerate(clusters):
        context[root(i)].extend(cluster.context)
        for link in cluster.links:
            reason = manual.get(link.observation.key)
            if reason:
                link = Link(link.observation, 1.0, f"{reason} ({link.reason})", manual=True)
            groups[root(i)].append(link)
    return [(links, context[i]) for i, links in groups.items()]


def figure_key(first_key: str, taken: set[str] | None = None) -> str:
    """A short stable name for a figure, from the key of its first value.

    Keys already ``taken`` (two figures starting with the same value, which
    hand-made splits can cause) get a counter, so keys never collide.
    """
    key = hashlib.sha1(first_key.encode()).hexdigest()[:10]
    n = 1
    while taken is not None and key in taken:
        key = hashlib.sha1(f"{first_key}#{n}".encode()).hexdigest()[:10]
        n += 1
    if taken is not None:
        taken.add(key)
    return key


def link_figures(
    observations: Iterable[Observation],
    overrides: Sequence[Override] = (),
    *,
    threshold: float = DEFAULT_THRESHOLD,
    failures: list[LinkFailure] | None = None,
    unplaced: list[Observation] | None = None,
) -> list[Figure]:
    """Group observations into figures; each figure's values in time order.

    ``overrides`` are applied in the order given (oldest first). Blocks that
    fail are appended to ``failures`` and left out; vague values ("Tausende")
    no figure fits are appended to ``unplaced``: they are never values.
    """
    failures = failures if failures is not None else []
    unplaced = unplaced if unplaced is not None else []
    clusters = _cluster(observations, _split_keys(overrides), threshold, failures, unplaced)
    figures = []
    taken: set[str] = set()
    for links, context in _apply_merges(clusters, overrides):
        links.sort(key=lambda link: _order(link.observation))
        measure, word = figure_measure(links)
        label, owner, places, named = figure_label(links, measure, word)
        first = links[0].observation
        figures.append(
            Figure(
                key=figure_key(first.key, taken),
                label=label,
                kind=first.features.kind,
                unit_class=first.features.unit_class,
                owner=owner,
                places=places,
                links=links,
                measure=measure,
                named=named,
                context=sorted(context, key=lambda link: _order(link.observation)),
            )
        )
    figures.sort(key=lambda fig: (-len(fig.links), fig.label, fig.key))
    return figures
