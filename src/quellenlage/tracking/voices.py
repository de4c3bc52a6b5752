"""Who gives a value: one voice of one report gives one value of a figure.

A voice is a report, the source a claim names (or the narrator when none), and the
time the value refers to. A second, different total from the same voice is another
figure ("51 in the south-west … 41 in the centre"); two sources of one report may
disagree about the same figure. Deltas, earlier values and plans have no voice.
"""

from __future__ import annotations

from quellenlage.tracking.observations import Observation


def voice(obs: Observation) -> tuple | None:
    """Who gives a total, in which report, for when; ``None`` for deltas, earlier values, plans.

    One voice of one report gives one value of a figure: a second, different total
    from the same speaker (or the narrator) for the same time is another figure
    ("51 in the south-west … 41 in the centre"), while a second source of the same
    report may well disagree about the same figure.
    """
    f = obs.features
    if f.value_kind not in ("total", "range") or f.projection:
        return None
    source = obs.claim.source
    start, end = obs.quantity.span
    if source is not None and source.span and source.span[0] <= start and end <= source.span[1]:
        source = None  # a "source" holding the number itself is the narrator's wording
    source = source.name if source is not None else None
    when = obs.refers_to
    return (obs.report.content_hash, source, when.start, when.end)


def conflicts(
    obs: Observation, voices: dict[tuple, list[tuple[float, float]]], reports: set[str]
) -> bool:
    """Whether a figure (its ``voices`` and their ``reports``) holds another value of this voice."""
    if obs.report.content_hash not in reports:  # cheap: most candidates are other reports
        return False
    key = voice(obs)
    if key is None or key not in voices:
        return False
    low, high = obs.interval
    return all(high < a or b < low for a, b in voices[key])
