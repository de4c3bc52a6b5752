"""Fetching speed from a local server, and what WARC recording adds to it.

A server process (``http.server``, threaded, on 127.0.0.1) serves N synthetic news
pages of about 30 KB each, with a fixed small service time per request (``--latency``,
as a real server has) so that concurrency matters. The client runs in this process:

* ``pages/s`` at several per-host limits (requests in flight to the one host), with
  the per-host delay set to 0 -- the polite default (1 request/s) would measure the
  delay, not the client;
* ``fetch`` vs ``fetch + WARC``: the same pages at one per-host limit, fetched alone or
  fetched and each written to a gzipped WARC file (response and request records).
  Records are compressed in the fetching threads and appended by the consumer, as
  ``quellenlage.fetch.crawl`` does. Each runs ``--repeat`` times, interleaved; the
  fastest run's process CPU time and wall time count, and the overhead is the ratio.

Usage: ``.venv/bin/python benchmarks/fetch.py [--pages 300] [--limits 1 2 4 8] [--repeat 3]``
Goal: WARC recording adds <= 10 % to the time of fetching alone.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from quellenlage.fetch.client import Fetched, Fetcher
from quellenlage.fetch.policy import Politeness
from quellenlage.fetch.warc import COMPRESSION_LEVEL, WarcArchive, prepare

WORDS = [
    "Regierung",
    "Minister",
    "Stadt",
    "Polizei",
    "Sprecher",
    "Bericht",
    "Angaben",
    "Soldaten",
    "Millionen",
    "Euro",
    "Haushalt",
    "Brücke",
    "Verkehr",
    "Feuerwehr",
    "Brand",
    "Hafen",
    "Bahn",
    "Strecke",
    "sagte",
    "erklärte",
    "teilte",
    "mit",
    "berichtete",
    "bestätigte",
    "forderte",
    "am",
    "Montag",
    "in",
    "Berlin",
    "nach",
    "Angaben",
    "laut",
    "rund",
    "etwa",
    "mehr",
    "als",
]


def page(number: int, size: int = 30_000) -> bytes:
    rng = random.Random(number)
    paragraphs, length = [], 0
    while length < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30))) + "."
        paragraphs.append(f"<p>{sentence}</p>")
        length += len(sentence) + 7
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Bericht {number}</title>"
        f"</head><body><article>{''.join(paragraphs)}</article></body></html>"
    ).encode()


def serve(port_queue: multiprocessing.Queue, pages: int, latency: float) -> None:
    bodies = [page(n) for n in range(pages)]
    robots = b"User-agent: *\nAllow: /\n"

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else headers and body wait for a delayed ACK

        def do_GET(self) -> None:
            if self.path == "/robots.txt":
                body, kind = robots, "text/plain"
            else:
                body, kind = bodies[int(self.path.strip("/").split("/")[-1]) % pages], "text/html"
                time.sleep(latency)
            self.send_response(200)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_queue.put(server.server_address[1])
    server.serve_forever()


def run(
    base: str, pages: int, per_host: int, archive: Path | None, run_id: int, level: int = 6
) -> tuple[float, float]:
    """(wall seconds, process CPU seconds) to fetch every page once, optionally archiving."""
    politeness = Politeness(delay=0.0, per_host=per_host, workers=max(per_host, 1))
    urls = [f"{base}/{run_id}/{n}" for n in range(pages)]
    with Fetcher(politeness) as fetcher:
        fetcher.fetch(f"{base}/warm/0")  # robots.txt and the first connection: not timed
        warc = WarcArchive(archive, level=level) if archive else None
        # as quellenlage.fetch.crawl does it: records compressed in the fetching threads
        then = (lambda r: (r, prepare(r.response, level))) if warc else (lambda r: (r, None))
        wall, cpu = time.perf_counter(), time.process_time()
        for result, record in fetcher.fetch_all(urls, then=then):
            if not isinstance(result, Fetched):
                raise SystemExit(f"fetch failed: {result}")
            if warc is not None:
                warc.append(record)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if warc is not None:
            warc.close()
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--limits", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--latency", type=float, default=0.005, help="server seconds per page")
    parser.add_argument(
        "--level", type=int, default=COMPRESSION_LEVEL, help="gzip level of the WARC"
    )
    args = parser.parse_args()

    ports: multiprocessing.Queue = multiprocessing.Queue()
    server = multiprocessing.Process(
        target=serve, args=(ports, args.pages, args.latency), daemon=True
    )
    server.start()
    base = f"http://127.0.0.1:{ports.get(timeout=30)}"
    run_id = 0
    try:
        print(f"{args.pages} pages of ~30 KB, server latency {args.latency * 1000:g} ms\n")
        print("| per-host limit | pages/s (wall) | client CPU ms/page |")
        print("|---:|---:|---:|")
        for limit in args.limits:
            best = None
            for _ in range(args.repeat):
                run_id += 1
                wall, cpu = run(base, args.pages, limit, None, run_id)
                best = min(best or (wall, cpu), (wall, cpu))
            wall, cpu = best
            print(f"| {limit} | {args.pages / wall:.0f} | {cpu / args.pages * 1000:.2f} |")

        limit = max(args.limits)
        timings: dict[str, list[tuple[float, float]]] = {"fetch": [], "fetch + WARC": []}
        with tempfile.TemporaryDirectory() as folder:
            for repeat in range(args.repeat):
                for name in timings:
                    run_id += 1
                    target = Path(folder, f"{repeat}") if name != "fetch" else None
                    timings[name].append(run(base, args.pages, limit, target, run_id, args.level))
            warc_bytes = sum(p.stat().st_size for p in Path(folder).rglob("*.warc.gz"))
        print(
            f"\nWARC recording (gzip level {args.level}), per-host limit {limit}, "
            f"fastest of {args.repeat} runs:\n"
        )
        print("| mode | wall s | CPU s | pages/s |")
        print("|---|---:|---:|---:|")
        best = {
            name: (min(w for w, _ in runs), min(c for _, c in runs))
            for name, runs in timings.items()
        }
        for name, (wall, cpu) in best.items():
            print(f"| {name} | {wall:.2f} | {cpu:.2f} | {args.pages / wall:.0f} |")
        wall_ratio = best["fetch + WARC"][0] / best["fetch"][0]
        cpu_ratio = best["fetch + WARC"][1] / best["fetch"][1]
        print(
            f"\nWARC overhead: wall {100 * (wall_ratio - 1):+.1f} %, CPU {100 * (cpu_ratio - 1):+.1f} %"
            f" (goal <= +10 %); archive {warc_bytes / args.repeat / args.pages / 1024:.1f} KB/page"
        )
    finally:
        server.terminate()
        server.join(5)


if __name__ == "__main__":
    main()
