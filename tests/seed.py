"""The seed article as shipped in the package (demo corpus) and its hand-made gold (tests/data)."""

from __future__ import annotations

from pathlib import Path

import quellenlage

ARTICLE = (
    Path(quellenlage.__file__).resolve().parent / "demo" / "corpus" / "br24-nordkorea-ukraine.txt"
)
GOLD = Path(__file__).resolve().parent / "data" / "seed" / "br24-nordkorea-ukraine.gold.json"
