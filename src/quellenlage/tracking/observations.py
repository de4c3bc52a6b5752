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
from dataclasses import dataclass, field

from quellenlage.records import Claim, Document, Quantity, TimeExpr
from quellenlage.tracking import lexicon

#: Words before a place name that make it a location, not an owner ("nach Russland").
_LOCATION_PREPOSITIONS = frozenset(
    {"in", "im", "nach", "ins", "into", "to", "inside", "within", "bei", "near", "an", "am"}
)
#: Cities and regions: a place wherever they occur.
_PLACE_WORDS = frozenset({"wladiwostok", "vladivostok", "kursk", "fernost", "moskau", "moscow"})
#: Words saying that a count is planned or expected, not already there.
_PROJECTION_WORDS = lexicon.word_set(
    """
    wolle wollen will plane planen plant geplant erwartet erwarten voraussichtlich künftig
    plans plan planned planning expected expects expect intends intend
    """
)
#: Words right before a source name ("laut Kreml"): that country speaks, its group is not counted.
_SOURCE_CUES = frozenset({"laut", "zufolge", "according", "says", "said", "sagte", "meldete"})
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")
_OWNER_WINDOW_BEFORE = 60  # characters before the quantity searched for its owner


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
    places: frozenset[str]
    countries: frozenset[str]
    measures: frozenset[str]
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


def _tokens_with_offsets(text: str) -> list[tuple[str, int, int]]:
    return [
        (lexicon.normalise_word(m.group()), m.start(), m.end())
        for m in lexicon._WORD.finditer(text)
    ]


def _owner(
    sentence: str, quantity_start: int, quantity_end: int, sources: list[tuple[int, int]]
) -> tuple[str | None, set[str]]:
    """The country whose group is counted, and the countries named as places in the sentence.

    The owner is a country word inside the quantity phrase, else the nearest one
    in a short window before it; a country word after a location preposition
    ("nach Russland") or a city is a place, never an owner; one in a source
    mention or right after "laut" ("laut Kreml") names who speaks, not whose group.
    """
    tokens = _tokens_with_offsets(sentence)
    places: set[str] = set()
    owner_candidates: list[tuple[int, str]] = []
    words = [token for token, _, _ in tokens]
    for i, (token, start, end) in enumerate(tokens):
        country = {
            c for c in (lexicon.country_of(token), lexicon.multi_word_country(words, i)) if c
        }
        if not country:
            continue
        previous = tokens[i - 1][0] if i > 0 else ""
        before = tokens[i - 2][0] if i > 1 else ""
        is_place = token in _PLACE_WORDS or (
            previous in _LOCATION_PREPOSITIONS
            or (before in _LOCATION_PREPOSITIONS and previous in {"der", "die", "dem", "the"})
        )
        if is_place:
            places |= country
            continue
        if previous in _SOURCE_CUES or any(a <= start < b for a, b in sources):
            continue
        if quantity_start <= start and end <= quantity_end:
            distance = 0
        elif end <= quantity_start and quantity_start - end <= _OWNER_WINDOW_BEFORE:
            distance = quantity_start - end
        else:
            continue
        owner_candidates.extend((distance, c) for c in country)
    owner = min(owner_candidates)[1] if owner_candidates else None
    return owner, places


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
    owner, places = _owner(obs.sentence, q_start, q_end, sources)
    tokens = lexicon.words(obs.sentence)
    unit = lexicon.unit_class(obs.quantity.unit)
    value = abs(float(obs.quantity.value))
    return Features(
        kind=obs.quantity.kind,
        unit_class=unit,
        owner=owner,
        context_countries=_shared(lexicon.countries_in(lexicon.words(obs.context))),
        places=_shared(places),
        countries=_shared(lexicon.countries_in(tokens)),
        measures=_shared(lexicon.measures_in(tokens)),
        stems=frozenset(lexicon.content_stems(tokens)),
        projection=_is_projection(obs.claim, tokens),
        magnitude=math.log10(value) if value > 0 else 0.0,
    )


def _is_projection(claim: Claim, tokens: list[str]) -> bool:
    if any(t.relation == "until" for t in claim.times):
        return True
    return any(token in _PROJECTION_WORDS for token in tokens)


def previous_sentence(text: str, start: int) -> str:
    """The sentence before ``start`` in ``text`` (at most 400 characters back)."""
    window = text[max(0, start - 400) : start].rstrip()
    pieces = [p for p in _SENTENCE_END.split(window) if p.strip()]
    return pieces[-1] if pieces else ""


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
            )
