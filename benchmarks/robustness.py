"""Time and peak memory on hostile inputs, at several sizes: linear time, bounded memory.

Each row runs in a fresh interpreter (so that peak memory, ``ru_maxrss``, is that one
input's) and reports CPU seconds, CPU seconds per MB and peak memory. The inputs are
built by ``tests/fuzz/hostile.py`` (one long line, no punctuation, unclosed „ marks,
10,000-level nesting, an XML bomb, a gzip bomb, invalid UTF-8, a long JSONL line, a
mixed WARC). Two stages:

* ``ingest``: ``api.ingest`` of the file into a fresh SQLite database (read, clean,
  deduplicate, store);
* ``analyze``: ``pipeline.analyze`` of the ingested text (language pipeline, claims,
  figures, times), for the text kinds; the model's load is measured apart and not
  counted.

Linear time shows as a flat "s/MB" column down the sizes of one kind; bounded memory as
a peak that does not grow with the size (the goal: analysis <= 1 GB per worker).

Usage: ``.venv/bin/python benchmarks/robustness.py [--ingest-mb 1,4,16] [--analyze-mb 0.25,1,2]``
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzz.hostile import KINDS  # noqa: E402

ANALYSED = ("long line", "no punctuation", "10k quote marks", "big HTML", "invalid UTF-8")

INGEST = """
import json, resource, sys, tempfile, time, pathlib
sys.path.insert(0, {root!r})
from tests.fuzz.hostile import KINDS
from quellenlage import api
name, data = KINDS[{kind!r}]({size})
folder = pathlib.Path(tempfile.mkdtemp())
path = folder / name
path.write_bytes(data)
store = api.open_db(str(folder / "q.db"))  # schema created before the clock starts
start = time.process_time()
report = api.ingest([path], db=store)
seconds = time.process_time() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "peak": peak, "bytes": len(data),
                  "outcome": dict(report.counts)}}))
"""

ANALYZE = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from tests.fuzz.hostile import KINDS
from quellenlage.ingest import read_inputs
from quellenlage.pipeline import analyze, load
from quellenlage.records import Document, Field
import pathlib, tempfile
name, data = KINDS[{kind!r}]({size})
path = pathlib.Path(tempfile.mkdtemp()) / name
path.write_bytes(data)
(document,) = read_inputs([path], language="de")
load("de")
analyze(Document("warm-up", "Er sagte, es sei gut.", "", "text", "h", language=Field("de", "user")))
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.process_time()
result = analyze(document)
seconds = time.process_time() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "peak": peak, "base": base, "bytes": len(document.text.encode()),
                  "outcome": {{"claims": len(result.claims), "failed": result.failed}}}}))
"""


def _run(template: str, kind: str, size: int) -> dict:
    code = template.format(root=str(ROOT), kind=kind, size=size)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=3600
    )
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def _row(stage: str, kind: str, result: dict) -> str:
    if "error" in result:
        return f"{stage:<8} {kind:<18} {'':>8} {'':>8} {'':>7} {'':>8}  error: {result['error']}"
    mb = result["bytes"] / 2**20
    per_mb = result["seconds"] / mb if mb else 0.0
    outcome = ", ".join(f"{k} {v}" for k, v in result["outcome"].items() if v is not None)
    return (
        f"{stage:<8} {kind:<18} {mb:>8.2f} {result['seconds']:>8.2f} {per_mb:>7.2f} "
        f"{result['peak']:>8.0f}  {outcome}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ingest-mb", default="1,4,16", help="input sizes for ingest, MB")
    parser.add_argument("--analyze-mb", default="0.25,1,2", help="text sizes for analysis, MB")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated kinds")
    args = parser.parse_args()
    kinds = [kind for kind in args.kinds.split(",") if kind]
    print(f"{'stage':<8} {'input':<18} {'MB':>8} {'CPU s':>8} {'s/MB':>7} {'peak MB':>8}  outcome")
    print("-" * 90)
    with tempfile.TemporaryDirectory():
        for kind in kinds:
            for size in filter(None, args.ingest_mb.split(",")):
                print(
                    _row("ingest", kind, _run(INGEST, kind, int(float(size) * 2**20))), flush=True
                )
        for kind in (k for k in kinds if k in ANALYSED):
            for size in filter(None, args.analyze_mb.split(",")):
                print(
                    _row("analyze", kind, _run(ANALYZE, kind, int(float(size) * 2**20))), flush=True
                )


if __name__ == "__main__":
    main()
