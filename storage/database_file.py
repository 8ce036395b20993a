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

_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100
_RESTORE = (
    "Nothing was changed; ask IT to restore it from the last backup (then sync to bring back "
    "the team's later work)."
)


def check_data_folder(folder: Path) -> None:
    """Make the data folder if need be; raise StorageError if it is a file or cannot be
    written to (SQLite needs to make its journal files beside the database)."""
    if folder.exists() and not folder.is_dir():
        raise StorageError(
            f"{folder} is a file, not a folder, so it cannot hold the case data. Nothing was "
            "changed; choose a folder with --data-dir, or ask IT to move that file."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-check-"):
            pass
    except OSError as error:
        raise StorageError(
            f"The data folder {folder} cannot be written to ({error.strerror}). Nothing was "
            "changed; ask IT to give you write access to it, or choose another with --data-dir."
        ) from error


def check_database_file(path: Path) -> None:
    """Raise StorageError if the existing file `path` cannot be used as the case database:
    empty, not a database, cut short, damaged, or made by a newer version of housing-tui."""
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
    _check_contents(path, size)


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


def _check_contents(path: Path, size: int) -> None:
    # Only reads are made, through SQLite (see _why_unreadable). Not a read-only connection
    # all the same: closing the last connection to a WAL database removes the -wal and -shm
    # files opening it made, and a read-only connection would leave them behind in a folder
    # that is being refused.
    connection = sqlite3.connect(path)
    try:
        # quick_check reads every page once (O(N), no index cross-check): about 0.3 s for
        # 100,000 clients, 15 ms for a laptop's usual few thousand; stops at the first fault.
        problem = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
        if problem == "ok":
            revision = _revision(connection)
            user_version = connection.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as error:
        problem = str(error)
    finally:
        connection.close()
    if problem != "ok":
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
