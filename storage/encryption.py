"""Encrypting a plain case database in place, once, on the first start after the upgrade
that brought encryption: exported into a new SQLCipher file, every table's rows counted in
both, the new file fsynced and renamed over the old, and the plain file and its -wal and -shm
overwritten before they are removed. A start interrupted at any step finishes it next time:
the plain file stays the database until the rename, and its key is saved (keys.json) first."""

from __future__ import annotations

import contextlib
import os
from dataclasses import replace
from pathlib import Path

from storage.database_file import connect, is_plain_sqlite
from storage.errors import StorageError
from storage.keys import DATABASE_KEY, KEYS_FILE_NAME, KeyRing, Unlocked, new_key, wrap
from storage.private_files import FILE_MODE, sync_folder

_ENCRYPTING = ".encrypting"
_PLAIN_LEFT = ".plain"
_SIDE_FILES = ("-wal", "-shm", "-journal")


def encrypt_in_place(path: Path, key: bytes) -> dict[str, int]:
    """Encrypt the plain database `path` with `key`; the rows of each table, as counted in
    both files. StorageError (the plain file untouched) if the copy does not match."""
    if not is_plain_sqlite(path):
        raise StorageError(f"{path} is not a plain database: it cannot be encrypted again.")
    encrypting = path.with_name(path.name + _ENCRYPTING)
    encrypting.unlink(missing_ok=True)  # from an interrupted start: made again whole
    plain = connect(path, None, sqlcipher=True)
    try:
        # Everything committed into the main file, so that the -wal holds nothing more.
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = _row_counts(plain)
        user_version = plain.execute("PRAGMA user_version").fetchone()[0]
        os.close(os.open(encrypting, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        plain.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(encrypting), f"x'{key.hex()}'"))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {int(user_version)}")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    encrypted = connect(encrypting, key)
    try:
        copied = _row_counts(encrypted)
        encrypted.execute("PRAGMA journal_mode=WAL")
    finally:
        encrypted.close()
    if copied != counts:
        encrypting.unlink(missing_ok=True)
        differ = sorted(t for t in counts.keys() | copied.keys() if counts.get(t) != copied.get(t))
        raise StorageError(
            f"Encrypting {path} was stopped: the copy's row counts differ in {', '.join(differ)}. "
            "Nothing was changed; tell IT (the details are in the error log)."
        )
    _fsync(encrypting)
    # The plain file keeps a second name until the encrypted one has the database's name,
    # so that a power cut between the two renames loses nothing.
    left = path.with_name(path.name + _PLAIN_LEFT)
    left.unlink(missing_ok=True)
    os.link(path, left)
    for side in _SIDE_FILES:  # the plain file's: never to be applied to the encrypted one
        _wipe(path.with_name(path.name + side))
    os.replace(encrypting, path)
    sync_folder(path.parent)
    _wipe(left)
    sync_folder(path.parent)
    return copied


def remove_plain_leftovers(path: Path) -> None:
    """Wipe the plain copy an interrupted encryption left beside the encrypted `path`."""
    _wipe(path.with_name(path.name + _PLAIN_LEFT))
    (path.with_name(path.name + _ENCRYPTING)).unlink(missing_ok=True)


def _row_counts(connection: object) -> dict[str, int]:
    execute = connection.execute  # type: ignore[attr-defined]
    tables = [
        row[0]
        for row in execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
    ]
    counts = {table: execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}
    # The schema too: every table, index and trigger (the audit trail's append-only ones).
    counts["sqlite_master"] = execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    return counts


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _wipe(path: Path) -> None:
    """Overwrite the file with zeros, fsync, then remove it. On an SSD or a copy-on-write
    file system the old blocks may survive elsewhere (docs/security.md): full-disk encryption
    is still wanted."""
    with contextlib.suppress(FileNotFoundError):
        size = path.stat().st_size
        with path.open("r+b") as file:
            chunk = b"\0" * 65536
            for _ in range(0, size, len(chunk)):
                file.write(chunk)
            file.flush()
            os.fsync(file.fileno())
        path.unlink()


def encrypt_if_plain(data_dir: Path, unlocked: Unlocked) -> Unlocked:
    """Make sure the laptop's database is encrypted before it is opened: a plain one (from
    before encryption, or kept plain by --plain until now) gets a new database key, saved in
    keys.json wrapped by the team key BEFORE the file is encrypted with it, so that a key is
    never lost; an encryption that was interrupted is finished with the key saved. The
    officer's keys, with the database key."""
    from storage.database import DATABASE_FILE_NAME

    path = data_dir / DATABASE_FILE_NAME
    key = unlocked.database_key
    if key is None:
        key = new_key()
        keys = data_dir / KEYS_FILE_NAME
        ring = KeyRing.load(keys)
        replace(ring, wrapped_database_key=wrap(key, unlocked.team_key, DATABASE_KEY)).save(keys)
        unlocked = replace(unlocked, database_key=key)
    if path.exists() and is_plain_sqlite(path):
        encrypt_in_place(path, key)
    elif path.exists():
        remove_plain_leftovers(path)
    return unlocked
