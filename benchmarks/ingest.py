"""Ingest speed and memory next to trafilatura's own extraction on the same pages.

Generates N synthetic German news pages (scripts, styles, a large menu, cookie banner,
article with 6-14 paragraphs, teaser boxes, link footer; about 30 KB each, still below
a typical news page), then runs each phase in a fresh process so that peak memory is
the phase's own:

* ``trafilatura``: read each file and call ``trafilatura.bare_extraction`` with the
  options the HTML reader uses (text and metadata): the floor any ingest pays;
* ``read_inputs``: ``quellenlage.ingest.read_inputs`` on the same files (sniffing,
  decoding, extraction, whitespace, language detection, content hash);
* ``api.ingest``: ``read_inputs`` plus MinHash, duplicate checks and the SQLite store
  (only when ``quellenlage.api`` exists), into a temporary database.

Memory: ``rss start`` is the resident set after imports and one warm-up page,
``rss peak`` the highest resident set while the N pages are processed (the kernel's
peak mark is reset after the warm-up; where that is not allowed, the process peak);
``growth`` = peak - start. A flat ``growth`` across N means memory does not grow with
the number of documents.

Timing: each phase runs ``--repeat`` times, interleaved with the others, and the
fastest run's process CPU time counts, so that other work on a shared machine
disturbs the ratio less; wall time is shown too. ``growth`` is the largest of the runs.

Usage: ``.venv/bin/python benchmarks/ingest.py [--sizes 200 1000 5000] [--repeat 3] [--bare]``
Goal: read_inputs time <= 1.3 x trafilatura time, and growth flat in N.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_VOCABULARY = (
    "Regierung Minister Stadt Polizei Sprecher Bericht Angaben Soldaten Millionen Euro "
    "Haushalt Brücke Verkehr Krieg Ukraine Russland Nordkorea Verhandlungen Gewerkschaft "
    "Streik Schule Lehrkräfte Krankenhaus Klinik Patienten Studie Forscher Umfrage Wähler "
    "Partei Koalition Opposition Gericht Urteil Klage Feuerwehr Brand Hafen Bahn Strecke "
    "sagte erklärte teilte mit berichtete bestätigte forderte kritisierte warnte plant prüft "
    "am Montag am Dienstag in Berlin in München nach Angaben laut zufolge rund etwa mehr als "
    "die der das und mit für über unter wegen seit bis gegen ohne neue große erste letzte"
)
WORDS = _VOCABULARY.split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 22))]
    number = f"{rng.randint(2, 900)}.{rng.randint(100, 999)}"
    words.insert(rng.randint(1, len(words) - 1), number)
    return " ".join(words).capitalize() + "."


def page(number: int, *, bare: bool = False) -> str:
    """One synthetic news page; ``number`` seeds it, so pages differ and are repeatable.

    Besides the article it carries what real news pages carry around it: scripts and
    styles, a menu of some 80 links, a cookie banner, teaser boxes and a link footer.
    ``bare`` leaves out scripts, styles, menu and most teasers (about 6 KB a page): the
    worst case for the ratio, since ingest's own work grows with the text, not the page.
    """
    menu, related, most_read, footer = (0, 5, 0, 0) if bare else (80, 8, 10, 40)
    rng = random.Random(number)
    title = " ".join(rng.choice(WORDS) for _ in range(7)).capitalize()
    paragraphs = "".join(
        f"<p>{' '.join(_sentence(rng) for _ in range(rng.randint(2, 4)))}</p>"
        + (f"<h2>{_sentence(rng)[:-1]}</h2>" if i % 4 == 3 else "")
        for i in range(rng.randint(6, 14))
    )

    def links(count: int) -> str:
        return "".join(
            f"<li><a href='/{rng.choice(WORDS).lower()}/{rng.randint(1, 10**6)}'>{' '.join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))}</a></li>"
            for _ in range(count)
        )

    code_lines = 0 if bare else 120
    script = "".join(
        f"var v{i}=function(a){{return a*{i}+document.title.length;}};" for i in range(code_lines)
    )
    style = "".join(
        f".c{i}{{margin:{i}px;padding:{i % 7}px;color:#{i:06x}}}" for i in range(code_lines)
    )
    return (
        f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{title} | Beispiel</title>'
        f'<meta name="author" content="Autorin {number}">'
        f'<meta property="og:site_name" content="Beispiel-Zeitung">'
        f'<meta property="article:published_time" content="2024-10-{1 + number % 28:02d}T08:00:00+02:00">'
        f'<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{title}"}}</script>'
        f"<style>{style}</style><script>{script}</script></head><body>"
        f"<header><nav><ul>{links(menu)}</ul></nav></header><div class='cookie'>Wir verwenden Cookies. "
        f"<button>Akzeptieren</button></div><main><article><h1>{title}</h1>{paragraphs}</article>"
        f"<aside><h3>Mehr zum Thema</h3><ul>{links(related)}</ul><h3>Meistgelesen</h3><ul>{links(most_read)}</ul></aside></main>"
        f"<footer><ul>{links(footer)}</ul>Impressum | Datenschutz | © Beispiel-Zeitung</footer>"
        f"<script>{script}</script></body></html>"
    )  # fmt: skip


def _status_bytes(key: str) -> int:
    """``VmRSS``/``VmHWM`` of this process from ``/proc/self/status``, in bytes."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{key}:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"{key} not in /proc/self/status")


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (Linux >= 4.0) so the peak is the phase's own."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        return False
    return True


def child(phase: str, folder: Path, count: int) -> dict[str, float]:
    """Run one phase on the first ``count`` pages of ``folder``; return its measurements."""
    files = sorted(folder.glob("*.html"))[: count + 1]
    warm_up, files = files[0], files[1:]
    if phase == "trafilatura":
        import trafilatura

        from quellenlage.ingest.readers.html import DATE_PARAMS, EXTRACT_OPTIONS

        def run(paths: list[Path]) -> int:
            done = 0
            for path in paths:
                html = path.read_bytes().decode("utf-8")
                result = trafilatura.bare_extraction(
                    html, date_extraction_params=DATE_PARAMS, **EXTRACT_OPTIONS
                )
                done += result is not None and bool(result.text)
            return done

    elif phase == "read_inputs":
        from quellenlage.ingest import read_inputs
        from quellenlage.records import Document

        def run(paths: list[Path]) -> int:
            return sum(isinstance(item, Document) for item in read_inputs(paths))

    else:
        from quellenlage import api

        database = Path(tempfile.mkdtemp()) / "bench.db"

        def run(paths: list[Path]) -> int:
            return api.ingest(paths, db=database).added

    run([warm_up])
    rss_start = _status_bytes("VmRSS")
    reset = _reset_peak()
    start, cpu_start = time.perf_counter(), time.process_time()
    documents = run(files)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    peak = (
        _status_bytes("VmHWM")
        if reset
        else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    )
    return {
        "documents": documents,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "rss_start": rss_start,
        "rss_peak": peak,
    }


def _phases() -> list[str]:
    try:
        import quellenlage.api  # noqa: F401
    except ImportError:
        return ["trafilatura", "read_inputs"]
    return ["trafilatura", "read_inputs", "api.ingest"]


def _run_child(phase: str, folder: Path, count: int) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", phase, str(folder), str(count)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 5000])
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per phase, interleaved; the fastest counts"
    )
    parser.add_argument("--bare", action="store_true", help="small pages without scripts/menus")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        phase, folder, count = args.child
        print(json.dumps(child(phase, Path(folder), int(count))))
        return
    mb = 1024 * 1024
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for number in range(max(args.sizes) + 1):
            (folder / f"page-{number:06d}.html").write_text(
                page(number, bare=args.bare), encoding="utf-8"
            )
        size_kb = (
            sum(p.stat().st_size for p in folder.glob("*.html")) / 1024 / (max(args.sizes) + 1)
        )
        print(
            f"{max(args.sizes) + 1} pages, {size_kb:.1f} KB each on average; fastest of {args.repeat} interleaved runs; CPU = process time"
        )
        header = f"{'N':>6} {'phase':<12} {'docs':>6} {'wall s':>7} {'CPU s':>7} {'docs/s':>7} {'x trafil.':>9} {'rss start MB':>12} {'rss peak MB':>11} {'growth MB':>9}"
        print(header)
        print("-" * len(header))
        for count in args.sizes:
            runs: dict[str, list[dict[str, float]]] = {phase: [] for phase in _phases()}
            for _ in range(args.repeat):
                for phase, results in runs.items():
                    results.append(_run_child(phase, folder, count))
            baseline = min(r["cpu_seconds"] for r in runs["trafilatura"])
            for phase, results in runs.items():
                best = min(results, key=lambda r: r["cpu_seconds"])
                growth = max(r["rss_peak"] - r["rss_start"] for r in results)
                print(
                    f"{count:>6} {phase:<12} {best['documents']:>6} {best['seconds']:>7.2f} {best['cpu_seconds']:>7.2f} "
                    f"{best['documents'] / best['cpu_seconds']:>7.1f} {best['cpu_seconds'] / baseline:>9.2f} "
                    f"{best['rss_start'] / mb:>12.1f} {best['rss_peak'] / mb:>11.1f} {growth / mb:>9.1f}"
                )


if __name__ == "__main__":
    main()
