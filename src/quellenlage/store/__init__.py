"""Storage: SQLite by default, PostgreSQL by URL, schema kept by Alembic migrations.

All SQL of quellenlage lives in this package: :mod:`.database` (the
:class:`Store`: documents, failures, claims), :mod:`.queries` (reading claims,
figures, timelines, sources), :mod:`.tracking` (linking results and
overrides), :mod:`.exports` (rows for ``quellenlage export``).

``Store`` and the other names below load SQLAlchemy on first use, so that
``quellenlage --help`` does not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quellenlage.store.errors import NotFound, StoreError

DEFAULT_DB = "quellenlage.db"

if TYPE_CHECKING:
    from quellenlage.store.database import FailedInput, Store, database_url

_FROM_DATABASE = frozenset({"FailedInput", "Store", "database_url"})


def __getattr__(name: str) -> Any:
    if name in _FROM_DATABASE:
        from quellenlage.store import database

        return getattr(database, name)
    raise AttributeError(f"module 'quellenlage.store' has no attribute {name!r}")


__all__ = ["DEFAULT_DB", "FailedInput", "NotFound", "Store", "StoreError", "database_url"]
