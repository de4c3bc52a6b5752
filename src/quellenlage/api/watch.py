"""Follow a story live: poll feeds, ingest and analyse what is new, say what changed.

Each poll is one :func:`quellenlage.api.ingest_urls` over the feeds (a feed
that did not change costs a conditional request and adds nothing; entries
already fetched are not fetched again), then analysis of every document not
yet analysed (figures are relinked after it), then a comparison of the figure
values and disagreements before and after. Everything it stores is keyed as
ingest keys it, so a restarted watch duplicates nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quellenlage.api.common import DbArg, UsageError, open_db
from quellenlage.api.fetch import ingest_urls
from quellenlage.api.ingest import IngestedItem
from quellenlage.store import DEFAULT_DB

if TYPE_CHECKING:
    import httpx

    from quellenlage.fetch.policy import Politeness

_INTERVAL = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?")
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}
#: Statuses of an ingested item that mean a new document (or version) to analyse.
_NEW = ("added", "new version", "duplicate", "near-duplicate")


def parse_interval(text: str) -> float:
    """``--every``: ``15m``, ``90s``, ``1h``, ``1h30m`` or plain seconds; at least 1 ms."""
    text = text.strip().lower()
    parts = list(_INTERVAL.finditer(text))
    if not parts or "".join(p.group(0) for p in parts).replace(" ", "") != text.replace(" ", ""):
        raise UsageError(f"--every {text!r} is not an interval like 15m, 90s or 1h")
    seconds = sum(float(p.group(1)) * _UNIT_SECONDS[p.group(2)] for p in parts)
    if seconds < 0.001:
        raise UsageError(f"--every {text!r} must be longer than zero")
    return seconds


@dataclass(frozen=True, slots=True)
class Poll:
    """One poll: what was fetched and stored, what changed, and how long it took."""

    number: int
    started_at: dt.datetime
    seconds: float
    new_documents: int
    unchanged: int
    failed: int
    analysed: int
    events: tuple[dict[str, Any], ...] = ()
    #: An error that stopped this poll early (the watch goes on with the next).
    error: str | None = None


@dataclass
class _PollState:
    new: list[IngestedItem] = field(default_factory=list)
    unchanged: int = 0
    failures: list[IngestedItem] = field(default_factory=list)


def watch(
    feeds: Sequence[str],
    *,
    db: DbArg = DEFAULT_DB,
    every: float = 900.0,
    max_polls: int | None = None,
    analyze: bool = True,
    recheck: bool = False,
    politeness: Politeness | None = None,
    archive: str | Path | None = None,
    on_event: Callable[[dict[str, Any]], None] | None = None,
    on_poll: Callable[[Poll], None] | None = None,
    stop: threading.Event | None = None,
    transport: httpx.BaseTransport | None = None,
) -> int:
    """Poll ``feeds`` every ``every`` seconds until ``stop`` is set or ``max_polls`` ran.

    Events (dicts with a ``type``): ``document`` for each new document,
    ``figure_value`` for each new value of a figure reported more than once,
    ``disagreement`` for each new disagreement, ``failed`` for each URL that
    could not be read. With ``recheck``, entries still listed are asked for again
    (conditionally) at each poll, so an edited report becomes a new version.
    Returns the number of polls.
    """
    if not feeds:
        raise UsageError("no feeds to watch")
    if max_polls is not None and max_polls < 1:
        raise UsageError(f"--max-polls must be at least 1, got {max_polls}")
    store = open_db(db)
    stop = stop or threading.Event()
    number = 0
    while max_polls is None or number < max_polls:
        number += 1
        options = {"politeness": politeness, "archive": archive, "recheck": recheck}
        poll = _poll(number, feeds, store, analyze, options, transport)
        for event in poll.events:
            if on_event:
                on_event(event)
        if on_poll:
            on_poll(poll)
        if (max_polls is not None and number >= max_polls) or stop.wait(every):
            break
    return number


def _poll(
    number: int,
    feeds: Sequence[str],
    store: Any,
    analyze: bool,
    options: dict[str, Any],
    transport: httpx.BaseTransport | None,
) -> Poll:
    from quellenlage.api.analysis import analyze as analyze_documents
    from quellenlage.api.tracking import relink_if_stale
    from quellenlage.store.archive import tracking_snapshot

    started_at, clock = dt.datetime.now(dt.UTC), time.monotonic()
    state = _PollState()
    analysed = 0
    events: list[dict[str, Any]] = []

    def on_item(item: IngestedItem) -> None:
        if item.status in _NEW and item.document_id is not None:
            state.new.append(item)
        elif item.status == "already stored":
            state.unchanged += 1
        elif item.status == "failed":
            state.failures.append(item)

    try:
        if analyze:
            relink_if_stale(store)  # so that "before" holds no stale figures
        before = tracking_snapshot(store)
        ingest_urls(feeds, db=store, on_item=on_item, transport=transport, **options)
        if analyze:
            analysed = len(analyze_documents(db=store))
        after = tracking_snapshot(store)
        events = _events(state, before, after)
        error = None
    except Exception as err:  # a poll that breaks must not end the watch
        events = _events(state, None, None)
        error = f"{type(err).__name__}: {err}"
    return Poll(
        number=number,
        started_at=started_at,
        seconds=time.monotonic() - clock,
        new_documents=len(state.new),
        unchanged=state.unchanged,
        failed=len(state.failures),
        analysed=analysed,
        events=tuple(events),
        error=error,
    )


def _events(state: _PollState, before: Any, after: Any) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = [
        {
            "type": "document",
            "document_id": item.document_id,
            "url": item.origin,
            "title": item.title,
            "status": item.status,
        }
        for item in state.new
    ]
    events += [{"type": "failed", "url": f.origin, "error": f.error} for f in state.failures]
    if before is None or after is None:
        return events
    (old_values, old_disagreements), (values, disagreements) = before, after
    for key, value in values.items():
        if key not in old_values and value["figure_values"] > 1:
            events.append({"type": "figure_value", "value_key": key, **value})
    for key, disagreement in disagreements.items():
        if key not in old_disagreements:
            events.append({"type": "disagreement", **disagreement})
    return events
