"""Line-level quality of the plain-text cleaner (``quellenlage.ingest.clean``).

Prints one row per test set:

* the seed sample ``br24-nordkorea-ukraine.txt`` against its gold (boilerplate lines
  listed there, everything else content; the repeated headline counts once);
* the copied-page fixtures in ``tests/ingest/pages`` (hand labels in the tests);
* clean German Wikinews article bodies (train and dev of ``wikinews-quotes``): every
  line there is content, so this measures how much real article text the cleaner
  wrongly drops on text it was not written for (recall; precision is 1 by design).

Usage: ``.venv/bin/python benchmarks/clean_lines.py``
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

from quellenlage.ingest.clean import clean_text, score_lines

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "br24-nordkorea-ukraine.txt"
GOLD = SHARED / "samples" / "br24-nordkorea-ukraine.gold.json"
WIKINEWS = SHARED / "data" / "wikinews-quotes"


def _norm(text: str) -> str:
    return " ".join(text.split())


def _count(text: str) -> int:
    """Non-blank lines: the units the cleaner keeps or drops."""
    return sum(1 for line in text.split("\n") if line.strip())


def sample_row() -> tuple[str, int, float, float]:
    raw = SAMPLE.read_text(encoding="utf-8")
    boilerplate = {
        _norm(line) for line in json.loads(GOLD.read_text())["document"]["boilerplate_lines"]
    }
    content = {_norm(line) for line in raw.split("\n") if line.strip()} - boilerplate
    return ("seed sample (gold)", _count(raw), *score_lines(raw, content))


def fixture_rows() -> list[tuple[str, int, float, float]]:
    sys.path.insert(0, str(ROOT))
    from tests.ingest.test_clean import PAGE_EXPECTATIONS

    rows = []
    for name, expected in sorted(PAGE_EXPECTATIONS.items()):
        raw = (ROOT / "tests" / "ingest" / "pages" / name).read_text(encoding="utf-8")
        starts = tuple(expected["content_starts"])
        content = {_norm(line) for line in raw.split("\n") if _norm(line).startswith(starts)}
        rows.append((f"fixture {name}", _count(raw), *score_lines(raw, content)))
    return rows


def wikinews_row(split: str) -> tuple[tuple[str, int, float, float], collections.Counter[str]]:
    total = kept = 0
    reasons: collections.Counter[str] = collections.Counter()
    with (WIKINEWS / f"{split}.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["originalText"]
            cleaned = clean_text(text)
            total += _count(text)
            kept += len(cleaned.kept)
            reasons.update(reason for _, reason in cleaned.dropped)
    return (f"wikinews {split} bodies", total, 1.0, kept / total), reasons


def main() -> None:
    rows = []
    if SAMPLE.exists() and GOLD.exists():
        rows.append(sample_row())
    rows.extend(fixture_rows())
    dropped: dict[str, collections.Counter[str]] = {}
    for split in ("train", "dev"):
        if (WIKINEWS / f"{split}.jsonl").exists():
            row, reasons = wikinews_row(split)
            rows.append(row)
            dropped[split] = reasons
    print(f"{'test set':<34} {'lines':>6} {'precision':>9} {'recall':>7}")
    print("-" * 59)
    for name, lines, precision, recall in rows:
        print(f"{name:<34} {lines:>6} {precision:>9.3f} {recall:>7.3f}")
    for split, reasons in dropped.items():
        print(f"\nwikinews {split}: why article lines were dropped")
        for reason, count in reasons.most_common():
            print(f"  {count:>4}  {reason}")


if __name__ == "__main__":
    main()
