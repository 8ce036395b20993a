"""Damaged files in the team store: a batch cut off or changed anywhere is never merged; it is
reported by name, the laptop goes no further with that laptop's changes, and once the good
file is back everything arrives. A damaged team.json stops the sync with words to act on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from storage.sync.audit_sharing import AUDIT_TABLE
from storage.sync.engine import status
from storage.sync.folder import FolderTransport
from storage.sync.ops import DamagedBatch, decode_batch
from storage.sync.transport import StoreRefused
from tests.unit.sync.helpers import TEST_SEAL
from tests.unit.sync.laptops import (
    Laptop,
    check_converged,
    sync_until_quiet,
)


def batch_files(store: Path, laptop: Laptop) -> list[Path]:
    device = status(laptop.db).device_id
    return sorted((store / "devices" / device / "batches").glob("*.batch"))


def applied_from(laptop: Laptop, other: Laptop) -> int:
    with laptop.db.engine.connect() as connection:
        return (
            connection.execute(
                sa.text("SELECT through_seq FROM sync_applied WHERE device_id = :d"),
                {"d": status(other.db).device_id},
            ).scalar()
            or 0
        )


def test_a_batch_cut_off_anywhere_or_with_any_byte_changed_is_refused(laptops) -> None:
    ann, ben, store, ledger = laptops
    ann.add_clients(ledger, 2)
    ann.edit(ledger, ann.add_clients(ledger, 1), "phone")
    ann.sync(store)
    data = batch_files(store, ann)[-1].read_bytes()
    # The four changes (and the audit rows of them, which travel too: audit_sharing).
    changes = [op for op in decode_batch(data, TEST_SEAL).ops if op.table != AUDIT_TABLE]
    assert len(changes) == 4

    for end in range(len(data)):
        with pytest.raises(DamagedBatch):
            decode_batch(data[:end], TEST_SEAL)
    with pytest.raises(DamagedBatch):
        decode_batch(data + b"\n", TEST_SEAL)
    for where in range(len(data)):
        for flip in (0x01, 0x80):  # one bit, low and high
            changed = bytearray(data)
            changed[where] ^= flip
            with pytest.raises(DamagedBatch):
                decode_batch(bytes(changed), TEST_SEAL)
                pytest.fail(f"byte {where} ({data[where : where + 1]!r}) changed, still read")


def test_a_damaged_batch_is_reported_held_and_applied_once_the_good_file_is_back(
    laptops, tmp_path: Path
) -> None:
    ann, ben, store, ledger = laptops
    ann.add_clients(ledger, 3)
    ann.sync(store)
    first = batch_files(store, ann)[-1]
    ann.add_clients(ledger, 2)
    ann.sync(store)
    second = batch_files(store, ann)[-1]
    assert first != second
    # The first batch is cut off as a bad copy would (under its own, valid name).
    good = tmp_path / "good copy"
    shutil.copyfile(first, good)
    first.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    before = applied_from(ben, ann)

    summary = ben.sync(store)

    assert [d.where for d in summary.damaged] == [str(first.relative_to(store))]
    assert first.name in summary.describe()
    assert summary.received == 0
    assert summary.waiting_for_others == 1  # the second batch needs the first
    assert applied_from(ben, ann) == before
    with ben.db.engine.connect() as connection:
        clients = connection.execute(sa.text("SELECT count(*) FROM client")).scalar()
    assert clients == 0

    # Again: still reported, still nothing merged (damage is retried, never half used).
    again = ben.sync(store)
    assert len(again.damaged) == 1 and again.received == 0
    assert applied_from(ben, ann) == before

    # The good file comes back from a backup (under a name of its own).
    restored = first.parent / f"{first.name[:26]}{'f' * 16}.batch"
    shutil.copyfile(good, restored)
    summary = ben.sync(store)
    assert summary.received == 5
    assert summary.waiting_for_others == 0
    first.unlink()  # the damaged one can go now
    sync_until_quiet([ann, ben], store, rounds=1)
    check_converged([ann, ben], ledger, store)


def test_a_damaged_team_file_stops_the_sync_with_a_clear_message(laptops) -> None:
    ann, _ben, store, ledger = laptops
    ann.add_clients(ledger, 1)
    team = store / "team.json"
    published = batch_files(store, ann)
    for damaged in (team.read_bytes()[:10], b"", b"[1, 2]", b'{"format": 1}'):
        team.write_bytes(damaged)
        with pytest.raises(StoreRefused, match="team.json is damaged.*restore it"):
            ann.sync(store)
    assert status(ann.db).unsent == 1  # nothing was sent
    assert batch_files(store, ann) == published


def test_a_batch_whose_name_and_contents_disagree_is_not_merged(laptops) -> None:
    ann, ben, store, ledger = laptops
    ann.add_clients(ledger, 2)
    ann.sync(store)
    path = batch_files(store, ann)[-1]  # the two clients' (with their audit rows)
    first, last = int(path.name[:12]), int(path.name[13:25])
    path.rename(path.with_name(f"{first - 1:012d}{path.name[12:]}"))  # claims one more
    summary = ben.sync(store)
    assert summary.received == 0
    assert "do not match its name" in summary.describe()
    assert applied_from(ben, ann) == first - 1  # what Ann had sent before, nothing after
    assert FolderTransport(store).published_through(status(ann.db).device_id) == last


def test_a_laptop_writes_its_own_damaged_batch_again_from_its_outbox(laptops) -> None:
    """A bad copy on the share damaged Ann's batch: Ben's sync skips it; Ann's next sync
    finds it (Ben has not acknowledged it), writes it again exactly, and removes the bad copy;
    then Ben gets everything, with nothing typed lost."""
    ann, ben, store, ledger = laptops
    ann.edit(ledger, ann.add_clients(ledger, 3), "phone")
    ann.sync(store)
    damaged = batch_files(store, ann)[-1]
    whole = damaged.read_bytes()
    damaged.write_bytes(whole[: len(whole) // 2])

    assert [d.where for d in ben.sync(store).damaged] == [str(damaged.relative_to(store))]
    summary = ann.sync(store)
    assert summary.sent == 0
    assert any(
        "was damaged" in problem and "written again" in problem for problem in summary.problems
    )
    assert not damaged.exists()
    rewritten = batch_files(store, ann)[-1]
    # The same batch: the same range and ops (only the random part of the name differs).
    assert rewritten.name.split("-")[:2] == damaged.name.split("-")[:2]
    assert decode_batch(rewritten.read_bytes(), TEST_SEAL) == decode_batch(whole, TEST_SEAL)

    assert not ben.sync(store).damaged
    sync_until_quiet([ann, ben], store)
    check_converged([ann, ben], ledger, store)
