"""The working database must be on this computer's own disk.

sqlite.org ("SQLite Over a Network", "How To Corrupt An SQLite Database File"): the file
locks of network filesystems have corrupted databases, and WAL does not work over one. So a
data folder on a network drive is refused; the team shares work through sync instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

NETWORK_FILESYSTEMS = frozenset(
    {
        "afpfs", "afs", "ceph", "cifs", "davfs", "fuse.sshfs", "glusterfs", "lustre", "ncpfs",
        "nfs", "nfs4", "smb", "smb2", "smb3", "smbfs", "sshfs", "webdav",
    }
)  # fmt: skip


class Partition(Protocol):
    """What `psutil.disk_partitions` reports for one mounted filesystem (read-only fields)."""

    @property
    def mountpoint(self) -> str: ...
    @property
    def fstype(self) -> str: ...
    @property
    def opts(self) -> str: ...


def network_drive_of(path: Path, partitions: Iterable[Partition] | None = None) -> str | None:
    """The kind of network filesystem `path` is on ("cifs", "a network share"), or None if it
    is on a local disk. `partitions` defaults to this computer's mounted filesystems."""
    if str(path).startswith("\\\\"):
        return "a network share"  # a Windows UNC path, \\server\share
    resolved = path.expanduser().resolve()
    if partitions is None:
        import psutil

        partitions = psutil.disk_partitions(all=True)
    best: Partition | None = None
    for partition in partitions:
        mount = Path(partition.mountpoint)
        if (resolved == mount or mount in resolved.parents) and (
            best is None or len(partition.mountpoint) > len(best.mountpoint)
        ):
            best = partition
    if best is None:
        return None
    if best.fstype.lower() in NETWORK_FILESYSTEMS:
        return best.fstype.lower()
    # Windows reports a mapped network drive's type in its options ("rw,remote").
    if os.name == "nt" and "remote" in best.opts.split(","):
        return "a network drive"
    return None


def refusal_for(path: Path) -> str | None:
    """Why the data folder `path` cannot hold the case database, or None if it can."""
    kind = network_drive_of(path)
    if kind is None:
        return None
    return (
        f"{path} is on a network drive ({kind}). The case database must be on this "
        "computer's own disk: SQLite files on network drives get corrupted. Choose a local "
        "folder with --data-dir; share work with the team through `housing-tui sync`."
    )
