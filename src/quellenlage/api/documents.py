"""Looking at what is stored: documents, one document, failed inputs; the demo corpus."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from quellenlage.api.common import DbArg, NotFound, open_db
from quellenlage.records import Document
from quellenlage.store import DEFAULT_DB

if TYPE_CHECKING:
    from quellenlage.store import FailedInput


def documents(*, db: DbArg = DEFAULT_DB, limit: int | None = None) -> list[Document]:
    """The stored documents in id order."""
    return open_db(db).documents(limit=limit)


def document(doc_id: int, *, db: DbArg = DEFAULT_DB) -> Document:
    """One stored document; :class:`NotFound` if there is none with this id."""
    doc = open_db(db).document(doc_id)
    if doc is None:
        raise NotFound(f"no document {doc_id}")
    return doc


def count_documents(*, db: DbArg = DEFAULT_DB) -> int:
    return open_db(db).count_documents()


def failures(*, db: DbArg = DEFAULT_DB) -> list[FailedInput]:
    """The inputs that could not be read, and why (oldest first)."""
    return open_db(db).failures()


def demo_corpus() -> list[tuple[Path, str | None]]:
    """The bundled demo story: each file with the publication date ingest should give it."""
    from quellenlage.demo import corpus

    return corpus()
