"""``quellenlage import``: the Parquet output of ``spark analyze`` into a database.

Reads with pyarrow (no Spark needed) and writes through :class:`~quellenlage.store.Store`,
so SQLite and PostgreSQL get what ``ingest`` and ``analyze`` would have stored: each
document with its metadata and provenance, its claims with every span, and the failed
inputs. The database gives the documents its own ids; the Parquet ids only join the
Parquet tables. Documents already stored (same origin and content hash) are skipped,
so importing twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds

from quellenlage.ingest.dedup import minhash_signature
from quellenlage.records import Failure
from quellenlage.spark import rows as R
from quellenlage.store import Store

_PARTITIONING = ds.partitioning(
    pa.schema([("published", pa.date32()), ("language", pa.string())]), flavor="hive"
)
_BATCH = 500


class ParquetImportError(ValueError):
    """The folder does not hold ``spark analyze`` output; the message says what is missing."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    documents: int
    skipped: int
    analysed: int
    failures: int


def _dataset(folder: Path, name: str, partitioned: bool = True) -> ds.Dataset:
    path = folder / name
    if not path.is_dir():
        raise ParquetImportError(f"{folder}: no '{name}' table: not the output of spark analyze")
    return ds.dataset(path, format="parquet", partitioning=_PARTITIONING if partitioned else None)


def _batches(dataset: ds.Dataset, **kwargs: Any) -> Iterator[dict[str, Any]]:
    for batch in dataset.to_batches(batch_size=_BATCH, **kwargs):
        yield from batch.to_pylist()


def _partitions(dataset: ds.Dataset) -> list[ds.Expression]:
    """One filter per ``published=…/language=…`` folder of a table."""
    keys = {
        tuple(sorted(ds.get_partition_keys(f.partition_expression).items()))
        for f in dataset.get_fragments()
    }
    filters = []
    for key in sorted(keys, key=str):
        values = dict(key)
        expression = ds.scalar(True)
        for name in R.PARTITIONS:
            value = values.get(name)
            field = ds.field(name)
            expression &= ~field.is_valid() if value is None else field == value
        filters.append(expression)
    return filters


def import_parquet(store: Store, folder: str | Path) -> ImportReport:
    """Store the documents, analyses and failures of one ``spark analyze`` output.

    Works one partition folder at a time, so memory holds one day and language.
    """
    folder = Path(folder)
    documents = _dataset(folder, "documents")
    records = _dataset(folder, "records")
    ids: dict[int, int] = {}  # Parquet id -> database id
    added = skipped = analysed = 0
    # originals first, so that each copy can point to its original's database id
    for copies in (False, True):
        is_copy = ds.field("duplicate_of").is_valid()
        for partition in _partitions(documents):
            rows = list(_batches(documents, filter=partition & (is_copy if copies else ~is_copy)))
            if not rows:
                continue
            wanted = ds.field("document_id").isin([row["id"] for row in rows])
            details = {
                r["document_id"]: r
                for r in _batches(
                    records, filter=partition & wanted, columns=list(R.RECORD_COLUMNS)
                )
            }
            pending: list[tuple] = []
            for row in rows:
                record = details[row["id"]]
                doc = R.document_from_rows(row, record)
                known = [
                    i for i, origin, _ in store.copies(doc.content_hash) if origin == doc.origin
                ]
                if known:
                    ids[doc.id] = known[0]
                    skipped += 1
                    continue
                original = ids.get(doc.duplicate_of) if doc.duplicate_of is not None else None
                doc = replace(doc, id=None, duplicate_of=original)
                signature = minhash_signature(doc.text) if original is None else None
                pending.append((row["id"], doc, signature, record))
                if len(pending) >= _BATCH:
                    analysed += _flush(store, pending, ids)
                    added, pending = added + len(pending), []
            analysed += _flush(store, pending, ids)
            added += len(pending)
    failures = [
        Failure(row["origin"], row["error"])
        for row in _batches(_dataset(folder, "failures", partitioned=False))
    ]
    store.record_failures(failures)
    return ImportReport(added, skipped, analysed, len(failures))


def _flush(store: Store, pending: list, ids: dict[int, int]) -> int:
    """Store one batch of documents, then their analyses; returns how many were analysed."""
    if not pending:
        return 0
    stored = store.add_documents((doc, signature) for _, doc, signature, _ in pending)
    analysed = 0
    for (parquet_id, _, _, record), db_id in zip(pending, stored, strict=True):
        ids[parquet_id] = db_id
        if record["analysed"]:
            store.save_analysis(db_id, R.loads_claims(record["claims"]), record["warnings"])
            analysed += 1
    return analysed
