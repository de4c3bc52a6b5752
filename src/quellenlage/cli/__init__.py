"""Command-line interface: a thin layer over :mod:`quellenlage.api`.

Each module below registers its commands on the shared Typer ``app``
(``cli/app.py``). Command modules import only :mod:`quellenlage.api`,
:mod:`quellenlage.records` and the shared helpers (``app``, ``common``,
``render``), never each other; the import contracts in ``pyproject.toml``
check it. A new module is registered with one import line here.
"""

from __future__ import annotations

from quellenlage.cli import analysis as _analysis  # noqa: F401  (registers commands)
from quellenlage.cli import demo as _demo  # noqa: F401
from quellenlage.cli import documents as _documents  # noqa: F401
from quellenlage.cli import evaluate as _evaluate  # noqa: F401
from quellenlage.cli import export as _export  # noqa: F401
from quellenlage.cli import query as _query  # noqa: F401
from quellenlage.cli import serve as _serve  # noqa: F401
from quellenlage.cli import spark as _spark  # noqa: F401
from quellenlage.cli import watch as _watch  # noqa: F401
from quellenlage.cli.app import app


def main() -> None:
    app()
