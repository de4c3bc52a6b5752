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

from quellenlage.quantities import measure
from quellenlage.quantities.measure import PRESENCE, detail
from quellenlage.tracking import voices
from quellenlage.tracking.labels import figure_label, figure_measure
from quellenlage.tracking.observations import Observation
from quellenlage.tracking.subjects import place_country

#: Score a candidate needs to join a figure.
DEFAULT_THRESHOLD = 0.6
#: How much each piece of evidence weighs in the score (they sum to 1).
WEIGHTS = {
    "owner": 0.3,
    "place": 0.2,
    "countries": 0.15,
    "measure": 0.15,
    "wording": 0.1,
    "magnitude": 0.1,
}
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


@dataclass
class _Cluster:
    block: tuple[str, str | None]
    links: list[Link] = field(default_factory=list)
    owners: Counter[str] = field(default_factory=Counter)
    places: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    report_countries: set[str] = field(default_factory=set)
    measure: str = "unknown"  # the figure's measure: its first value that has one
    measure_word: str | None = None
    rate: bool = False
    context: list[Link] = field(default_factory=list)
    low_magnitude: float = float("inf")
    high_magnitude: float = float("-inf")
    closed: bool = False  # a figure split off by hand takes no automatic members
    owner: str | None = None  # the group most of its values count
    #: Each report's totals by who gives them and for when: one voice gives one value.
    voices: dict[tuple, list[tuple[float, float]]] = field(default_factory=dict)
    voice_reports: set[str] = field(default_factory=set)  # a cheap first test for _conflicts

    def add(self, link: Link) -> None:
        f = link.observation.features
        if not self.links:
            self.rate = f.rate
        # the first measured value names the figure's measure; a deployment outranks its plan
        if f.measure != "unknown" and (
            self.measure == "unknown" or (self.measure == "planned" and f.measure == "deployed")
        ):
            self.measure, self.measure_word = f.measure, f.measure_word
        self.links.append(link)
        voice = voices.voice(link.observation)
        if voice is not None:
            self.voices.setdefault(voice, []).append(link.observation.interval)
            self.voice_reports.add(voice[0])
        if f.owner:
            self.owners[f.owner] += 1
            if self.owner is None or self.owners[f.owner] > self.owners[self.owner]:
                self.owner = f.owner
        self.places |= f.places
        self.countries |= f.countries
        self.report_countries |= f.report_countries
        self.low_magnitude = min(self.low_magnitude, f.magnitude)
        self.high_magnitude = max(self.high_magnitude, f.magnitude)

    def index_keys(self) -> set[str]:
        return (self.countries | self.report_countries) or {_NO_COUNTRY}


def _family(cluster: _Cluster) -> str:
    if cluster.measure in PRESENCE:
        return "presence"
    return detail(cluster.measure, cluster.measure_word)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def score(obs: Observation, cluster: _Cluster) -> tuple[float | None, str]:
    """How well an observation fits a figure: ``(score, reason)``, score ``None`` if it cannot."""
    f = obs.features
    if not measure.fits(f.measure, f.measure_word, cluster.measure, cluster.measure_word):
        return None, f"measures differ ({f.measure} vs {cluster.measure})"
    if f.rate != cluster.rate:
        return None, "a rate and a total are different figures"
    if voices.conflicts(obs, cluster.voices, cluster.voice_reports):
        return None, "the same voice of the same report gives another value of this figure"
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
    if not f.places and cluster.places and all("/" in p for p in cluster.places):
        return None, "the figure counts in a part of a country; the value names no part"
    if (
        not f.places
        and cluster.places
        and f.report_countries
        and not f.report_countries
        & ({place_country(p) for p in cluster.places} | cluster.report_countries)
    ):
        return None, "the report is about other countries than the figure's place"

    reasons = [f"same unit class '{f.unit_class}'"]
    if f.owner and owner:
        owner_part, text = 1.0, f"same group ({owner})"
    elif owner and owner in f.context_countries:
        owner_part, text = 0.8, f"group ({owner}) named in the sentence before"
    else:
        owner_part, text = 0.5, "group not named"
    reasons.append(text)
    mine, theirs = f.places or f.report_countries, cluster.places or cluster.report_countries
    if f.places and cluster.places:
        place_part = 1.0
        reasons.append(f"same place ({', '.join(sorted(f.places & cluster.places))})")
    elif mine & theirs:
        place_part = 0.8
        reasons.append(f"the reports are about {', '.join(sorted(mine & theirs))}")
    else:
        place_part = 0.5
    countries = f.countries or f.report_countries
    shared = countries & (cluster.countries | cluster.report_countries)
    country_part = len(shared) / len(countries) if countries else 0.0
    if f.owner and owner:  # the same named group: other countries in the sentence do not count
        country_part = 1.0
    if shared:
        reasons.append(f"shares {', '.join(sorted(shared))}")
    if "unknown" in (f.measure, cluster.measure):
        measure_part = 0.5
    elif f.measure == cluster.measure:
        measure_part = 1.0
        reasons.append(f"same measure ({detail(f.measure, f.measure_word)})")
    else:  # a plan and its deployment
        measure_part = 0.8
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
        + WEIGHTS["measure"] * measure_part
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
    sentence before may name the group, otherwise it is not linked at all. A
    value whose measure is unknown joins only where figures of one measure fit.
    """
    if obs.features.measure == "unknown":
        measured = {_family(c) for _, _, c in passing if c.measure != "unknown"}
        if len(measured) > 1:
            families = ", ".join(sorted(measured))
            return [], f"first value of this figure (measure not named; figures of {families} fit)"
    if obs.features.owner or len({c.owner for _, _, c in passing}) < 2:
        return passing, "first value of this figure"
    in_context = [item for item in passing if item[2].owner in obs.features.context_countries]
    if len({c.owner for _, _, c in in_context}) == 1:
        return in_context, "first value of this figure"
    owners = ", ".join(sorted(str(c.owner) for _, _, c in passing))
    return [], f"first value of this figure (group not named; figures of {owners} fit)"


def _cluster_block(
    block: tuple[str, str | None],
    observations: list[Observation],
    split: set[str],
    threshold: float,
    unplaced: list[Observation],
) -> list[_Cluster]:
    """Cluster the observations of one block (kind, unit class), already in time order."""
    clusters: list[_Cluster] = []
    index: dict[str, list[_Cluster]] = defaultdict(list)
    vague = [obs for obs in observations if obs.features.value_kind == "vague"]
    counted = [obs for obs in observations if obs.features.value_kind != "vague"]
    for obs in [*counted, *vague]:  # vague values are context of the figures counted values make
        f = obs.features
        if obs.key in split:
            cluster = _Cluster(block, closed=True)
            cluster.add(Link(obs, 1.0, "split off by hand", manual=True))
            clusters.append(cluster)
            continue
        candidates: dict[int, _Cluster] = {}
        for key in sorted(f.countries or f.report_countries or {_NO_COUNTRY}):  # stable order
            for cluster in index.get(key, ()):
                if not cluster.closed:
                    candidates[id(cluster)] = cluster
        passing = []
        for cluster in candidates.values():
            value, reason = score(obs, cluster)
            if value is not None and value >= threshold:
                passing.append((value, reason, cluster))
        passing, first_reason = _unambiguous(obs, passing)
        best = max(passing, key=lambda item: item[0]) if passing else None
        if f.value_kind == "vague":  # context of the figure it fits, never a value
            if best is not None:
                best[2].context.append(Link(obs, best[0], f"vague value, context; {best[1]}"))
            else:
                unplaced.append(obs)
            continue
        if best is None:
            cluster = _Cluster(block)
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
) -> list[_Cluster]:
    """Cluster block by block; a block that fails is recorded and its values left unlinked."""
    blocks: dict[tuple[str, str | None], list[Observation]] = defaultdict(list)
    for obs in sorted(observations, key=_order):
        blocks[(obs.features.kind, obs.features.unit_class)].append(obs)
    clusters: list[_Cluster] = []
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
    clusters: list[_Cluster], overrides: Sequence[Override]
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
