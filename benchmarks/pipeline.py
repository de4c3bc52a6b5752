"""Throughput of the whole path next to trafilatura's: ``.venv/bin/python benchmarks/pipeline.py``.

One run, one table per page set, in CPU seconds (the machine may be shared; wall times
are shown for the parallel comparison only):

* ``trafilatura``: ``trafilatura.bare_extraction`` on each page with the HTML reader's
  options (text and metadata) — the floor any ingest pays;
* ``ingest``: ``api.ingest`` of the pages into a fresh SQLite database;
* ``bare pipeline``: the language model alone (``nlp.load``: tokenizer, tok2vec, tagger,
  morphologizer, lemmatizer, parser, entity rulers, NER, Konjunktiv) through ``nlp.pipe``
  on the ingested texts, model load not counted; its token count is the one used below;
* ``analyze -j 1`` / ``-j 2``: the ``quellenlage analyze`` command on a copy of the
  ingested database (start-up, model load, analysis, database writes, relinking), CPU of
  the command and all its workers; ``peak MB`` is the largest resident set of any of its
  processes, i.e. the peak memory per worker;
* ``whole path``: ingest plus ``analyze -j 1``.

Rates are documents and tokens per CPU second, ``× traf.`` the documents rate divided by
trafilatura's. ``-j 2`` vs ``-j 1`` is a wall-time ratio; it needs idle cores (the load
average is printed). Page sets: ``--generated N`` synthetic German news pages (the
generator of ``benchmarks/ingest.py``; a second set of ``4 N`` shows whether memory stays
flat as documents grow), and the real pages of ``../shared/data/copied-pages-dev`` when
that folder is there.

Relinking (``--relink-claims``, default 30,000; 0 skips it): a database of synthetic
analysed reports (``benchmarks/tracking.py``'s generator), then in one process the CPU of
reading the reports (``store.tracking.load_reports``), of linking them
(``tracking.track``) and of writing the result (``store.tracking.save``). Goal: reading
+ linking + writing <= 1.5 x linking.

Usage: ``.venv/bin/python benchmarks/pipeline.py [--generated 30] [--relink-claims 30000]``
Goals (issue 15): whole path >= 0.4 x trafilatura; bare pipeline >= 12,000 tokens per CPU
second; -j 2 >= 1.8 x -j 1 in wall time on an idle machine; peak <= 1 GB per worker.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

HERE = Path(__file__).resolve().parent
REAL = HERE.parents[1] / "shared" / "data" / "copied-pages-dev"


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _read(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def trafilatura_cpu(pages: list[Path]) -> float:
    import trafilatura

    from quellenlage.ingest.readers.html import DATE_PARAMS, EXTRACT_OPTIONS

    texts = [_read(path) for path in pages]
    trafilatura.bare_extraction(texts[0], date_extraction_params=DATE_PARAMS, **EXTRACT_OPTIONS)
    started = time.process_time()
    for html in texts:
        trafilatura.bare_extraction(html, date_extraction_params=DATE_PARAMS, **EXTRACT_OPTIONS)
    return time.process_time() - started


def ingest_cpu(folder: Path, db: Path) -> float:
    from quellenlage import api

    started = time.process_time()
    api.ingest([folder], db=db)
    return time.process_time() - started


def bare_pipeline(db: Path) -> tuple[float, int, int]:
    """CPU seconds, documents and tokens of the language model on the stored texts."""
    from quellenlage import nlp
    from quellenlage.store import Store

    store = Store.open(db)
    documents = [d for d in store.documents() if d.duplicate_of is None]
    store.close()
    by_language: dict[str, list[str]] = {}
    for document in documents:
        by_language.setdefault(document.language.value or "de", []).append(document.text)
    cpu, tokens = 0.0, 0
    for language, texts in by_language.items():
        pipeline = nlp.load(language)
        list(pipeline.pipe(texts[:1]))  # warm up
        started = time.process_time()
        tokens += sum(len(doc) for doc in pipeline.pipe(texts, batch_size=8))
        cpu += time.process_time() - started
    return cpu, len(documents), tokens


def analyze_command(db: Path, jobs: int) -> dict:
    """Run ``quellenlage analyze -j JOBS`` through a child of this script (own peak mark)."""
    out = subprocess.run(
        [sys.executable, __file__, "--child-analyze", str(db), str(jobs)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _child_analyze(db: str, jobs: int) -> None:
    started_cpu, started = _cpu_children(), time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "quellenlage", "analyze", "--db", db, "-j", str(jobs), "--json"],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    if run.returncode not in (0, 3):
        raise SystemExit(f"analyze failed ({run.returncode}): {run.stderr[-2000:]}")
    items = json.loads(run.stdout)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "cpu": _cpu_children() - started_cpu,
                "wall": wall,
                "documents": len(items),
                "failed": sum(1 for item in items if item["error"]),
                "peak_mb": peak,
            }
        )
    )


def _copy_database(source: Path, target: Path) -> None:
    """A consistent copy (SQLite's backup API: includes what is still in the WAL file)."""
    import sqlite3

    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def bench_pages(name: str, pages: list[Path]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for path in pages:
            shutil.copy(path, folder / path.name)
        db = Path(tmp) / "ingested.db"
        traf = trafilatura_cpu(pages)
        ingest = ingest_cpu(folder, db)
        bare, documents, tokens = bare_pipeline(db)
        runs = {}
        for jobs in (1, 2):
            copy = Path(tmp) / f"analyze-{jobs}.db"
            _copy_database(db, copy)
            runs[jobs] = analyze_command(copy, jobs)
    load = os.getloadavg()[0]
    traf_rate = len(pages) / traf
    print(
        f"\n{name}: {len(pages)} pages, {documents} documents analysed, {tokens:,} tokens "
        f"(load average {load:.1f} on {os.cpu_count()} cores)"
    )
    header = (
        f"{'stage':<16} {'CPU s':>7} {'wall s':>7} {'docs/CPU-s':>11} {'tokens/CPU-s':>13} "
        f"{'× traf.':>8} {'peak MB':>8}"
    )
    print(header)
    print("-" * len(header))

    def row(stage: str, cpu: float, docs: int, wall: float | None = None, peak=None) -> None:
        # tokens only where the documents are the analysed ones (not the pages)
        rate = docs / cpu
        print(
            f"{stage:<16} {cpu:>7.2f} {'' if wall is None else f'{wall:.2f}':>7} {rate:>11.2f} "
            f"{tokens / cpu if docs == documents else float('nan'):>13,.0f} "
            f"{rate / traf_rate:>8.2f} {'' if peak is None else f'{peak:.0f}':>8}"
        )

    row("trafilatura", traf, len(pages))
    row("ingest", ingest, len(pages))
    row("bare pipeline", bare, documents)
    for jobs, result in runs.items():
        failed = f" ({result['failed']} failed)" if result["failed"] else ""
        row(
            f"analyze -j {jobs}{failed}",
            result["cpu"],
            documents,
            result["wall"],
            result["peak_mb"],
        )
    row("whole path", ingest + runs[1]["cpu"], len(pages))
    print(f"analyze -j 2 vs -j 1, wall time: {runs[1]['wall'] / runs[2]['wall']:.2f}x")


def bench_relink(n_claims: int) -> None:
    sys.path.insert(0, str(HERE))
    from tracking import build_database  # the tracking benchmark's generator

    from quellenlage.store import Store
    from quellenlage.store import tracking as stored
    from quellenlage.tracking import track

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "relink.db"
        build_database(path, n_claims)
        store = Store.open(path)
        started = time.process_time()
        reports = list(stored.load_reports(store))
        overrides = stored.overrides(store)
        read = time.process_time() - started
        started = time.process_time()
        tracking = track(reports, overrides)
        linked = time.process_time() - started
        started = time.process_time()
        stored.save(store, tracking, reports, threshold=0.5)
        written = time.process_time() - started
        store.close()
    total = read + linked + written
    print(f"\nRelinking {n_claims:,} claims ({len(reports):,} reports), CPU s")
    print(f"{'read':>8} {'link':>8} {'write':>8} {'relink':>8} {'relink/link':>12}")
    print(f"{read:>8.2f} {linked:>8.2f} {written:>8.2f} {total:>8.2f} {total / linked:>12.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=30, help="synthetic pages (0: none)")
    parser.add_argument("--relink-claims", type=int, default=30_000)
    parser.add_argument("--no-real", action="store_true", help="skip the copied real pages")
    parser.add_argument("--child-analyze", nargs=2, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child_analyze:
        _child_analyze(options.child_analyze[0], int(options.child_analyze[1]))
        return 0
    if options.generated:
        sys.path.insert(0, str(HERE))
        from ingest import page  # the ingest benchmark's page generator

        with tempfile.TemporaryDirectory() as tmp:
            for count in (options.generated, 4 * options.generated):
                paths = []
                for number in range(count):
                    path = Path(tmp) / f"page-{count}-{number:05d}.html"
                    path.write_text(page(number), encoding="utf-8")
                    paths.append(path)
                bench_pages(f"Generated pages ({count})", paths)
    if REAL.is_dir() and not options.no_real:
        bench_pages("Real pages (copied-pages-dev)", sorted(REAL.glob("*.html.gz")))
    if options.relink_claims:
        bench_relink(options.relink_claims)
    return 0


if __name__ == "__main__":
    sys.exit(main())
