"""`quellenlage serve` as a user starts it: prints where it listens and the edit token."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time

import httpx
import pytest

from quellenlage import api


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"serve exited with {process.returncode}: {process.stderr.read()}")
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    pytest.fail(f"serve did not answer on {url} within {seconds} s")


@pytest.mark.parametrize("edits", [False, True])
def test_serve_starts_read_only_or_with_a_token(db_copy, edits):
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "quellenlage",
        "serve",
        "--db",
        str(db_copy),
        "--port",
        str(port),
    ]
    if edits:
        command.append("--allow-edits")
    env = {**os.environ, "COLUMNS": "200"}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(base + "/api/overview", process)
        assert httpx.get(base + "/").status_code == 200
        rows, _ = api.figure_list(db_copy, limit=1)
        key = api.figure(str(rows[0]["id"]), db_copy)["timeline"][0]["key"]
        refused = httpx.post(base + "/api/edits", json={"action": "split", "key": key})
        assert refused.status_code == 403
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in out
    if edits:
        token = re.search(r"token (\S+)", out).group(1)
        assert len(token) >= 20
        assert "unlock" in out
    else:
        assert "read-only" in out and "token" not in out
