"""The audit trail travels with the sync (issue 16 item 5), through a real team folder between
real encrypted laptops: each laptop's rows arrive on the other in their own chain, whole;
`housing-tui audit --verify` (a real process) checks every chain and finds a received row
edited or removed; a client's trail and its CSV export show what was done on every laptop,
with which; received rows are never sent on as the receiver's; an erasure redacts the
received rows too; and audit rows that do not hash to what they claim are refused."""

from __future__ import annotations

import csv
import json
import uuid
from pathlib import Path

import pytest

from housing_tui.reference.policy import load_policy
from storage.audit import VIEW, audit_for_client, record_event, verify_audit_trail
from storage.retention import erase_client
from storage.sync.audit_sharing import AUDIT_TABLE, COLUMNS, ROWS
from storage.sync.devices import team_seal
from storage.sync.engine import sync as engine_sync
from storage.sync.location import open_transport
from storage.sync.ops import Batch, FieldChange, Hlc, Op, encode_batch
from storage.tables import Case, Client
from tests.conftest import TODAY_AT
from tests.ui.helpers import interviewed_case, laptop, open_db, raw_connection, signed_in
from tests.unit.sync.test_forged_batches import _sync
from tests.unit.test_audit_trail import audit, tamper


def _device(data_dir: Path) -> str:
    with raw_connection(data_dir) as connection:
        return connection.execute("SELECT device_id FROM sync_state").fetchone()[0]


def _rows(data_dir: Path, device: str) -> dict[int, tuple]:
    """A laptop's copy of `device`'s chain: {chain_seq: the row as stored}."""
    with raw_connection(data_dir) as connection:
        found = connection.execute(
            f"SELECT {', '.join(COLUMNS)} FROM audit_event WHERE device_id = ?", (device,)
        ).fetchall()
    return {row[COLUMNS.index("chain_seq")]: tuple(row) for row in found}


@pytest.fixture
def team(tmp_path: Path) -> tuple[Path, Path, str, str]:
    return synced_team(tmp_path)


def synced_team(tmp_path: Path) -> tuple[Path, Path, str, str]:
    """Two laptops of one team that have synced (A, B, B, A): on A, a case made, interviewed
    and viewed; on B, viewed. Returns A, B, the team folder and the case's client."""
    first = laptop(tmp_path / "a")
    second = laptop(tmp_path / "b", joins=first)
    folder = tmp_path / "team-folder"
    folder.mkdir()
    officer = signed_in(first).officer_id
    case_id = interviewed_case(first, officer)
    db = open_db(first)
    record_event(db, officer, VIEW, table_name="case", record_id=case_id)
    with db.reading() as session:
        client_id = session.get(Case, case_id).client_id  # type: ignore[union-attr]
    db.close()
    for data_dir in (first, second):
        assert not _sync(data_dir, str(folder)).refused
    # An officer opens the case on B: B's rows (this view, and what its sync merged) go at
    # its next sync; rows the sync wrote alone wait for something like it.
    db = open_db(second)
    record_event(db, signed_in(second).officer_id, VIEW, table_name="case", record_id=case_id)
    db.close()
    for data_dir in (second, first):
        assert not _sync(data_dir, str(folder)).refused
    return first, second, str(folder), client_id


def test_each_laptops_rows_arrive_whole_in_its_own_chain_and_verify(team, tmp_path) -> None:
    first, second, _folder, client_id = team
    a, b = _device(first), _device(second)
    on_a, received = _rows(first, a), _rows(second, a)
    # Everything A wrote up to its first sync arrived as it was written: same hashes.
    assert len(received) >= 10
    assert all(on_a[seq] == row for seq, row in received.items())
    assert sorted(received) == list(range(1, len(received) + 1))
    # And B's rows (its merge of A's changes, its sync run) reached A the same way.
    assert _rows(second, b).items() >= _rows(first, b).items() and _rows(first, b)
    for data_dir in (first, second):
        done = audit(data_dir, "--verify")
        assert done.returncode == 0, done.stdout + done.stderr
        assert "2 chain" in done.stdout or "chains intact" in done.stdout
    found = verify_audit_trail(open_db(second))
    assert found.intact and found.chains == 2, found.breaks

    # The client's trail on B: what was done on A (made, viewed) and on B (merged), each
    # with its laptop; the export for a subject access request says the same.
    db = open_db(second)
    entries = audit_for_client(db, client_id)
    db.close()
    by_laptop = {(entry.device_id, entry.action) for entry in entries}
    assert {(a, "create"), (a, VIEW), (b, "sync-create"), (b, VIEW)} <= by_laptop
    target = tmp_path / "trail.csv"
    done = audit(second, "--client", client_id, "--csv", str(target))
    assert done.returncode == 0, done.stderr
    with target.open(encoding="utf-8-sig", newline="") as handle:
        exported = {(row["Laptop"], row["Action"]) for row in csv.DictReader(handle)}
    assert {(a, "create"), (a, VIEW), (b, "sync-create")} <= exported


def test_received_rows_are_never_sent_on_as_the_receivers(team) -> None:
    first, second, folder, _ = team
    a, b = _device(first), _device(second)
    for data_dir in (second, first, second):
        assert not _sync(data_dir, folder).refused
    for data_dir, own in ((first, a), (second, b)):
        with raw_connection(data_dir) as connection:
            bodies = [body for (body,) in connection.execute("SELECT body FROM sync_op")]
        sent = [json.loads(body) for body in bodies]
        rows = [row for op in sent if op[4] == AUDIT_TABLE for row in op[6][ROWS][0]]
        assert rows, "no audit rows were sent"
        assert {row[COLUMNS.index("device_id")] for row in rows} == {own}
        seqs = [row[COLUMNS.index("chain_seq")] for row in rows]
        assert seqs == list(range(1, len(seqs) + 1))  # each row once, in order


@pytest.mark.parametrize(
    ("statement", "said"),
    [
        pytest.param(
            "UPDATE audit_event SET changes = '{{}}' WHERE device_id = '{a}' AND chain_seq = 3",
            "row 3 (",
            id="edited",
        ),
        pytest.param(
            "DELETE FROM audit_event WHERE device_id = '{a}' AND chain_seq = 3",
            "row 3 before it has been removed",
            id="deleted",
        ),
        pytest.param(
            "DELETE FROM audit_event WHERE device_id = '{a}' AND chain_seq = "
            "(SELECT max(chain_seq) FROM audit_event WHERE device_id = '{a}')",
            "since it was shared with the team",
            id="newest-deleted",
        ),
    ],
)
def test_a_received_row_edited_or_removed_is_found(team, statement: str, said: str) -> None:
    first, second, _, _ = team
    a = _device(first)
    tamper(second, statement.format(a=a))
    done = audit(second, "--verify")
    assert done.returncode == 1
    assert "The audit trail has been tampered with" in done.stdout
    assert f"Laptop {a[:8]}" in done.stdout and said in done.stdout, done.stdout


def test_an_erasure_redacts_rows_received_after_it(team) -> None:
    """B erases the client while A, not knowing yet, changes their phone number: A's audit
    row of the change reaches B after the erasure, and is redacted there as it arrives."""
    first, second, folder, client_id = team
    db = open_db(first)
    with db.writing(signed_in(first).officer_id) as session:
        client = session.get(Client, client_id)
        assert client is not None
        client.phone = "07700 900123"
    db.close()
    db = open_db(second)
    erase_client(
        db,
        signed_in(second).officer_id,
        client_id,
        reason="Asked to be forgotten",
        override_retention="Test of erasure",
        today=TODAY_AT.date(),
        policy=load_policy(second).retention,
    )
    db.close()
    for data_dir in (first, second, first):
        assert not _sync(data_dir, folder).refused
    for data_dir in (first, second):
        with raw_connection(data_dir) as connection:
            kept = " ".join(
                changes for (changes,) in connection.execute("SELECT changes FROM audit_event")
            )
        assert "900123" not in kept and "Testy" not in kept
        done = audit(data_dir, "--verify")
        assert done.returncode == 0, done.stdout
    assert _rows(second, _device(first))  # A's rows are there, redacted, not left out


def test_audit_rows_that_do_not_match_their_hash_are_refused(team) -> None:
    first, second, folder, _ = team
    a = _device(first)
    row = list(_rows(second, a)[1])
    row[COLUMNS.index("changes")] = '{"surname": ["Tenant", "Forged"]}'  # its hash unchanged
    db = open_db(first)
    seal = team_seal(db, signed_in(first).team_key)
    db.close()
    device = str(uuid.uuid4())
    row[COLUMNS.index("device_id")] = device
    op = Op(
        device, 1, Hlc(1_900_000_000_000, 0).format(), 1, None, AUDIT_TABLE, row[0],
        {ROWS: FieldChange(new=[row], old=None, base=None)},
    )  # fmt: skip
    transport = open_transport(folder)
    try:
        team_id = transport.connect(team_id=None, create=False, seal=seal).team_id
        batch = Batch(team_id, device, 1, 1, schema=1, seen={}, ops=(op,))
        transport.publish(batch, encode_batch(batch, seal))
    finally:
        transport.close()
    summary = _sync(second, folder)
    [refused] = summary.refused
    assert "does not match its own hash" in refused.reason
    assert not _rows(second, device)
    with raw_connection(second) as connection:
        assert connection.execute(
            "SELECT count(*) FROM audit_event WHERE action = 'sync-refused'"
        ).fetchone()[0]


def test_a_laptop_starting_from_a_snapshot_has_the_trail(team, tmp_path: Path) -> None:
    first, second, folder, _ = team
    db = open_db(first)
    engine_sync(
        db,
        open_transport(folder),
        seal=team_seal(db, signed_in(first).team_key),
        officer_id=signed_in(first).officer_id,
        compact=True,
    )
    db.close()
    third = laptop(tmp_path / "c", joins=first)
    summary = _sync(third, folder)
    assert summary.snapshot_loaded, summary.describe()
    a = _device(first)
    received = _rows(third, a)
    assert received and all(_rows(first, a)[seq] == row for seq, row in received.items())
    found = verify_audit_trail(open_db(third))
    assert found.intact, found.breaks
