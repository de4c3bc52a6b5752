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
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from quellenlage.tracking.lexicon import COUNTRY_NAMES
from quellenlage.tracking.observations import Observation

#: Score a candidate needs to join a figure.
DEFAULT_THRESHOLD = 0.6
#: How much each piece of evidence weighs in the score (they sum to 1).
WEIGHTS = {"owner": 0.35, "place": 0.2, "countries": 0.2, "wording": 0.15, "magnitude": 0.1}
#: A value more than this many orders of magnitude from a figure's values is another measure.
MAX_MAGNITUDE_GAP = 1.0
#: Members compared for wording: the most recent ones, which keeps comparison cheap.
WORDING_MEMBERS = 8
_NO_COUNTRY = "-"

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


@dataclass
class _Cluster:
    block: tuple[str, str | None]
    links: list[Link] = field(default_factory=list)
    owners: Counter[str] = field(default_factory=Counter)
    places: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    measures: frozenset[str] = frozenset()
    low_magnitude: float = float("inf")
    high_magnitude: float = float("-inf")
    closed: bool = False  # a figure split off by hand takes no automatic members
    owner: str | None = None  # the group most of its values count

    def add(self, link: Link) -> None:
        f = link.observation.features
        if not self.links:
            self.measures = f.measures
        self.links.append(link)
        if f.owner:
            self.owners[f.owner] += 1
            if self.owner is None or self.owners[f.owner] > self.owners[self.owner]:
                self.owner = f.owner
        self.places |= f.places
        self.countries |= f.countries
        self.low_magnitude = min(self.low_magnitude, f.magnitude)
        self.high_magnitude = max(self.high_magnitude, f.magnitude)

    def index_keys(self) -> set[str]:
        return set(self.countries) or {_NO_COUNTRY}


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def score(obs: Observation, cluster: _Cluster) -> tuple[float | None, str]:
    """How well an observation fits a figure: ``(score, reason)``, score ``None`` if it cannot."""
    f = obs.features
    if f.measures != cluster.measures:
        mine = ", ".join(sorted(f.measures)) or "plain count"
        theirs = ", ".join(sorted(cluster.measures)) or "plain count"
        return None, f"measures differ ({mine} vs {theirs})"
    gap = max(cluster.low_magnitude - f.magnitude, f.magnitude - cluster.high_magnitude, 0.0)
    if gap > MAX_MAGNITUDE_GAP:
        return None, f"value is {10**gap:.0f}× off the figure's values"
    owner = cluster.owner
    if f.owner and owner and f.owner != owner:
        return None, f"counts a different group ({f.owner} vs {owner})"
    if (f.owner and f.owner in cluster.places) or (owner and owner in f.places):
        return None, "one value's group is the other's place"
    if (
        not f.owner
        and owner
        and f.context_countries - f.places
        and owner not in f.context_countries
    ):
        return None, f"the sentence before names other groups than {owner}"
    if f.places and cluster.places and not (f.places & cluster.places):
        return None, f"different places ({', '.join(sorted(f.places))})"

    reasons = [f"same unit class '{f.unit_class}'"]
    if f.owner and owner:
        owner_part, text = 1.0, f"same group ({owner})"
    elif owner and owner in f.context_countries:
        owner_part, text = 0.8, f"group ({owner}) named in the sentence before"
    else:
        owner_part, text = 0.5, "group not named"
    reasons.append(text)
    if f.places and cluster.places:
        place_part = 1.0
        reasons.append(f"same place ({', '.join(sorted(f.places & cluster.places))})")
    else:
        place_part = 0.5
    shared = f.countries & cluster.countries
    country_part = len(shared) / len(f.countries) if f.countries else 0.0
    if shared:
        reasons.append(f"shares {', '.join(sorted(shared))}")
    wording = max(
        (
            _jaccard(f.stems, link.observation.features.stems)
            for link in cluster.links[-WORDING_MEMBERS:]
        ),
        default=0.0,
    )
    reasons.append(f"wording {wording:.2f}")
    magnitude_part = 1.0 - gap / MAX_MAGNITUDE_GAP
    total = (
        WEIGHTS["owner"] * owner_part
        + WEIGHTS["place"] * place_part
        + WEIGHTS["countries"] * country_part
        + WEIGHTS["wording"] * min(1.0, 2 * wording)  # half the words in common is a full match
        + WEIGHTS["magnitude"] * magnitude_part
    )
    return round(total, 3), "; ".join(reasons)


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


def _unambiguous(
    obs: Observation, passing: list[tuple[float, str, _Cluster]]
) -> tuple[list[tuple[float, str, _Cluster]], str]:
    """Keep only candidates the observation can be told to belong to.

    A value that names no group fits figures of every group at its place; the
    sentence before may name the group, otherwise it is not linked at all.
    """
    if obs.features.owner or len({c.owner for _, _, c in passing}) < 2:
        return passing, "first value of this figure"
    in_context = [item for item in passing if item[2].owner in obs.features.context_countries]
    if len({c.owner for _, _, c in in_context}) == 1:
        return in_context, "first value of this figure"
    owners = ", ".join(sorted(str(c.owner) for _, _, c in passing))
    return [], f"first value of this figure (group not named; figures of {owners} fit)"


def _cluster(
    observations: Iterable[Observation], split: set[str], threshold: float
) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    index: dict[tuple[str, str | None], dict[str, list[_Cluster]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for obs in sorted(observations, key=_order):
        f = obs.features
        block = (f.kind, f.unit_class)
        if obs.key in split:
            cluster = _Cluster(block, closed=True)
            cluster.add(Link(obs, 1.0, "split off by hand", manual=True))
            clusters.append(cluster)
            continue
        candidates: dict[int, _Cluster] = {}
        for key in f.countries or {_NO_COUNTRY}:
            for cluster in index[block].get(key, ()):
                if not cluster.closed:
                    candidates[id(cluster)] = cluster
        passing = []
        for cluster in candidates.values():
            value, reason = score(obs, cluster)
            if value is not None and value >= threshold:
                passing.append((value, reason, cluster))
        passing, first_reason = _unambiguous(obs, passing)
        best = max(passing, key=lambda item: item[0]) if passing else None
        if best is None:
            cluster = _Cluster(block)
            cluster.add(Link(obs, 1.0, first_reason))
            clusters.append(cluster)
        else:
            cluster = best[2]
            known = cluster.index_keys()
            cluster.add(Link(obs, best[0], best[1]))
            for key in cluster.index_keys() - known:
                index[block][key].append(cluster)
            continue
        for key in cluster.index_keys():
            index[block][key].append(cluster)
    return clusters


def _apply_merges(clusters: list[_Cluster], overrides: Sequence[Override]) -> list[list[Link]]:
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
    for i, cluster in enumerate(clusters):
        for link in cluster.links:
            reason = manual.get(link.observation.key)
            if reason:
                link = Link(link.observation, 1.0, f"{reason} ({link.reason})", manual=True)
            groups[root(i)].append(link)
    return list(groups.values())


def _label(links: list[Link]) -> tuple[str, str | None, tuple[str, ...]]:
    units = Counter(link.observation.quantity.unit or "(nothing counted named)" for link in links)
    owners = Counter(o for link in links if (o := link.observation.features.owner))
    places = Counter(p for link in links for p in link.observation.features.places)
    owner = owners.most_common(1)[0][0] if owners else None
    # the place most values name (a place named once, e.g. where a source sits, is not shown)
    top_places = tuple(p for p, n in places.most_common(1) if 2 * n >= len(links))
    label = units.most_common(1)[0][0]
    if owner:
        label += f" · {COUNTRY_NAMES.get(owner, owner)}"
    if top_places:
        label += " · in " + ", ".join(COUNTRY_NAMES.get(p, p) for p in top_places)
    return label, owner, top_places


def figure_key(first_key: str) -> str:
    """A short stable name for a figure, from the key of its first value."""
    return hashlib.sha1(first_key.encode()).hexdigest()[:10]


def link_figures(
    observations: Iterable[Observation],
    overrides: Sequence[Override] = (),
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Figure]:
    """Group observations into figures; each figure's values in time order.

    ``overrides`` are applied in the order given (oldest first).
    """
    clusters = _cluster(observations, _split_keys(overrides), threshold)
    figures = []
    for links in _apply_merges(clusters, overrides):
        links.sort(key=lambda link: _order(link.observation))
        label, owner, places = _label(links)
        first = links[0].observation
        figures.append(
            Figure(
                key=figure_key(first.key),
                label=label,
                kind=first.features.kind,
                unit_class=first.features.unit_class,
                owner=owner,
                places=places,
                links=links,
            )
        )
    figures.sort(key=lambda fig: (-len(fig.links), fig.label, fig.key))
    return figures
