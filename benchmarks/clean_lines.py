"""Quality of the copied-text cleaner (``quellenlage.ingest.clean``) and of the HTML path.

Two parts:

1. **Copied pages** (``../shared/data/copied-pages-dev``: real pages as a browser copies
   them, with gold title and body). Metric: word-5-shingle precision, recall and F1 of
   the cleaned text against the gold body, per page, then averaged over pages (macro).
   Words are ``\\w+`` runs, casefolded; shingles are sets (a repeated 5-word run counts
   once), so a repeated headline or teaser is not rewarded. The pages are split by a
   fixed rule, decided before any tuning: a page is **held out** when
   ``sha256("split:" + key) % 3 == 0`` (12 of 33), the others are the **tuning** part.
   Tuning looks only at the tuning part (``--pages`` prints per-page rows for it only).
   Each part is scored for the cleaner, the naive line filter (keep lines of >= 4 words
   ending in sentence punctuation, drop repeated lines) and for trafilatura on the
   pages' HTML (with the options ingest uses, ``favor_precision`` among them, and with
   trafilatura's defaults).
2. **Line labels** (as before): the seed sample against its gold, the fixtures in
   ``tests/ingest/pages``, and clean Wikinews bodies (every line content, so recall).

Usage: ``.venv/bin/python benchmarks/clean_lines.py [--pages] [--no-html]``
"""

from __future__ import annotations

import argparse
import collections
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

from quellenlage.ingest.clean import clean_text, score_lines
from quellenlage.ingest.readers.html import DATE_PARAMS, EXTRACT_OPTIONS, extract_html

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "br24-nordkorea-ukraine.txt"
GOLD = SHARED / "samples" / "br24-nordkorea-ukraine.gold.json"
WIKINEWS = SHARED / "data" / "wikinews-quotes"
PAGES = SHARED / "data" / "copied-pages-dev"
_WORD = re.compile(r"\w+")
_END = re.compile(r"""[.!?…:;]["'“”»«‘’)\]]*$""")


def held_out(key: str) -> bool:
    """The split rule, fixed before tuning: about a third of the pages are held out."""
    return int(hashlib.sha256(f"split:{key}".encode()).hexdigest(), 16) % 3 == 0


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = [w.casefold() for w in _WORD.findall(text)]
    return {tuple(words[i : i + n]) for i in range(max(len(words) - n + 1, 0))}


def shingle_scores(predicted: str, gold: str) -> tuple[float, float, float]:
    """Word-5-shingle precision, recall and F1 (an empty prediction has precision 1)."""
    pred, want = shingles(predicted), shingles(gold)
    hits = len(pred & want)
    precision = hits / len(pred) if pred else 1.0
    recall = hits / len(want) if want else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def baseline(raw: str) -> str:
    """Keep lines of >= 4 words that end in sentence punctuation; drop repeated lines."""
    seen: set[str] = set()
    kept = []
    for line in raw.splitlines():
        line = " ".join(line.split())
        if len(line.split()) >= 4 and _END.search(line) and line not in seen:
            kept.append(line)
        seen.add(line)
    return "\n".join(kept)


def html_text(html: str, *, ingest: bool) -> str:
    """trafilatura's text of a page: with ingest's options, or with trafilatura's defaults."""
    if ingest:
        extracted = extract_html("page", html)
        return getattr(extracted, "text", "") or ""
    import trafilatura

    options = {**EXTRACT_OPTIONS, "favor_precision": False}
    result = trafilatura.bare_extraction(html, date_extraction_params=DATE_PARAMS, **options)
    return (result.text or "") if result is not None else ""


def page_rows(show_pages: bool, with_html: bool) -> None:
    gold = json.loads((PAGES / "gold.json").read_text(encoding="utf-8"))
    systems = ["cleaner", "baseline"] + (["html: ingest", "html: defaults"] if with_html else [])
    scores: dict[tuple[str, str], list[tuple[float, float, float]]] = collections.defaultdict(list)
    for key in sorted(gold):
        part = "held-out" if held_out(key) else "tuning"
        raw = (PAGES / f"{key}.txt").read_text(encoding="utf-8")
        body = gold[key]["body"]
        outputs = {"cleaner": clean_text(raw).text, "baseline": baseline(raw)}
        if with_html:
            with gzip.open(PAGES / f"{key}.html.gz", "rt", encoding="utf-8", errors="replace") as f:
                html = f.read()
            outputs["html: ingest"] = html_text(html, ingest=True)
            outputs["html: defaults"] = html_text(html, ingest=False)
        for system, text in outputs.items():
            result = shingle_scores(text, body)
            scores[(part, system)].append(result)
            scores[("all", system)].append(result)
            if show_pages and part == "tuning" and system == "cleaner":
                print(f"  {key:<42} P {result[0]:.3f} R {result[1]:.3f} F1 {result[2]:.3f}")
    print(f"\n{'copied pages (5-shingle, macro)':<34} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6}")
    print("-" * 61)
    for part in ("tuning", "held-out", "all"):
        for system in systems:
            rows = scores[(part, system)]
            means = [sum(r[i] for r in rows) / len(rows) for i in range(3)]
            name = f"{part}: {system}"
            print(f"{name:<34} {len(rows):>5} {means[0]:>6.3f} {means[1]:>6.3f} {means[2]:>6.3f}")


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


def line_rows() -> None:
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
    print(f"\n{'line labels':<34} {'lines':>6} {'precision':>9} {'recall':>7}")
    print("-" * 59)
    for name, lines, precision, recall in rows:
        print(f"{name:<34} {lines:>6} {precision:>9.3f} {recall:>7.3f}")
    for split, reasons in dropped.items():
        print(f"\nwikinews {split}: why article lines were dropped")
        for reason, count in reasons.most_common():
            print(f"  {count:>4}  {reason}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", action="store_true", help="per-page rows (tuning part only)")
    parser.add_argument("--no-html", action="store_true", help="skip the HTML path")
    parser.add_argument("--no-lines", action="store_true", help="skip the line-label rows")
    args = parser.parse_args()
    if (PAGES / "gold.json").exists():
        page_rows(args.pages, not args.no_html)
    else:
        print(f"{PAGES} not found: copied-page rows skipped")
    if not args.no_lines:
        line_rows()


if __name__ == "__main__":
    main()
