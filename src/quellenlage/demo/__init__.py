"""The demo corpus: one story (North Korean troops in Russia, autumn 2024) in several reports.

Public entry: :func:`corpus` lists the files with the publication date to
give each (``None`` where the file carries its own dates).
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

#: The BR24 seed lost its date when copied; its events place it on 2024-10-24.
SEED_PUBLISHED = "2024-10-24"


def corpus() -> list[tuple[Path, str | None]]:
    """The demo files as paths on disk, each with the date ingest should give it."""
    folder = files("quellenlage.demo").joinpath("corpus")
    with as_file(folder) as path:
        return [
            (Path(path) / "br24-nordkorea-ukraine.txt", SEED_PUBLISHED),
            (Path(path) / "reports.jsonl", None),
        ]
