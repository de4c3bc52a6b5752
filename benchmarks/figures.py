"""Throughput of the figures and times parsers on real German news text.

Runs ``parse_quantities`` and ``parse_times`` (with the publication date) over the
``originalText`` of every Wikinews dev document in ../shared/data/wikinews-quotes and
prints tokens per second on one core. Goal: >= 50,000 tokens/s for both together.
Also prints how often the counted-noun lemma rules agree with the gold lemmas of plural
nouns in UD German GSD (../shared/data/ud-german), where that corpus is present.

    .venv/bin/python benchmarks/figures.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from quellenlage.quantities import parse_quantities
from quellenlage.quantities.lemma import german_noun_lemma
from quellenlage.times import parse_times

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DATA = SHARED_DATA / "wikinews-quotes"
UD = SHARED_DATA / "ud-german"
GOAL_TOKENS_PER_SECOND = 50_000
_TOKEN = re.compile(r"\w+|[^\w\s]")


def load(split: str) -> list[tuple[str, str | None]]:
    path = DATA / f"{split}.jsonl"
    with path.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    return [(r["originalText"], r.get("published")) for r in records]


def timed(run, docs: list[tuple[str, str | None]], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text, published in docs:
            run(text, published)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    args = parser.parse_args()
    if not (DATA / f"{args.split}.jsonl").exists():
        print(f"skipped: {DATA / (args.split + '.jsonl')} not found")
        return 0
    docs = load(args.split)
    tokens = sum(len(_TOKEN.findall(text)) for text, _ in docs)
    runs = {
        "parse_quantities": lambda text, published: parse_quantities(text, lang="de"),
        "parse_times": lambda text, published: parse_times(text, lang="de", published=published),
        "both": lambda text, published: (
            parse_quantities(text, lang="de"),
            parse_times(text, lang="de", published=published),
        ),
    }
    print(f"Wikinews {args.split}: {len(docs)} documents, {tokens} tokens, best of {args.repeat}")
    print(f"{'parser':<18}{'seconds':>9}{'tokens/s':>12}")
    rates = {}
    for name, run in runs.items():
        seconds = timed(run, docs, args.repeat)
        rates[name] = tokens / seconds
        print(f"{name:<18}{seconds:>9.3f}{rates[name]:>12,.0f}")
    verdict = "meets" if rates["both"] >= GOAL_TOKENS_PER_SECOND else "BELOW"
    print(f"goal {GOAL_TOKENS_PER_SECOND:,} tokens/s for both: {verdict}")
    lemma_table()
    return 0


def lemma_table() -> None:
    """Agreement of german_noun_lemma with UD lemmas of plural nouns (all, after a numeral)."""
    files = sorted(UD.glob("de_gsd-ud-*.conllu"))
    if not files:
        return
    print(f"\n{'lemmas (UD GSD plural nouns)':<30}{'all':>14}{'after NUM':>14}")
    for path in files:
        counts = {"all": [0, 0], "num": [0, 0]}
        previous = None
        for line in path.read_text(encoding="utf-8").splitlines():
            columns = line.split("\t")
            if len(columns) != 10 or not columns[0].isdigit():
                previous = None if not line.strip() else previous
                continue
            form, lemma, pos, features = columns[1], columns[2], columns[3], columns[5]
            if pos == "NOUN" and "Number=Plur" in features and lemma != "_":
                right = german_noun_lemma(form) == lemma
                for key in ("all", "num") if previous == "NUM" else ("all",):
                    counts[key][0] += right
                    counts[key][1] += 1
            previous = pos
        cells = [f"{ok}/{n} {ok / max(n, 1):.1%}" for ok, n in counts.values()]
        print(f"{path.stem:<30}{cells[0]:>14}{cells[1]:>14}")


if __name__ == "__main__":
    sys.exit(main())
