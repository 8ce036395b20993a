"""Checks made before the case database is opened for writing, so that a folder or file that
cannot be used is refused with a reason, and left exactly as it was.

SQLite would otherwise turn a 0-byte file into a new empty database, fail deep inside a
migration on a damaged one, and Alembic would fail with "Can't locate revision" on a
database made by a newer version of the app. Every check reads only; none writes.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from pathlib import Path

from storage.errors import StorageError

DATABASE_FILE_NAME = "housing.sqlite3"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100
_RESTORE = (
    "Nothing was changed; ask IT to restore it from the last backup (then sync to bring back "
    "the team's later work)."
)


def check_data_folder(folder: Path) -> None:
    """Make the data folder if need be, and this user's alone (0700, its files 0600); raise
    StorageError if it is a file or cannot be written to (SQLite needs to make its journal
    files beside the database)."""
    if folder.exists() and not folder.is_dir():
        raise StorageError(
            f"{folder} is a file, not a folder, so it cannot hold the case data. Nothing was "
            "changed; choose a folder with --data-dir, or ask IT to move that file."
        )
    from storage.private_files import make_private_folder

    try:
        make_private_folder(folder)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-check-"):
            pass
    except OSError as error:
        raise StorageError(
            f"The data folder {folder} cannot be written to ({error.strerror}). Nothing was "
            "changed; ask IT to give you write access to it, or choose another with --data-dir."
        ) from error


def check_database_file(path: Path, key: bytes | None = None) -> None:
    """Raise StorageError if the existing file `path` cannot be used as the case database:
    empty, not a database, cut short, damaged, not opened by `key` (SQLCipher; None for a
    plain file), or made by a newer version of housing-tui."""
    if not os.access(path, os.R_OK | os.W_OK):
        raise StorageError(
            f"{path} cannot be read and written by you. Nothing was changed; ask IT to give "
            "you write access to it."
        )
    size = path.stat().st_size
    if size == 0:
        raise StorageError(
            f"{path} is empty (0 bytes): it is not a case database, and it was kept as it is. "
            "Ask IT to restore it from the last backup, or to remove it if this laptop has "
            "never held any cases."
        )
    _check_contents(path, size, key)


def _why_unreadable(path: Path, size: int, problem: str) -> str:
    """What is wrong with a file SQLite could not read through, from its raw bytes.

    Read only once SQLite has found the file damaged: closing any file handle on the
    database drops every SQLite lock this process holds on it (POSIX locks are per process),
    so a healthy database open elsewhere in the process is never opened this way
    (sqlite.org, "How To Corrupt An SQLite Database File", 2.2)."""
    with path.open("rb") as file:
        header = file.read(_HEADER_SIZE)
    if len(header) < _HEADER_SIZE or not header.startswith(_SQLITE_MAGIC):
        return f"{path} is not a case database: its start is damaged. {_RESTORE}"
    if size < _expected_size(header):
        return (
            f"{path} is cut short ({size:,} of {_expected_size(header):,} bytes), perhaps by a "
            f"copy that did not finish. {_RESTORE}"
        )
    return f"{path} is damaged ({' '.join(problem.split())}). {_RESTORE}"


def _expected_size(header: bytes) -> int:
    """The size the header says the file has, or 0 if the header does not say (sqlite.org,
    "Database File Format" 1.3: the page count at offset 28 is valid only while the change
    counter at 24 matches the one at 92)."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    return page_size * pages if header[24:28] == header[92:96] else 0


def is_plain_sqlite(path: Path) -> bool:
    """The file starts as a plain SQLite database does (an encrypted one starts with random
    bytes): read from its first 16 bytes only."""
    with path.open("rb") as file:
        return file.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC


def connect(path: Path, key: bytes | None, *, sqlcipher: bool = False) -> sqlite3.Connection:
    """A DB-API connection to the file: SQLCipher with the raw key, or plain SQLite (through
    SQLCipher's library if `sqlcipher`, for its sqlcipher_export)."""
    if key is None and not sqlcipher:
        return sqlite3.connect(path)
    import sqlcipher3  # type: ignore[import-untyped]

    connection: sqlite3.Connection = sqlcipher3.connect(str(path))
    # Before the key: SQLCipher's own error lines would go to stderr, over the screen.
    connection.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return connection


def _check_contents(path: Path, size: int, key: bytes | None) -> None:
    # Only reads are made, through SQLite (see _why_unreadable). Not a read-only connection
    # all the same: closing the last connection to a WAL database removes the -wal and -shm
    # files opening it made, and a read-only connection would leave them behind in a folder
    # that is being refused.
    if key is not None and is_plain_sqlite(path):
        raise StorageError(
            f"{path} is not encrypted, but keys.json says it is. Nothing was changed; start "
            "housing-tui again to finish encrypting it, or ask IT."
        )
    connection = connect(path, key)
    error_type = _error_type(key)
    try:
        # quick_check reads every page once (O(N), no index cross-check): about 0.3 s for
        # 100,000 clients, 15 ms for a laptop's usual few thousand; stops at the first fault.
        problem = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
        if problem == "ok":
            revision = _revision(connection)
            user_version = connection.execute("PRAGMA user_version").fetchone()[0]
    except error_type as error:
        problem = str(error)
    finally:
        connection.close()
    if problem != "ok":
        if key is not None:
            # An encrypted file's bytes say nothing: a wrong key and damage look the same.
            raise StorageError(
                f"{path} cannot be opened with this laptop's key: keys.json is not the one "
                f"made with this database, or the file is damaged. {_RESTORE}"
            )
        raise StorageError(_why_unreadable(path, size, problem))
    from storage.migrations import known_revisions

    if revision is not None and revision not in known_revisions():
        from housing_tui import __version__

        made_by = version_from_header(user_version)
        made_by = f"housing-tui {made_by}" if made_by else "a newer version of housing-tui"
        raise StorageError(
            f"{path} was made by {made_by} (database revision {revision}), newer than this "
            f"one ({__version__}). Nothing was changed; ask IT to upgrade housing-tui on this "
            "computer."
        )


def _error_type(key: bytes | None) -> type[Exception]:
    if key is None:
        return sqlite3.DatabaseError
    import sqlcipher3

    error: type[Exception] = sqlcipher3.DatabaseError
    return error


def _revision(connection: sqlite3.Connection) -> str | None:
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if not has_table:
        return None  # a database that has never been migrated: made here, just now
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


# The newest app version that has opened the database is kept in SQLite's header field
# user_version (free for applications to use), so that an older app refusing the database can
# name the version to upgrade to. Encoded as major * 1,000,000 + minor * 1,000 + patch.


def version_in_header(version: str) -> int:
    """`version` ("1.2.3") as a number for the header's user_version."""
    major, minor, patch = (_leading_number(part) for part in version.split(".")[:3])
    return major * 1_000_000 + minor * 1_000 + patch


def _leading_number(part: str) -> int:
    """The number a part of a version starts with: "3rc1" -> 3, "dev0" -> 0."""
    digits = re.match(r"\d+", part)
    return int(digits[0]) if digits else 0


def version_from_header(user_version: int) -> str | None:
    """The app version the header records, or None if no version was recorded (databases
    last opened by housing-tui 0.1.0 before it recorded one)."""
    if user_version <= 0:
        return None
    return f"{user_version // 1_000_000}.{user_version // 1_000 % 1_000}.{user_version % 1_000}"
