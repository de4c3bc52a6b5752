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

:func:`replace_claims` stores a document's claims: it deletes the old ones and inserts
the new ones numbered 0, 1, … in one transaction, and the unique index on
``(document_id, position)`` makes a second copy impossible, not only unlikely.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from quellenlage.records import Claim
from quellenlage.store.convert import claim_to_row
from quellenlage.store.tables import ClaimRow, DocumentRow, utcnow

if TYPE_CHECKING:
    from quellenlage.store.database import Store

#: How long a claimed document stays reserved for the process that took it.
LEASE = dt.timedelta(minutes=30)
#: Documents taken per claim: few, so that the other processes get their share.
CLAIM_SIZE = 4


def worker_id() -> str:
    """``host:pid:random``: unique per process, and says where the process runs."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class WorkQueue:
    """The documents still to analyse, taken a few at a time by this process.

    ``ids`` limits the work to those documents; ``force`` takes documents analysed
    before this queue was made too (each once, whichever process gets it).
    """

    def __init__(
        self,
        store: Store,
        ids: Iterable[int] | None = None,
        *,
        force: bool = False,
        lease: dt.timedelta = LEASE,
    ) -> None:
        self.store = store
        self.ids = list(ids) if ids is not None else None
        self.since = utcnow() if force else None
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
            replace_claims(session, doc_id, claims, warnings)

    def release(self) -> None:
        """Give back every lease this process still holds (documents it did not finish)."""
        with self.store.session() as session:
            session.execute(
                update(DocumentRow)
                .where(DocumentRow.claimed_by == self.worker)
                .values(claimed_by=None, claimed_until=None)
                .execution_options(synchronize_session=False)
            )


def replace_claims(session: Session, doc_id: int, claims: list[Claim], warnings: list[str]) -> None:
    """Replace a document's claims, mark it analysed and free its lease (one transaction).

    The delete comes first, so that SQLite takes its write lock before anything is read
    and two savers of one document run one after the other.
    """
    session.execute(delete(ClaimRow).where(ClaimRow.document_id == doc_id))
    rows = [claim_to_row(claim, doc_id) for claim in claims]
    for position, row in enumerate(rows):
        row.position = position
    session.add_all(rows)
    done = session.execute(
        update(DocumentRow)
        .where(DocumentRow.id == doc_id)
        .values(
            analysed_at=utcnow(),
            analysis_warnings=warnings or None,
            claimed_by=None,
            claimed_until=None,
        )
        .execution_options(synchronize_session=False)
    )
    if done.rowcount == 0:
        from quellenlage.store.database import StoreError

        raise StoreError(f"document {doc_id} does not exist")


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
