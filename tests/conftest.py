"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import socket
import subprocess
import uuid
import warnings
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


START_POSTGRES = REPO / ".ci" / "start-postgres"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_postgres() -> dict[str, str] | None:
    """Start a throwaway server with the CI script; its exported variables, or None."""
    try:
        out = subprocess.run(
            ["bash", str(START_POSTGRES)],
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "QUELLENLAGE_PG_PORT": str(_free_port())},
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    exports = (line.removeprefix("export ").split("=", 1) for line in out.stdout.splitlines())
    return dict(exports)


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """CI's server (QUELLENLAGE_TEST_POSTGRES), else one started for this session."""
    url = os.environ.get("QUELLENLAGE_TEST_POSTGRES")
    if url:
        yield url
        return
    started = _start_postgres()
    if started is None:
        message = "NO POSTGRESQL SERVER COULD BE STARTED: skipping the PostgreSQL tests"
        warnings.warn(message, stacklevel=1)
        pytest.skip(message)
    yield started["QUELLENLAGE_TEST_POSTGRES"]
    subprocess.run(
        ["bash", str(START_POSTGRES), "--stop", started["QUELLENLAGE_TEST_PGDATA"]],
        capture_output=True,
        check=False,
    )


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A fresh, empty database on the test server, dropped afterwards."""
    from sqlalchemy import create_engine, text

    from quellenlage.store import database_url

    name = f"ql_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(database_url(postgres_server), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = postgres_server.rsplit("/", 1)[0] + "/" + name
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def nlp_de():
    """The German analysis pipeline (``quellenlage.pipeline.load``), loaded once per session."""
    from quellenlage.pipeline import load

    return load("de")


@pytest.fixture
def parse(nlp_de):
    """Run the German pipeline over a text: ``parse("Er sagte, ...")`` -> ``Doc``."""
    return nlp_de


@pytest.fixture
def sample_article() -> Path:
    """The seed article, as shipped in the package (the demo corpus keeps it unchanged)."""
    from tests.seed import ARTICLE

    return ARTICLE
