"""How well a value fits a figure: the figure's running state, the score, the candidates.

:func:`score` weighs the evidence that a value belongs to a figure and says why
(or why it cannot). :func:`fitting` gives what scoring each candidate would, but
computes what depends on the figure's profile (group, places, countries, measure)
once per profile, and the word overlap only where bounds leave the outcome open:
this is the inner loop of linking.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from quellenlage.quantities import measure
from quellenlage.quantities.measure import PRESENCE, detail
from quellenlage.tracking import voices
from quellenlage.tracking.observations import Features, Observation
from quellenlage.tracking.subjects import place_country

if TYPE_CHECKING:
    from quellenlage.tracking.linking import Link

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
NO_COUNTRY = "-"  # the index key of values and figures that name no country


@dataclass
class Cluster:
    """A figure while linking: its values so far and what they name, kept up to date."""

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
    owner: str | None = None  # the group most of its values count
    #: Each report's totals by who gives them and for when: one voice gives one value.
    voices: dict[tuple, list[tuple[float, float]]] = field(default_factory=dict)
    voice_reports: set[str] = field(default_factory=set)  # a cheap first test for _conflicts
    #: The word stems of its most recent values (compared for wording).
    recent: list[frozenset[str]] = field(default_factory=list)
    #: All that :func:`_kind_refusal`, :func:`_subject_refusal` and :func:`_base` read.
    profile: tuple = ()
    #: The family of its measure (``None`` while it has none): what :func:`choose` tells apart.
    family: str | None = None

    def add(self, link: Link) -> None:
        f = link.observation.features
        if not self.links:
            self.rate = f.rate
        # the first measured value names the figure's measure; a deployment outranks its plan
        if f.measure != "unknown" and (
            self.measure == "unknown" or (self.measure == "planned" and f.measure == "deployed")
        ):
            self.measure, self.measure_word = f.measure, f.measure_word
            self.family = _family(self)
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
        self.recent = [*self.recent[1 - WORDING_MEMBERS :], f.stems]
        self.profile = (
            self.rate,
            self.measure,
            self.measure_word,
            self.owner,
            frozenset(self.places),
            frozenset(self.countries),
            frozenset(self.report_countries),
        )

    def index_keys(self) -> set[str]:
        return (self.countries | self.report_countries) or {NO_COUNTRY}


def _family(cluster: Cluster) -> str:
    if cluster.measure in PRESENCE:
        return "presence"
    return detail(cluster.measure, cluster.measure_word)


def score(obs: Observation, cluster: Cluster) -> tuple[float | None, str]:
    """How well an observation fits a figure: ``(score, reason)``, score ``None`` if it cannot."""
    f = obs.features
    refusal = _kind_refusal(f, cluster)
    if refusal:
        return None, refusal
    if voices.conflicts(obs, cluster.voices, cluster.voice_reports):
        return None, "the same voice of the same report gives another value of this figure"
    gap = _gap(f, cluster)
    if gap > MAX_MAGNITUDE_GAP:
        return None, f"value is {10**gap:.0f}× off the figure's values"
    refusal = _subject_refusal(f, cluster)
    if refusal:
        return None, refusal
    reasons = [f"same unit class '{f.unit_class}'"]
    base = _base(f, cluster, reasons)
    wording = _wording(f, cluster)
    reasons.append(f"wording {wording:.2f}")
    return _total(base, wording, _magnitude(gap)), "; ".join(reasons)


def _kind_refusal(f: Features, cluster: Cluster) -> str | None:
    """Why values of this kind cannot be values of the figure (``None``: they can)."""
    if not measure.fits(f.measure, f.measure_word, cluster.measure, cluster.measure_word):
        return f"measures differ ({f.measure} vs {cluster.measure})"
    if f.rate != cluster.rate:
        return "a rate and a total are different figures"
    return None


def _gap(f: Features, cluster: Cluster) -> float:
    """Orders of magnitude between the value and the figure's values (0 within them)."""
    return max(cluster.low_magnitude - f.magnitude, f.magnitude - cluster.high_magnitude, 0.0)


def _magnitude(gap: float) -> float:
    return WEIGHTS["magnitude"] * (1.0 - gap / MAX_MAGNITUDE_GAP)


def _subject_refusal(f: Features, cluster: Cluster) -> str | None:
    """Why the value counts something else than the figure (``None``: it may be the same)."""
    owner = cluster.owner
    if f.owner and owner and f.owner != owner:
        return f"counts a different group ({f.owner} vs {owner})"
    if (f.owner and f.owner in cluster.places) or (owner and owner in f.places):
        return "one value's group is the other's place"
    if (
        not f.owner
        and owner
        and f.context_countries - f.places
        and owner not in f.context_countries
    ):
        return f"the sentence before names other groups than {owner}"
    if f.places and cluster.places and not (f.places & cluster.places):
        return f"different places ({', '.join(sorted(f.places))})"
    if not f.places and cluster.places and all("/" in p for p in cluster.places):
        return "the figure counts in a part of a country; the value names no part"
    if (
        not f.places
        and cluster.places
        and f.report_countries
        and not f.report_countries
        & ({place_country(p) for p in cluster.places} | cluster.report_countries)
    ):
        return "the report is about other countries than the figure's place"
    return None


def _base(f: Features, cluster: Cluster, reasons: list[str] | None = None) -> float:
    """The score's parts that depend on what the figure names: group, place, countries, measure.

    Appends the reasons to ``reasons`` when given. Everything read from the figure is
    in :attr:`Cluster.profile`, so one result serves all figures of the same profile.
    """
    owner = cluster.owner
    if f.owner and owner:
        owner_part, text = 1.0, f"same group ({owner})"
    elif owner and owner in f.context_countries:
        owner_part, text = 0.8, f"group ({owner}) named in the sentence before"
    else:
        owner_part, text = 0.5, "group not named"
    explain = reasons is not None
    if explain:
        reasons.append(text)
    mine, theirs = f.places or f.report_countries, cluster.places or cluster.report_countries
    if f.places and cluster.places:
        place_part = 1.0
        if explain:
            reasons.append(f"same place ({', '.join(sorted(f.places & cluster.places))})")
    elif mine & theirs:
        place_part = 0.8
        if explain:
            reasons.append(f"the reports are about {', '.join(sorted(mine & theirs))}")
    else:
        place_part = 0.5
    countries = f.countries or f.report_countries
    shared = countries & (cluster.countries | cluster.report_countries)
    country_part = len(shared) / len(countries) if countries else 0.0
    if f.owner and owner:  # the same named group: other countries in the sentence do not count
        country_part = 1.0
    if shared and explain:
        reasons.append(f"shares {', '.join(sorted(shared))}")
    if "unknown" in (f.measure, cluster.measure):
        measure_part = 0.5
    elif f.measure == cluster.measure:
        measure_part = 1.0
        if explain:
            reasons.append(f"same measure ({detail(f.measure, f.measure_word)})")
    else:  # a plan and its deployment
        measure_part = 0.8
    return (
        WEIGHTS["owner"] * owner_part
        + WEIGHTS["place"] * place_part
        + WEIGHTS["countries"] * country_part
        + WEIGHTS["measure"] * measure_part
    )


def _wording(f: Features, cluster: Cluster) -> float:
    """The best word overlap (Jaccard) with the figure's most recent values."""
    mine, size, best = f.stems, len(f.stems), 0.0
    for stems in cluster.recent:  # written out: linking's second hottest loop
        common = len(mine & stems)
        union = size + len(stems) - common
        if union and common / union > best:
            best = common / union
    return best


def _total(base: float, wording: float, magnitude: float) -> float:
    # half the words in common is a full match
    return round(base + WEIGHTS["wording"] * min(1.0, 2 * wording) + magnitude, 3)


def choose(
    obs: Observation, candidates: Iterable[Cluster], threshold: float
) -> tuple[list[Entry], str]:
    """The fitting candidates the observation can be told to belong to, and a first reason.

    A value that names no group fits figures of every group at its place; the
    sentence before may name the group, otherwise it is not linked at all. A
    value whose measure is unknown joins only where figures of one measure fit.
    ``([], reason)`` when it joins none of them: ``reason`` starts its own figure.

    Which groups and measures fit decides this, not how many figures of each: a
    first pass looks only at figures whose group (or measure) has not been seen
    to fit yet, so on text dense with figures it skips nearly all of them. Only
    when the value may join does a second pass find every fitting figure.
    """
    f = obs.features
    unknown = f.measure == "unknown"
    if f.owner and not unknown:  # refusals leave figures of its own group or of none
        return fitting(obs, candidates, threshold), FIRST
    candidates = list(candidates)
    owners: set[str | None] = set()
    families: set[str | None] = {None}  # a figure without a measure tells no measure apart
    # lazy: the sets grow while the candidates are drawn, so figures of seen groups are skipped
    if not unknown:
        unseen = (c for c in candidates if c.owner not in owners)
    elif f.owner:
        unseen = (c for c in candidates if c.family not in families)
    else:
        unseen = (c for c in candidates if c.owner not in owners or c.family not in families)
    for entry in _fits(obs, unseen, threshold):
        owners.add(entry.cluster.owner)
        families.add(entry.cluster.family)
    families.discard(None)
    if unknown and len(families) > 1:
        return [], f"{FIRST} (measure not named; figures of {', '.join(sorted(families))} fit)"
    if f.owner or len(owners) < 2:
        return fitting(obs, candidates, threshold), FIRST
    in_context = owners & f.context_countries
    if len(in_context) == 1:
        return fitting(obs, [c for c in candidates if c.owner in in_context], threshold), FIRST
    named = ", ".join(sorted(o for o in owners if o is not None))
    if None in owners:
        named += " and of no group"
    return [], f"{FIRST} (group not named; figures of {named} fit)"


FIRST = "first value of this figure"


class Entry(NamedTuple):
    """A figure an observation passes the threshold for, with bounds of its score.

    ``low`` and ``high`` bound the score from the word overlap's least and most
    (``value`` is the score itself once computed): the overlap is computed only
    where the bounds cannot settle whether it passes or which figure fits best.
    """

    low: float
    high: float
    value: float | None
    base: float
    magnitude: float
    cluster: Cluster


_UNSEEN = object()


def fitting(obs: Observation, candidates: Iterable[Cluster], threshold: float) -> list[Entry]:
    """The candidates whose score reaches ``threshold``, in candidate order.

    Equal to ``[c for c in candidates if (score(obs, c)[0] or 0) >= threshold]`` but
    cheaper: the parts that depend on the figure's profile only are computed once per
    profile, and the word overlap only where the bounds leave the outcome open.
    """
    return list(_fits(obs, candidates, threshold))


def _fits(obs: Observation, candidates: Iterable[Cluster], threshold: float) -> Iterator[Entry]:
    """:func:`fitting`, one candidate at a time: each is drawn only when the last is judged."""
    f = obs.features
    m, report = f.magnitude, obs.report.content_hash
    wording_weight = WEIGHTS["wording"]  # the overlap's part at its most (min(1, 2 w) = 1)
    bases: dict[tuple, float | None] = {}
    # the hot loop of linking: _gap, _magnitude and _total written out
    for cluster in candidates:
        base = bases.get(cluster.profile, _UNSEEN)
        if base is _UNSEEN:
            refused = _kind_refusal(f, cluster) or _subject_refusal(f, cluster)
            base = bases[cluster.profile] = None if refused else _base(f, cluster)
        if base is None:
            continue
        gap = max(cluster.low_magnitude - m, m - cluster.high_magnitude, 0.0)
        if gap > MAX_MAGNITUDE_GAP:
            continue
        if report in cluster.voice_reports and voices.conflicts(
            obs, cluster.voices, cluster.voice_reports
        ):
            continue
        magnitude = WEIGHTS["magnitude"] * (1.0 - gap / MAX_MAGNITUDE_GAP)
        high = round(base + wording_weight + magnitude, 3)  # monotonic in the overlap
        if high < threshold:
            continue
        low, value = round(base + magnitude, 3), None  # no overlap: its part is 0.0
        if low < threshold:
            value = _total(base, _wording(f, cluster), magnitude)
            if value < threshold:
                continue
        yield Entry(low, high, value, base, magnitude, cluster)


def best_fit(obs: Observation, passing: list[Entry]) -> tuple[float, str, Cluster] | None:
    """The first of the best-scoring candidates (as ``max`` over their scores picks it)."""
    if not passing:
        return None
    floor = max(e.low for e in passing)
    best, best_value = None, -1.0
    for e in passing:
        if e.high < floor:  # its best case is below another's worst: it cannot win
            continue
        value = e.value
        if value is None:
            value = _total(e.base, _wording(obs.features, e.cluster), e.magnitude)
        if value > best_value:
            best, best_value = e.cluster, value
    assert best is not None
    value, reason = score(obs, best)
    assert value is not None
    return value, reason, best
