"""Concurrent analysis shares the work: real processes, one database, repeated.

Each worker process takes documents through ``store.work.WorkQueue`` and saves a
claim or two for each (no language model: this is about claiming and saving). The
assertions: every document is analysed, by exactly one process; each process reports
only its own documents; no claim is ever stored twice; a killed process's leases are
freed and its documents finished by the next run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from quellenlage.records import Claim, Document, Field
from quellenlage.store import Store
from quellenlage.store.tables import ClaimRow, DocumentRow
from quellenlage.store.work import WorkQueue, free_dead_leases

DOCUMENTS = 40

#: A worker: takes documents until none is left, saves claims, prints the ids it did.
WORKER = """
import json, sys, time
from quellenlage.records import Claim
from quellenlage.store import Store
from quellenlage.store.work import WorkQueue

store = Store.open(sys.argv[1])
pause = float(sys.argv[2])
done = []
queue = WorkQueue(store)
for doc_id in queue:
    time.sleep(pause)  # "analysis": long enough for the others to run meanwhile
    claims = [Claim(f"claim {i} of {doc_id}", (i, i + 1), (0, 9), "direct", "asserted")
              for i in range(2)]
    queue.save(doc_id, claims, [])
    done.append(doc_id)
    print(doc_id, flush=True)
print(json.dumps(done), flush=True)
"""


def _document(number: int) -> Document:
    text = f"Dokument {number}: Der Sprecher sagte am Montag, es gebe {number} neue Fälle."
    return Document(
        origin=f"doc-{number}",
        text=text,
        raw=text,
        format="text",
        content_hash=f"hash-{number}",
        language=Field("de", "user"),
    )


def _filled(db: str) -> Store:
    store = Store.open(db)
    store.add_documents((_document(n), None) for n in range(DOCUMENTS))
    return store


def _workers(db: str, count: int, pause: float = 0.01) -> list[subprocess.Popen]:
    return [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, db, str(pause)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]


def _reports(workers: list[subprocess.Popen]) -> list[list[int]]:
    reports = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        reports.append(json.loads(out.strip().splitlines()[-1]))
    return reports


def _assert_each_once(store: Store, reports: list[list[int]]) -> None:
    done = [doc_id for report in reports for doc_id in report]
    assert sorted(done) == sorted(set(done)), "a document was analysed by two processes"
    with store.session() as session:
        ids = set(session.scalars(select(DocumentRow.id)))
        assert set(done) == ids
        assert session.scalar(select(func.count(ClaimRow.id))) == 2 * DOCUMENTS
        duplicates = session.execute(
            select(ClaimRow.document_id, ClaimRow.position)
            .group_by(ClaimRow.document_id, ClaimRow.position)
            .having(func.count() > 1)
        ).all()
        assert duplicates == []
        assert session.scalar(select(func.count()).where(DocumentRow.claimed_by.is_not(None))) == 0


@pytest.mark.parametrize("round_", range(3))
def test_concurrent_sqlite_workers_share_the_documents(tmp_path: Path, round_: int) -> None:
    db = str(tmp_path / f"work-{round_}.db")
    store = _filled(db)
    reports = _reports(_workers(db, 3))
    _assert_each_once(store, reports)
    assert sum(1 for report in reports if report) >= 2, "the work was not shared"


def test_concurrent_postgres_workers_share_the_documents(postgres_url: str) -> None:
    store = _filled(postgres_url)
    for _ in range(2):  # a second round on the same database finds nothing left to do
        reports = _reports(_workers(postgres_url, 3))
        if sum(map(len, reports)):
            _assert_each_once(store, reports)
            assert sum(1 for report in reports if report) >= 2, "the work was not shared"
        else:
            assert reports == [[], [], []]


def test_killed_worker_leaves_no_lease_and_no_half_stored_document(tmp_path: Path) -> None:
    db = str(tmp_path / "killed.db")
    store = _filled(db)
    (worker,) = _workers(db, 1, pause=2.0)  # killed within 2 s of its third save
    assert worker.stdout is not None
    for _ in range(3):  # let it finish three documents, then kill it mid-analysis
        worker.stdout.readline()
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)
    with store.session() as session:
        held = session.scalar(select(func.count()).where(DocumentRow.claimed_by.is_not(None)))
    assert held > 0  # it had taken documents it did not finish
    reports = _reports(_workers(db, 2))  # the next run frees the dead leases at once
    with store.session() as session:
        analysed = session.scalar(select(func.count()).where(DocumentRow.analysed_at.is_not(None)))
        assert analysed == DOCUMENTS
        assert session.scalar(select(func.count(ClaimRow.id))) == 2 * DOCUMENTS
    assert sum(map(len, reports)) == DOCUMENTS - 3


def test_expired_lease_is_taken_again_and_live_lease_is_not(tmp_path: Path) -> None:
    store = _filled(str(tmp_path / "lease.db"))
    import datetime as dt

    first = WorkQueue(store, lease=dt.timedelta(seconds=0.5))
    taken = first.claim(size=5)
    assert taken == [1, 2, 3, 4, 5]
    second = WorkQueue(store)
    assert second.claim(size=5) == [6, 7, 8, 9, 10]  # the live lease is respected
    assert free_dead_leases(store) == 0  # this process is alive
    time.sleep(0.6)
    third = WorkQueue(store)
    assert third.claim(size=5) == [1, 2, 3, 4, 5]  # the first lease ran out


def test_saving_twice_replaces_the_claims(tmp_path: Path) -> None:
    store = _filled(str(tmp_path / "twice.db"))
    claims = [Claim("x", (0, 1), (0, 9), "direct", "asserted")] * 3
    store.save_analysis(1, claims, [])
    store.save_analysis(1, claims[:2], ["again"])
    assert len(store.claims(1)) == 2


@pytest.mark.slow
def test_two_analyze_commands_report_only_their_own_documents(tmp_path: Path) -> None:
    """The real command, twice at once, on the demo corpus: each document analysed once."""
    from quellenlage import api

    corpus = Path(api.__file__).resolve().parents[1] / "demo" / "corpus"
    db = str(tmp_path / "demo.db")
    api.ingest([corpus], db=db)
    store = Store.open(db)
    with store.session() as session:
        pending = set(
            session.scalars(select(DocumentRow.id).where(DocumentRow.duplicate_of.is_(None)))
        )
    command = [sys.executable, "-m", "quellenlage", "analyze", "--db", db, "--json"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    reports = []
    for run in runs:
        out, _ = run.communicate(timeout=600)
        assert run.returncode == 0
        reports.append(json.loads(out))
    done = [item["document_id"] for report in reports for item in report]
    assert sorted(done) == sorted(set(done))  # nobody analysed a document twice
    assert set(done) == pending
    with store.session() as session:
        stored = session.scalar(select(func.count(ClaimRow.id)))
    assert stored == sum(item["claims"] for report in reports for item in report)


def _figure_claim(doc_id: int, number: int) -> Claim:
    from quellenlage.records import Mention, Quantity, Source, TimeExpr

    return Claim(
        f"{number} Soldaten seien verlegt worden",
        (0, 30),
        (0, 40),
        "indirect",
        "asserted",
        cue=Mention("sagte", (31, 36)),
        source=Source("der Sprecher", (37, 49), "person"),
        quantities=(Quantity(f"{number} Soldaten", (0, 12), number, unit="Soldat"),),
        times=(TimeExpr("am Montag", (13, 22), "2024-10-21", "2024-10-21", "day", True, True),),
        document_id=doc_id,
    )


def test_a_batch_is_stored_in_one_go_with_figures_and_times(tmp_path: Path) -> None:
    store = _filled(str(tmp_path / "batch.db"))
    queue = WorkQueue(store)
    taken = queue.claim(size=5)
    results = [
        (doc_id, [_figure_claim(doc_id, doc_id), _figure_claim(doc_id, 7)], ["w"])
        for doc_id in taken
    ]
    assert queue.save_many(results) == []
    for doc_id in taken:
        assert store.claims(doc_id) == [_figure_claim(doc_id, doc_id), _figure_claim(doc_id, 7)]
    with store.session() as session:
        rows = session.execute(
            select(DocumentRow.id, DocumentRow.analysis_warnings, DocumentRow.claimed_by).where(
                DocumentRow.analysed_at.is_not(None)
            )
        ).all()
        positions = session.execute(
            select(ClaimRow.document_id, ClaimRow.position).order_by(ClaimRow.id)
        ).all()
    assert rows == [(doc_id, ["w"], None) for doc_id in taken]
    assert positions == [(doc_id, p) for doc_id in taken for p in (0, 1)]


def test_a_document_that_cannot_be_stored_costs_only_itself(tmp_path: Path) -> None:
    store = _filled(str(tmp_path / "bad.db"))
    queue = WorkQueue(store)
    queue.claim(size=2)
    failed = queue.save_many(
        [(1, [_figure_claim(1, 5)], []), (999, [_figure_claim(999, 5)], []), (2, [], [])],
        [(3, "ValueError: rule tripped")],
    )
    assert failed == [
        (3, "ValueError: rule tripped"),
        (999, "StoreError: document 999 does not exist"),
    ]
    assert len(store.claims(1)) == 1 and store.claims(2) == []
    assert store.pending_analysis() == [n for n in range(3, DOCUMENTS + 1)]
    recorded = {(f.origin, f.error) for f in store.failures()}
    assert recorded == {
        ("doc-2", "analysis of document 3 failed: ValueError: rule tripped"),
        (
            "document 999",
            "analysis of document 999 failed: StoreError: document 999 does not exist",
        ),
    }
    queue.save_many([], [(3, "ValueError: rule tripped")])  # the same failure again: counted
    assert [f.attempts for f in store.failures() if f.origin == "doc-2"] == [2]
    queue.save_many([(3, [], [])])  # analysed at last: its failure is gone, the other stays
    assert [f.origin for f in store.failures()] == ["document 999"]
    queue.release()
