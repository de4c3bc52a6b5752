"""Politeness: who we say we are, how often we knock, and how long we wait.

Defaults follow common crawler etiquette for a tool run by one person: one
request at a time per host, a second between requests to the same host (or
the host's robots.txt ``Crawl-delay`` if longer, capped), a few retries with
exponential backoff on 429 and 5xx that honour ``Retry-After`` up to a bound,
and a User-Agent that names the project and its version.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from quellenlage import __version__
from quellenlage.ingest import DEFAULT_MAX_BYTES

USER_AGENT = f"quellenlage/{__version__} (news claim tracker; respects robots.txt)"
#: The token matched against robots.txt ``User-agent`` lines.
ROBOTS_AGENT = "quellenlage"


@dataclass(frozen=True, slots=True)
class Politeness:
    """How the fetcher treats the servers it visits; every value has a polite default."""

    user_agent: str = USER_AGENT
    #: Seconds between the starts of two requests to the same host.
    delay: float = 1.0
    #: Requests in flight at once to one host.
    per_host: int = 1
    #: Requests in flight at once in all (different hosts proceed in parallel).
    workers: int = 8
    #: Seconds allowed for connecting and for each read.
    timeout: float = 20.0
    #: Seconds allowed for a whole response, however slowly it trickles in.
    deadline: float = 60.0
    #: Bytes one body may have; reading stops as soon as it is exceeded.
    max_bytes: int = DEFAULT_MAX_BYTES
    #: Attempts after the first on 429, 5xx, timeouts and dropped connections.
    retries: int = 3
    #: First backoff in seconds; doubled for each further attempt.
    backoff: float = 1.0
    #: The longest ``Retry-After`` (or robots ``Crawl-delay``) we wait; longer ones fail.
    max_wait: float = 60.0
    robots: bool = True
    max_redirects: int = 10

    def __post_init__(self) -> None:
        for name in ("delay", "backoff", "max_wait"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative, got {getattr(self, name)}")
        for name in ("per_host", "workers", "max_bytes", "timeout", "deadline"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)}")
        if self.retries < 0 or self.max_redirects < 0:
            raise ValueError("retries and max_redirects must not be negative")

    def backoff_for(self, attempt: int) -> float:
        """Seconds to wait before retry number ``attempt`` (1, 2, …)."""
        return self.backoff * 2 ** (attempt - 1)


@dataclass
class _Host:
    slots: threading.Semaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0
    delay: float = 0.0


class HostGate:
    """Spaces requests per host and bounds how many run at once (thread-safe).

    ``turn(host)`` is a context manager: entering waits for a free slot and for
    the host's next start time, which it then moves on by the host's delay.
    """

    def __init__(self, politeness: Politeness) -> None:
        self._politeness = politeness
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def _host(self, host: str) -> _Host:
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = _Host(
                    threading.Semaphore(self._politeness.per_host), delay=self._politeness.delay
                )
            return self._hosts[host]

    def set_delay(self, host: str, seconds: float) -> None:
        """A longer delay for one host (robots.txt ``Crawl-delay``), capped at ``max_wait``."""
        entry = self._host(host)
        with entry.lock:
            entry.delay = max(entry.delay, min(seconds, self._politeness.max_wait))

    def hold_off(self, host: str, seconds: float) -> None:
        """No request to ``host`` starts for ``seconds`` (after 429/503 with Retry-After)."""
        entry = self._host(host)
        with entry.lock:
            entry.next_start = max(entry.next_start, time.monotonic() + seconds)

    def turn(self, host: str) -> _Turn:
        return _Turn(self._host(host))


class _Turn:
    def __init__(self, host: _Host) -> None:
        self._host = host

    def __enter__(self) -> None:
        self._host.slots.acquire()
        with self._host.lock:
            now = time.monotonic()
            start = max(now, self._host.next_start)
            self._host.next_start = start + self._host.delay
        if start > now:
            time.sleep(start - now)

    def __exit__(self, *_exc: object) -> None:
        self._host.slots.release()
