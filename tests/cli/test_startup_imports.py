"""The CLI starts without its heavy libraries: they load in the commands that use them.

The CPU cost itself is measured by benchmarks/cli_startup.py; these tests
keep the cause from coming back (a module-level import of a heavy library).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from quellenlage import api
from tests.tracking.story import stored_story

#: Libraries that cost tenths of a second to import, none needed to read the database.
HEAVY = (
    "alembic",
    "datasketch",
    "fastapi",
    "httpx",
    "matplotlib",
    "networkx",
    "numpy",
    "pyarrow",
    "scipy",
    "spacy",
    "trafilatura",
)

_PROBE = """
import json, sys
from quellenlage.cli import app
args = json.loads(sys.argv[1])
if args:
    try:
        app(args, standalone_mode=False)
    except SystemExit:
        pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in json.loads(sys.argv[2]))))
"""


def loaded_by(args: list[str], watched: tuple[str, ...]) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args), json.dumps(watched)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return sorted({m.split(".")[0] for m in json.loads(result.stdout.strip().splitlines()[-1])})


def test_importing_the_cli_loads_no_heavy_library_and_no_sqlalchemy():
    assert loaded_by([], (*HEAVY, "sqlalchemy")) == []


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("startup") / "story.db")
    store = stored_story(path)
    api.link(db=store)
    store.close()
    return path


@pytest.mark.parametrize(
    "command",
    [["claims"], ["claims", "--source", "Reuters"], ["figures"], ["timeline", "1"], ["sources"]],
)
def test_query_commands_load_no_heavy_library(db, command):
    assert loaded_by([*command, "--db", db], HEAVY) == []
