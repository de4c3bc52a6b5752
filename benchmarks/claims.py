"""Speed of claim extraction next to the German pipeline: ``.venv/bin/python benchmarks/claims.py``.

Runs the shipped pipeline over the Wikinews dev texts (``originalText``) on one thread, then
``extract_claims`` over the parsed documents, and prints tokens per second for the pipeline
alone, for the claims step alone, and for both together, plus the claims step's share of the
pipeline's time (goal: ≤ 50 %) and the analysis speed (goal: ≥ 10,000 tokens/s per core), by
wall clock and by process CPU time (the per-core figure when the machine is shared). A last
row runs the claims step on all texts joined into one document, to show it stays linear.
Options: ``--limit N`` documents, ``--repeat N`` runs of the claims step (the best counts).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

# One thread, set before numpy is imported, so that tokens/s is a per-core figure.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "wikinews-quotes" / "dev.jsonl"


def read_texts(path: Path, limit: int | None) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                texts.append(json.loads(line)["originalText"])
            if limit is not None and len(texts) >= limit:
                break
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="documents to use")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the claims step")
    options = parser.parse_args()
    if not DEV.is_file():
        print(f"Wikinews dev not found at {DEV}")
        return 1

    from quellenlage.claims import extract_claims
    from quellenlage.nlp import load

    texts = read_texts(DEV, options.limit)
    nlp = load("de")
    nlp("Aufwärmen.")

    wall, cpu = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe(texts, batch_size=32))
    pipeline = (time.perf_counter() - wall, time.process_time() - cpu)
    tokens = sum(len(doc) for doc in docs)

    claims = (float("inf"), float("inf"))
    claim_count = 0
    for _ in range(max(1, options.repeat)):
        wall, cpu = time.perf_counter(), time.process_time()
        claim_count = sum(len(extract_claims(doc)) for doc in docs)
        run = (time.perf_counter() - wall, time.process_time() - cpu)
        claims = min(claims, run, key=lambda pair: pair[1])

    # One long document of all texts: the claims step must stay linear in document length.
    long_doc = nlp("\n\n".join(texts))
    wall, cpu = time.perf_counter(), time.process_time()
    extract_claims(long_doc)
    long_run = (time.perf_counter() - wall, time.process_time() - cpu)

    total = (pipeline[0] + claims[0], pipeline[1] + claims[1])
    rows = [
        ("documents", f"{len(docs)}", ""),
        ("tokens", f"{tokens}", ""),
        ("claims found", f"{claim_count}", ""),
        ("pipeline: seconds", f"{pipeline[0]:.2f}", f"{pipeline[1]:.2f}"),
        ("pipeline: tokens/s", f"{tokens / pipeline[0]:,.0f}", f"{tokens / pipeline[1]:,.0f}"),
        ("claims: seconds", f"{claims[0]:.2f}", f"{claims[1]:.2f}"),
        ("claims: tokens/s", f"{tokens / claims[0]:,.0f}", f"{tokens / claims[1]:,.0f}"),
        (
            "claims / pipeline time (goal <= 50%)",
            f"{100 * claims[0] / pipeline[0]:.1f}%",
            f"{100 * claims[1] / pipeline[1]:.1f}%",
        ),
        (
            f"claims on one document of {len(long_doc)} tokens: tokens/s",
            f"{len(long_doc) / long_run[0]:,.0f}",
            f"{len(long_doc) / long_run[1]:,.0f}",
        ),
        (
            "pipeline + claims: tokens/s (goal >= 10,000)",
            f"{tokens / total[0]:,.0f}",
            f"{tokens / total[1]:,.0f}",
        ),
    ]
    width = max(len(name) for name, _, _ in rows)
    # CPU time is the per-core figure on a shared machine; wall time includes waiting.
    print(f"{'measure':<{width}}  {'wall clock':>12}  {'CPU time':>12}")
    print(f"{'-' * width}  {'-' * 12}  {'-' * 12}")
    for name, by_wall, by_cpu in rows:
        print(f"{name:<{width}}  {by_wall:>12}  {by_cpu:>12}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
