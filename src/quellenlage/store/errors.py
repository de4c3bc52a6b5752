"""The store's errors, importable without SQLAlchemy (the CLI maps them to exit codes)."""

from __future__ import annotations


class StoreError(Exception):
    """The database cannot be opened or used; the message says which and why."""


class NotFound(LookupError):
    """A named figure or source does not exist (or is ambiguous); the message says which."""
