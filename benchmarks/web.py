"""The web interface on a database of 100,000 claims: time per page, a load test, memory.

Builds ``--claims`` synthetic claims (the generator of ``benchmarks/tracking.py``: German
reports, three claims each, one figure per claim) in a fresh SQLite file, links figures
with ``api.link``, then starts ``quellenlage serve`` as its own process on 127.0.0.1.

Part 1: each page is fetched ``--repeat`` times one after the other (httpx over loopback);
p50/p95 in ms are the server's answer times as a client sees them; ``first`` is the first
request (facet counts and the overview are computed then and cached until the data
changes, see ``api.web._Cache``).
Part 2: ``--clients`` concurrent clients (threads, one httpx client each) fetch random
pages for ``--duration`` seconds; requests/s, p50/p95/max, errors (non-200 or failed
requests), and the server's resident memory at start, after part 1, and each 5 s of
the load (flat = no growth).

Usage: ``.venv/bin/python benchmarks/web.py [--claims 100000] [--clients 20] [--duration 30]``
Goal: p95 <= 300 ms per page (part 1), no errors, memory flat.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def _tracking_benchmark():
    spec = importlib.util.spec_from_file_location(
        "bench_tracking", REPO / "benchmarks" / "tracking.py"
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def pages(db: Path) -> list[tuple[str, str]]:
    from quellenlage import api

    figure = api.figure_list(db, limit=1)[0][0]
    source = api.source_list(db, limit=1)[0]
    return [
        ("overview", "/"),
        ("documents (first page)", "/documents"),
        ("documents (page 500)", "/documents?offset=25000"),
        ("document 500", "/documents/500"),
        ("claims (no filter)", "/claims"),
        ("claims q=Drohnen", "/claims?q=Drohnen"),
        ("claims q=Soldaten mode+figure", "/claims?q=Soldaten&mode=according_to&has_figure=yes"),
        ("claims source=Reuters", "/claims?source=Reuters"),
        ("claims one week", "/claims?since=2024-06-01&until=2024-06-07"),
        ("claims page 100", "/claims?q=Panzer&offset=5000"),
        ("figures", "/figures"),
        (f"figure {figure['id']} ({figure['values']} values)", f"/figures/{figure['id']}"),
        ("sources", "/sources"),
        (f"source {source['id']}", f"/sources/{source['id']}"),
        ("api claims q=Drohnen", "/api/claims?q=Drohnen"),
        ("api figure", f"/api/figures/{figure['id']}"),
    ]


def start_server(db: Path, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(REPO / ".venv" / "bin" / "quellenlage"),
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.stderr.read().decode()}")  # type: ignore[union-attr]
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/overview", timeout=5)
            return server
        except httpx.HTTPError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("server did not start within 120 s")


def rss_mb(server: subprocess.Popen) -> float:
    return psutil.Process(server.pid).memory_info().rss / 2**20


def per_page(base: str, cases: list[tuple[str, str]], repeat: int) -> bool:
    print(f"\nPart 1: time per page, {repeat} sequential requests each (ms)")
    header = f"  {'page':<40} {'first':>8} {'p50':>8} {'p95':>8} {'KiB':>7}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    ok = True
    with httpx.Client(base_url=base, timeout=60) as client:
        for name, path in cases:
            times, size = [], 0
            for _ in range(repeat):
                started = time.perf_counter()
                try:
                    response = client.get(path)
                except httpx.HTTPError as exc:
                    print(f"  ERROR {type(exc).__name__} on {path}")
                    ok = False
                    continue
                times.append((time.perf_counter() - started) * 1000)
                size = len(response.content)
                if response.status_code != 200:
                    print(f"  ERROR {response.status_code} on {path}")
                    ok = False
            if not times:
                continue
            p95 = _percentile(times, 0.95)
            flag = "" if p95 <= 300 else "  OVER 300 ms"
            ok = ok and not flag
            print(f"  {name:<40} {times[0]:>8.1f} {statistics.median(times):>8.1f} {p95:>8.1f} "
                  f"{size / 1024:>7.0f}{flag}")  # fmt: skip
    return ok


def load(base: str, cases: list[tuple[str, str]], clients: int, duration: float, server) -> None:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + duration

    def client_loop(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=60) as client:
            while time.monotonic() < stop:
                _, path = rng.choice(cases)
                started = time.perf_counter()
                try:
                    status = client.get(path).status_code
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    if status != 200:
                        errors.append(f"{status} {path}")

    threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(clients)]
    memory = [rss_mb(server)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        time.sleep(5)
        memory.append(rss_mb(server))
    elapsed = time.monotonic() - started
    print(f"\nPart 2: {clients} concurrent clients for {duration:.0f} s on 127.0.0.1")
    print(f"  requests {len(latencies)}, {len(latencies) / elapsed:.1f}/s, errors {len(errors)}")
    print(f"  latency p50 {statistics.median(latencies):.0f} ms, p95 "
          f"{_percentile(latencies, 0.95):.0f} ms, max {max(latencies):.0f} ms")  # fmt: skip
    print("  server RSS MiB every 5 s: " + ", ".join(f"{m:.0f}" for m in memory))
    for error in errors[:5]:
        print(f"  error: {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=30)
    args = parser.parse_args()
    from quellenlage import api

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "web-bench.db"
        started = time.perf_counter()
        _tracking_benchmark().build_database(db, args.claims)
        built = time.perf_counter() - started
        started = time.perf_counter()
        api.link(db=db)
        linked = time.perf_counter() - started
        overview = api.overview(db)
        print(f"Database: {overview['claims']} claims, {overview['documents']} documents, "
              f"{overview['figures']} figures, {overview['sources']} sources "
              f"(built {built:.0f} s, linked {linked:.0f} s)")  # fmt: skip
        cases = pages(db)
        port = _free_port()
        server = start_server(db, port)
        try:
            base = f"http://127.0.0.1:{port}"
            print(f"  server RSS at start: {rss_mb(server):.0f} MiB")
            ok = per_page(base, cases, args.repeat)
            print(f"  server RSS after part 1: {rss_mb(server):.0f} MiB")
            load(base, cases, args.clients, args.duration, server)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print("\nGoal p95 <= 300 ms per page: " + ("met" if ok else "NOT met"))


if __name__ == "__main__":
    main()
