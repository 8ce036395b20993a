"""`housing-tui sync --reseal` on a real team folder holding plain files from before sealing,
through real subprocesses: a laptop enrolled after the upgrade is refused the plain batch (with
the wording that says to reseal); an admin reseals from the laptop that was up to date (not
from a behind one, not as an officer); the folder then holds no plain file, and a laptop
enrolled again starts from the sealed snapshot with the plain batch's client."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from storage.sync.compaction import STORE_RESEALED
from storage.sync.devices import team_seal
from storage.sync.ops import PLAIN_MAGICS, decode_batch
from storage.tables import AuditEvent, Client
from tests.conftest import TEST_PASSPHRASE
from tests.ui.helpers import laptop, open_db, signed_in
from tests.unit.sync.test_forged_batches import _plain, _sync


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "housing_tui", "--data-dir", str(folder), *args],
        input=TEST_PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _client(data_dir: Path, client_id: str) -> Client | None:
    db = open_db(data_dir)
    try:
        with db.reading() as session:
            return session.get(Client, client_id)
    finally:
        db.close()


def _plain_files(store: Path) -> list[Path]:
    return [
        path
        for path in store.rglob("*")
        if path.is_file() and path.read_bytes().startswith(PLAIN_MAGICS)
    ]


def test_reseal_publishes_a_sealed_snapshot_and_removes_the_plain_files(tmp_path: Path) -> None:
    a = laptop(tmp_path / "a")
    store = tmp_path / "team-folder"
    store.mkdir()
    db = open_db(a)
    with db.writing(signed_in(a).officer_id) as session:
        old = Client(forenames="Written", surname="Before Sealing")
        session.add(old)
    db.close()
    assert not _sync(a, str(store)).refused
    # As the app wrote it before the store was sealed: A's batch, plain. A has applied it.
    db = open_db(a)
    seal = team_seal(db, signed_in(a).team_key)
    db.close()
    [written] = list(store.glob("devices/*/batches/*.batch"))
    written.write_bytes(_plain(decode_batch(written.read_bytes(), seal)))
    assert _plain_files(store) == [written]

    behind = laptop(tmp_path / "behind", joins=a)
    [refused] = _sync(behind, str(store)).refused
    assert "housing-tui sync --reseal" in refused.reason
    assert _client(behind, old.id) is None
    not_up_to_date = _run(behind, "sync", "--shared", str(store), "--reseal", "--as", "TO")
    assert not_up_to_date.returncode == 3
    assert "Not resealed: this laptop is not up to date" in not_up_to_date.stderr
    assert _plain_files(store) == [written]

    resealed = _run(a, "sync", "--shared", str(store), "--reseal", "--as", "TO")

    assert resealed.returncode == 0, resealed.stderr
    assert "Resealed: a sealed snapshot published and 1 plain file(s)" in resealed.stdout
    assert _plain_files(store) == []
    assert list(store.glob("snapshots/*.snapshot"))
    db = open_db(a)
    with db.reading() as session:
        [audited] = session.execute(
            sa.select(AuditEvent.changes).where(AuditEvent.action == STORE_RESEALED)
        ).scalars()
    db.close()
    assert json.loads(audited)["plain_files_removed"] == 1
    again = laptop(tmp_path / "enrolled-again", joins=a)
    summary = _sync(again, str(store))
    assert summary.snapshot_loaded and not summary.refused
    arrived = _client(again, old.id)
    assert arrived is not None and arrived.surname == "Before Sealing"


def test_only_an_admin_reseals(tmp_path: Path) -> None:
    a = laptop(tmp_path / "a")
    store = tmp_path / "team-folder"
    store.mkdir()
    added = _run(a, "officers", "add", "Olu Other", "oo", "--as", "TO")
    passphrase = added.stdout.split("one-time passphrase: ")[1].split()[0]
    refused = subprocess.run(
        [
            sys.executable,
            "-m",
            "housing_tui",
            "--data-dir",
            str(a),
            "sync",
            "--shared",
            str(store),
            "--reseal",
            "--as",
            "OO",
        ],
        input=passphrase + "\n",
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert refused.returncode == 2
    assert "only an admin may reseal the team store" in refused.stderr
    assert not (store / "team.json").exists()  # nothing was done
