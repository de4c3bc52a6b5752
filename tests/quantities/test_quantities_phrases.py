"""The phrase table tests/data/quantities_phrases.txt: every phrase normalises exactly.

Print the pass counts by category and language with
``.venv/bin/python -m tests.quantities.test_quantities_phrases``.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from quellenlage.quantities import parse_quantities
from quellenlage.records import Quantity
from tests.phrase_tables import summary

TABLE = Path(__file__).resolve().parents[1] / "data" / "quantities_phrases.txt"
DEFAULTS = {
    "unit": None,
    "kind": "count",
    "bound": None,
    "approx": False,
    "vague": False,
    "low": None,
    "high": None,
}


@dataclass(frozen=True)
class Row:
    line: int
    category: str
    lang: str
    phrase: str
    expected: dict[str, object] | None  # None: no quantity at all


def _value(key: str, raw: str) -> object:
    if key in ("approx", "vague"):
        return raw == "1"
    if key in ("value", "low", "high"):
        number = float(raw)
        return int(number) if number.is_integer() and "." not in raw else number
    if key in ("unit", "text"):
        return raw.replace("_", " ")
    return raw


def load_rows() -> list[Row]:
    rows = []
    for number, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        category, lang, phrase, expected = (part.strip() for part in line.split("|"))
        if expected == "none":
            rows.append(Row(number, category, lang, phrase, None))
            continue
        fields = dict(DEFAULTS)
        for pair in expected.split():
            key, _, raw = pair.partition("=")
            fields[key] = _value(key, raw)
        rows.append(Row(number, category, lang, phrase, fields))
    return rows


def mismatch(row: Row) -> str | None:
    """What is wrong with the parse of ``row``, or None when it is exact."""
    found = parse_quantities(row.phrase, lang=row.lang)
    if row.expected is None:
        return None if not found else f"expected none, got {found}"
    if len(found) != 1:
        return f"expected one quantity, got {found}"
    quantity: Quantity = found[0]
    wrong = []
    for key, want in row.expected.items():
        got = quantity.text if key == "text" else getattr(quantity, key)
        if got != want or type(got) is not type(want):
            wrong.append(f"{key}: want {want!r}, got {got!r}")
    if quantity.text != row.phrase[quantity.span[0] : quantity.span[1]]:
        wrong.append("text does not match span")
    return "; ".join(wrong) or None


ROWS = load_rows()


def test_table_is_large_enough() -> None:
    languages = Counter(row.lang for row in ROWS)
    assert languages["de"] >= 200
    assert languages["en"] >= 100


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.line}-{r.category}-{r.lang}" for r in ROWS])
def test_phrase(row: Row) -> None:
    problem = mismatch(row)
    assert problem is None, f"{row.phrase!r}: {problem}"


if __name__ == "__main__":
    print(summary(ROWS, mismatch))
    sys.exit(0)
