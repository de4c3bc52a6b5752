"""Which claim gets which figure and time (quellenlage.claims.context.attach_figures_and_times)."""

from __future__ import annotations

from quellenlage.claims.context import attach_figures_and_times
from quellenlage.records import Claim, Quantity, TimeExpr

TEXT = (
    "Es gebe Beweise, dass 3.000 Soldaten in Russland seien, erklärten die Nato und die USA "
    "am Mittwoch. Bis Dezember würden es rund 10.000 sein."
)


def span_of(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def claim(part: str, sentence: str) -> Claim:
    return Claim(
        text=part,
        span=span_of(part),
        sentence_span=span_of(sentence),
        mode="indirect",
        certainty="reported",
    )


def quantity(part: str, value: int) -> Quantity:
    return Quantity(part, span_of(part), value)


def time(part: str) -> TimeExpr:
    return TimeExpr(part, span_of(part), None, None, "day", True, False)


FIRST = TEXT[: TEXT.index(" Bis")]
SECOND = TEXT[TEXT.index("Bis") :]


def test_quantity_inside_claim_and_frame_time_in_its_sentence():
    claims = [
        claim("Es gebe Beweise", FIRST),
        claim("dass 3.000 Soldaten in Russland seien", FIRST),
        claim("Bis Dezember würden es rund 10.000 sein.", SECOND),
    ]
    quantities = [quantity("3.000 Soldaten", 3000), quantity("rund 10.000", 10000)]
    times = [time("am Mittwoch"), time("Bis Dezember")]
    first, second, third = attach_figures_and_times(claims, quantities, times)
    assert first.quantities == ()  # the figure belongs to the claim that contains it
    assert [q.value for q in second.quantities] == [3000]
    # a time in the frame, outside every claim, applies to every claim of its sentence
    assert [t.text for t in first.times] == [t.text for t in second.times] == ["am Mittwoch"]
    assert [q.value for q in third.quantities] == [10000]
    assert [t.text for t in third.times] == ["Bis Dezember"]


def test_expressions_outside_every_claim_sentence_are_not_attached():
    claims = [claim("Bis Dezember würden es rund 10.000 sein.", SECOND)]
    [only] = attach_figures_and_times(claims, [quantity("3.000 Soldaten", 3000)], [])
    assert only.quantities == ()
