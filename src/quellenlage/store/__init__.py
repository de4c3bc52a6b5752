"""Storage: SQLite by default, PostgreSQL by URL, schema kept by Alembic migrations."""

from quellenlage.store.database import DEFAULT_DB, FailedInput, Store, StoreError, database_url

__all__ = ["DEFAULT_DB", "FailedInput", "Store", "StoreError", "database_url"]
