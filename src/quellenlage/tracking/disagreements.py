"""Where reports disagree: values that cannot both be true, and facts dated differently.

Nothing is resolved here: every value is kept and both sides of a
disagreement are named, with the reason they do not fit together.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from quellenlage.quantities import measure
from quellenlage.records import Claim
from quellenlage.tracking import lexicon
from quellenlage.tracking.linking import Figure
from quellenlage.tracking.observations import (
    Observation,
    Report,
    TimeRef,
    previous_sentence,
    time_span,
)
from quellenlage.tracking.places import country_name
from quellenlage.tracking.sources import source_identity
from quellenlage.tracking.subjects import countries_in, report_countries

#: A value without a time of its own refers to the days just before its report.
REPORT_DATE_WINDOW = dt.timedelta(days=3)
#: Value kinds that are not the total at their time ("weitere 1.500", "von 3.000 auf …").
_NOT_TOTALS = frozenset({"delta", "previous", "vague"})
#: Contradicting values named per value (the first ones in time order).
MAX_PARTNERS = 3

#: Events whose date reports may give differently: class -> nouns and verbs that name it.
EVENT_WORDS: dict[str, frozenset[str]] = {
    "treaty": lexicon.word_set(
        """vertrag vertrags verträge abkommen abkommens pakt pakts beistandspakt
        partnerschaftsvertrag partnerschaftsabkommen bündnis treaty pact agreement alliance"""
    ),
    "summit": lexicon.word_set("gipfel gipfeltreffen summit"),
    "visit": lexicon.word_set("besuch besuchte besuchten staatsbesuch visit visited"),
}


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Two statements that do not fit together."""

    kind: Literal["value", "date"]
    reason: str
    first: str  # observation key (values) or "content_hash:start-end" of the claim (dates)
    second: str
    figure: str | None = None


def _period(ref: TimeRef) -> tuple[dt.date, dt.date] | None:
    if ref.start is None or ref.end is None:
        return None
    if ref.from_publication:
        return ref.start - REPORT_DATE_WINDOW, ref.end
    return ref.start, ref.end


def _describe(obs: Observation, canonical: Callable[[str], str]) -> str:
    q = obs.quantity
    source = obs.claim.source
    if source is not None:
        who = canonical(source_identity(source)[0])
    else:
        who = obs.report.outlet or obs.report.origin
    return f"'{q.text}' ({who}, {obs.report.outlet or obs.report.origin}, {obs.refers_to.label()})"


def _fmt(x: float) -> str:
    return "∞" if math.isinf(x) else f"{x:,.0f}"


def value_disagreements(
    figure: Figure, canonical: Callable[[str], str] = str
) -> list[Disagreement]:
    """Values of one figure about the same time whose allowed ranges do not overlap.

    Projections ("wolle", "bis Dezember") are compared only with projections,
    current counts only with current counts; increments and earlier values are
    not compared at all; a value a report repeats (headline and body) is compared once.
    Each value is paired with at most
    ``MAX_PARTNERS`` later values it contradicts, which keeps the list linear in
    the number of values when many reports give the same figure on the same days.
    """
    found = []
    items = []
    seen: set[tuple] = set()
    for link in figure.links:
        obs = link.observation
        period = _period(obs.refers_to)
        if obs.features.value_kind in _NOT_TOTALS:
            continue  # an increment or an earlier value says nothing about the total then
        repeat = (obs.report.content_hash, obs.interval, obs.features.projection, period)
        if repeat in seen:
            continue  # headline and body of one report: one value, one disagreement
        seen.add(repeat)
        if period is not None:
            items.append((period, obs, obs.interval, obs.features.projection))
    items.sort(key=lambda item: item[0])
    for i, (period_a, a, (low_a, high_a), projection_a) in enumerate(items):
        partners = 0
        for period_b, b, (low_b, high_b), projection_b in items[i + 1 :]:
            if period_b[0] > period_a[1] or partners >= MAX_PARTNERS:
                break  # sorted by start: nothing later overlaps in time
            if projection_a != projection_b or a.key == b.key:
                continue
            if high_a < low_b or high_b < low_a:
                partners += 1
                reason = (
                    f"{_describe(a, canonical)} allows {_fmt(low_a)}–{_fmt(high_a)}, "
                    f"{_describe(b, canonical)} allows {_fmt(low_b)}–{_fmt(high_b)} for the same time"
                )
                found.append(Disagreement("value", reason, a.key, b.key, figure.key))
    return found


@dataclass(frozen=True, slots=True)
class DatedFact:
    """A claim that dates an event, e.g. the signing of a treaty."""

    key: str
    report: Report
    claim: Claim
    event: str
    countries: frozenset[str]
    start: dt.date
    end: dt.date
    time_text: str
    #: What happened to the event then: signed, ratified, in_force, announced, began, ended, unknown.
    happening: str = "unknown"


HAPPENINGS = frozenset({"signed", "ratified", "in_force", "announced", "began", "ended"})


def _happenings(language: str | None) -> measure._Vocabulary:
    lang = language if language in ("de", "en") else "de"
    return measure.load_vocabulary(lang, "event_kinds", HAPPENINGS)


def dated_facts(report: Report, text: str, claims: Iterable[Claim]) -> list[DatedFact]:
    """The claims of a report that give an absolute date to a known kind of event."""
    facts = []
    main: frozenset[str] | None = None  # the report's most named countries, computed once
    for claim in claims:
        sentence = text[claim.sentence_span[0] : claim.sentence_span[1]]
        tokens = lexicon.words(sentence)
        events = [name for name, words in EVENT_WORDS.items() if words.intersection(tokens)]
        if not events:
            continue
        context = previous_sentence(text, claim.sentence_span[0])
        countries = frozenset(
            countries_in(sentence, report.language) | countries_in(context, report.language)
        )
        if len(countries) < 2:  # "Beide unterzeichneten …": the parties the report is about
            main = main if main is not None else report_countries(text, report.language)
            if countries <= main:
                countries = countries | main
        for expr in claim.times:
            if expr.relative or not expr.start or expr.granularity not in ("day", "month", "year"):
                continue
            span = time_span(expr, report.published)
            if span is None:
                continue
            key = f"{report.content_hash[:16]}:{expr.span[0]}-{expr.span[1]}"
            local = (expr.span[0] - claim.sentence_span[0], expr.span[1] - claim.sentence_span[0])
            happening = measure.nearest(sentence, local, _happenings(report.language)) or "unknown"
            facts.append(
                DatedFact(
                    key, report, claim, events[0], countries, span[0], span[1], expr.text, happening
                )
            )
    return facts


def date_disagreements(facts: Iterable[DatedFact]) -> list[Disagreement]:
    """The same kind of event between the same countries, dated differently by two reports.

    Only the same happening is compared: a treaty signed in June and ratified
    in November is no disagreement; a date whose happening is not named is
    compared only with dates whose happening is not named either.
    """
    by_event: dict[tuple[str, str], list[DatedFact]] = defaultdict(list)
    for fact in facts:
        if len(fact.countries) >= 2:  # an event needs its parties to be recognisable
            by_event[(fact.event, fact.happening)].append(fact)
    found = []
    for (event, happening), group in by_event.items():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.report.content_hash == b.report.content_hash:
                    continue
                if len(a.countries & b.countries) < 2:
                    continue
                if a.end < b.start or b.end < a.start:
                    parties = ", ".join(country_name(c) for c in sorted(a.countries & b.countries))
                    what = event if happening == "unknown" else f"{event} {happening}"
                    reason = (
                        f"{what} ({parties}) dated '{a.time_text}' by "
                        f"{a.report.outlet or a.report.origin} but '{b.time_text}' by "
                        f"{b.report.outlet or b.report.origin}"
                    )
                    found.append(Disagreement("date", reason, a.key, b.key))
    return found
