"""German attribution of figures on real news pages, against the project's own gold.

The pages are real 2023-2026 German, Austrian and Swiss news pages in
``../shared/data/copied-pages-dev/`` (third-party pages: measuring only, so their text stays
there). ``benchmarks/data/real_news_gold/gold.jsonl`` holds, per page, the checksum of the
text ``quellenlage ingest`` reads from its HTML and, per figure, offsets, the figure's string
and the source a careful reader names (guideline and format: the README beside it). The split
into ``dev`` and ``heldout`` pages was fixed before annotating (every third page in sorted
order is held out); ``heldout2`` pages were annotated later and are measured like ``heldout``.

Each page is read with the project's reader (a changed text is reported, not scored) and
analysed with ``pipeline.analyze``; the figures are scored by
:func:`quellenlage.research.realnews.score_page`:

- ``found``: share of gold figures the tool parses as quantities (span overlap);
- ``in claim``: share held by (or covered by) a claim;
- ``right src``: share whose claim names the gold source (case, articles, inflection endings
  and containment of the name are forgiven; ``outlet`` = the outlet's own assertion);
- ``mention``: share right, or whose claim's source mention is the gold mention (right words,
  name not resolved);
- ``chain``: share of gold chains recovered (``spurious``: tool chains where the gold has none).

Held-out pages print only their summary; ``--show-errors`` lists wrong sources of ``dev``
pages only. Goals (issue 11): found >= 0.95, right source >= 0.90.

Usage: ``.venv/bin/python benchmarks/attribution_real.py [--split dev|heldout|heldout2|all]
[--show-errors] [--json] [--learned DIR] [--spkatt] [--data DIR] [--gold FILE]`` (``--learned`` adds the
optional, non-commercial learned attribution model, e.g. ``models/wikinews-attribution``;
``--spkatt`` the bundled SpkAtt model, off by default).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from quellenlage.research.realnews import (  # noqa: E402
    SPLITS,
    FigureResult,
    GoldError,
    GoldPage,
    Tally,
    load_gold,
    read_page,
    score_page,
    tally,
)

GOLD = REPO / "benchmarks" / "data" / "real_news_gold" / "gold.jsonl"
DEFAULT_DATA = REPO.parent / "shared" / "data" / "copied-pages-dev"
_LINK_ORDER = ("same_sentence", "previous", "next", "heading", "outlet")


def analyse(page: GoldPage, data: Path, overrides: dict | None = None) -> list[FigureResult]:
    from quellenlage.pipeline import analyze_many
    from quellenlage.quantities import parse_quantities

    document = read_page(page, data)
    (result,) = analyze_many([document], batch_size=1, overrides=overrides)
    if result.failed:
        raise GoldError(f"{page.page}: analysis failed: {result.failed}")
    quantities = parse_quantities(document.text, lang=document.language.value or "de")
    return score_page(page, result.claims, quantities)


def _fmt(value: float | None) -> str:
    return "   -" if value is None else f"{value:.3f}"


def _row(name: str, total: Tally) -> str:
    r = total.ratios()
    chain = f"{_fmt(r['chain_recovered'])} ({r['chains']})"
    return (
        f"{name:38s} {r['figures']:5d} {_fmt(r['found']):>7s} {_fmt(r['in_claim']):>8s} "
        f"{_fmt(r['right_source']):>9s} {_fmt(r['right_mention']):>7s} {chain:>11s} "
        f"{r['spurious_chains']:>8d}"
    )


def _by_link(total: Tally) -> str:
    parts = []
    for kind in _LINK_ORDER:
        n = total.by_link.get(kind, 0)
        if n:
            parts.append(f"{kind} {total.right_by_link[kind]}/{n}")
    return "  right source by link: " + ", ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--show-errors", action="store_true", help="wrong sources (dev only)")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of tables")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument(
        "--learned", type=Path, help="add the optional learned attribution model in this folder"
    )
    parser.add_argument(
        "--spkatt", action="store_true", help="add the bundled SpkAtt model (off by default)"
    )
    args = parser.parse_args(argv)

    try:
        pages = load_gold(args.gold)
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    splits = SPLITS if args.split == "all" else (args.split,)
    overrides: dict = {}
    if args.learned:
        overrides["components.attribution.learned.path"] = str(args.learned)
    if args.spkatt:
        overrides["components.attribution.spkatt.path"] = "bundled"
    cpu = time.process_time()
    results: dict[str, list[FigureResult]] = {}
    problems: list[str] = []
    for page in pages:
        if page.split not in splits:
            continue
        try:
            results[page.page] = analyse(page, args.data, overrides or None)
        except GoldError as exc:  # a drifted or missing page is reported; the others go on
            problems.append(str(exc))
    cpu = time.process_time() - cpu
    split_of = {page.page: page.split for page in pages}
    set_of = {page.page: page.set for page in pages}

    report: dict = {
        "gold": str(args.gold.relative_to(REPO) if args.gold.is_relative_to(REPO) else args.gold),
        "learned": str(args.learned) if args.learned else None,
        "spkatt": args.spkatt,
        "cpu_s": round(cpu, 1),
        "problems": problems,
        "splits": {},
    }
    for split in splits:
        names = [name for name in results if split_of[name] == split]
        entry: dict = {"pages": len(names), **tally(r for n in names for r in results[n]).ratios()}
        first = [name for name in names if set_of[name] == "first"]
        entry["first_pages"] = {
            "pages": len(first),
            **tally(r for n in first for r in results[n]).ratios(),
        }
        if split == "dev":
            entry["per_page"] = {name: tally(results[name]).ratios() for name in names}
            if args.show_errors:
                entry["errors"] = [
                    {"page": name, **result.row()}
                    for name in names
                    for result in results[name]
                    if not result.right
                ]
                entry["not_parsed"] = [
                    {"page": name, "figure": r.figure.text, "start": r.figure.start}
                    for name in names
                    for r in results[name]
                    if not r.found
                ]
        report["splits"][split] = entry

    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        _print_tables(report, results, split_of, set_of, splits, args.show_errors)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 3 if problems else 0


def _print_tables(
    report: dict, results: dict, split_of: dict, set_of: dict, splits, show_errors: bool
) -> None:
    header = (
        f"{'page':38s} {'figs':>5s} {'found':>7s} {'in claim':>8s} {'right src':>9s} {'mention':>7s} "
        f"{'chain (n)':>11s} {'spurious':>8s}"
    )
    parts = [f"learned part {report['learned']}"] * bool(report["learned"])
    parts += ["SpkAtt model"] * report["spkatt"]
    learned = ", " + (" + ".join(parts) if parts else "rules only")
    print(
        f"German attribution on real news pages ({report['gold']}{learned}); "
        f"CPU {report['cpu_s']} s"
    )
    for split in splits:
        names = [name for name in results if split_of[name] == split]
        total = tally(r for n in names for r in results[n])
        print(f"\n{split} ({len(names)} pages)")
        print(header)
        if split == "dev":  # held-out pages: the summary only
            for name in names:
                print(_row(name, tally(results[name])))
        print(_row(f"all {split}", total))
        first = [name for name in names if set_of[name] == "first"]
        if 0 < len(first) < len(names):  # the pages the split was fixed on, comparable across runs
            print(
                _row(
                    f"{split}, first {len(first)} pages",
                    tally(r for n in first for r in results[n]),
                )
            )
        print(_by_link(total))
    if show_errors and "dev" in splits:
        errors = report["splits"]["dev"].get("errors", [])
        print(f"\nwrong sources on dev pages ({len(errors)})")
        for e in errors:
            gold = e["gold_source"] + (f" [{e['gold_mention']}]" if e["gold_mention"] else "")
            tool = (
                "no claim"
                if e["tool_mode"] is None
                else f"{e['tool_mode']}: {e['tool_source'] or '(outlet)'}"
                + (f" [{e['tool_mention']}]" if e["tool_mention"] != e["tool_source"] else "")
                + (f" cue {e['tool_cue']!r}" if e["tool_cue"] else "")
                + (f" link {e['tool_link']}" if e.get("tool_link") else "")
            )
            flags = ("heading " if e["heading"] else "") + e["link"]
            found = "" if e["found"] else " (not parsed)"
            print(f"  {e['page']}@{e['start']} {e['figure']!r}{found} [{flags}]")
            print(f"      gold {gold}  |  tool {tool}")
        missed = report["splits"]["dev"].get("not_parsed", [])
        print(f"\nfigures not parsed as quantities on dev pages ({len(missed)})")
        for m in missed:
            print(f"  {m['page']}@{m['start']} {m['figure']!r}")


if __name__ == "__main__":
    sys.exit(main())
