"""Errors the storage layer raises for the officer to read (cheap to import: no SQLAlchemy)."""


class StorageError(RuntimeError):
    """The change cannot be made; the message says why, in words meant for the officer."""


class DatabaseBusy(StorageError):
    """Another program (a sync, a second window, a backup) holds the database's write lock:
    nothing was written, and the same change can be tried again once it lets go."""

    def __init__(self) -> None:
        super().__init__(
            "The case database is busy: another program (a sync, or a second window of the "
            "app) is writing to it."
        )
