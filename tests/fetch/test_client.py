"""The polite HTTP client against a real server on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import itertools
import socket

import httpx

from quellenlage import __version__
from quellenlage.fetch.client import Fetched, Fetcher, FetchFailure, Request, retry_after
from tests.fetch.server import FAST, Route


def _fetch(url: str, politeness=FAST, **request) -> Fetched | FetchFailure:
    with Fetcher(politeness) as fetcher:
        return fetcher.fetch(Request(url, **request))


def test_user_agent_names_the_project_and_its_version(site):
    site.add("/a", "<html><body>hi</body></html>")
    result = _fetch(site.url("/a"))
    assert isinstance(result, Fetched) and result.response.body == b"<html><body>hi</body></html>"
    agent = site.requests("/a")[0].headers["user-agent"]
    assert agent.startswith(f"quellenlage/{__version__}")


def test_requests_to_one_host_are_spaced_by_the_delay(site):
    for n in range(4):
        site.add(f"/p{n}", f"<p>{n}</p>")
    politeness = dataclasses.replace(FAST, delay=0.15, per_host=1, workers=4)
    with Fetcher(politeness) as fetcher:
        results = list(fetcher.fetch_all(site.url(f"/p{n}") for n in range(4)))
    assert all(isinstance(r, Fetched) for r in results)
    starts = sorted(hit.at for hit in site.hits if hit.path.startswith("/p"))
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(gaps) == 3 and min(gaps) >= 0.14


def test_different_hosts_are_fetched_in_parallel(site, other_site):
    for server in (site, other_site):
        server.add("/slow", Route(b"<p>slow</p>", delay=0.3))
    politeness = dataclasses.replace(FAST, delay=0.0, workers=4)
    with Fetcher(politeness) as fetcher:
        list(fetcher.fetch_all([site.url("/slow"), other_site.url("/slow")]))
    first, second = site.requests("/slow")[0].at, other_site.requests("/slow")[0].at
    assert abs(first - second) < 0.25  # the second host did not wait for the first


def test_per_host_limit_bounds_requests_in_flight(site):
    for n in range(4):
        site.add(f"/s{n}", Route(f"<p>{n}</p>".encode(), delay=0.2))
    politeness = dataclasses.replace(FAST, delay=0.0, per_host=2, workers=4)
    with Fetcher(politeness) as fetcher:
        list(fetcher.fetch_all(site.url(f"/s{n}") for n in range(4)))
    starts = sorted(hit.at for hit in site.hits if hit.path.startswith("/s"))
    assert starts[1] - starts[0] < 0.15  # two at once
    assert starts[2] - starts[0] >= 0.18  # the third waited for a slot


def test_robots_txt_disallow_is_respected_and_read_once(site):
    site.add("/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.add("/private/x", "<p>secret</p>")
    site.add("/public", "<p>open</p>")
    with Fetcher(FAST) as fetcher:
        blocked = fetcher.fetch(site.url("/private/x"))
        allowed = fetcher.fetch(site.url("/public"))
    assert isinstance(blocked, FetchFailure) and blocked.reason == "disallowed by robots.txt"
    assert blocked.permanent
    assert isinstance(allowed, Fetched)
    assert site.requests("/private/x") == []
    assert len(site.requests("/robots.txt")) == 1


def test_robots_crawl_delay_lengthens_the_delay(site):
    site.add("/robots.txt", b"User-agent: *\nCrawl-delay: 0.3\n", content_type="text/plain")
    site.add("/a", "<p>a</p>")
    site.add("/b", "<p>b</p>")
    with Fetcher(FAST) as fetcher:
        list(fetcher.fetch_all([site.url("/a"), site.url("/b")]))
    gap = site.requests("/b")[0].at - site.requests("/a")[0].at
    assert gap >= 0.28


def test_missing_robots_allows_and_failing_robots_disallows(site, other_site):
    site.add("/robots.txt", Route(b"gone", 404, "text/plain"))
    site.add("/a", "<p>a</p>")
    other_site.add("/robots.txt", Route(b"oops", 500, "text/plain"))
    other_site.add("/a", "<p>a</p>")
    assert isinstance(_fetch(site.url("/a")), Fetched)
    refused = _fetch(other_site.url("/a"))
    assert isinstance(refused, FetchFailure) and not refused.permanent
    assert refused.reason.startswith("not fetched: robots.txt unreachable: HTTP 500")
    assert other_site.requests("/a") == []


def test_redirects_are_followed_and_the_final_url_recorded(site):
    site.add("/old", Route(b"", 301, None, {"Location": "/middle"}))
    site.add("/middle", Route(b"", 302, None, {"Location": site.url("/new")}))
    site.add("/new", "<p>here</p>")
    result = _fetch(site.url("/old"))
    assert isinstance(result, Fetched)
    assert result.url == site.url("/old") and result.final_url == site.url("/new")
    assert [hop.status for hop in result.hops] == [301, 302]


def test_redirect_loop_fails(site):
    site.add("/loop", Route(b"", 302, None, {"Location": "/loop"}))
    result = _fetch(site.url("/loop"), dataclasses.replace(FAST, max_redirects=3, delay=0))
    assert isinstance(result, FetchFailure) and result.reason == "more than 3 redirects"
    assert len(site.requests("/loop")) == 4


def test_429_with_retry_after_is_waited_for_then_retried(site):
    site.add(
        "/busy",
        Route(b"slow down", 429, "text/plain", {"Retry-After": "1"}, then=[Route(b"<p>ok</p>")]),
    )
    result = _fetch(site.url("/busy"))
    assert isinstance(result, Fetched) and result.response.body == b"<p>ok</p>"
    first, second = (hit.at for hit in site.requests("/busy"))
    assert second - first >= 0.95


def test_retry_after_beyond_the_bound_fails_at_once(site):
    site.add("/busy", Route(b"later", 503, "text/plain", {"Retry-After": "3600"}))
    result = _fetch(site.url("/busy"))
    assert isinstance(result, FetchFailure)
    assert "Retry-After 3600 s is longer than the 2 s we wait" in result.reason
    assert len(site.requests("/busy")) == 1


def test_server_errors_are_retried_with_backoff_then_fail(site):
    site.add("/broken", Route(b"error", 500, "text/plain"))
    result = _fetch(site.url("/broken"))
    assert isinstance(result, FetchFailure)
    assert result.reason == "HTTP 500 Internal Server Error (3 attempts)"
    assert not result.permanent
    hits = [hit.at for hit in site.requests("/broken")]
    assert len(hits) == 3
    assert hits[2] - hits[1] >= hits[1] - hits[0] >= 0.05  # backoff doubles


def test_a_500_then_success_counts_as_success(site):
    site.add("/flaky", Route(b"error", 502, "text/plain", then=[Route(b"<p>fine</p>")]))
    assert isinstance(_fetch(site.url("/flaky")), Fetched)


def test_not_found_and_gone_fail_permanently(site):
    site.add("/gone", Route(b"gone", 410, "text/plain"))
    missing, gone = _fetch(site.url("/missing")), _fetch(site.url("/gone"))
    assert isinstance(missing, FetchFailure) and missing.reason == "HTTP 404 Not Found"
    assert isinstance(gone, FetchFailure) and gone.reason == "HTTP 410 Gone"
    assert missing.permanent and gone.permanent
    assert len(site.requests("/missing")) == 1  # a 404 is not retried


def test_slow_response_times_out(site):
    site.add("/slow", Route(b"<p>late</p>", delay=1.0))
    politeness = dataclasses.replace(FAST, timeout=0.2, retries=1)
    result = _fetch(site.url("/slow"), politeness)
    assert (
        isinstance(result, FetchFailure) and result.reason == "timed out after 0.2 s (2 attempts)"
    )


def test_body_over_the_size_limit_stops_reading(site):
    big = b"<p>" + b"x" * 300_000 + b"</p>"
    site.add("/big", Route(big))
    site.add("/big-chunked", Route(big, chunked=True))
    politeness = dataclasses.replace(FAST, max_bytes=100_000)
    declared = _fetch(site.url("/big"), politeness)
    streamed = _fetch(site.url("/big-chunked"), politeness)
    assert isinstance(declared, FetchFailure) and declared.permanent
    assert declared.reason.startswith("page too large: 0.3 MB declared")
    assert isinstance(streamed, FetchFailure)
    assert streamed.reason == "page too large: more than 100000 bytes (reading stopped)"


def test_binary_content_is_not_downloaded(site):
    site.add("/photo", Route(b"\x89PNG" + b"\0" * 1000, content_type="image/png"))
    result = _fetch(site.url("/photo"))
    assert isinstance(result, Fetched) and result.response.body_skipped
    assert result.response.body == b""


def test_conditional_request_sends_validators(site):
    site.add("/page", Route(b"<p>same</p>", etag='"v1"'))
    first = _fetch(site.url("/page"))
    assert isinstance(first, Fetched) and first.response.header("etag") == '"v1"'
    again = _fetch(site.url("/page"), etag='"v1"', last_modified="Tue, 01 Dec 2026 10:00:00 GMT")
    assert isinstance(again, Fetched) and again.not_modified
    assert site.requests("/page")[1].headers["if-none-match"] == '"v1"'
    assert "if-modified-since" in site.requests("/page")[1].headers


def test_connection_refused_is_a_failure():
    with socket.socket() as probe:  # a free port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    politeness = dataclasses.replace(FAST, robots=False, retries=1)
    result = _fetch(f"http://127.0.0.1:{port}/", politeness)
    assert isinstance(result, FetchFailure) and result.reason == "connection refused (2 attempts)"


def test_dns_failure_is_named_and_not_retried():
    calls = []

    def resolve_nothing(request: httpx.Request) -> httpx.Response:
        calls.append(request.url)
        raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)

    politeness = dataclasses.replace(FAST, robots=False)
    with Fetcher(politeness, transport=httpx.MockTransport(resolve_nothing)) as fetcher:
        result = fetcher.fetch("http://news.example/article")
    assert isinstance(result, FetchFailure)
    assert result.reason.startswith("DNS lookup failed for news.example")
    assert len(calls) == 1


def test_not_a_web_url_fails():
    result = _fetch("ftp://127.0.0.1/file")
    assert isinstance(result, FetchFailure) and result.reason.startswith("not an http(s) URL")


def test_retry_after_parses_seconds_and_dates():
    assert retry_after("120") == 120.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: no wait
    assert retry_after("soon") is None
    assert retry_after(None) is None
