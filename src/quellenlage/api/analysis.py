"""Analysis: claims, figures and times for stored documents, or for one file without a database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from quellenlage.api.common import DbArg, StoreError, UsageError, open_db
from quellenlage.records import Claim, Document, Failure, Skipped
from quellenlage.store import DEFAULT_DB

if TYPE_CHECKING:
    from quellenlage.store import Store


@dataclass(frozen=True, slots=True)
class AnalysedItem:
    document_id: int
    claims: int
    warnings: tuple[str, ...] = ()
    error: str | None = None


@dataclass(frozen=True, slots=True)
class FileAnalysis:
    """One document read from a file and analysed (not stored)."""

    document: Document
    claims: list[Claim]
    warnings: list[str]


def check_date(value: str | None, option: str = "published") -> str | None:
    """``value`` if it is an ISO date (YYYY-MM-DD); a :class:`UsageError` naming it otherwise."""
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"{option} {value!r} is not a date like 2024-10-24") from exc
    return value


def pending_analysis(
    ids: Iterable[int] | None = None, *, db: DbArg = DEFAULT_DB, force: bool = False
) -> list[int]:
    """Ids of the documents :func:`analyze` would analyse now (for a progress bar)."""
    return open_db(db).pending_analysis(list(ids) if ids else None, force=force)


#: Documents analysed and stored together: one ``nlp.pipe`` batch, one transaction.
BATCH_SIZE = 32


def analyze(
    ids: Iterable[int] | None = None,
    *,
    db: DbArg = DEFAULT_DB,
    force: bool = False,
    published: str | None = None,
    jobs: int = 1,
    relink: bool = True,
    on_item: Callable[[AnalysedItem], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> list[AnalysedItem]:
    """Analyse stored documents and store their claims, ``batch_size`` per transaction.

    ``ids`` None or empty means every document. Skips documents already
    analysed unless ``force``; an interrupted run resumes with the documents
    not yet stored. A document whose analysis fails is reported (``error``),
    recorded in ``failed_inputs`` and left pending; the others of its batch are
    stored. ``published`` sets the publication date (provenance "user") of the
    named documents first and re-analyses them, so that their relative times
    resolve. ``jobs`` > 1 analyses in that many processes (this one and
    ``jobs - 1`` workers), each loading the model once and taking its documents from the
    database (:mod:`quellenlage.store.work`).
    When claims changed, figures are linked again (with the stored threshold),
    so that the read commands never have to; ``relink=False`` leaves that to a
    later :func:`quellenlage.api.link`.
    """
    from quellenlage.api.tracking import relink_if_stale
    from quellenlage.store.tables import utcnow

    check_date(published)
    store = open_db(db)
    ids = list(ids) if ids else None
    if published is not None:
        for doc_id in ids if ids is not None else store.document_ids():
            store.set_published(doc_id, published, "user")
        force = True
    since = utcnow() if force else None  # every worker of this run re-analyses from here
    results: list[AnalysedItem] = []

    def collect(item: AnalysedItem) -> None:
        results.append(item)
        if on_item:
            on_item(item)

    if jobs <= 1 or _in_memory(store):
        for item in _work(store, ids, since, batch_size, batch_size):
            collect(item)
    else:
        pending = len(store.pending_analysis(ids, force=force))
        # a few rounds per worker, so that all finish at about the same time
        size = max(1, min(batch_size, -(-pending // (4 * jobs))))
        _in_workers(store, jobs, (ids, since, size, batch_size), collect)
    if relink:
        relink_if_stale(store)
    return results


def _work(
    store: Store, ids: list[int] | None, since: dt.datetime | None, size: int, batch_size: int
) -> Iterator[AnalysedItem]:
    """Take ``size`` documents at a time from the queue, analyse them, store them together."""
    from quellenlage.pipeline import analyze_many
    from quellenlage.store.work import WorkQueue, documents

    # other analyze processes on this database take their share of the same queue
    queue = WorkQueue(store, ids, since=since)
    try:
        while taken := queue.claim(size):
            analyses = list(analyze_many(documents(store, taken), batch_size=batch_size))
            stored = [(a.document.id, a.claims, a.warnings) for a in analyses if not a.failed]
            failed = dict(
                queue.save_many(stored, [(a.document.id, a.failed) for a in analyses if a.failed])
            )
            for analysis in analyses:
                doc_id = analysis.document.id
                if doc_id in failed:
                    yield AnalysedItem(doc_id, 0, tuple(analysis.warnings), failed[doc_id])
                else:
                    yield AnalysedItem(doc_id, len(analysis.claims), tuple(analysis.warnings))
    finally:
        queue.release()


def _in_memory(store: Store) -> bool:
    """An in-memory SQLite database cannot be shared with worker processes."""
    url = store.engine.url
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def _in_workers(
    store: Store, jobs: int, work: tuple, collect: Callable[[AnalysedItem], None]
) -> None:
    """Run :func:`_work` here and in ``jobs - 1`` more processes; pass on each item.

    The processes share nothing but the database: each claims its own documents. This
    one works too (one model load less) and passes on the others' items between its
    batches. A worker that dies leaves its leases to a dead process, which the next
    run frees.
    """
    import multiprocessing
    import queue as queues

    context = multiprocessing.get_context("spawn")  # no copy of this process's state
    items = context.Queue()
    url = store.engine.url.render_as_string(hide_password=False)
    workers = [
        context.Process(target=_worker, args=(url, work, items), daemon=True)
        for _ in range(jobs - 1)
    ]
    for worker in workers:
        worker.start()
    running, errors = len(workers), []

    def receive(timeout: float | None) -> bool:
        """Pass on one message of the workers; False when there was none."""
        nonlocal running
        try:
            message = items.get(timeout=timeout) if timeout else items.get_nowait()
        except queues.Empty:
            return False
        if message is None:
            running -= 1
        elif isinstance(message, str):
            errors.append(message)
        else:
            collect(message)
        return True

    try:
        for item in _work(store, *work):
            collect(item)
            while running and receive(None):
                pass
        while running:
            if not receive(1.0) and not any(w.is_alive() for w in workers) and items.empty():
                break  # a worker died without saying goodbye
    finally:
        for worker in workers:
            worker.join(timeout=5 if running == 0 else 0.1)
            if worker.is_alive():
                worker.terminate()
    dead = [w for w in workers if w.exitcode not in (0, None)]
    if errors or dead:
        reasons = errors + [f"worker {w.pid} stopped with exit code {w.exitcode}" for w in dead]
        raise StoreError(
            "analysis stopped: "
            + "; ".join(reasons)
            + " (run analyze again to finish the remaining documents)"
        )


def _worker(url: str, work: tuple, items) -> None:
    """A worker process: load the model once, analyse until no document is left."""
    from quellenlage.store.database import Store

    try:
        store = Store.open(url)
        for item in _work(store, *work):
            items.put(item)
    except Exception as exc:  # reported by the parent process, which names it
        items.put(f"{type(exc).__name__}: {exc}")
    finally:
        items.put(None)


def analyze_file(
    path: str | Path,
    *,
    published: str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[FileAnalysis | Failure | Skipped]:
    """Read one file (``-`` with ``stdin`` for standard input) and analyse each document in it.

    Nothing is stored; inputs that cannot be read come back as :class:`Failure`.
    """
    from quellenlage.ingest import read_inputs
    from quellenlage.pipeline import analyze as analyze_document

    check_date(published)
    for item in read_inputs(
        [str(path)], published=published, outlet=outlet, language=language, stdin=stdin
    ):
        if isinstance(item, Failure | Skipped):  # a skip (a WARC picture) is no document
            yield item
            continue
        result = analyze_document(item)
        yield FileAnalysis(item, result.claims, result.warnings)
