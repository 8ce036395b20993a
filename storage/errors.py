"""Errors the storage layer raises for the officer to read (cheap to import: no SQLAlchemy)."""


class StorageError(RuntimeError):
    """The change cannot be made; the message says why, in words meant for the officer."""
