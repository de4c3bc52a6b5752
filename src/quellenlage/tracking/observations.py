"""Observations: one quantity in one claim in one report, with what linking needs to know.

An observation's ``key`` is stable across re-analysis: it is built from the
report's content hash and the quantity's character span, not from database
ids, so hand-made confirm/split/merge decisions keep applying.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from quellenlage.quantities import measure
from quellenlage.records import Claim, Document, Quantity, TimeExpr
from quellenlage.tracking import lexicon, subjects

#: Words saying that a count is planned or expected, not already there.
_PROJECTION_WORDS = lexicon.word_set(
    """
    wolle wollen will plane planen plant geplant erwartet erwarten voraussichtlich künftig
    könnte könnten dürfte dürften
    plans plan planned planning expected expects expect intends intend could might
    """
)
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")


def observation_key(content_hash: str, quantity: Quantity) -> str:
    """The stable identity of a quantity in a report: content hash + character span."""
    return f"{content_hash[:16]}:{quantity.span[0]}-{quantity.span[1]}"


@dataclass(frozen=True, slots=True)
class Report:
    """What the tracker needs to know about the document a value came from."""

    content_hash: str
    origin: str
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    language: str | None = None
    id: int | None = None

    @classmethod
    def of(cls, doc: Document) -> Report:
        try:
            published = doc.published_date
        except ValueError:  # a malformed date string is treated as unknown
            published = None
        return cls(
            content_hash=doc.content_hash,
            origin=doc.origin,
            outlet=doc.outlet.value,
            title=doc.title.value,
            published=published,
            language=doc.language.value,
            id=doc.id,
        )


@dataclass(frozen=True, slots=True)
class TimeRef:
    """The period a value refers to, as dates, and where that came from."""

    start: dt.date | None
    end: dt.date | None
    text: str
    relation: str = "at"
    from_publication: bool = False

    @property
    def sort_date(self) -> dt.date:
        return self.end or self.start or dt.date.max

    def label(self) -> str:
        if self.start is None:
            return "?"
        if self.from_publication:
            return f"{self.start.isoformat()} (report date)"
        if self.end and self.end != self.start:
            return f"{self.start.isoformat()} – {self.end.isoformat()}"
        return self.start.isoformat()


@dataclass(frozen=True, slots=True)
class Features:
    """What a value says about the thing it counts, read from its claim's wording."""

    kind: str
    unit_class: str | None
    owner: str | None
    context_countries: frozenset[str]
    #: The countries the whole report names most (its story's place when a sentence names none).
    report_countries: frozenset[str]
    places: frozenset[str]
    countries: frozenset[str]
    measure: str  # quantities.measure: deployed, planned, killed … or unknown
    measure_word: str | None
    value_kind: str  # total, delta, previous, range, vague
    rate: bool  # "täglich", "per day": a rate, never compared with totals
    stems: frozenset[str]
    projection: bool
    magnitude: float


@dataclass(frozen=True, slots=True)
class Observation:
    """One quantity of one claim of one report."""

    key: str
    report: Report
    claim: Claim
    quantity: Quantity
    sentence: str
    context: str = ""
    claim_id: int | None = None
    quantity_id: int | None = None
    #: How many claims of the report held this quantity (one value, shared explicitly).
    shared: int = 1
    #: For a number that names nothing counted ("the number was expected to reach
    #: 10,000"): the observation just before it whose counted group it continues.
    antecedent: Observation | None = field(default=None, compare=False, repr=False)
    report_countries: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    features: Features = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "features", _features(self))

    @property
    def refers_to(self) -> TimeRef:
        return time_ref(self.claim.times, self.report.published)

    @property
    def interval(self) -> tuple[float, float]:
        return value_interval(self.quantity)


def _date_parts(iso: str, published: dt.date | None) -> tuple[int, int | None, int | None] | None:
    """Year, month, day of a full or partial ISO date; partial ones take the report's year.

    ``--10-08`` is 8 October of the publication year, ``-1-08`` August of the
    year before, ``2023-06`` June 2023.
    """
    try:
        if iso.startswith("--"):
            nums = [int(x) for x in iso[2:].split("-") if x]
            if published is None or not nums:
                return None
            return published.year, nums[0], nums[1] if len(nums) > 1 else None
        if iso.startswith("-"):
            nums = [int(x) for x in iso[1:].split("-") if x]
            if published is None or not nums:
                return None
            month = nums[1] if len(nums) > 1 else None
            return published.year - nums[0], month, nums[2] if len(nums) > 2 else None
    except ValueError:
        return None
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", iso[:10])
    if match is None:
        return None
    year, month, day = match.groups()
    return int(year), int(month) if month else None, int(day) if day else None


def _first_day(parts: tuple[int, int | None, int | None]) -> dt.date:
    year, month, day = parts
    return dt.date(year, month or 1, day or 1)


def _last_day(parts: tuple[int, int | None, int | None]) -> dt.date:
    year, month, day = parts
    if month is None:
        return dt.date(year, 12, 31)
    if day is None:
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def time_span(expr: TimeExpr, published: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a time expression covers, or ``None`` if it cannot be placed."""
    try:
        start = _date_parts(expr.start, published) if expr.start else None
        end = _date_parts(expr.end, published) if expr.end else None
        if start is None and end is None:
            return None
        first = _first_day(start or end)  # type: ignore[arg-type]
        last = _last_day(end or start)  # type: ignore[arg-type]
    except ValueError:  # an impossible date such as month 13
        return None
    return (first, last) if first <= last else (last, first)


def time_ref(times: Iterable[TimeExpr], published: dt.date | None) -> TimeRef:
    """The period a claim's value refers to: its first placeable time, else the report date."""
    for expr in times:
        span = time_span(expr, published)
        if span is None:
            continue
        start, end = span
        if expr.relation == "since" and published and published > end:
            end = published  # "seit August letzten Jahres": a running total as of the report
        return TimeRef(start, end, expr.text, expr.relation)
    return TimeRef(published, published, "", "at", from_publication=True)


def value_interval(quantity: Quantity) -> tuple[float, float]:
    """The values a quantity allows, after its bound and approximation."""
    value = float(quantity.value)
    if quantity.bound == "range" or (quantity.low is not None and quantity.high is not None):
        low = float(quantity.low if quantity.low is not None else value)
        high = float(quantity.high if quantity.high is not None else value)
    elif quantity.bound in ("more_than", "at_least") or quantity.vague:
        low, high = value, math.inf
    elif quantity.bound in ("less_than", "at_most"):
        low, high = 0.0, value
    else:
        low = high = value
    if quantity.approx:  # "rund", "etwa", "knapp": allow a tenth either way
        low, high = low * 0.9, high * 1.1
    return low, high


#: One copy of each small set of countries or measures: there are few distinct ones, and
#: sharing them keeps memory per observation low on large corpora.
_SHARED_SETS: dict[frozenset[str], frozenset[str]] = {}


def _shared(items: set[str]) -> frozenset[str]:
    frozen = frozenset(items)
    return _SHARED_SETS.setdefault(frozen, frozen)


def _features(obs: Observation) -> Features:
    sentence_start = obs.claim.sentence_span[0]
    q_start = obs.quantity.span[0] - sentence_start
    q_end = obs.quantity.span[1] - sentence_start
    if not (0 <= q_start <= q_end <= len(obs.sentence)):  # quantity outside its sentence
        q_start = q_end = -1_000
    mentions = [s.span for s in (obs.claim.source, *obs.claim.chain) if s is not None and s.span]
    sources = [(a - sentence_start, b - sentence_start) for a, b in mentions]
    lang = obs.report.language or "de"
    owner, places = subjects.owner_and_places(obs.sentence, q_start, q_end, sources, lang)
    if not places and obs.context and subjects.there_before(obs.sentence, q_start, lang):
        # "Dort starben …": the place of the sentence before
        places = subjects.owner_and_places(obs.context, -1_000, -1_000, [], lang)[1]
    tokens = lexicon.words(obs.sentence)
    unit = lexicon.unit_class(obs.quantity.unit)
    value = abs(float(obs.quantity.value))
    reading = _reading(obs, sentence_start)
    countries = subjects.countries_in(obs.sentence, lang)
    if obs.antecedent is not None:  # it continues the antecedent's group (and measure)
        before = obs.antecedent.features
        if obs.quantity.unit is None or not (owner or places or countries):
            unit, owner, places, countries = (
                before.unit_class, before.owner, set(before.places), set(before.countries)
            )  # fmt: skip
        if reading.measure == "unknown":
            reading = measure.Reading(before.measure, before.measure_word, reading.kind)  # type: ignore[arg-type]
    return Features(
        kind=obs.quantity.kind,
        unit_class=unit,
        owner=owner,
        context_countries=_shared(subjects.countries_in(obs.context, lang)),
        report_countries=obs.report_countries,
        places=_shared(places),
        countries=_shared(countries),
        measure=reading.measure,
        measure_word=reading.word,
        value_kind=reading.kind,
        rate=subjects.is_rate(tokens, lang),
        stems=frozenset(lexicon.content_stems(tokens)),
        projection=reading.measure == "planned" or _is_projection(obs.claim, tokens),
        magnitude=math.log10(value) if value > 0 else 0.0,
    )


def _reading(obs: Observation, sentence_start: int) -> measure.Reading:
    """The quantity's measure and value kind, read from its sentence."""
    if obs.quantity.measure is not None:  # read from the parse at analysis time
        kind = obs.quantity.value_kind or "total"
        return measure.Reading(obs.quantity.measure, obs.quantity.measure_word, kind)  # type: ignore[arg-type]
    q = obs.quantity
    local = replace(q, span=(q.span[0] - sentence_start, q.span[1] - sentence_start))
    others = [
        (a - sentence_start, b - sentence_start) for a, b in (o.span for o in obs.claim.quantities)
    ]
    return measure.read(obs.sentence, local, obs.report.language or "de", others=others)


def _is_projection(claim: Claim, tokens: list[str]) -> bool:
    if any(t.relation == "until" for t in claim.times):
        return True
    return any(token in _PROJECTION_WORDS for token in tokens)


def previous_sentence(text: str, start: int) -> str:
    """The sentence before ``start`` in ``text`` (at most 400 characters back)."""
    window = text[max(0, start - 400) : start].rstrip()
    pieces = [p for p in _SENTENCE_END.split(window) if p.strip()]
    return pieces[-1] if pieces else ""


def _owns(obs: Observation) -> tuple[bool, int]:
    """Sort key for the claim that owns a quantity: its own span holds it, and is smallest."""
    start, end = obs.claim.span
    inside = start <= obs.quantity.span[0] and obs.quantity.span[1] <= end
    return (not inside, end - start)


def unique_observations(observations: Iterable[Observation]) -> list[Observation]:
    """One observation per quantity of a report, in the order first seen.

    Two claims of one sentence (a nested quote, a frame shared by two claims)
    may both hold the same quantity; it is one value, owned by the claim whose
    own span holds it most tightly, and marked as shared by the others.
    """
    by_key: dict[str, list[Observation]] = {}
    for obs in observations:
        by_key.setdefault(obs.key, []).append(obs)
    unique = []
    for group in by_key.values():
        owner = min(group, key=_owns)
        unique.append(replace(owner, shared=len(group)) if len(group) > 1 else owner)
    return unique


#: How far back (characters) the antecedent of a number naming nothing counted may be.
ANTECEDENT_WINDOW = 400


def _anaphoric(obs: Observation) -> bool:
    """Whether the words just before the number refer back ("die Zahl", "the number")."""
    lang = obs.report.language if obs.report.language in ("de", "en") else "de"
    before = obs.sentence[: max(0, obs.quantity.span[0] - obs.claim.sentence_span[0])]
    return bool(subjects.subject_words(lang)["anaphor"].intersection(lexicon.words(before)[-8:]))


def with_antecedents(observations: list[Observation]) -> list[Observation]:
    """Give a number that continues an earlier one the nearest fitting count before it.

    "… about 3,000 soldiers had been sent. He said the number was expected to
    reach 10,000": a count naming nothing counted, or one after "die Zahl" /
    "the number", continues the group (and, where it names none, the measure)
    of the nearest count of the same kind in its own or the sentence before.
    """
    ordered = sorted(observations, key=lambda o: o.quantity.span)
    result = []
    for i, obs in enumerate(ordered):
        q = obs.quantity
        unnamed = q.unit is None
        if q.kind == "count" and (unnamed or _anaphoric(obs)):
            unit = lexicon.unit_class(q.unit)
            earlier = [
                o
                for o in ordered[:i]
                if o.quantity.unit is not None
                and o.quantity.kind == "count"
                and (unnamed or lexicon.unit_class(o.quantity.unit) == unit)
                and q.span[0] - o.quantity.span[1] <= ANTECEDENT_WINDOW
                and o.claim.sentence_span[1] >= obs.claim.sentence_span[0] - ANTECEDENT_WINDOW
            ]
            if earlier:
                obs = replace(obs, antecedent=earlier[-1])
        result.append(obs)
    return result


def observations_of(
    report: Report,
    text: str,
    claims: Iterable[Claim],
    *,
    claim_ids: Iterable[int | None] | None = None,
) -> Iterator[Observation]:
    """Every quantity of every claim of one report, as observations."""
    claims = list(claims)
    ids = list(claim_ids) if claim_ids is not None else [None] * len(claims)
    main = _shared(set(subjects.report_countries(text, report.language))) if claims else frozenset()
    for claim, claim_id in zip(claims, ids, strict=True):
        start, end = claim.sentence_span
        sentence = text[start:end]
        context = previous_sentence(text, start)
        for quantity in claim.quantities:
            yield Observation(
                key=observation_key(report.content_hash, quantity),
                report=report,
                claim=claim,
                quantity=quantity,
                sentence=sentence,
                context=context,
                claim_id=claim_id,
                report_countries=main,
            )
