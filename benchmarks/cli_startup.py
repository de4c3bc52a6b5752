"""CPU cost of one CLI call: ``--help`` and the query commands on a 30,000-claim database.

Every call is a fresh process (``python -m quellenlage …``); its whole CPU time
(user + system, from ``resource.getrusage(RUSAGE_CHILDREN)``) is what a user
waits for, start-up included. Prints the median of several runs per command
against the goal (0.5 s CPU each).

The database is synthetic and built here through the store and the API:
10,000 analysed reports with three claims each (a source, a figure and a
date in every claim), figures linked. ``--db`` measures an existing database
instead (for example one built by an older version).

    .venv/bin/python benchmarks/cli_startup.py              # build, measure, print
    .venv/bin/python benchmarks/cli_startup.py --runs 9 --keep /tmp/30k.db
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_CPU_S = 0.5

OUTLETS = ("Tagesblatt", "Nordkurier", "Rundschau", "Abendpost", "Morgenecho")
SOURCES = ("Reuters", "dpa", "AFP", "das Ministerium", "die Polizei", "ein Sprecher")
THINGS = (
    ("Soldaten", "Soldat"),
    ("Flüchtlinge", "Flüchtling"),
    ("Drohnen", "Drohne"),
    ("Verletzte", "Verletzter"),
)
PLACES = ("Kiew", "Charkiw", "Odessa", "Berlin", "Wien", "Paris")


def _german(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _report(i: int, rng: random.Random):
    """One analysed report: three sentences, each a claim with a source, a figure and a date."""
    from quellenlage.records import Claim, Document, Field, Quantity, Source, TimeExpr

    published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(365))
    sentences, claims, offset = [], [], 0
    for _ in range(3):
        plural, lemma = rng.choice(THINGS)
        place, source = rng.choice(PLACES), rng.choice(SOURCES)
        number = _german(rng.randrange(2, 20) * 500)
        sentence = f"Laut {source} seien am Montag {number} {plural} in {place} gezählt worden."
        phrase = f"{number} {plural}"
        q_start = offset + sentence.index(phrase)
        t_start = offset + sentence.index("am Montag")
        monday = published - dt.timedelta(days=published.weekday())
        claims.append(
            Claim(
                text=sentence,
                span=(offset, offset + len(sentence)),
                sentence_span=(offset, offset + len(sentence)),
                mode="according_to",
                certainty="reported",
                source=Source(source, (offset + 5, offset + 5 + len(source))),
                quantities=(
                    Quantity(
                        text=phrase,
                        span=(q_start, q_start + len(phrase)),
                        value=float(number.replace(".", "")),
                        unit=lemma,
                    ),
                ),
                times=(
                    TimeExpr(
                        text="am Montag",
                        span=(t_start, t_start + len("am Montag")),
                        start=monday.isoformat(),
                        end=monday.isoformat(),
                        granularity="day",
                        relative=True,
                        resolved=True,
                    ),
                ),
            )
        )
        sentences.append(sentence)
        offset += len(sentence) + 1
    text = "\n".join(sentences)
    document = Document(
        origin=f"synthetic-{i}.txt",
        text=text,
        raw=text,
        format="text",
        content_hash=hashlib.sha256(f"{i}:{text}".encode()).hexdigest(),
        title=Field(f"Bericht {i}", "text"),
        published=Field(published.isoformat(), "user"),
        outlet=Field(OUTLETS[i % len(OUTLETS)], "user"),
        language=Field("de", "user"),
    )
    return document, claims


def build(path: Path, n_claims: int) -> float:
    """Store ``n_claims`` synthetic claims (three per report) and link them; returns seconds."""
    from quellenlage import api

    started = time.perf_counter()
    store = api.open_db(path)
    rng = random.Random(9)
    batch = [_report(i, rng) for i in range(n_claims // 3)]
    for start in range(0, len(batch), 500):
        chunk = batch[start : start + 500]
        ids = store.add_documents((doc, None) for doc, _ in chunk)
        for doc_id, (_, claims) in zip(ids, chunk, strict=True):
            store.save_analysis(doc_id, claims, [])
    api.link(db=store)
    store.close()
    return time.perf_counter() - started


#: The children may write and use bytecode caches, as every installed Python package does
#: (PYTHONDONTWRITEBYTECODE in a development shell would make each call compile the source).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def cpu_seconds(argv: list[str]) -> float:
    """User + system CPU time of one child process running ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=CHILD_ENV
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.strip()}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _figures_to_show(db: Path) -> tuple[dict, dict]:
    """A typical figure (the median number of values among tracked ones) and the largest."""
    from quellenlage import api

    tracked = api.figures(db=db, min_values=2, limit=100_000)
    return tracked[len(tracked) // 2], tracked[0]


def measure(
    db: Path, runs: int, timelines: list[int] | None = None
) -> list[tuple[str, list[float]]]:
    cli = [sys.executable, "-m", "quellenlage"]
    if timelines:  # given by id (e.g. for a database an older version built)
        typical, largest = ({"id": i, "values": "?"} for i in timelines)
    else:
        typical, largest = _figures_to_show(db)
    commands = [
        ["--help"],
        ["claims", "--db", str(db)],
        ["claims", "--source", "Reuters", "--db", str(db)],
        ["figures", "--db", str(db)],
        ["figures", "--json", "--db", str(db)],
        ["timeline", str(typical["id"]), "--db", str(db)],
        ["timeline", str(largest["id"]), "--db", str(db)],
        ["sources", "--db", str(db)],
    ]
    sizes = {str(f["id"]): f["values"] for f in (typical, largest)}
    for command in commands:  # warm the file cache and the bytecode once
        cpu_seconds([*cli, *command])
    return [
        (
            " ".join(c) + (f" ({sizes[c[1]]} values)" if c[0] == "timeline" else ""),
            [cpu_seconds([*cli, *c]) for _ in range(runs)],
        )
        for c in commands
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=30_000, help="claims in the database")
    parser.add_argument("--runs", type=int, default=5, help="runs per command (median)")
    parser.add_argument("--db", type=Path, help="measure this database instead of building one")
    parser.add_argument("--keep", type=Path, help="build the database here and keep it")
    parser.add_argument(
        "--timelines",
        help="ids of the typical and the largest figure, comma-separated (default: found here)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db
        if db is None:
            db = args.keep or Path(folder) / "startup.db"
            seconds = build(db, args.claims)
            print(f"built {args.claims} claims in {seconds:.0f} s: {db}")
        timelines = [int(i) for i in args.timelines.split(",")] if args.timelines else None
        results = measure(db, args.runs, timelines)
    print(f"\nCLI start-up, CPU seconds per call (median of {args.runs}; goal ≤ {GOAL_CPU_S} s)")
    header = f"{'command':<36} {'median':>7} {'min':>7} {'max':>7}  goal"
    print(header)
    print("-" * len(header))
    for name, times in results:
        median = statistics.median(times)
        print(
            f"{name.replace(' --db ' + str(db), ''):<36} {median:>7.2f} {min(times):>7.2f} "
            f"{max(times):>7.2f}  {'met' if median <= GOAL_CPU_S else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
