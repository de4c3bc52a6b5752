"""Figure labels a reader understands, in one language: "soldiers · North Korea · in Russia — sent or deployed".

Labels are English, like all of quellenlage's output: unit classes and measures
are named from ``lang/en/labels.tsv``, countries by their CLDR English name. A
counted noun no class knows is quoted as the reports write it ("“Motorboot”"),
so that no German word stands in an English phrase unmarked. A figure whose
values name nothing counted is labelled by its first report ("number in
“Überschwemmungen …”") and marked ``named=False``, so listings can group such
values under their document instead of listing them as figures.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from quellenlage.tracking.places import country_name

if TYPE_CHECKING:
    from quellenlage.tracking.linking import Link

_TITLE_LENGTH = 60


@functools.cache
def _labels() -> dict[str, str]:
    path = files("quellenlage").joinpath("lang", "en", "labels.tsv")
    table = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        key, sep, label = line.partition("\t")
        if not sep or not label.strip():
            raise ValueError(f"{path}:{number}: expected 'key<TAB>label', got {line!r}")
        table[key.strip()] = label.strip()
    return table


def _top(counts: Counter) -> Any:
    """The most frequent item; ties go to the smallest, so labels never depend on set order."""
    return min(counts, key=lambda item: (-counts[item], str(item)))


def place_name(place: str) -> str:
    """A place key in words: "ET" -> "Ethiopia", "ET/S" -> "southern Ethiopia"."""
    code, _, quarter = place.partition("/")
    if not quarter:
        return country_name(code)
    return f"{_labels().get(f'quarter:{quarter}', quarter)} {country_name(code)}"


def measure_label(measure: str, word: str | None = None) -> str | None:
    """What happened to what is counted, in words ("killed", "evacuated"); None if unknown."""
    if measure == "unknown":
        return None
    key = f"measure:other:{word}" if measure == "other" else f"measure:{measure}"
    return _labels().get(key, word if measure == "other" else measure)


def thing_label(unit_class: str | None, units: Sequence[str]) -> str | None:
    """The counted thing: its class's English name, else the commonest noun, quoted."""
    if unit_class is None:
        return None
    known = _labels().get(f"unit:{unit_class}")
    if known:
        return known
    noun = _top(Counter(units)) if units else unit_class
    return f"“{noun}”"


def figure_label(
    links: Sequence[Link], measure: str, measure_word: str | None
) -> tuple[str, str | None, tuple[str, ...], bool]:
    """The label of a figure, the group it counts, its places, and whether it names a thing."""
    owners = Counter(o for link in links if (o := link.observation.features.owner))
    places = Counter(p for link in links for p in link.observation.features.places)
    owner = _top(owners) if owners else None
    # the place most values name (a place named once, e.g. where a source sits, is not shown)
    place = _top(places) if places else None
    top_places = (place,) if place is not None and 2 * places[place] >= len(links) else ()
    classes = Counter(link.observation.features.unit_class for link in links)
    unit_class = _top(classes)
    units = [u for link in links if (u := link.observation.quantity.unit)]
    thing = thing_label(unit_class, units)
    named = thing is not None
    if thing is None:
        title = links[0].observation.report.title or links[0].observation.report.origin
        if len(title) > _TITLE_LENGTH:
            title = title[: _TITLE_LENGTH - 1] + "…"
        thing = f"number in “{title}”"
    parts = [thing]
    if owner:
        parts.append(country_name(owner))
    if top_places:
        parts.append("in " + ", ".join(place_name(p) for p in top_places))
    label = " · ".join(parts)
    what = measure_label(measure, measure_word)
    if what:
        label += f" — {what}"
    return label, owner, top_places, named


def figure_measure(links: Sequence[Link]) -> tuple[str, str | None]:
    """The measure most values with one have (a deployment outranks its plan), and its word."""
    counts = Counter(
        (f.measure, f.measure_word if f.measure == "other" else None)
        for link in links
        if (f := link.observation.features).measure != "unknown"
    )
    if not counts:
        return "unknown", None
    measures = {m for m, _ in counts}
    if {"deployed", "planned"} <= measures:
        return "deployed", None
    return _top(counts)
