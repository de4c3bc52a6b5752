"""Pass counts of a phrase table (tests/data/*_phrases.txt), by language and category."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any


def summary(rows: Sequence[Any], mismatch: Callable[[Any], str | None]) -> str:
    """A table of passed/total per (language, category), then every failure."""
    passed: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    failures = []
    for row in rows:
        key = (row.lang, row.category)
        total[key] += 1
        problem = mismatch(row)
        if problem is None:
            passed[key] += 1
        else:
            failures.append(f"  line {row.line} {row.phrase!r}: {problem}")
    lines = [f"{'lang':<5}{'category':<14}{'passed':>8}{'total':>7}"]
    for key in sorted(total):
        lines.append(f"{key[0]:<5}{key[1]:<14}{passed[key]:>8}{total[key]:>7}")
    lines.append(f"{'all':<19}{sum(passed.values()):>8}{sum(total.values()):>7}")
    return "\n".join(lines + failures)
