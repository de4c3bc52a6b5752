"""Figure tracking on real stories, against hand annotation: cohesion, purity, mixed measures.

The stories are Wikinews reports from ``../shared/data/wikinews-quotes/`` (CC BY-NC-SA: the
texts stay there). ``benchmarks/data/tracking_real.jsonl`` holds the hand annotation of each
figure value as character offsets into a report's ``originalText`` with checksums (of the
report and of the value's text), its measure, the true figure it belongs to, its subject and
source. Stories marked ``heldout`` were annotated but never used to tune anything, and
their per-value errors are not looked at; a held-out story that has been looked at moves
to ``dev`` (ethiopia-2005 and floods-2008 did, after the first session's measurement).

Each story's reports are analysed with the real pipeline and tracked together. A gold value
is *found* when a tool figure holds a quantity overlapping its span. Per story:

- ``found``: gold count values found as figure values / gold count values;
- ``cohesion``: for each true figure with at least two found values, the share of them in the
  tool figure holding most of them (mean, weighted by values; ``n`` such figures);
- ``purity``: for each tool figure holding gold values, the share of those belonging to its
  most frequent true figure (mean, weighted by values);
- ``mixed``: tool figures holding gold values of two measures (a plan and its deployment are
  one measure here);
- ``vague in``: vague gold values ("zehntausende") that became figure values (goal 0);
- ``sources gold/tool``: distinct sources of the found values, by hand and as the tool names
  them; ``src ok`` the share of found values whose tool source matches the hand-given one
  (case-insensitive containment either way; "(Wikinews)" = no source).

Usage: ``.venv/bin/python benchmarks/tracking_real.py [--split dev|heldout] [--data DIR]``
Goals: cohesion >= 0.90, purity >= 0.97, mixed = 0.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from quellenlage.records import Document, Field  # noqa: E402

GOLD = REPO / "benchmarks" / "data" / "tracking_real.jsonl"
DEFAULT_DATA = REPO.parent / "shared" / "data" / "wikinews-quotes"
_PRESENCE = {"deployed", "planned"}


def _family(measure: str) -> str:
    return "presence" if measure in _PRESENCE else measure


def load_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def load_documents(gold: list[dict], data: Path) -> dict[int, Document]:
    """The annotated reports from the shared files, checked against the annotation's checksums."""
    wanted = {(row["file"], row["wikinews_id"]): row["text_sha1"] for row in gold}
    documents: dict[int, Document] = {}
    for file in sorted({f for f, _ in wanted}):
        path = data / file
        if not path.exists():
            raise SystemExit(f"{path}: not found (pass --data with the wikinews-quotes folder)")
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            key = (file, record["wikinewsId"])
            if key not in wanted:
                continue
            text = record["originalText"]
            if hashlib.sha1(text.encode()).hexdigest()[:12] != wanted[key]:
                raise SystemExit(f"{path}: report {key[1]} differs from the annotated text")
            documents[key[1]] = Document(
                origin=f"{file}#{key[1]}",
                text=text,
                raw=text,
                format="jsonl",
                content_hash=hashlib.sha256(text.encode()).hexdigest(),
                title=Field(record["fileName"].split(" - ", 1)[-1], "jsonl"),
                published=Field(record["published"], "jsonl"),
                outlet=Field("Wikinews", "jsonl"),
                language=Field("de", "jsonl"),
                id=key[1],
            )
    for row in gold:
        text = documents[row["wikinews_id"]].text
        piece = text[row["span"][0] : row["span"][1]]
        if hashlib.sha1(piece.encode()).hexdigest()[:12] != row["sha1"]:
            raise SystemExit(f"annotation {row['figure']} in {row['wikinews_id']}: span moved")
    return documents


def _source_matches(gold: str, tool: str | None) -> bool:
    if gold == "(Wikinews)":
        return tool is None
    return tool is not None and (gold.lower() in tool.lower() or tool.lower() in gold.lower())


def evaluate(rows: list[dict], tracking) -> dict:
    """The measures of one story: gold rows against the tool's figures."""
    where: dict[tuple[int, int, int], tuple[str, str | None]] = {}
    for figure in tracking.figures:
        for link in figure.links:
            obs = link.observation
            source = tracking.source_name(obs.claim.source) if obs.claim.source else None
            start, end = obs.quantity.span
            where[(obs.report.id, start, end)] = (figure.key, source)

    def found(row: dict) -> tuple[str, str | None] | None:
        a, b = row["span"]
        for (doc, start, end), hit in where.items():
            if doc == row["wikinews_id"] and start < b and a < end:
                return hit
        return None

    counted = [r for r in rows if r["kind"] != "vague"]
    hits = {id(r): found(r) for r in rows}
    matched = [r for r in counted if hits[id(r)]]
    by_true: dict[str, list[str]] = defaultdict(list)
    by_tool: dict[str, list[dict]] = defaultdict(list)
    for row in matched:
        key = hits[id(row)][0]  # type: ignore[index]
        by_true[row["figure"]].append(key)
        by_tool[key].append(row)
    cohesive = [keys for keys in by_true.values() if len(keys) >= 2]
    cohesion_n = sum(len(k) for k in cohesive)
    cohesion = (
        sum(Counter(keys).most_common(1)[0][1] for keys in cohesive) / cohesion_n
        if cohesion_n
        else float("nan")
    )
    purity_n = sum(len(v) for v in by_tool.values())
    purity = (
        sum(Counter(r["figure"] for r in v).most_common(1)[0][1] for v in by_tool.values())
        / purity_n
        if purity_n
        else float("nan")
    )
    mixed = sum(1 for v in by_tool.values() if len({_family(r["measure"]) for r in v}) > 1)
    vague_in = sum(1 for r in rows if r["kind"] == "vague" and hits[id(r)])
    gold_sources = {r["source"] for r in matched}
    tool_sources = {hits[id(r)][1] or "(Wikinews)" for r in matched}  # type: ignore[index]
    source_ok = sum(1 for r in matched if _source_matches(r["source"], hits[id(r)][1]))  # type: ignore[index]
    return {
        "values": len(counted),
        "found": len(matched),
        "cohesion": cohesion,
        "cohesion_figures": len(cohesive),
        "purity": purity,
        "mixed": mixed,
        "vague_in": vague_in,
        "gold_sources": len(gold_sources),
        "tool_sources": len(tool_sources),
        "source_ok": source_ok / len(matched) if matched else float("nan"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("dev", "heldout"), help="only this split")
    args = parser.parse_args()

    from quellenlage import pipeline
    from quellenlage.tracking import track

    gold = [r for r in load_gold() if args.split in (None, r["split"])]
    documents = load_documents(gold, args.data)
    analyses = {a.document.id: a.claims for a in pipeline.analyze_many(documents.values())}
    stories: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in gold:
        stories[(row["split"], row["story"])].append(row)
    header = (
        f"{'split':8} {'story':18} {'values':>6} {'found':>5} {'cohesion':>8} {'(n)':>4} "
        f"{'purity':>6} {'mixed':>5} {'vague in':>8} {'sources gold/tool':>17} {'src ok':>6}"
    )
    print(header)
    print("-" * len(header))
    for (split, story), rows in sorted(stories.items()):
        ids = sorted({r["wikinews_id"] for r in rows})
        tracking = track([(documents[i], analyses[i]) for i in ids])
        m = evaluate(rows, tracking)
        print(
            f"{split:8} {story:18} {m['values']:>6} {m['found']:>5} {m['cohesion']:>8.2f} "
            f"{m['cohesion_figures']:>4} {m['purity']:>6.2f} {m['mixed']:>5} {m['vague_in']:>8} "
            f"{m['gold_sources']:>8}/{m['tool_sources']:<8} {m['source_ok']:>6.2f}"
        )
        if tracking.failures:
            print(f"         failures: {tracking.failures}")


if __name__ == "__main__":
    main()
