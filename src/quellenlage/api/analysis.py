"""Analysis: claims, figures and times for stored documents, or for one file without a database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from quellenlage.api.common import DbArg, UsageError, open_db
from quellenlage.records import Claim, Document, Failure, Skipped
from quellenlage.store import DEFAULT_DB


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


def _analyze_for_store(document: Document) -> tuple[int, list, list[str], str | None]:
    """Worker: analyse one document; errors come back as values, never raise."""
    from quellenlage.pipeline import analyze as analyze_document

    try:
        result = analyze_document(document)
    except Exception as exc:  # one bad document must not stop the run
        return document.id, [], [], f"{type(exc).__name__}: {exc}"
    return document.id, result.claims, result.warnings, None


def pending_analysis(
    ids: Iterable[int] | None = None, *, db: DbArg = DEFAULT_DB, force: bool = False
) -> list[int]:
    """Ids of the documents :func:`analyze` would analyse now (for a progress bar)."""
    return open_db(db).pending_analysis(list(ids) if ids else None, force=force)


def analyze(
    ids: Iterable[int] | None = None,
    *,
    db: DbArg = DEFAULT_DB,
    force: bool = False,
    published: str | None = None,
    jobs: int = 1,
    relink: bool = True,
    on_item: Callable[[AnalysedItem], None] | None = None,
) -> list[AnalysedItem]:
    """Analyse stored documents and store their claims, one transaction each.

    ``ids`` None or empty means every document. Skips documents already
    analysed unless ``force``; an interrupted run resumes with the documents
    not yet stored. ``published`` sets the publication date (provenance
    "user") of the named documents first and re-analyses them, so that their
    relative times resolve. When claims changed, figures are linked again
    (with the stored threshold), so that the read commands never have to;
    ``relink=False`` leaves that to a later :func:`quellenlage.api.link`.
    """
    from quellenlage.api.tracking import relink_if_stale

    check_date(published)
    store = open_db(db)
    ids = list(ids) if ids else None
    if published is not None:
        for doc_id in ids if ids is not None else store.document_ids():
            store.set_published(doc_id, published, "user")
        force = True
    from quellenlage.store.work import WorkQueue

    # other analyze processes on this database take their share of the same queue
    queue = WorkQueue(store, ids, force=force)
    results: list[AnalysedItem] = []

    def save(doc_id: int, claims: list, warnings: list[str], error: str | None) -> None:
        if error is None:
            queue.save(doc_id, claims, warnings)
        item = AnalysedItem(doc_id, len(claims), tuple(warnings), error)
        results.append(item)
        if on_item:
            on_item(item)

    documents = (store.document(doc_id) for doc_id in queue)
    try:
        if jobs <= 1:
            for document in documents:
                save(*_analyze_for_store(document))
        else:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for outcome in _bounded_map(pool, documents, 2 * jobs):
                    save(*outcome)
    finally:
        queue.release()
    if relink:
        relink_if_stale(store)
    return results


def _bounded_map(pool, documents: Iterator[Document], ahead: int) -> Iterator[tuple]:
    """``pool.map`` that takes only ``ahead`` documents at a time (``map`` takes them all,
    which would claim every document for this process)."""
    from collections import deque

    running: deque = deque()
    for document in documents:
        running.append(pool.submit(_analyze_for_store, document))
        if len(running) >= ahead:
            yield running.popleft().result()
    while running:
        yield running.popleft().result()


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
