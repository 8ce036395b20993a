"""Snapshots and compaction on real laptops (SQLite files) and a real team folder: a laptop that
joins later starts from the snapshot and ends the same as the others; compaction removes only
the compacting laptop's own batches, and only those every laptop the store knows has applied,
so a laptop that was away finds everything it missed; a damaged snapshot is reported and the
new laptop makes do with the batches."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.sync.folder import FolderTransport
from tests.unit.sync.helpers import sync
from tests.unit.sync.test_convergence import (
    DEVICES,
    NAMES,
    Laptop,
    TeamClock,
    create_case,
    create_client,
    edit,
)


@pytest.fixture
def clock() -> TeamClock:
    return TeamClock()


@pytest.fixture
def store(tmp_path: Path) -> FolderTransport:
    (tmp_path / "team").mkdir()
    return FolderTransport(tmp_path / "team")


@pytest.fixture
def laptops(tmp_path: Path, clock: TeamClock) -> Iterator[list[Laptop]]:
    """Ann, Bob, Cat and Dev (who joins later), each with an officer, none synced yet."""
    made = [Laptop.open(tmp_path, NAMES[n], DEVICES[n], clock) for n in range(4)]
    yield made
    for laptop in made:
        laptop.db.close()


def settle(store: FolderTransport, *laptops: Laptop) -> None:
    for laptop in (*laptops, *laptops):
        laptop.sync(store)


def assert_identical(*laptops: Laptop) -> None:
    first = laptops[0].dump()
    for laptop in laptops[1:]:
        dump = laptop.dump()
        for table, rows in first.items():
            assert dump[table] == rows, (
                f"{table} differs between {laptops[0].name} and {laptop.name}"
            )


def batch_files(store: FolderTransport) -> dict[str, set[str]]:
    """Each device's batch files in the store, by device id."""
    found: dict[str, set[str]] = {}
    for path in sorted(store.root.glob("devices/*/batches/*.batch")):
        found.setdefault(path.parent.parent.name, set()).add(path.name)
    return found


def seqs(names: set[str]) -> list[tuple[int, int]]:
    return sorted((int(name[:12]), int(name[13:25])) for name in names)


def test_a_laptop_that_joins_after_compaction_starts_from_the_snapshot(
    store: FolderTransport, laptops: list[Laptop], clock: TeamClock
) -> None:
    ann, bob, cat, dev = laptops
    client = create_client(ann, "Ash")
    case = create_case(ann, client, "later")
    settle(store, ann, bob, cat)
    edit(bob, "client", client, "phone", "01632 960001")
    edit(cat, "case", case, "urgency", "threatened")
    clock.advance(1)
    edit(ann, "case", case, "urgency", "homeless_tonight")  # later than Cat's: a conflict
    edit(cat, "client", client, "deleted_at", None)  # no change: no op
    settle(store, ann, bob, cat)
    before = batch_files(store)

    summary = ann.sync(store, compact=True)

    # Every laptop had acknowledged all of Ann's ops: all her batches could go.
    assert summary.compacted == len(before[ann.device])
    assert ann.device not in batch_files(store)
    joined = dev.sync(store)
    assert joined.snapshot_loaded
    assert dev.value("case", case, "urgency") == "homeless_tonight"
    assert dev.value("client", client, "phone") == "01632 960001"
    assert [json.loads(c.losing_value) for c in dev.conflicts()] == ["threatened"]
    settle(store, ann, bob, cat, dev)
    assert_identical(ann, bob, cat, dev)
    # Edits after the snapshot travel both ways as usual.
    edit(dev, "client", client, "surname", "Birch")
    edit(ann, "case", case, "detail", "Sofa surfing")
    settle(store, ann, bob, cat, dev)
    assert_identical(ann, bob, cat, dev)
    assert cat.value("client", client, "surname") == "Birch"
    assert dev.value("case", case, "detail") == "Sofa surfing"


def test_compaction_keeps_what_an_offline_laptop_has_not_applied(
    store: FolderTransport, laptops: list[Laptop], clock: TeamClock
) -> None:
    ann, bob, cat, _dev = laptops
    client = create_client(ann, "Ash")
    settle(store, ann, bob, cat)
    early = batch_files(store)[ann.device]  # every laptop has applied these
    # Cat goes offline and works on; Ann and Bob go on syncing.
    edit(cat, "client", client, "postcode", "ZZ99 1AA")
    edit(cat, "client", client, "surname", "Cedar")
    clock.advance(1)
    edit(ann, "client", client, "phone", "01632 960001")
    edit(ann, "client", client, "surname", "Birch")  # later than Cat's surname
    edit(bob, "client", client, "email", "jo@example.org")
    settle(store, ann, bob)
    late = batch_files(store)[ann.device] - early

    summary = ann.sync(store, compact=True)

    assert summary.compacted == len(early)
    assert batch_files(store)[ann.device] == late  # what Cat has not applied stays
    bob.sync(store, compact=True)
    assert len(batch_files(store)[bob.device]) == 1  # Bob's email, which Cat has not applied

    back = cat.sync(store)
    assert not back.snapshot_loaded
    settle(store, ann, bob, cat)
    assert_identical(ann, bob, cat)
    for laptop in (ann, bob, cat):
        assert laptop.value("client", client, "phone") == "01632 960001"
        assert laptop.value("client", client, "postcode") == "ZZ99 1AA"  # Cat's, offline
        assert laptop.value("client", client, "surname") == "Birch"
        assert laptop.value("client", client, "email") == "jo@example.org"
        assert [json.loads(c.losing_value) for c in laptop.conflicts()] == ["Cedar"]
    # Now every laptop has applied everything: the next compaction removes the rest.
    ann.sync(store, compact=True)
    assert ann.device not in batch_files(store)


def test_compaction_removes_only_the_compacting_laptops_own_batches(
    store: FolderTransport, laptops: list[Laptop], clock: TeamClock
) -> None:
    ann, bob, cat, _dev = laptops
    client = create_client(ann, "Ash")
    settle(store, ann, bob, cat)
    edit(bob, "client", client, "phone", "01632 960001")
    edit(cat, "client", client, "postcode", "ZZ99 1AA")
    settle(store, ann, bob, cat)
    before = {p.relative_to(store.root) for p in store.root.rglob("*") if p.is_file()}

    bob.sync(store, compact=True)

    after = {p.relative_to(store.root) for p in store.root.rglob("*") if p.is_file()}
    removed = before - after
    assert any(p.parts[2] == "batches" for p in removed)
    # Only Bob's own files went: batches, and his older acknowledgement (the new one says more).
    assert all(p.parts[:2] == ("devices", bob.device) for p in removed), removed
    assert {p.parts[2] for p in removed} == {"batches", "acks"}
    assert {p.parts[0] if p.parts[0] == "snapshots" else p.parts[2] for p in after - before} == {
        "snapshots",
        "acks",
    }


def test_a_second_compaction_is_harmless(
    store: FolderTransport, laptops: list[Laptop], clock: TeamClock
) -> None:
    ann, bob, cat, dev = laptops
    client = create_client(ann, "Ash")
    settle(store, ann, bob, cat)
    edit(bob, "client", client, "phone", "01632 960001")
    settle(store, ann, bob, cat)
    first = ann.sync(store, compact=True)
    assert first.compacted > 0
    remaining = batch_files(store)

    second = ann.sync(store, compact=True)
    bob.sync(store, compact=True)
    bob_again = bob.sync(store, compact=True)

    assert second.compacted == 0
    assert bob_again.compacted == 0
    assert batch_files(store).get(cat.device) == remaining.get(cat.device)
    dev.sync(store)
    settle(store, ann, bob, cat, dev)
    assert_identical(ann, bob, cat, dev)
    assert dev.value("client", client, "phone") == "01632 960001"


def test_a_damaged_snapshot_is_reported_and_the_new_laptop_uses_the_batches(
    store: FolderTransport, laptops: list[Laptop], clock: TeamClock
) -> None:
    ann, bob, cat, dev = laptops
    cat.sync(store)  # Cat has synced once, long ago: compaction waits for her
    client = create_client(ann, "Ash")
    settle(store, ann, bob)
    edit(bob, "client", client, "surname", "Birch")
    settle(store, ann, bob)
    ann.sync(store, compact=True)
    [snapshot] = store.root.glob("snapshots/*.snapshot")
    data = snapshot.read_bytes()
    snapshot.write_bytes(data[: len(data) // 2])  # a copy cut off half way

    joined = sync(dev.db, store)

    assert not joined.snapshot_loaded
    assert [d.where for d in joined.damaged] == [f"snapshots/{snapshot.name}"]
    assert "damaged" in joined.describe()
    assert dev.value("client", client, "surname") == "Birch"
    snapshot.unlink()  # what the team would do about it; the rest goes on as usual
    settle(store, ann, bob, cat, dev)
    assert_identical(ann, bob, cat, dev)


def test_a_laptop_that_synced_first_ignores_a_snapshot_holding_its_own_changes(
    store: FolderTransport, laptops: list[Laptop], clock: TeamClock
) -> None:
    """Found by the state machine. Ann synced alone before anyone else had sent anything, so
    she had applied nothing when she next synced, and used to start from Bob's snapshot - which
    held her own client: its version counted her changes twice, and her later edit of the
    field Bob had changed won without a conflict."""
    ann, bob, _cat, _dev = laptops
    client = create_client(ann, "Ash")
    ann.sync(store)
    bob.sync(store)
    edit(bob, "client", client, "surname", "Birch")
    bob.sync(store, compact=True)
    clock.advance(1)
    edit(ann, "client", client, "surname", "Cedar")  # later, without seeing Bob's

    summary = ann.sync(store)

    settle(store, ann, bob)
    assert_identical(ann, bob)
    for laptop in (ann, bob):
        assert laptop.value("client", client, "surname") == "Cedar"
        assert laptop.value("client", client, "version") == 3  # made, Bob's edit, Ann's
        assert [json.loads(c.losing_value) for c in laptop.conflicts()] == ["Birch"]
    assert not summary.snapshot_loaded  # Ann replayed the batches instead
