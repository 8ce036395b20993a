"""Moving a team from the network-drive folder to PostgreSQL (`storage.sync.move`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from storage.sync.folder import FolderTransport
from storage.sync.move import copy_store
from storage.sync.ops import decode_batch
from storage.sync.postgres import PostgresTransport
from storage.sync.transport import Acknowledgement, Damaged
from tests.unit.sync.helpers import (
    LAPTOP_A,
    LAPTOP_B,
    LAPTOP_C,
    TEAM,
    TEST_SEAL,
    make_batch,
    names,
    publish,
    snapshot_bytes,
)


@pytest.fixture
def folder(tmp_path: Path) -> FolderTransport:
    (tmp_path / "team").mkdir()
    store = FolderTransport(tmp_path / "team")
    store.connect(team_id=TEAM, create=True, seal=TEST_SEAL)
    return store


@pytest.fixture
def server(postgres_url: str) -> Iterator[PostgresTransport]:
    store = PostgresTransport(postgres_url)
    yield store
    store.close()


def test_a_team_moves_whole_and_moving_again_copies_only_what_is_new(
    folder: FolderTransport, server: PostgresTransport, postgres_url: str
) -> None:
    folder.record_schema(6)
    for device, first, last in [(LAPTOP_A, 1, 4), (LAPTOP_A, 5, 9), (LAPTOP_B, 1, 2)]:
        publish(folder, make_batch(device, first, last))
    publish(folder, make_batch(LAPTOP_C, 1, 3, seen={LAPTOP_A: 9}))
    folder.acknowledge(Acknowledgement(LAPTOP_A, {LAPTOP_B: 2}))
    folder.acknowledge(Acknowledgement(LAPTOP_B, {LAPTOP_A: 9, LAPTOP_C: 3}))
    snapshot = snapshot_bytes({LAPTOP_A: 4})
    folder.publish_snapshot({LAPTOP_A: 4}, snapshot)

    first = copy_store(folder, server, TEST_SEAL)
    second = copy_store(folder, server, TEST_SEAL)
    publish(folder, make_batch(LAPTOP_B, 3, 3))  # the team synced with the folder once more
    third = copy_store(folder, server, TEST_SEAL)

    assert (first.batches_copied, first.snapshot_copied) == (4, True)
    assert first.acknowledgements_copied == len(folder.acknowledgements())
    assert first.complete
    assert (second.batches_copied, second.batches_present, second.snapshot_copied) == (0, 4, False)
    assert second.acknowledgements_copied == 0
    assert second.describe().startswith("Nothing new to copy")
    assert (third.batches_copied, third.batches_present) == (1, 4)
    reopened = PostgresTransport(postgres_url)
    info = reopened.connect(team_id=TEAM, create=False, seal=TEST_SEAL)
    reopened.close()
    assert (info.team_id, info.newest_schema) == (TEAM, 6)
    assert list(server.fetch({}, exclude=None)) == list(folder.fetch({}, exclude=None))
    assert sorted(server.acknowledgements(), key=lambda a: a.device) == sorted(
        folder.acknowledgements(), key=lambda a: a.device
    )
    assert server.latest_snapshot() == ({LAPTOP_A: 4}, snapshot)


def test_a_damaged_batch_is_reported_and_what_follows_waits_until_it_is_restored(
    folder: FolderTransport, server: PostgresTransport
) -> None:
    for first, last in [(1, 2), (3, 4), (5, 6)]:
        publish(folder, make_batch(LAPTOP_B, first, last))
    (broken,) = (folder.root / "devices" / LAPTOP_B / "batches").glob("000000000003-*")
    whole = broken.read_bytes()
    broken.write_bytes(whole[:-20])  # a bad copy onto the drive

    damaged_run = copy_store(folder, server, TEST_SEAL)
    broken.write_bytes(whole)  # restored from the drive's backup
    repaired_run = copy_store(folder, server, TEST_SEAL)

    assert damaged_run.batches_copied == 1
    assert damaged_run.held_back == [f"{LAPTOP_B} 5-6"]
    assert [type(item) for item in damaged_run.damaged] == [Damaged]
    assert not damaged_run.complete
    assert "Restore the damaged files" in damaged_run.describe()
    assert repaired_run.batches_copied == 2
    assert repaired_run.complete
    assert names(list(server.fetch({}, exclude=None))) == [
        f"{LAPTOP_B} 1-2",
        f"{LAPTOP_B} 3-4",
        f"{LAPTOP_B} 5-6",
    ]


def test_batches_after_a_compacted_start_are_copied_with_the_snapshot_that_covers_it(
    folder: FolderTransport, server: PostgresTransport
) -> None:
    publish(folder, make_batch(LAPTOP_A, 1, 5))
    publish(folder, make_batch(LAPTOP_A, 6, 8))
    folder.publish_snapshot({LAPTOP_A: 5}, snapshot_bytes({LAPTOP_A: 5}))
    assert folder.forget(LAPTOP_A, 5) == 1

    steps: list[tuple[str, int, int]] = []
    report = copy_store(folder, server, TEST_SEAL, progress=lambda *step: steps.append(step))

    assert (report.batches_copied, report.snapshot_copied, report.complete) == (1, True, True)
    assert steps == [("Connecting", 0, 1), ("Copying batches", 1, 0), ("Done", 1, 1)]
    assert list(server.fetch({}, exclude=None)) == [make_batch(LAPTOP_A, 6, 8)]


def test_the_copied_batches_are_the_same_batches(
    folder: FolderTransport, server: PostgresTransport, postgres_url: str
) -> None:
    from sqlalchemy import create_engine, text

    batch = make_batch(LAPTOP_A, 1, 3, seen={LAPTOP_B: 2})
    publish(folder, batch)

    copy_store(folder, server, TEST_SEAL)

    engine = create_engine(postgres_url)
    with engine.connect() as connection:
        stored = connection.scalar(text("SELECT data FROM team_store_batch"))
    engine.dispose()
    # Sealed again by the laptop that moves the store (a fresh nonce): the same batch.
    assert decode_batch(stored, TEST_SEAL) == batch


def test_a_laptops_newer_acknowledgement_in_the_target_is_not_replaced_by_an_older_one(
    new_postgres_database: Callable[[], str], server: PostgresTransport
) -> None:
    old = PostgresTransport(new_postgres_database())
    old.connect(team_id=TEAM, create=True, seal=TEST_SEAL)
    old.acknowledge(Acknowledgement(LAPTOP_A, {LAPTOP_B: 2}))
    old.acknowledge(Acknowledgement(LAPTOP_B, {LAPTOP_A: 7}))
    server.connect(team_id=TEAM, create=True, seal=TEST_SEAL)
    server.acknowledge(Acknowledgement(LAPTOP_A, {LAPTOP_B: 5}))  # already synced with it

    report = copy_store(old, server, TEST_SEAL)
    old.close()

    assert report.acknowledgements_copied == 1
    assert server.acknowledgements() == [
        Acknowledgement(LAPTOP_A, {LAPTOP_B: 5}),
        Acknowledgement(LAPTOP_B, {LAPTOP_A: 7}),
    ]
