"""What every use case shares: opening the database, and the errors the API raises.

The CLI and the web interface turn these errors into exit codes and HTTP
statuses; each message names the input and the problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Union

from quellenlage.store import DEFAULT_DB, NotFound, StoreError

if TYPE_CHECKING:
    from quellenlage.store import Store

#: ``db=`` of every use case: a file path, a database URL, or an open :class:`Store`.
DbArg = Union[str, Path, "Store"]


class UsageError(ValueError):
    """A value given by the user is not valid (a bad key, date or choice)."""


def open_db(db: DbArg = DEFAULT_DB) -> Store:
    """The database, its schema brought up to date; raises :class:`StoreError`."""
    from quellenlage.store.database import Store

    return db if isinstance(db, Store) else Store.open(db)


__all__ = ["DEFAULT_DB", "DbArg", "NotFound", "StoreError", "UsageError", "open_db"]
