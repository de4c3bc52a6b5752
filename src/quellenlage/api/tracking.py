"""Following a story: link figures, read claims, figures, timelines and sources, correct by hand.

The read functions only read. Figures are linked again where they change:
after analysis (:func:`quellenlage.api.analyze`), after each correction, and
on :func:`link`, always with the threshold stored by the last :func:`link`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from quellenlage.api.common import DbArg, NotFound, UsageError, open_db
from quellenlage.records import Certainty, ClaimMode
from quellenlage.store import DEFAULT_DB
from quellenlage.store.filters import ClaimFilter

if TYPE_CHECKING:
    from quellenlage.store import Store

# The store's query modules (and SQLAlchemy) are imported in the functions that use
# them, so that the CLI starts without them for --help.

MODES: tuple[str, ...] = get_args(ClaimMode)
CERTAINTIES: tuple[str, ...] = get_args(Certainty)

_KEY = re.compile(r"[0-9a-f]{16}:\d+-\d+")  # tracking.observations.observation_key


@dataclass(frozen=True, slots=True)
class LinkSummary:
    figures: int
    values: int
    tracked: int  # figures with more than one value
    disagreements: int
    sources: int
    threshold: float
    #: (where, error) of each report or block of values that could not be linked; the rest was.
    failures: tuple[tuple[str, str], ...] = ()


def link(*, db: DbArg = DEFAULT_DB, threshold: float | None = None) -> LinkSummary:
    """Link figures across all analysed reports, find disagreements, and store the result.

    ``threshold`` (0–1, higher = stricter) is kept for every later relinking;
    None keeps the stored one (or the default).
    """
    from quellenlage.store import tracking as stored
    from quellenlage.tracking import track
    from quellenlage.tracking.linking import DEFAULT_THRESHOLD

    if threshold is not None and not 0 < threshold <= 1:
        raise UsageError(f"threshold {threshold} must be above 0 and at most 1")
    store = open_db(db)
    if threshold is None:
        threshold = stored.stored_threshold(store) or DEFAULT_THRESHOLD
    reports = list(stored.load_reports(store))
    tracking = track(reports, stored.overrides(store), threshold=threshold)
    stored.save(store, tracking, reports, threshold=threshold)
    return LinkSummary(
        figures=len(tracking.figures),
        values=sum(len(f.links) for f in tracking.figures),
        tracked=sum(1 for f in tracking.figures if len(f.links) > 1),
        disagreements=len(tracking.disagreements),
        sources=len(tracking.sources),
        threshold=threshold,
        failures=tuple((f.where, f.error) for f in tracking.failures),
    )


def is_stale(*, db: DbArg = DEFAULT_DB) -> bool:
    """Whether claims or corrections changed since figures were last linked."""
    from quellenlage.store import tracking as stored

    return stored.is_stale(open_db(db))


def relink_if_stale(store: Store) -> LinkSummary | None:
    return link(db=store) if is_stale(db=store) else None


def _choice(value: str | None, allowed: tuple[str, ...], name: str) -> None:
    if value is not None and value not in allowed:
        raise UsageError(f"{name} {value!r} is not one of {', '.join(allowed)}")


def claims(where: ClaimFilter | None = None, *, db: DbArg = DEFAULT_DB) -> list[dict[str, Any]]:
    """Claims matching every filter of ``where``, newest reports first."""
    from quellenlage.api.analysis import check_date
    from quellenlage.store import queries as q

    where = where or ClaimFilter()
    _choice(where.mode, MODES, "mode")
    _choice(where.certainty, CERTAINTIES, "certainty")
    check_date(where.since, "since")
    check_date(where.until, "until")
    return q.claims(open_db(db), where)


def figures(
    *,
    db: DbArg = DEFAULT_DB,
    min_values: int = 1,
    disputed: bool | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """Figures with at least ``min_values`` values, the most-reported first."""
    from quellenlage.store import queries as q

    return q.figures(open_db(db), min_values=min_values, disputed=disputed, limit=limit)


def date_disagreements(*, db: DbArg = DEFAULT_DB) -> list[dict[str, Any]]:
    """Facts dated differently by different reports."""
    from quellenlage.store import queries as q

    return q.date_disagreements(open_db(db))


def timeline(figure: str, *, db: DbArg = DEFAULT_DB) -> dict[str, Any]:
    """A figure (id, key, or a piece of its label) with its values in time order.

    A value one report repeats (headline and body) is one row; its ``places`` list both.
    """
    from quellenlage.store import queries as q
    from quellenlage.tracking.repeats import merge_timeline

    return merge_timeline(q.timeline(open_db(db), figure))


def plot_timeline(data: dict[str, Any], path: str | Path) -> Path:
    """Draw a timeline from :func:`timeline` into a .png, .svg or .pdf file."""
    from quellenlage.tracking.plot import PlotError
    from quellenlage.tracking.plot import plot_timeline as draw

    try:
        return draw(data, path)
    except PlotError as exc:
        raise UsageError(str(exc)) from exc


def sources(
    *, db: DbArg = DEFAULT_DB, kind: str | None = None, outlets: bool = False, limit: int = 200
) -> list[dict[str, Any]]:
    """Sources with normalised names, kinds, counts, and whom they cite."""
    from quellenlage.store import queries as q

    return q.sources(open_db(db), kind=kind, outlets=outlets, limit=limit)


def value_key(ref: str, *, db: DbArg = DEFAULT_DB) -> str:
    """The key of a value given as FIGURE#POSITION (as `timeline` numbers them) or as its key.

    A malformed reference is a :class:`UsageError`; one that names nothing
    stored is :class:`NotFound`.
    """
    from quellenlage.store import queries as q

    store = open_db(db)
    if "#" not in ref:
        if not _KEY.fullmatch(ref):
            raise UsageError(
                f"{ref!r} is not a value: give FIGURE#POSITION as `timeline` shows it, "
                "or a value key like 3f2a…:120-134"
            )
        if not q.value_exists(store, ref):
            raise NotFound(f"no value with key {ref!r} in any figure")
        return ref
    figure, _, position = ref.rpartition("#")
    if not figure or not position.isdigit():
        raise UsageError(f"{ref!r} is not a value: POSITION in FIGURE#POSITION must be a number")
    key = q.value_key_at(store, figure, int(position))
    if key is None:
        raise NotFound(f"no value {ref!r}: figure {figure} has no position {position}")
    return key


def _correct(store: Store, action: str, key: str, other: str | None = None) -> None:
    from quellenlage.store import tracking as stored

    stored.add_override(store, action, key, other)  # type: ignore[arg-type]
    link(db=store)


def confirm(value: str, *, db: DbArg = DEFAULT_DB) -> None:
    """Confirm that a value (FIGURE#POSITION) belongs to its figure; kept across re-analysis."""
    if "#" not in value:
        raise UsageError(f"{value!r}: give the value as FIGURE#POSITION to confirm it")
    store = open_db(db)
    key = value_key(value, db=store)
    first = value_key(value.rpartition("#")[0] + "#0", db=store)
    _correct(store, "confirm", key, first)


def split(value: str, *, db: DbArg = DEFAULT_DB) -> None:
    """Take a value out of its figure into a figure of its own."""
    store = open_db(db)
    _correct(store, "split", value_key(value, db=store))


def merge(first: str, second: str, *, db: DbArg = DEFAULT_DB) -> None:
    """Merge the figures holding two values (e.g. 3#0 and 7#0 merge figures 3 and 7)."""
    store = open_db(db)
    _correct(store, "merge", value_key(first, db=store), value_key(second, db=store))
