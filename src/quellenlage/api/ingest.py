"""Ingest: read, clean and store news reports, with duplicate checks, one transaction per batch."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal

from quellenlage.api.common import DbArg, open_db
from quellenlage.records import Document, Failure, Skipped
from quellenlage.store import DEFAULT_DB

if TYPE_CHECKING:
    from quellenlage.store import Store

IngestStatus = Literal[
    "added", "new version", "duplicate", "near-duplicate", "already stored", "failed", "skipped"
]


@dataclass(frozen=True, slots=True)
class IngestedItem:
    origin: str
    status: IngestStatus
    document_id: int | None = None
    title: str | None = None
    language: str | None = None
    duplicate_of: int | None = None
    error: str | None = None  # why it failed, or (status "skipped") why it is not a report


@dataclass
class IngestReport:
    """Counts by status and the failed inputs; every item goes to ``on_item`` as it happens.

    The report does not keep the stored items, so that its memory stays flat on
    archives of any size.
    """

    counts: Counter[IngestStatus] = field(default_factory=Counter)
    failed: list[IngestedItem] = field(default_factory=list)
    skipped: list[IngestedItem] = field(default_factory=list)

    def count(self, status: IngestStatus) -> int:
        return self.counts[status]

    @property
    def added(self) -> int:
        return sum(self.counts[s] for s in ("added", "new version", "duplicate", "near-duplicate"))


class _Batch:
    """Documents waiting for one transaction, with the duplicate checks they need."""

    def __init__(self, store: Store) -> None:
        from quellenlage.ingest.dedup import NearDuplicateIndex  # MinHash: numpy, scipy

        self.store = store
        self.pending: list[tuple[Document, bytes]] = []
        self.local_hashes: dict[str, int] = {}
        self.local_index = NearDuplicateIndex()

    def __len__(self) -> int:
        return len(self.pending)

    def holds_copy_of(self, doc: Document, signature: bytes) -> bool:
        """Whether a pending document is a copy of this one (then flush before linking)."""
        return (
            doc.content_hash in self.local_hashes or self.local_index.query(signature) is not None
        )

    def find_duplicate(
        self, copies: list[tuple[int, str, int | None]], signature: bytes, origin: str
    ) -> tuple[str, int] | None:
        """(kind, id of the first copy) of a stored duplicate, or None.

        An earlier version of the same input (an edited page fetched again) is
        not a copy: the new version is stored and analysed on its own.
        """
        originals = [doc_id for doc_id, _, duplicate_of in copies if duplicate_of is None]
        if originals:
            return "exact", min(originals)
        near = self.store.near_duplicate(signature)
        if near is not None and (first := self.store.document(near)) and first.origin == origin:
            return None
        return ("near", near) if near is not None else None

    def add(self, doc: Document, signature: bytes) -> None:
        position = len(self.pending)
        self.pending.append((doc, signature))
        if doc.duplicate_of is None:
            self.local_hashes[doc.content_hash] = position
            self.local_index.add(position, signature)

    def flush(self) -> list[tuple[Document, int]]:
        if not self.pending:
            return []
        ids = self.store.add_documents(self.pending)
        self.store.clear_failures(doc.origin for doc, _ in self.pending)
        stored = [(doc, doc_id) for (doc, _), doc_id in zip(self.pending, ids, strict=True)]
        self.pending = []
        self.local_hashes = {}
        self.local_index = type(self.local_index)()
        return stored


def ingest(
    paths: Iterable[str | Path],
    *,
    db: DbArg = DEFAULT_DB,
    published: str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    stdin: BinaryIO | None = None,
    batch_size: int = 100,
    on_item: Callable[[IngestedItem], None] | None = None,
) -> IngestReport:
    """Read, clean and store news reports; one transaction per batch.

    Re-running with the same inputs adds nothing (documents are keyed by their
    origin and the hash of their clean text), and a killed run resumes where
    its last committed batch ended. Failed inputs are recorded, never raised.
    """
    from quellenlage.ingest import read_inputs

    store = open_db(db)
    items = read_inputs(paths, published=published, outlet=outlet, language=language, stdin=stdin)
    return store_items(items, db=store, batch_size=batch_size, on_item=on_item)


def store_items(
    items: Iterable[Document | Failure | Skipped],
    *,
    db: DbArg = DEFAULT_DB,
    batch_size: int = 100,
    on_item: Callable[[IngestedItem], None] | None = None,
) -> IngestReport:
    """Store read documents and record failures: the storing half of :func:`ingest`.

    Also used for pages fetched from the web (:mod:`quellenlage.api.fetch`).
    """
    from quellenlage.ingest.dedup import minhash_signature
    from quellenlage.store.skips import record_skips

    store = open_db(db)
    report = IngestReport()
    batch = _Batch(store)

    def emit(item: IngestedItem) -> None:
        report.counts[item.status] += 1
        if item.status == "failed":
            report.failed.append(item)
        elif item.status == "skipped":
            report.skipped.append(item)
        if on_item:
            on_item(item)

    def flush() -> None:
        if failures:
            store.record_failures(failures)
            failures.clear()
        if skips:
            record_skips(store, skips)
            skips.clear()
        for doc, doc_id in batch.flush():
            status: IngestStatus = "added"
            if doc.duplicate_kind:
                status = "duplicate" if doc.duplicate_kind == "exact" else "near-duplicate"
            emit(
                IngestedItem(
                    doc.origin,
                    status,
                    doc_id,
                    doc.title.value,
                    doc.language.value,
                    doc.duplicate_of,
                )
            )

    failures: list[Failure] = []
    skips: list[Skipped] = []
    for item in items:
        if isinstance(item, Skipped):
            skips.append(item)
            emit(IngestedItem(item.origin, "skipped", error=item.reason))
            if len(skips) >= batch_size:
                flush()
            continue
        if isinstance(item, Failure):
            failures.append(item)
            emit(IngestedItem(item.origin, "failed", error=item.error))
            if len(failures) >= batch_size:
                flush()
            continue
        signature = minhash_signature(item.text)
        if batch.holds_copy_of(item, signature):
            flush()
        copies = store.copies(item.content_hash)
        if any(origin == item.origin for _, origin, _ in copies):
            emit(IngestedItem(item.origin, "already stored", title=item.title.value))
            continue
        duplicate = batch.find_duplicate(copies, signature, item.origin)
        if duplicate:
            kind, first = duplicate
            item = replace(item, duplicate_of=first, duplicate_kind=kind)
        batch.add(item, signature)
        if len(batch) >= batch_size:
            flush()
    flush()
    return report
