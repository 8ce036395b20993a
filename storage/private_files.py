"""The data folder is this officer's alone: the folder 0700, every file in it 0600 (POSIX).
Files are written whole or not at all (a partial file, fsynced, then renamed over)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def make_private_folder(folder: Path) -> None:
    """Make `folder` if need be, and keep other users of the laptop out of it and its files
    (a folder made by an older version with the default umask is tightened here)."""
    folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    if os.name != "posix":
        return
    os.chmod(folder, FOLDER_MODE)
    for entry in folder.iterdir():
        # Not into subfolders' contents one by one: the folder's own mode shuts them.
        with contextlib.suppress(OSError):
            if entry.is_symlink():
                continue
            os.chmod(entry, FOLDER_MODE if entry.is_dir() else FILE_MODE)


def create_private_file(path: Path) -> None:
    """Make an empty file only its owner can read, if there is none (SQLite then gives its
    -wal and -shm files the same mode)."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))


def write_private(path: Path, content: str | bytes) -> None:
    """Replace `path` with `content` (text as UTF-8), readable by its owner only; OSError if
    it cannot."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        data = content.encode("utf-8") if isinstance(content, str) else content
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut (POSIX; Windows has no folder handles)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
