"""robots.txt rules per host, fetched once per run and parsed by protego.

What an unreadable robots.txt means follows RFC 9309: a 4xx answer (no file)
allows everything; a 5xx answer or an unreachable server means "assume
everything is disallowed" until a later run can read it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import urlsplit

from protego import Protego

from quellenlage.fetch.policy import ROBOTS_AGENT

#: The most of a robots.txt file we read (RFC 9309 asks crawlers to parse at least 500 KiB).
ROBOTS_MAX_BYTES = 512 * 1024


class RobotsRules:
    """What one host's robots.txt allows; ``None`` rules mean the file was missing."""

    def __init__(self, parsed: Protego | None, *, unreachable: str | None = None) -> None:
        self._parsed = parsed
        #: Why the file could not be read (then nothing is allowed), or ``None``.
        self.unreachable = unreachable

    def allows(self, url: str) -> bool:
        if self.unreachable:
            return False
        return self._parsed is None or self._parsed.can_fetch(url, ROBOTS_AGENT)

    def crawl_delay(self) -> float | None:
        if self._parsed is None:
            return None
        delay = self._parsed.crawl_delay(ROBOTS_AGENT)
        return float(delay) if delay is not None else None


#: Fetches ``url`` and returns ``(status, body)``, or raises ``OSError`` when unreachable.
RobotsLoader = Callable[[str], tuple[int, bytes]]


class RobotsCache:
    """One :class:`RobotsRules` per ``scheme://host``, loaded on first use (thread-safe)."""

    def __init__(self, load: RobotsLoader) -> None:
        self._load = load
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def rules(self, url: str) -> RobotsRules:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            lock = self._locks.setdefault(site, threading.Lock())
        with lock:  # one fetch of robots.txt per site, however many threads ask
            if site not in self._rules:
                self._rules[site] = self._read(site + "/robots.txt")
            return self._rules[site]

    def _read(self, robots_url: str) -> RobotsRules:
        try:
            status, body = self._load(robots_url)
        except OSError as err:
            return RobotsRules(None, unreachable=f"robots.txt unreachable: {err}")
        if 400 <= status < 500:
            return RobotsRules(None)
        if status >= 500 or not 200 <= status < 300:
            return RobotsRules(None, unreachable=f"robots.txt answered HTTP {status}")
        text = body[:ROBOTS_MAX_BYTES].decode("utf-8", "replace")
        return RobotsRules(Protego.parse(text))
