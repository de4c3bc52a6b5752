"""Ingest: read news reports from files, folders, archives, feeds and standard input.

Public entry: :func:`read_inputs`. It yields one :class:`~quellenlage.records.Document`
per report (clean text, metadata with provenance, language, content hash), one
:class:`~quellenlage.records.Failure` per input or record that could not be read, and
one :class:`~quellenlage.records.Skipped` per input or record that is deliberately not
a document (a WARC image record, a dangling link, a picture in a folder).
Duplicate detection helpers live in :mod:`quellenlage.ingest.dedup`; the store links
duplicates, since only it knows what was ingested before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from quellenlage.ingest.dedup import (
    JACCARD_THRESHOLD,
    NearDuplicateIndex,
    content_hash,
    minhash_signature,
    normalise_for_hash,
)
from quellenlage.ingest.document import Overrides, build_document
from quellenlage.ingest.readers import DEFAULT_MAX_BYTES, Limits
from quellenlage.ingest.walk import walk
from quellenlage.records import Document, Failure, Skipped

__all__ = [
    "DEFAULT_MAX_BYTES",
    "JACCARD_THRESHOLD",
    "NearDuplicateIndex",
    "content_hash",
    "minhash_signature",
    "normalise_for_hash",
    "read_inputs",
]


def read_inputs(
    paths: Iterable[str | Path],
    *,
    published: str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | Failure | Skipped]:
    """Documents and failures for ``paths`` (files, directories, ``"-"`` for ``stdin``).

    ``published`` (ISO date), ``outlet`` and ``language`` override what the inputs say,
    with provenance ``"user"``. Bad options raise ``ValueError`` at once, naming the
    option; bad inputs never raise, they become failures and reading goes on.
    Pages and records above ``max_bytes`` fail as too large.
    """
    overrides = Overrides.checked(published, outlet, language)
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")
    if isinstance(paths, str | Path):
        paths = [paths]  # one path, not the characters of one
    return _documents(paths, overrides, Limits(max_bytes), stdin)


def _documents(
    paths: Iterable[str | Path], overrides: Overrides, limits: Limits, stdin: BinaryIO | None
) -> Iterator[Document | Failure | Skipped]:
    for item in walk(paths, limits, stdin):
        yield item if isinstance(item, Failure | Skipped) else build_document(item, overrides)
