"""The HTTP client: polite GET requests with httpx, redirects followed one hop at a time.

Each hop goes through the same gate as a fresh request (robots.txt, per-host
delay and concurrency), so a redirect to another host is as polite as a link
to it. Bodies are streamed and reading stops at the size limit; transient
trouble (429, 5xx, timeouts, dropped connections) is retried with backoff.
Nothing here raises for a bad URL or server: every outcome is a
:class:`Fetched` or a :class:`FetchFailure`.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from quellenlage.fetch.policy import HostGate, Politeness
from quellenlage.fetch.robots import RobotsCache

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
#: Content types never read as text: their bodies are not downloaded at all.
_BINARY_TYPES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip",
                 "application/octet-stream")  # fmt: skip
_DNS_ERRORS = ("name or service not known", "nodename nor servname", "getaddrinfo failed",
               "no address associated", "temporary failure in name resolution")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Exchange:
    """One HTTP request and the response to it, as the archive records them."""

    url: str
    request_headers: tuple[tuple[str, str], ...]
    http_version: str
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: dt.datetime
    #: Whether the body was left unread because the content type is binary.
    body_skipped: bool = False

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)

    @property
    def content_type(self) -> str:
        return (self.header("content-type") or "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in (self.header("content-type") or "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


@dataclass(frozen=True, slots=True)
class Fetched:
    """The final response for ``url`` after ``hops`` redirects (a 304 when unchanged)."""

    url: str
    final_url: str
    response: Exchange
    hops: tuple[Exchange, ...] = ()

    @property
    def not_modified(self) -> bool:
        return self.response.status == 304


@dataclass(frozen=True, slots=True)
class FetchFailure:
    """Why ``url`` could not be fetched; ``permanent`` when asking again soon is pointless."""

    url: str
    reason: str
    permanent: bool = False


@dataclass(frozen=True, slots=True)
class Request:
    """A URL to fetch, with the validators of the copy we hold (conditional GET)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


class _Transient(Exception):
    """A transport problem worth another attempt (timeouts, dropped connections)."""


class _Final(Exception):
    """A transport problem another attempt will not fix (DNS, oversized body)."""


class Fetcher:
    """Polite HTTP fetching; use as a context manager so connections are closed.

    ``transport`` (an httpx transport) is for tests and benchmarks only.
    """

    def __init__(
        self, politeness: Politeness | None = None, *, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.politeness = politeness or Politeness()
        self.gate = HostGate(self.politeness)
        self.robots = RobotsCache(self._load_robots)
        self._client = httpx.Client(
            headers={"User-Agent": self.politeness.user_agent, "Accept": "*/*"},
            timeout=httpx.Timeout(self.politeness.timeout),
            follow_redirects=False,
            transport=transport,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # --- one URL ---------------------------------------------------------

    def fetch(self, request: Request | str) -> Fetched | FetchFailure:
        """GET one URL, following redirects, politely; never raises."""
        request = Request(request) if isinstance(request, str) else request
        headers = {}
        if request.etag:
            headers["If-None-Match"] = request.etag
        if request.last_modified:
            headers["If-Modified-Since"] = request.last_modified
        url, hops = request.url, []
        for _ in range(self.politeness.max_redirects + 1):
            if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
                return FetchFailure(request.url, f"not an http(s) URL: {url}", permanent=True)
            if problem := self._robots_problem(url):
                # a disallowing rule stands; an unreachable robots.txt may be back later
                return FetchFailure(request.url, problem, permanent="disallowed" in problem)
            answer = self._attempts(url, headers)
            if isinstance(answer, FetchFailure):
                return FetchFailure(request.url, answer.reason, answer.permanent)
            location = answer.header("location")
            if answer.status in _REDIRECT_STATUS and location:
                hops.append(answer)
                url = urljoin(url, location)
                continue
            if answer.status >= 400:
                permanent = answer.status not in (408, 429) and answer.status < 500
                reason = f"HTTP {answer.status} {answer.reason}".strip()
                return FetchFailure(request.url, reason, permanent)
            return Fetched(request.url, url, answer, tuple(hops))
        limit = self.politeness.max_redirects
        return FetchFailure(request.url, f"more than {limit} redirects", permanent=True)

    def _robots_problem(self, url: str) -> str | None:
        if not self.politeness.robots:
            return None
        rules = self.robots.rules(url)
        if rules.unreachable:
            return f"not fetched: {rules.unreachable} (treated as disallowing all)"
        if not rules.allows(url):
            return "disallowed by robots.txt"
        if (delay := rules.crawl_delay()) is not None:
            self.gate.set_delay(_host(url), delay)
        return None

    def _load_robots(self, url: str) -> tuple[int, bytes]:
        for _ in range(5):  # RFC 9309: follow at least five redirects
            answer = self._attempts(url, {})
            if isinstance(answer, FetchFailure):
                raise OSError(answer.reason)
            location = answer.header("location")
            if answer.status not in _REDIRECT_STATUS or not location:
                return answer.status, answer.body
            url = urljoin(url, location)
        raise OSError("too many redirects")

    def _attempts(self, url: str, headers: dict[str, str]) -> Exchange | FetchFailure:
        """One URL with retries on 429/5xx and transient errors; backoff and Retry-After."""
        politeness, host = self.politeness, _host(url)
        attempts = politeness.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                with self.gate.turn(host):
                    answer = self._once(url, headers)
            except _Final as err:
                return FetchFailure(url, str(err), permanent="too large" in str(err))
            except _Transient as err:
                if attempt == attempts:
                    return FetchFailure(url, f"{err} ({attempts} attempts)")
                self.gate.hold_off(host, politeness.backoff_for(attempt))
                continue
            if answer.status not in _RETRY_STATUS:
                return answer
            wait = retry_after(answer.header("retry-after"))
            if wait is not None and wait > politeness.max_wait:
                return FetchFailure(
                    url,
                    f"HTTP {answer.status}: Retry-After {wait:.0f} s is longer than the "
                    f"{politeness.max_wait:g} s we wait",
                )
            if attempt == attempts:
                return FetchFailure(
                    url, f"HTTP {answer.status} {answer.reason} ({attempts} attempts)".strip()
                )
            self.gate.hold_off(host, wait if wait is not None else politeness.backoff_for(attempt))
        raise AssertionError("unreachable")  # the loop returns on its last attempt

    def _once(self, url: str, headers: dict[str, str]) -> Exchange:
        politeness = self.politeness
        started = time.monotonic()
        fetched_at = dt.datetime.now(dt.UTC)
        try:
            request = self._client.build_request("GET", url, headers=headers)
            response = self._client.send(request, stream=True)
        except httpx.TimeoutException as err:
            raise _Transient(f"timed out after {politeness.timeout:g} s") from err
        except httpx.ConnectError as err:
            message = str(err)
            if any(marker in message.lower() for marker in _DNS_ERRORS):
                raise _Final(f"DNS lookup failed for {_host(url)}: {message}") from err
            if "refused" in message.lower():
                raise _Transient("connection refused") from err
            raise _Transient(f"could not connect: {message}") from err
        except httpx.TransportError as err:
            raise _Transient(f"connection failed: {type(err).__name__}: {err}") from err
        try:
            body, skipped = self._read_body(response, started)
        finally:
            response.close()
        return Exchange(
            url=url,
            request_headers=_raw_headers(request.headers),
            http_version=response.http_version,
            status=response.status_code,
            reason=response.reason_phrase,
            headers=_raw_headers(response.headers),
            body=body,
            fetched_at=fetched_at,
            body_skipped=skipped,
        )

    def _read_body(self, response: httpx.Response, started: float) -> tuple[bytes, bool]:
        politeness = self.politeness
        limit = politeness.max_bytes
        content_type = response.headers.get("content-type", "").lower()
        if content_type.startswith(_BINARY_TYPES):
            return b"", True
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _Final(f"page too large: {_size(int(declared))} declared > {_size(limit)}")
        chunks, size = [], 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise _Final(f"page too large: more than {_size(limit)} (reading stopped)")
                if time.monotonic() - started > politeness.deadline:
                    raise _Transient(f"response took longer than {politeness.deadline:g} s")
                chunks.append(chunk)
        except httpx.TimeoutException as err:
            raise _Transient(f"timed out after {politeness.timeout:g} s") from err
        except httpx.DecodingError as err:
            raise _Final(f"body could not be decoded: {err}") from err
        except httpx.TransportError as err:
            raise _Transient(f"connection dropped: {type(err).__name__}: {err}") from err
        return b"".join(chunks), False

    # --- many URLs -------------------------------------------------------

    def fetch_all(
        self,
        requests: Iterable[Request | str],
        then: Callable[[Fetched | FetchFailure], Any] | None = None,
    ) -> Iterator[Any]:
        """Fetch in parallel (``workers`` threads; the gate keeps each host polite), in order.

        ``then``, if given, is applied to each result in its fetching thread and its
        value is yielded instead (work such as compressing for the archive runs in
        parallel that way). At most twice ``workers`` requests are queued ahead of
        the consumer, so memory stays flat on long URL lists.
        """
        ahead = 2 * self.politeness.workers
        task = self.fetch if then is None else (lambda request: then(self.fetch(request)))
        with ThreadPoolExecutor(self.politeness.workers, thread_name_prefix="fetch") as pool:
            pending: deque[Future[Any]] = deque()
            try:
                for request in requests:
                    pending.append(pool.submit(task, request))
                    if len(pending) >= ahead:
                        yield pending.popleft().result()
                while pending:
                    yield pending.popleft().result()
            finally:  # stopped early (Ctrl-C, an error): do not start what is still queued
                for future in pending:
                    future.cancel()


def retry_after(value: str | None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _raw_headers(headers: httpx.Headers) -> tuple[tuple[str, str], ...]:
    """Header names and values as sent (httpx lower-cases names elsewhere)."""
    return tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in headers.raw)


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _size(size: int) -> str:
    value = f"{size / (1024 * 1024):.1f}".removesuffix(".0")
    return f"{value} MB" if size >= 100 * 1024 else f"{size} bytes"
