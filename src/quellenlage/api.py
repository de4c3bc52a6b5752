"""The Python API: everything the CLI does, callable from code.

>>> from quellenlage import api
>>> report = api.ingest(["news/"], db="quellenlage.db")
>>> report.added, len(report.failed)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, Literal

from quellenlage.ingest import read_inputs
from quellenlage.ingest.dedup import NearDuplicateIndex, minhash_signature
from quellenlage.records import Document, Failure
from quellenlage.store import DEFAULT_DB, Store

IngestStatus = Literal["added", "duplicate", "near-duplicate", "already stored", "failed"]


@dataclass(frozen=True, slots=True)
class IngestedItem:
    origin: str
    status: IngestStatus
    document_id: int | None = None
    title: str | None = None
    language: str | None = None
    duplicate_of: int | None = None
    error: str | None = None


@dataclass
class IngestReport:
    """Counts by status and the failed inputs; every item goes to ``on_item`` as it happens.

    The report does not keep the stored items, so that its memory stays flat on
    archives of any size.
    """

    counts: Counter[IngestStatus] = field(default_factory=Counter)
    failed: list[IngestedItem] = field(default_factory=list)

    def count(self, status: IngestStatus) -> int:
        return self.counts[status]

    @property
    def added(self) -> int:
        return sum(self.counts[s] for s in ("added", "duplicate", "near-duplicate"))


def _open(db: str | Path | Store) -> Store:
    return db if isinstance(db, Store) else Store.open(db)


class _Batch:
    """Documents waiting for one transaction, with the duplicate checks they need."""

    def __init__(self, store: Store) -> None:
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
        self, copies: list[tuple[int, str, int | None]], signature: bytes
    ) -> tuple[str, int] | None:
        """(kind, id of the first copy) of a stored duplicate, or None."""
        originals = [doc_id for doc_id, _, duplicate_of in copies if duplicate_of is None]
        if originals:
            return "exact", min(originals)
        near = self.store.near_duplicate(signature)
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
        self.local_index = NearDuplicateIndex()
        return stored


def ingest(
    paths: Iterable[str | Path],
    *,
    db: str | Path | Store = DEFAULT_DB,
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
    store = _open(db)
    report = IngestReport()
    batch = _Batch(store)

    def emit(item: IngestedItem) -> None:
        report.counts[item.status] += 1
        if item.status == "failed":
            report.failed.append(item)
        if on_item:
            on_item(item)

    def flush() -> None:
        if failures:
            store.record_failures(failures)
            failures.clear()
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
    for item in read_inputs(
        paths, published=published, outlet=outlet, language=language, stdin=stdin
    ):
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
        duplicate = batch.find_duplicate(copies, signature)
        if duplicate:
            kind, first = duplicate
            item = replace(item, duplicate_of=first, duplicate_kind=kind)
        batch.add(item, signature)
        if len(batch) >= batch_size:
            flush()
    flush()
    return report


@dataclass(frozen=True, slots=True)
class AnalysedItem:
    document_id: int
    claims: int
    warnings: tuple[str, ...] = ()
    error: str | None = None


def _analyse_for_store(document: Document) -> tuple[int, list, list[str], str | None]:
    """Worker: analyse one document; errors come back as values, never raise."""
    from quellenlage.pipeline import analyse

    try:
        result = analyse(document)
    except Exception as exc:  # one bad document must not stop the run
        return document.id, [], [], f"{type(exc).__name__}: {exc}"
    return document.id, result.claims, result.warnings, None


def analyze(
    ids: Iterable[int] | None = None,
    *,
    db: str | Path | Store = DEFAULT_DB,
    force: bool = False,
    published: str | None = None,
    jobs: int = 1,
    on_item: Callable[[AnalysedItem], None] | None = None,
) -> list[AnalysedItem]:
    """Analyse stored documents and store their claims, one transaction each.

    Skips documents already analysed unless ``force``; an interrupted run
    resumes with the documents not yet stored. ``published`` sets the
    publication date (provenance "user") of the named documents first and
    re-analyses them, so that their relative times resolve.
    """
    store = _open(db)
    ids = list(ids) if ids is not None else None
    if published is not None:
        for doc_id in ids if ids is not None else store.document_ids():
            store.set_published(doc_id, published, "user")
        force = True
    todo = store.pending_analysis(ids, force=force)
    results: list[AnalysedItem] = []

    def save(doc_id: int, claims: list, warnings: list[str], error: str | None) -> None:
        if error is None:
            store.save_analysis(doc_id, claims, warnings)
        item = AnalysedItem(doc_id, len(claims), tuple(warnings), error)
        results.append(item)
        if on_item:
            on_item(item)

    documents = (store.document(doc_id) for doc_id in todo)
    if jobs <= 1:
        for document in documents:
            save(*_analyse_for_store(document))
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for outcome in pool.map(_analyse_for_store, documents, chunksize=4):
                save(*outcome)
    return results
