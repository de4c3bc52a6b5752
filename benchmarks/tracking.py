"""Figure linking at scale, and query speed on a database of 100,000 claims.

Part 1, linking: generates N synthetic German reports (three claims each, one quantity per
claim) about a few hundred *subjects* — a counted thing (20 unit lemmas), whose group it is
(6 countries) and where (5 other countries) — with values spread within a factor of three
around each subject's own magnitude, plus a share of claims that name no group (it is in the
sentence before). Each N runs in a fresh process: ``link s`` is the wall time of
``tracking.track`` (observations, features, blocking, linking, disagreements, sources) and
``cpu s`` its process CPU time (steadier on a shared machine),
``rss growth`` the peak resident memory minus the resident memory before linking.
``pairs P/R`` is pairwise precision and recall of the figures against the true subjects:
precision is how many of the pairs put into one figure belong together (wrong merges lower
it), recall how many of the pairs that belong together were linked (missed links lower it).

Part 2, queries: stores ``--claims`` synthetic claims (same generator) in a fresh SQLite
database with bulk inserts, links them from the database (``api.link``, timed), then
times each query the CLI runs (best of 3 runs).

Usage: ``.venv/bin/python benchmarks/tracking.py [--sizes 1000 10000 100000] [--claims 100000]``
Goals: linking near-linear in N (time per report flat); every query under one second.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from quellenlage.records import Claim, Document, Field, Quantity, Source  # noqa: E402
from quellenlage.tracking.lexicon import unit_class  # noqa: E402

UNITS = [
    ("Soldat", "Soldaten"), ("Panzer", "Panzer"), ("Drohne", "Drohnen"), ("Rakete", "Raketen"),
    ("Granate", "Granaten"), ("Flugzeug", "Flugzeuge"), ("Schiff", "Schiffe"),
    ("Zivilist", "Zivilisten"), ("Flüchtling", "Flüchtlinge"), ("Dolmetscher", "Dolmetscher"),
    ("Ingenieur", "Ingenieure"), ("Arzt", "Ärzte"), ("Container", "Container"),
    ("Lastwagen", "Lastwagen"), ("Geschütz", "Geschütze"), ("Offizier", "Offiziere"),
    ("Berater", "Berater"), ("Techniker", "Techniker"), ("Söldner", "Söldner"),
    ("Kämpfer", "Kämpfer"),
]  # fmt: skip
COUNTRIES = [
    ("nordkoreanische", "Nordkorea"), ("südkoreanische", "Südkorea"), ("russische", "Russland"),
    ("ukrainische", "Ukraine"), ("amerikanische", "USA"), ("chinesische", "China"),
]  # fmt: skip
SOURCES = ["Reuters", "dpa", "AFP", "der Geheimdienst", "das Ministerium", "Nato", "Kreml",
           "ein Regierungssprecher", "die Behörden", "Yonhap"]  # fmt: skip
VERBS = ["eingetroffen", "stationiert", "gemeldet", "verlegt", "gezählt", "registriert"]


def subjects(count: int, seed: int = 7) -> list[tuple[int, int, int, float]]:
    """(unit, owner, place, log10 magnitude) for ``count`` distinct subjects."""
    rng = random.Random(seed)
    combos = [
        (u, o, p)
        for u in range(len(UNITS))
        for o in range(len(COUNTRIES))
        for p in range(len(COUNTRIES))
        if o != p
    ]
    rng.shuffle(combos)
    return [(u, o, p, rng.uniform(1.5, 5.0)) for u, o, p in combos[:count]]


def _german(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def reports(n: int, n_subjects: int = 400, seed: int = 11) -> list[tuple[Document, list[Claim]]]:
    """N reports with three claims each; claim quantities carry their true subject in ``unit``."""
    rng = random.Random(seed)
    subject_list = subjects(n_subjects)
    # Synonyms count the same thing (Soldat and Kämpfer are both soldiers): the true
    # subject is the unit class with its group and place.
    classes = {u: unit_class(lemma) for u, (lemma, _) in enumerate(UNITS)}
    keys = [(classes[u], o, p) for u, o, p, _ in subject_list]
    truth = [keys.index(key) for key in keys]
    start = dt.date(2024, 1, 1)
    out = []
    for i in range(n):
        published = start + dt.timedelta(days=rng.randrange(365))
        parts, claims = [], []
        offset = 0
        for _ in range(3):
            s = rng.randrange(len(subject_list))
            unit, owner, place, magnitude = subject_list[s]
            value = max(2, int(10**magnitude * rng.uniform(0.6, 1.6)))
            adjective, _ = COUNTRIES[owner]
            _, place_name = COUNTRIES[place]
            lemma, plural = UNITS[unit]
            source = rng.choice(SOURCES)
            number = _german(value)
            if rng.random() < 0.2:  # group named in the sentence before only
                lead = f"Die {adjective}n Einheiten sind unterwegs. "
                phrase = f"{number} {plural}"
            else:
                lead = ""
                phrase = f"{number} {adjective} {plural}"
            sentence = f"Laut {source} seien {phrase} in {place_name} {rng.choice(VERBS)}."
            text = lead + sentence
            s_start = offset + len(lead)
            q_start = s_start + sentence.index(phrase)
            quantity = Quantity(
                text=phrase, span=(q_start, q_start + len(phrase)), value=value, unit=lemma
            )
            claims.append(
                Claim(
                    text=sentence,
                    span=(s_start, s_start + len(sentence)),
                    sentence_span=(s_start, s_start + len(sentence)),
                    mode="according_to",
                    certainty="reported",
                    source=Source(source, None),
                    quantities=(quantity,),
                    document_id=truth[s],  # the true subject, for scoring only
                )
            )
            parts.append(text)
            offset += len(text) + 1
        body = "\n".join(parts)
        doc = Document(
            origin=f"synthetic-{i}",
            text=body,
            raw=body,
            format="text",
            content_hash=hashlib.sha256(f"{i}:{body}".encode()).hexdigest(),
            published=Field(published.isoformat(), "user"),
            outlet=Field(f"Outlet {i % 40}", "user"),
            language=Field("de", "user"),
        )
        out.append((doc, claims))
    return out


def _rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _peak_mb() -> float:
    """Peak resident memory since the last reset of the kernel's mark (VmHWM)."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pairs(counter: Counter) -> int:
    return sum(c * (c - 1) // 2 for c in counter.values())


def link_once(n: int) -> dict:
    """Child process: generate N reports, link them, report time, memory and pair scores."""
    from quellenlage.tracking import track

    data = reports(n)
    before = _rss_mb()
    with contextlib.suppress(OSError):  # reset the kernel's peak mark: the peak is linking's
        Path("/proc/self/clear_refs").write_text("5")
    started, cpu_started = time.perf_counter(), time.process_time()
    tracking = track(data)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = _peak_mb()
    together, same, both = Counter(), Counter(), Counter()
    for figure_number, figure in enumerate(tracking.figures):
        for link in figure.links:
            truth = link.observation.claim.document_id
            together[figure_number] += 1
            same[truth] += 1
            both[(figure_number, truth)] += 1
    linked, true, correct = _pairs(together), _pairs(same), _pairs(both)
    return {
        "n": n,
        "values": sum(together.values()),
        "figures": len(tracking.figures),
        "subjects": len(same),
        "seconds": seconds,
        "cpu": cpu,
        "growth_mb": max(peak - before, 0.0),
        "precision": correct / linked if linked else 1.0,
        "recall": correct / true if true else 1.0,
    }


def bench_linking(sizes: list[int]) -> None:
    print("\nLinking (each N in a fresh process)")
    header = (
        f"{'reports':>8} {'values':>7} {'subjects':>8} {'figures':>8} {'link s':>8} "
        f"{'cpu s':>8} {'cpu µs/value':>13} {'rss growth MB':>14} {'pairs P/R':>12}"
    )
    print(header)
    print("-" * len(header))
    for n in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(n)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"{r['n']:>8} {r['values']:>7} {r['subjects']:>8} {r['figures']:>8} "
            f"{r['seconds']:>8.2f} {r['cpu']:>8.2f} {r['cpu'] / r['values'] * 1e6:>13.1f} "
            f"{r['growth_mb']:>14.1f} {r['precision']:>5.3f}/{r['recall']:.3f}"
        )


def build_database(path: Path, n_claims: int) -> None:
    """Store synthetic reports with bulk inserts (as analysed documents)."""
    from sqlalchemy import insert

    from quellenlage.store import Store
    from quellenlage.store.tables import ClaimRow, DocumentRow, QuantityRow, utcnow

    store = Store.open(path)
    data = reports(n_claims // 3)
    now = utcnow()
    documents, claims, quantities = [], [], []
    claim_id = 0
    for doc_id, (doc, doc_claims) in enumerate(data, start=1):
        documents.append(
            {
                "id": doc_id, "origin": doc.origin, "format": "text", "title": doc.origin,
                "published": doc.published.value, "outlet": doc.outlet.value, "language": "de",
                "content_hash": doc.content_hash, "text": doc.text, "raw": doc.text,
                "analysed_at": now,
            }
        )  # fmt: skip
        for claim in doc_claims:
            claim_id += 1
            claims.append(
                {
                    "id": claim_id, "document_id": doc_id, "text": claim.text,
                    "span_start": claim.span[0], "span_end": claim.span[1],
                    "sentence_start": claim.sentence_span[0],
                    "sentence_end": claim.sentence_span[1], "mode": claim.mode,
                    "certainty": claim.certainty, "source_text": claim.source.text,
                    "source_name": claim.source.text, "source_kind": "unknown", "chain": [],
                    "hedges": [],
                }
            )  # fmt: skip
            for q in claim.quantities:
                quantities.append(
                    {
                        "claim_id": claim_id, "document_id": doc_id, "text": q.text,
                        "span_start": q.span[0], "span_end": q.span[1], "value": q.value,
                        "unit": q.unit, "kind": q.kind,
                    }
                )  # fmt: skip
    with store.session() as s:
        for table, rows in (
            (DocumentRow, documents),
            (ClaimRow, claims),
            (QuantityRow, quantities),
        ):
            for i in range(0, len(rows), 5000):
                s.execute(insert(table), rows[i : i + 5000])
    store.close()


def _best(function, repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def bench_queries(n_claims: int) -> None:
    from quellenlage import api
    from quellenlage.store import Store, queries
    from quellenlage.store import tracking as persist

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        started = time.perf_counter()
        build_database(path, n_claims)
        built = time.perf_counter() - started
        store = Store.open(path)
        started = time.perf_counter()
        api.link(db=store)
        linked = time.perf_counter() - started
        top = queries.figures(store, limit=1)[0]
        q = queries.ClaimFilter
        cases = [
            ("claims (no filter, first 100)", lambda: queries.claims(store, q())),
            ("claims --source Reuters", lambda: queries.claims(store, q(source="Reuters"))),
            ("claims --contains Drohnen", lambda: queries.claims(store, q(contains="Drohnen"))),
            ("claims --mode according_to", lambda: queries.claims(store, q(mode="according_to"))),
            ("claims --certainty hedged (none)", lambda: queries.claims(store, q(certainty="hedged"))),
            ("claims --has-figure", lambda: queries.claims(store, q(has_figure=True))),
            ("claims --no-figure (none)", lambda: queries.claims(store, q(has_figure=False))),
            ("claims --since/--until one week",
             lambda: queries.claims(store, q(since="2024-06-01", until="2024-06-07"))),
            ("claims --document 500", lambda: queries.claims(store, q(document=500))),
            ("claims all filters",
             lambda: queries.claims(store, q(source="dpa", contains="Soldaten", has_figure=True,
                                             since="2024-03-01", until="2024-09-30"))),
            ("figures (first 100)", lambda: queries.figures(store)),
            ("figures --disputed", lambda: queries.figures(store, disputed=True)),
            (f"timeline {top['id']} ({top['values']} values)",
             lambda: queries.timeline(store, str(top["id"]))),
            ("timeline by label piece", lambda: queries.timeline(store, top["label"][:12])),
            ("sources", lambda: queries.sources(store)),
            ("is_stale check", lambda: persist.is_stale(store)),
        ]  # fmt: skip
        print(f"\nQueries on {n_claims} claims ({n_claims // 3} reports)")
        print(f"  bulk insert {built:.1f} s; link from the database {linked:.1f} s")
        header = f"  {'query':<40} {'best of 3 ms':>12} {'rows':>6}"
        print(header)
        print("  " + "-" * (len(header) - 2))
        for name, function in cases:
            seconds, result = _best(function)
            rows = len(result) if isinstance(result, list) else (
                len(result["timeline"]) if isinstance(result, dict) else 1
            )  # fmt: skip
            flag = "" if seconds < 1 else "  OVER 1 s"
            print(f"  {name:<40} {seconds * 1000:>12.1f} {rows:>6}{flag}")
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000, 30000, 100000])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--skip-queries", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(link_once(args.child)))
        return
    bench_linking(args.sizes)
    if not args.skip_queries:
        bench_queries(args.claims)


if __name__ == "__main__":
    main()
