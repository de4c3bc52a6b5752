"""The Store: one database (SQLite file or PostgreSQL URL) holding everything."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from sqlalchemy import (
    Engine,
    Select,
    and_,
    bindparam,
    create_engine,
    event,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session, selectinload, sessionmaker

from quellenlage.records import Claim, Document, Failure
from quellenlage.store import DEFAULT_DB
from quellenlage.store.convert import document_to_row, row_to_claim, row_to_document
from quellenlage.store.errors import StoreError
from quellenlage.store.tables import (
    ClaimRow,
    DocumentRow,
    FailedInputRow,
    NearDuplicateBandRow,
    utcnow,
)

__all__ = ["DEFAULT_DB", "FailedInput", "Store", "StoreError", "database_url"]


def database_url(db: str | Path) -> str:
    """Turn ``--db`` into an SQLAlchemy URL: a URL stays, anything else is an SQLite path."""
    text = str(db)
    if text.startswith(("postgresql://", "postgres://")):
        # psycopg 3 is the driver we install; SQLAlchemy's default would be psycopg2.
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


@dataclass(frozen=True, slots=True)
class FailedInput:
    origin: str
    error: str
    first_failed_at: dt.datetime
    last_failed_at: dt.datetime
    attempts: int


_REVISION = re.compile(r"^(down_revision|revision)\b[^=]*=\s*(.+)$", re.MULTILINE)


@cache
def _migration_heads() -> frozenset[str]:
    """Newest revisions of the shipped migrations, read from their files.

    Alembic itself costs a quarter of a second to import; reading the ids
    lets an up-to-date database open without it. Anything unexpected makes
    the set differ from the database's, and Alembic then decides.
    """
    revisions, parents = set(), set()
    for path in files("quellenlage.store").joinpath("migrations", "versions").iterdir():
        if not path.name.endswith(".py"):
            continue
        for name, value in _REVISION.findall(path.read_text(encoding="utf-8")):
            ids = re.findall(r"[\"']([^\"']+)[\"']", value)
            (revisions if name == "revision" else parents).update(ids)
    return frozenset(revisions - parents)


@cache
def _candidates_query(bands: int) -> Select:
    """Documents sharing an LSH bucket with a signature, built once (it is asked per input).

    One equality pair per band, OR-ed: SQLite and PostgreSQL answer it from the
    (band, bucket) index, where a row-value IN made SQLite scan every document.
    """
    band, bucket = NearDuplicateBandRow.band, NearDuplicateBandRow.bucket
    pairs = (
        and_(band == bindparam(f"band{i}"), bucket == bindparam(f"bucket{i}")) for i in range(bands)
    )
    return select(NearDuplicateBandRow.document_id).where(or_(*pairs)).distinct()


class Store:
    """Documents, failed inputs and claims in one database.

    Open it with :meth:`Store.open`, which brings the schema up to date with
    the Alembic migrations shipped in this package.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, db: str | Path = DEFAULT_DB) -> Store:
        url = database_url(db)
        try:
            engine = create_engine(url)
        except Exception as exc:  # bad URL or missing driver
            raise StoreError(f"cannot open database {db!s}: {exc}") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        try:
            store.migrate()
        except Exception as exc:
            raise StoreError(f"cannot open database {db!s}: {exc}") from exc
        return store

    def _is_current(self) -> bool:
        try:
            with self.engine.connect() as connection:
                stored = connection.scalars(text("SELECT version_num FROM alembic_version"))
                return frozenset(stored) == _migration_heads()
        except Exception:  # a new database has no version table yet
            return False

    def migrate(self) -> None:
        """Upgrade the schema to the newest migrations (nothing to do when it is current)."""
        if self._is_current():
            return
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option(
            "script_location", str(files("quellenlage.store").joinpath("migrations"))
        )
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on error."""
        with self._sessions.begin() as session:
            yield session

    # --- documents -------------------------------------------------------

    def copies(self, content_hash: str) -> list[tuple[int, str, int | None]]:
        """``(id, origin, duplicate_of)`` of every stored document with this text hash."""
        query = select(DocumentRow.id, DocumentRow.origin, DocumentRow.duplicate_of).where(
            DocumentRow.content_hash == content_hash
        )
        with self.engine.connect() as connection:  # Core, not ORM: ingest asks once per input
            return [tuple(row) for row in connection.execute(query)]

    def near_duplicate(self, signature: bytes) -> int | None:
        """The first stored original whose text is a near duplicate (MinHash, LSH bands)."""
        from quellenlage.ingest.dedup import JACCARD_THRESHOLD, band_keys, similarity

        keys = band_keys(signature)
        params = {f"band{i}": band for i, (band, _) in enumerate(keys)}
        params |= {f"bucket{i}": bucket for i, (_, bucket) in enumerate(keys)}
        with self.engine.connect() as connection:
            ids = list(connection.scalars(_candidates_query(len(keys)), params))
            if not ids:
                return None
            stored = connection.execute(
                select(DocumentRow.id, DocumentRow.minhash).where(DocumentRow.id.in_(ids))
            ).all()
        matches = [
            doc_id for doc_id, other in stored if similarity(other, signature) >= JACCARD_THRESHOLD
        ]
        return min(matches, default=None)

    def add_documents(self, batch: Iterable[tuple[Document, bytes | None]]) -> list[int]:
        """Store a batch of documents in one transaction; returns their ids."""
        from quellenlage.ingest.dedup import band_keys  # MinHash pulls in numpy: only on ingest

        with self.session() as s:
            rows = [document_to_row(doc, minhash) for doc, minhash in batch]
            s.add_all(rows)
            s.flush()
            bands = [
                {"document_id": row.id, "band": band, "bucket": bucket}
                for row in rows
                if row.minhash is not None and row.duplicate_of is None
                for band, bucket in band_keys(row.minhash)
            ]
            if bands:  # Core executemany: ORM objects for 18 rows per document cost more
                s.execute(insert(NearDuplicateBandRow), bands)
            return [row.id for row in rows]

    def record_failures(self, failures: Iterable[Failure]) -> None:
        """Record failed inputs; the same failure again only updates its time and count."""
        with self.session() as s:
            for failure in failures:
                row = s.scalar(
                    select(FailedInputRow).where(
                        FailedInputRow.origin == failure.origin,
                        FailedInputRow.error == failure.error,
                    )
                )
                if row is None:
                    s.add(FailedInputRow(origin=failure.origin, error=failure.error))
                else:
                    row.last_failed_at = utcnow()
                    row.attempts += 1

    def clear_failures(self, origins: Iterable[str]) -> None:
        """Forget earlier failures of inputs that have now been read."""
        origins = list(origins)
        if not origins:
            return
        with self.session() as s:
            for row in s.scalars(select(FailedInputRow).where(FailedInputRow.origin.in_(origins))):
                s.delete(row)

    def document(self, doc_id: int) -> Document | None:
        with self.session() as s:
            row = s.get(DocumentRow, doc_id)
            return row_to_document(row) if row else None

    def documents(self, *, limit: int | None = None, offset: int = 0) -> list[Document]:
        with self.session() as s:
            query = select(DocumentRow).order_by(DocumentRow.id).offset(offset).limit(limit)
            return [row_to_document(row) for row in s.scalars(query)]

    def document_ids(self) -> list[int]:
        with self.session() as s:
            return list(s.scalars(select(DocumentRow.id).order_by(DocumentRow.id)))

    def count_documents(self) -> int:
        with self.session() as s:
            return s.scalar(select(func.count(DocumentRow.id))) or 0

    def set_published(self, doc_id: int, value: str, source: str = "user") -> None:
        with self.session() as s:
            s.execute(
                update(DocumentRow)
                .where(DocumentRow.id == doc_id)
                .values(published=value, published_source=source)
            )

    def failures(self) -> list[FailedInput]:
        with self.session() as s:
            rows = s.scalars(select(FailedInputRow).order_by(FailedInputRow.last_failed_at))
            return [
                FailedInput(r.origin, r.error, r.first_failed_at, r.last_failed_at, r.attempts)
                for r in rows
            ]

    # --- analysis --------------------------------------------------------

    def pending_analysis(
        self, ids: Iterable[int] | None = None, *, force: bool = False
    ) -> list[int]:
        """Ids of originals in an analysable language still to analyse (all named ones with force)."""
        with self.session() as s:
            query = select(DocumentRow.id).where(
                DocumentRow.duplicate_of.is_(None), DocumentRow.language_status == "analysable"
            )
            if ids is not None:
                query = query.where(DocumentRow.id.in_(list(ids)))
            if not force:
                query = query.where(DocumentRow.analysed_at.is_(None))
            return list(s.scalars(query.order_by(DocumentRow.id)))

    def save_analysis(self, doc_id: int, claims: list[Claim], warnings: list[str]) -> None:
        """Replace a document's claims in one transaction and mark it analysed."""
        from quellenlage.store.work import replace_claims

        with self.session() as s:
            replace_claims(s, [(doc_id, claims, warnings)])

    def claims(self, doc_id: int) -> list[Claim]:
        with self.session() as s:
            rows = s.scalars(
                select(ClaimRow)
                .where(ClaimRow.document_id == doc_id)
                .order_by(ClaimRow.span_start)
                .options(selectinload(ClaimRow.quantities), selectinload(ClaimRow.times))
            )
            return [row_to_claim(row) for row in rows]
