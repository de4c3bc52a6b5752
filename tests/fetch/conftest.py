"""Fixtures: a scripted HTTP server per test, on 127.0.0.1 only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fetch.server import Site


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site()
    server.add("/robots.txt", b"User-agent: *\nAllow: /\n", content_type="text/plain")
    yield server
    server.close()


@pytest.fixture
def other_site() -> Iterator[Site]:
    server = Site()
    server.add("/robots.txt", b"User-agent: *\nAllow: /\n", content_type="text/plain")
    yield server
    server.close()
