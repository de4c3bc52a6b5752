"""Sharing analysis between processes: each document is taken by one, under a lease.

Several ``analyze`` processes may run on one database. Each takes documents through a
:class:`WorkQueue`: one atomic ``UPDATE … RETURNING`` marks a few pending documents as
its own (``claimed_by``) until ``claimed_until``. SQLite runs that statement under its
write lock; PostgreSQL selects the rows ``FOR UPDATE SKIP LOCKED``, so two processes
never take the same document. Saving the claims clears the lease in the same
transaction.

A process that dies leaves its lease behind: a lease runs out after :data:`LEASE`, and
a lease held by a process of this host that no longer exists is freed at once, so an
interrupted run resumes without waiting.

:func:`replace_claims` stores the claims of a batch of documents in one transaction: it
deletes their old claims and inserts the new ones numbered 0, 1, … with Core bulk inserts
(ORM objects cost more than the analysis of a short report), and the unique index on
``(document_id, position)`` makes a second copy impossible, not only unlikely. When a
batch cannot be stored, each of its documents is stored on its own, so that one bad
document costs only itself; it is recorded in ``failed_inputs`` (``quellenlage failed``).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from quellenlage.records import Claim, Document
from quellenlage.store.convert import claim_values, quantity_values, row_to_document, time_values
from quellenlage.store.errors import StoreError
from quellenlage.store.tables import (
    ClaimRow,
    DocumentRow,
    FailedInputRow,
    QuantityRow,
    TimeRow,
    utcnow,
)

if TYPE_CHECKING:
    from quellenlage.store.database import Store

#: How long a claimed document stays reserved for the process that took it.
LEASE = dt.timedelta(minutes=30)
#: Documents taken per claim: few, so that the other processes get their share.
CLAIM_SIZE = 4
#: What an analysis failure is recorded as in ``failed_inputs`` (with the document's origin).
ANALYSIS_FAILED = "analysis of document {id} failed: {error}"

#: One document's analysis as stored: its id, claims and warnings.
Result = tuple[int, list[Claim], list[str]]


def worker_id() -> str:
    """``host:pid:random``: unique per process, and says where the process runs."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class WorkQueue:
    """The documents still to analyse, taken a few at a time by this process.

    ``ids`` limits the work to those documents; ``force`` takes documents analysed
    before this queue was made too (each once, whichever process gets it); ``since``
    gives that moment instead (worker processes of one run share it).
    """

    def __init__(
        self,
        store: Store,
        ids: Iterable[int] | None = None,
        *,
        force: bool = False,
        since: dt.datetime | None = None,
        lease: dt.timedelta = LEASE,
    ) -> None:
        self.store = store
        self.ids = list(ids) if ids is not None else None
        self.since = since or (utcnow() if force else None)
        self.lease = lease
        self.worker = worker_id()
        self._cursor = 0
        self._started = False

    def __iter__(self) -> Iterator[int]:
        """Ids of the documents this process took, taking more as they are consumed."""
        try:
            while batch := self.claim():
                yield from batch
        finally:
            self.release()

    def claim(self, size: int = CLAIM_SIZE) -> list[int]:
        """Take up to ``size`` pending documents; ``[]`` when none is left for anyone."""
        if not self._started:
            free_dead_leases(self.store)  # an interrupted run of this host resumes at once
            self._started = True
        taken = self._claim_after(self._cursor, size)
        if not taken and self._cursor:
            # lower ids may have come free meanwhile (a lease ran out, a process died)
            free_dead_leases(self.store)
            taken = self._claim_after(0, size)
        if taken:
            self._cursor = max(taken)
        return taken

    def _claim_after(self, cursor: int, size: int) -> list[int]:
        now = utcnow()
        pending = (
            select(DocumentRow.id)
            .where(
                DocumentRow.id > cursor,
                DocumentRow.duplicate_of.is_(None),
                DocumentRow.language_status == "analysable",
                or_(DocumentRow.claimed_until.is_(None), DocumentRow.claimed_until < now),
            )
            .order_by(DocumentRow.id)
            .limit(size)
            .with_for_update(skip_locked=True)  # PostgreSQL; SQLite holds its write lock
        )
        if self.ids is not None:
            pending = pending.where(DocumentRow.id.in_(self.ids))
        if self.since is None:
            pending = pending.where(DocumentRow.analysed_at.is_(None))
        else:
            pending = pending.where(
                or_(DocumentRow.analysed_at.is_(None), DocumentRow.analysed_at < self.since)
            )
        statement = (
            update(DocumentRow)
            .where(DocumentRow.id.in_(pending.scalar_subquery()))
            .values(claimed_by=self.worker, claimed_until=now + self.lease)
            .returning(DocumentRow.id)
            .execution_options(synchronize_session=False)
        )
        with self.store.session() as session:
            return sorted(session.scalars(statement))

    def save(self, doc_id: int, claims: list[Claim], warnings: list[str]) -> None:
        """Store one document's claims and give its lease back, in one transaction."""
        with self.store.session() as session:
            replace_claims(session, [(doc_id, claims, warnings)])

    def save_many(
        self, results: list[Result], failed: Iterable[tuple[int, str]] = ()
    ) -> list[tuple[int, str]]:
        """Store a batch of analyses in one transaction and record the ``failed`` documents.

        Returns ``failed`` plus the documents that could not be stored, with the error:
        when the batch's transaction fails, each document is tried in its own, so that
        the others are stored. Failed documents stay pending (their lease is given back
        by :meth:`release`) and are recorded in ``failed_inputs``.
        """
        failed = list(failed)
        try:
            with self.store.session() as session:
                replace_claims(session, results)
                record_analysis_failures(session, failed)
        except Exception:  # a document broke the batch: store the others one by one
            return self._save_each(results, failed)
        return failed

    def _save_each(self, results: list[Result], failed: list[tuple[int, str]]) -> list:
        for result in results:
            try:
                with self.store.session() as session:
                    replace_claims(session, [result])
            except Exception as exc:
                failed.append((result[0], f"{type(exc).__name__}: {exc}"))
        with self.store.session() as session:
            record_analysis_failures(session, failed)
        return failed

    def release(self) -> None:
        """Give back every lease this process still holds (documents it did not finish)."""
        with self.store.session() as session:
            session.execute(
                update(DocumentRow)
                .where(DocumentRow.claimed_by == self.worker)
                .values(claimed_by=None, claimed_until=None)
                .execution_options(synchronize_session=False)
            )


def documents(store: Store, ids: list[int]) -> list[Document]:
    """The documents with these ids, in this order (one query for a claimed batch)."""
    with store.session() as session:
        rows = {
            row.id: row
            for row in session.scalars(select(DocumentRow).where(DocumentRow.id.in_(ids)))
        }
    return [row_to_document(rows[doc_id]) for doc_id in ids if doc_id in rows]


def replace_claims(session: Session, results: list[Result]) -> None:
    """Replace the claims of documents, mark them analysed and free their leases.

    One transaction, whatever the number of documents. The delete comes first, so that
    SQLite takes its write lock before anything is read and two savers of one document
    run one after the other. Raises :class:`StoreError` when a document does not exist.
    """
    if not results:
        return
    doc_ids = [doc_id for doc_id, _, _ in results]
    session.execute(delete(ClaimRow).where(ClaimRow.document_id.in_(doc_ids)))
    present = set(session.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(doc_ids))))
    missing = [doc_id for doc_id in doc_ids if doc_id not in present]
    if missing:
        raise StoreError(f"document {missing[0]} does not exist")
    claims = [
        (doc_id, claim) for doc_id, document_claims, _ in results for claim in document_claims
    ]
    rows = [
        claim_values(claim, doc_id, position)
        for doc_id, document_claims, _ in results
        for position, claim in enumerate(document_claims)
    ]
    if rows:
        returning = insert(ClaimRow.__table__).returning(
            ClaimRow.__table__.c.id, sort_by_parameter_order=True
        )
        claim_ids = list(session.scalars(returning, rows))
        quantities = [
            quantity_values(q, claim_id, doc_id)
            for claim_id, (doc_id, claim) in zip(claim_ids, claims, strict=True)
            for q in claim.quantities
        ]
        times = [
            time_values(t, claim_id, doc_id)
            for claim_id, (doc_id, claim) in zip(claim_ids, claims, strict=True)
            for t in claim.times
        ]
        if quantities:
            session.execute(insert(QuantityRow.__table__), quantities)
        if times:
            session.execute(insert(TimeRow.__table__), times)
    documents = DocumentRow.__table__
    now = utcnow()
    session.execute(
        update(documents)
        .where(documents.c.id == bindparam("doc_id"))
        .values(
            analysed_at=now,
            analysis_warnings=bindparam("warnings", type_=documents.c.analysis_warnings.type),
            claimed_by=None,
            claimed_until=None,
        ),
        [{"doc_id": doc_id, "warnings": warnings or None} for doc_id, _, warnings in results],
    )
    _clear_analysis_failures(session, doc_ids)


def record_analysis_failures(session: Session, failed: list[tuple[int, str]]) -> None:
    """Record documents whose analysis failed in ``failed_inputs`` under their origin.

    The same failure again only updates its time and count; a later successful analysis
    of the document removes it (:func:`replace_claims`).
    """
    if not failed:
        return
    origins = dict(
        session.execute(
            select(DocumentRow.id, DocumentRow.origin).where(
                DocumentRow.id.in_([doc_id for doc_id, _ in failed])
            )
        ).all()
    )
    for doc_id, error in failed:
        origin = origins.get(doc_id, f"document {doc_id}")
        message = ANALYSIS_FAILED.format(id=doc_id, error=error)
        row = session.scalar(
            select(FailedInputRow).where(
                FailedInputRow.origin == origin, FailedInputRow.error == message
            )
        )
        if row is None:
            session.add(FailedInputRow(origin=origin, error=message))
        else:
            row.last_failed_at = utcnow()
            row.attempts += 1


def _clear_analysis_failures(session: Session, doc_ids: list[int]) -> None:
    any_recorded = select(FailedInputRow.id).where(
        FailedInputRow.error.startswith("analysis of document ")
    )
    if session.scalar(any_recorded.limit(1)) is None:  # the usual case: one cheap query
        return
    for doc_id in doc_ids:
        prefix = ANALYSIS_FAILED.format(id=doc_id, error="")
        session.execute(
            delete(FailedInputRow)
            .where(FailedInputRow.error.startswith(prefix, autoescape=True))
            .execution_options(synchronize_session=False)
        )


def free_dead_leases(store: Store) -> int:
    """Free the leases of processes on this host that no longer run; return how many."""
    host = socket.gethostname()
    with store.session() as session:
        holders = set(
            session.scalars(
                select(DocumentRow.claimed_by)
                .where(DocumentRow.claimed_by.like(f"{host}:%"))
                .distinct()
            )
        )
        dead = [holder for holder in holders if not _alive(holder)]
        if dead:
            session.execute(
                update(DocumentRow)
                .where(DocumentRow.claimed_by.in_(dead))
                .values(claimed_by=None, claimed_until=None)
                .execution_options(synchronize_session=False)
            )
    return len(dead)


def _alive(holder: str) -> bool:
    try:
        pid = int(holder.split(":")[1])
        os.kill(pid, 0)
    except (IndexError, ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True
