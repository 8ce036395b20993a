"""A data folder on a network drive is refused; one on a local disk is not."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from storage.database import DATABASE_FILE_NAME, Database
from storage.errors import StorageError
from storage.local_disk import network_drive_of, refusal_for


class Mounted(NamedTuple):
    mountpoint: str
    fstype: str
    opts: str = "rw"


MOUNTS = [
    Mounted("/", "ext4"),
    Mounted("/home", "ext4"),
    Mounted("/mnt/housing", "cifs"),
    Mounted("/mnt/housing/local-cache", "ext4"),
    Mounted("/srv/nfs", "nfs4"),
]


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("/home/officer/housing", None),
        ("/mnt/housing", "cifs"),
        ("/mnt/housing/team/data", "cifs"),
        # The most specific mount decides: a local disk mounted inside the share is local.
        ("/mnt/housing/local-cache/data", None),
        ("/srv/nfs/x", "nfs4"),
        ("/mnt/housingX", None),  # a sibling whose name starts the same is not inside it
    ],
)
def test_the_filesystem_a_folder_is_on_decides(folder: str, expected: str | None) -> None:
    assert network_drive_of(Path(folder), MOUNTS) == expected


def test_a_windows_unc_path_is_a_network_share() -> None:
    assert network_drive_of(Path("\\\\server\\housing"), MOUNTS) == "a network share"


def test_this_machines_temporary_folder_is_local_and_opens(tmp_path: Path) -> None:
    assert refusal_for(tmp_path) is None
    Database.open(tmp_path / DATABASE_FILE_NAME).close()


def test_a_database_on_a_network_drive_is_refused_with_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psutil

    # This machine has no network share to mount, so its mount table is given one: the table
    # is the input; what is tested is the refusal and that no file is made.
    here = Mounted(str(tmp_path), "cifs")
    monkeypatch.setattr(psutil, "disk_partitions", lambda **_: [*MOUNTS, here])
    with pytest.raises(StorageError, match="network drive \\(cifs\\).*own disk"):
        Database.open(tmp_path / "data" / DATABASE_FILE_NAME)
    assert not (tmp_path / "data" / DATABASE_FILE_NAME).exists()
