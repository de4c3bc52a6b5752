"""Whole analysis, one document at a time vs. in batches: ``.venv/bin/python benchmarks/pipeline.py``.

Loads the analysis pipeline (``quellenlage.pipeline.load``: language model plus the
``times``/``quantities``/``attribution``/``claim_context`` components) and prints its load
time, then analyses the Wikinews dev texts with ``pipeline.analyze`` one by one and with
``pipeline.analyze_many`` at several batch sizes: CPU seconds, documents per CPU second,
and whether every batch size gives the same claims as one-by-one. ``--limit N`` documents.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "wikinews-quotes" / "dev.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="documents to use")
    options = parser.parse_args()
    if not DEV.is_file():
        print(f"Wikinews dev not found at {DEV}")
        return 1
    from quellenlage import nlp, pipeline
    from quellenlage.records import Document, Field

    cpu = time.process_time()
    nlp.load("de")
    model_s = time.process_time() - cpu
    cpu = time.process_time()
    pipeline.load("de")
    components_s = time.process_time() - cpu

    documents = []
    with DEV.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            record = json.loads(line)
            text = record["originalText"]
            documents.append(
                Document(
                    origin=f"dev#{number}",
                    text=text,
                    raw=text,
                    format="text",
                    content_hash=str(number),
                    language=Field("de"),
                    published=Field(record.get("published")),
                )
            )
            if options.limit and len(documents) >= options.limit:
                break
    pipeline.analyze(documents[0])  # warm up

    rows = []
    cpu = time.process_time()
    reference = [pipeline.analyze(document).claims for document in documents]
    rows.append(("analyze, one by one", time.process_time() - cpu, True))
    for batch_size in (8, 32, 128):
        cpu = time.process_time()
        claims = [a.claims for a in pipeline.analyze_many(documents, batch_size=batch_size)]
        rows.append(
            (
                f"analyze_many, batch_size={batch_size}",
                time.process_time() - cpu,
                claims == reference,
            )
        )

    print(
        f"load: language model {model_s:.2f} s CPU, + analysis components {components_s:.3f} s CPU"
    )
    print(f"{len(documents)} documents, {sum(map(len, reference))} claims")
    print(f"| {'run':<28} | {'CPU s':>6} | {'docs/CPU s':>10} | same claims |")
    print(f"|{'-' * 30}|{'-' * 8}|{'-' * 12}|-------------|")
    for name, seconds, same in rows:
        print(
            f"| {name:<28} | {seconds:6.2f} | {len(documents) / seconds:10.1f} | {'yes' if same else 'NO':>11} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
