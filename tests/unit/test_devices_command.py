"""`housing-tui devices` through real subprocesses: an admin enrols a new laptop's data
folder, lists the team's laptops (who enrolled each, when, the officers seen on it), revokes
one (audited); an officer may do none of it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from housing_tui.calendar.clock import FixedClock
from storage.keys import KEYS_FILE_NAME, KeyRing
from storage.sync.devices import DEVICE_ENROLLED, DEVICE_REVOKED
from storage.tables import AuditEvent, Device
from tests.conftest import TEST_PASSPHRASE
from tests.ui.helpers import open_db, prepare


def _run(folder: Path, passphrase: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "housing_tui", "--data-dir", str(folder), *args],
        input=passphrase + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _audited(folder: Path, action: str) -> list[str | None]:
    db = open_db(folder)
    try:
        with db.reading() as session:
            return list(
                session.execute(
                    sa.select(AuditEvent.record_id).where(AuditEvent.action == action)
                ).scalars()
            )
    finally:
        db.close()


def test_an_admin_enrols_lists_and_revokes_laptops(
    data_dir: Path, tmp_path: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    new = tmp_path / "new-laptop"
    enrolled = _run(data_dir, TEST_PASSPHRASE, "devices", "enrol", str(new), "--as", "TO")
    assert enrolled.returncode == 0, enrolled.stderr
    assert "is enrolled in the team" in enrolled.stdout
    ring = KeyRing.load(new / KEYS_FILE_NAME)
    assert ring.laptop is not None and ring.wrapped_database_key is not None
    new_id = ring.laptop.laptop_id
    this_id = KeyRing.load(data_dir / KEYS_FILE_NAME).laptop.laptop_id  # type: ignore[union-attr]
    assert new_id in _audited(data_dir, DEVICE_ENROLLED)
    again = _run(data_dir, TEST_PASSPHRASE, "devices", "enrol", str(new), "--as", "TO")
    assert again.returncode == 2 and "already has a keys.json" in again.stderr

    listed = _run(data_dir, TEST_PASSPHRASE, "devices", "list", "--as", "TO")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    [here] = [line for line in lines if line.startswith(this_id[:8])]
    [there] = [line for line in lines if line.startswith(new_id[:8])]
    assert "(this laptop): enrolled; enrolled by Test Officer" in here
    assert here.endswith("officers seen on it: TO")  # Test Officer, signed in at first run
    assert there.endswith("officers seen on it: none yet")

    revoked = _run(data_dir, TEST_PASSPHRASE, "devices", "revoke", new_id[:8], "--as", "TO")
    assert revoked.returncode == 0, revoked.stderr
    assert f"Laptop {new_id[:8]} is revoked" in revoked.stdout
    assert new_id in _audited(data_dir, DEVICE_REVOKED)
    db = open_db(data_dir)
    with db.reading() as session:
        device = session.get(Device, new_id)
        assert device is not None and device.revoked_at is not None
        assert device.revoked_by == device.enrolled_by  # Test Officer, the admin
    db.close()
    listed = _run(data_dir, TEST_PASSPHRASE, "devices", "list", "--as", "TO")
    [there] = [line for line in listed.stdout.splitlines() if line.startswith(new_id[:8])]
    assert re.search(r": REVOKED \d\d \w{3} \d{4} \d\d:\d\d by Test Officer;", there), there

    # Not this laptop itself, and not twice.
    own = _run(data_dir, TEST_PASSPHRASE, "devices", "revoke", this_id[:8], "--as", "TO")
    assert own.returncode == 1 and "That is this laptop" in own.stderr
    twice = _run(data_dir, TEST_PASSPHRASE, "devices", "revoke", new_id, "--as", "TO")
    assert twice.returncode == 1 and "already revoked" in twice.stderr


def test_an_officer_may_not_manage_laptops(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock)
    added = _run(data_dir, TEST_PASSPHRASE, "officers", "add", "Olu Other", "oo", "--as", "TO")
    passphrase = re.search(r"one-time passphrase: ([a-z0-9-]+)", added.stdout)
    assert passphrase, added.stdout
    refused = _run(data_dir, passphrase[1], "devices", "list", "--as", "OO")
    assert refused.returncode == 2
    assert "only an admin may list, enrol or revoke the team's laptops" in refused.stderr
