"""A demo database built once per session with the API, as `quellenlage demo` does."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from quellenlage import api

HOSTILE = (
    "Der Sprecher sagte: „<script>alert('x')</script> 500 Soldaten \"seien\" da“.\n\n"
    "Laut <img src=x onerror=alert(1)> Reuters sollen 20 Panzer \x01\x07\x1b\x0b eingetroffen sein "
    "</textarea></pre><b>fett</b> & ' \" `.\n"
)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("web") / "demo.db"
    for source, published in api.demo_corpus():
        api.ingest([source], db=path, published=published)
    api.analyze(None, db=path)
    hostile = path.parent / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    api.ingest([hostile], db=path, published="2024-11-20", language="de", outlet="<b>Evil</b>")
    api.analyze(None, db=path)
    with sqlite3.connect(path) as connection:  # fold the WAL in, so a file copy is complete
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def db_copy(demo_db, tmp_path) -> Path:
    """A copy of the demo database a test may change."""
    copy = tmp_path / "demo.db"
    shutil.copy(demo_db, copy)
    return copy
