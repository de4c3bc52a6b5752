"""Spark analysis: documents/s at local[1] and local[2], scaling, overhead vs. one process.

    .venv/bin/python benchmarks/spark.py              # 2,000 generated pages
    .venv/bin/python benchmarks/spark.py --pages 300  # quicker

All three runs work on the same generated WARC. "single" is the single-machine work
the Spark tasks repeat (read_inputs + pipeline.analyze_many, no database); each Spark
run starts in its own process, and its time excludes starting the session. Goals:
local[2] >= 1.7x local[1]; local[1] at most 25 % slower than single.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

_SUBJECTS_DE = ["Soldaten", "Flüchtlinge", "Helfer", "Verletzte", "Demonstranten"]
_SOURCES_DE = ["die Nato", "der Geheimdienst", "ein Sprecher des Ministeriums", "die Polizei"]
_SUBJECTS_EN = ["soldiers", "refugees", "aid workers", "protesters"]
_SOURCES_EN = ["officials", "the ministry", "a police spokesman", "the agency"]


def _page(i: int, rng: random.Random) -> tuple[str, bytes]:
    if i % 3 == 2:
        n, who, what = rng.randint(10, 90) * 100, rng.choice(_SOURCES_EN), rng.choice(_SUBJECTS_EN)
        paragraphs = [
            f"About {n:,} {what} arrived in the region on Monday, {who} said.",
            f"Report {i}: the figure could not be confirmed independently, according to {who}.",
            "Talks between the two governments are expected to resume next week.",
        ]
        lang = "en"
    else:
        n, who, what = rng.randint(10, 90) * 100, rng.choice(_SOURCES_DE), rng.choice(_SUBJECTS_DE)
        number = f"{n:,}".replace(",", ".")
        paragraphs = [
            f"Nach Angaben von {who.replace('die ', 'der ')} sollen rund {number} {what} "
            "in der Region sein.",
            f"Bericht {i}: Die Zahl lasse sich nicht unabhängig überprüfen, sagte {who} am Mittwoch.",
            "Die Gespräche zwischen beiden Regierungen sollen in der kommenden Woche weitergehen.",
        ]
        lang = "de"
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Bericht {i}'
        f"</title></head><body><main><article><h1>Bericht {i}</h1>{body}</article></main>"
        "</body></html>"
    )
    return f"https://news.example/{i}", html.encode()


def write_warc(path: Path, pages: int) -> None:
    rng = random.Random(16)
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for i in range(pages):
            url, payload = _page(i, rng)
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=headers
            )
            writer.write_record(record)


def run_single(warc: Path) -> dict:
    from quellenlage.ingest import read_inputs
    from quellenlage.pipeline import analyze_many
    from quellenlage.records import Document

    start, cpu = time.perf_counter(), time.process_time()
    documents = [d for d in read_inputs([warc]) if isinstance(d, Document)]
    analysed = sum(1 for _ in analyze_many(documents))
    return {"documents": analysed, "seconds": time.perf_counter() - start,
            "cpu": time.process_time() - cpu}  # fmt: skip


def run_spark(master: str, manifest: Path, out: Path) -> dict:
    from quellenlage.spark.analyze import analyze
    from quellenlage.spark.session import session

    spark = session(master, shuffle_partitions=4)
    spark.sparkContext.parallelize([0], 1).count()  # JVM and one worker up before timing
    start = time.perf_counter()
    report = analyze(spark, manifest, out)
    seconds = time.perf_counter() - start
    spark.stop()
    return {"documents": report.analysed, "seconds": seconds}


def _child(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = (
            run_single(Path(rest[0]))
            if kind == "single"
            else run_spark(rest[0], Path(rest[1]), Path(rest[2]))
        )
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warc = folder / "pages.warc.gz"
        write_warc(warc, args.pages)
        manifest = folder / "manifest.txt"
        manifest.write_text(f"{warc}\n", encoding="utf-8")
        single = _child("single", str(warc))
        one = _child("spark", "local[1]", str(manifest), str(folder / "out1"))
        two = _child("spark", "local[2]", str(manifest), str(folder / "out2"))
    rows = [("single process", single), ("spark local[1]", one), ("spark local[2]", two)]
    print(f"{args.pages} generated pages (one WARC)\n")
    print(f"{'run':<16} {'documents':>9} {'seconds':>8} {'docs/s':>8}")
    for name, r in rows:
        print(
            f"{name:<16} {r['documents']:>9} {r['seconds']:>8.1f} {r['documents'] / r['seconds']:>8.1f}"
        )
    scaling = one["seconds"] / two["seconds"]
    overhead = one["seconds"] / single["seconds"] - 1
    print(f"\nscaling local[1] -> local[2]: {scaling:.2f}x (goal >= 1.7x)")
    print(f"overhead local[1] vs single process: {overhead:+.0%} (goal <= +25 %)")


if __name__ == "__main__":
    main()
