"""The phrase table tests/data/times_phrases.txt: every phrase normalises exactly.

Print the pass counts by category and language with
``.venv/bin/python -m tests.times.test_times_phrases``.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from quellenlage.times import parse_times
from tests.phrase_tables import summary

TABLE = Path(__file__).resolve().parents[1] / "data" / "times_phrases.txt"
_FIELDS = {"gran": "granularity", "rel": "relation"}


@dataclass(frozen=True)
class Row:
    line: int
    category: str
    lang: str
    published: str | None
    phrase: str
    expected: dict[str, object] | None  # None: no time expression at all


def _value(key: str, raw: str) -> object:
    if key in ("resolved", "relative"):
        return raw == "1"
    if key == "text":
        return raw.replace("_", " ")
    return None if raw == "-" else raw


def load_rows() -> list[Row]:
    rows = []
    for number, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        category, lang, published, phrase, expected = (p.strip() for p in line.split("|"))
        date = None if published == "-" else published
        if expected == "none":
            rows.append(Row(number, category, lang, date, phrase, None))
            continue
        fields: dict[str, object] = {"relation": "at", "mod": None, "resolved": True}
        for pair in expected.split():
            key, _, raw = pair.partition("=")
            fields[_FIELDS.get(key, key)] = _value(key, raw)
        rows.append(Row(number, category, lang, date, phrase, fields))
    return rows


def mismatch(row: Row) -> str | None:
    """What is wrong with the parse of ``row``, or None when it is exact."""
    found = parse_times(row.phrase, lang=row.lang, published=row.published)
    if row.expected is None:
        return None if not found else f"expected none, got {found}"
    if len(found) != 1:
        return f"expected one expression, got {found}"
    expr = found[0]
    wrong = [
        f"{key}: want {want!r}, got {getattr(expr, key)!r}"
        for key, want in row.expected.items()
        if getattr(expr, key) != want
    ]
    if expr.text != row.phrase[expr.span[0] : expr.span[1]]:
        wrong.append("text does not match span")
    return "; ".join(wrong) or None


ROWS = load_rows()


def test_table_is_large_enough() -> None:
    languages = Counter(row.lang for row in ROWS)
    assert languages["de"] >= 100
    assert languages["en"] >= 50


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.line}-{r.category}-{r.lang}" for r in ROWS])
def test_phrase(row: Row) -> None:
    problem = mismatch(row)
    assert problem is None, f"{row.phrase!r}: {problem}"


if __name__ == "__main__":
    print(summary(ROWS, mismatch))
    sys.exit(0)
