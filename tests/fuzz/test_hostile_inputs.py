"""Hostile inputs of every kind: no crash, no hang, nothing dropped, memory bounded.

Small sizes run in-process under a time bound; the 20 MB-class sizes (time per MB,
peak memory at 2–3 sizes) are in ``benchmarks/robustness.py``. One check per area runs
in a subprocess to measure its peak memory with ``resource.getrusage``.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

from quellenlage import api
from quellenlage.ingest import read_inputs
from quellenlage.records import Document, Failure, Skipped

from .hostile import KINDS

T = TypeVar("T")
#: Seconds any one small hostile input may take (they take well under one).
BOUND = 20
ROOT = Path(__file__).resolve().parents[2]


class Hang(Exception):
    pass


@contextmanager
def bounded(seconds: int = BOUND) -> Iterator[None]:
    """Fail with :class:`Hang` if the block runs longer than ``seconds``."""

    def alarm(_signum, _frame):
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _all(function: Callable[[], Iterator[T]]) -> list[T]:
    with bounded():
        return list(function())


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_hostile_kind_is_a_document_a_failure_or_a_skip(tmp_path: Path, kind: str) -> None:
    name, data = KINDS[kind](100_000)
    path = tmp_path / name
    path.write_bytes(data)
    results = _all(lambda: read_inputs([path]))
    assert results, "the input vanished without a line"
    assert all(isinstance(r, Document | Failure | Skipped) for r in results)
    origin = str(path.resolve())
    assert all(r.origin.startswith(origin) for r in results)
    for result in results:
        if isinstance(result, Failure):
            assert result.error and "\n" not in result.error
        if isinstance(result, Document):
            assert result.text.strip()


def test_a_folder_of_every_kind_loses_nothing(tmp_path: Path) -> None:
    for kind, build in KINDS.items():
        name, data = build(20_000)
        (tmp_path / f"{kind.replace(' ', '-')}-{name}").write_bytes(data)
    (tmp_path / "weg.txt").symlink_to(tmp_path / "nirgends.txt")
    db = str(tmp_path / "q.db")
    seen: list[api.IngestedItem] = []
    with bounded(60):
        report = api.ingest([tmp_path], db=db, on_item=seen.append)
    files = {path.name for path in tmp_path.iterdir() if path.name != "q.db"}
    named = {Path(item.origin.split("#")[0]).name for item in seen}
    assert files <= named, f"no line for {files - named}"
    assert sum(report.counts.values()) == len(seen)
    assert report.count("skipped") >= 2  # the link and the WARC's pictures


def _peak_mb(code: str, timeout: int = 300) -> tuple[float, dict]:
    """Run ``code`` in a fresh interpreter; its printed JSON and peak memory in MB."""
    script = (
        "import json, resource, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        f"{code}\n"
        "print(json.dumps({'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,"
        " 'result': RESULT}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=timeout, check=True
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return data["peak_mb"], data["result"]


def test_ingest_of_a_5_mb_single_line_stays_small(tmp_path: Path) -> None:
    peak, result = _peak_mb(
        "from tests.fuzz.hostile import long_line_text\n"
        "from quellenlage.ingest import read_inputs\n"
        "import pathlib\n"
        f"path = pathlib.Path({str(tmp_path / 'line.txt')!r})\n"
        "path.write_bytes(long_line_text(5_000_000)[1])\n"
        "RESULT = [type(item).__name__ for item in read_inputs([path])]\n"
    )
    assert result == ["Document"]
    assert peak < 1024


@pytest.mark.slow
def test_analysis_of_hostile_text_stays_under_a_gigabyte() -> None:
    """No punctuation at all, and thousands of unclosed „ marks: bounded pieces, linear pairing."""
    peak, result = _peak_mb(
        "from tests.fuzz.hostile import quote_marks, unpunctuated_text\n"
        "from quellenlage.pipeline import analyze\n"
        "from quellenlage.records import Document, Field\n"
        "RESULT = []\n"
        "for build in (unpunctuated_text, quote_marks):\n"
        "    text = build(60_000)[1].decode()\n"
        "    doc = Document('x', text, text, 'text', 'h', language=Field('de', 'user'))\n"
        "    RESULT.append(analyze(doc).warnings[0])\n"
    )
    assert all(warning.startswith("long text analysed in ") for warning in result)
    assert peak < 1024
