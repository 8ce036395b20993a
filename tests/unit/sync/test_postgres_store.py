"""The team-store contract on a real PostgreSQL server (`storage.sync.postgres`)."""

from __future__ import annotations

import multiprocessing
import socket
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from storage.sync.ops import encode_batch
from storage.sync.postgres import PostgresTransport
from storage.sync.transport import (
    STORE_FORMAT,
    Acknowledgement,
    Damaged,
    StoreRefused,
    StoreUnreachable,
)
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
def store(postgres_url: str) -> Iterator[PostgresTransport]:
    transport = PostgresTransport(postgres_url)
    transport.connect(team_id=TEAM, create=True, seal=TEST_SEAL)
    yield transport
    transport.close()


def _sql(url: str, statement: str, **parameters: object) -> None:
    """Run SQL as the test's superuser, behind the store's back."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(statement), parameters)
    engine.dispose()


# --- creating and checking the store ----------------------------------------------------


def test_a_new_store_takes_the_laptops_team_and_reports_it(postgres_url: str) -> None:
    transport = PostgresTransport(postgres_url)
    info = transport.connect(team_id=TEAM, create=True, seal=TEST_SEAL)
    transport.record_schema(6)
    transport.record_schema(6)
    transport.close()

    again = PostgresTransport(postgres_url)
    info_again = again.connect(team_id=None, create=False, seal=TEST_SEAL)
    again.close()
    assert (info.team_id, info.format, info.newest_schema) == (TEAM, STORE_FORMAT, 0)
    assert (info_again.team_id, info_again.newest_schema) == (TEAM, 6)


def test_a_first_laptop_without_a_team_gets_a_new_team_id(postgres_url: str) -> None:
    transport = PostgresTransport(postgres_url)
    info = transport.connect(team_id=None, create=True, seal=TEST_SEAL)
    transport.close()
    assert uuid.UUID(info.team_id)


def test_an_empty_database_is_not_a_store_unless_asked_to_create_one(postgres_url: str) -> None:
    transport = PostgresTransport(postgres_url)
    with pytest.raises(StoreRefused, match="is not a team store yet"):
        transport.connect(team_id=TEAM, create=False, seal=TEST_SEAL)
    transport.close()


def test_another_teams_store_is_refused(store: PostgresTransport, postgres_url: str) -> None:
    other = PostgresTransport(postgres_url)
    with pytest.raises(StoreRefused, match="belongs to another team") as refused:
        other.connect(team_id=str(uuid.uuid4()), create=True, seal=TEST_SEAL)
    other.close()
    assert "Nothing was exchanged" in str(refused.value)


def test_a_store_of_a_newer_format_is_refused(store: PostgresTransport, postgres_url: str) -> None:
    # A newer app records its format by inserting a row, as this one would.
    _sql(
        postgres_url,
        "INSERT INTO team_store_team (team_id, format) VALUES (:team, :format)",
        team=TEAM,
        format=STORE_FORMAT + 1,
    )
    newer = PostgresTransport(postgres_url)
    with pytest.raises(StoreRefused, match="upgrade housing-tui"):
        newer.connect(team_id=TEAM, create=False, seal=TEST_SEAL)
    newer.close()


def test_a_server_that_is_not_there_is_unreachable_with_the_reason() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    transport = PostgresTransport(f"postgresql+psycopg://postgres@127.0.0.1:{port}/team")
    with pytest.raises(StoreUnreachable, match="cannot be reached: .*refused") as unreachable:
        transport.connect(team_id=TEAM, create=True, seal=TEST_SEAL)
    transport.close()
    assert f"team on 127.0.0.1:{port}" in str(unreachable.value)


def test_a_login_the_server_rejects_is_unreachable_with_the_servers_reason(
    postgres_url: str,
) -> None:
    stranger = make_url(postgres_url).set(username="nobody_here", password="wrong")
    transport = PostgresTransport(stranger.render_as_string(hide_password=False))
    with pytest.raises(StoreUnreachable, match="nobody_here"):
        transport.connect(team_id=TEAM, create=True, seal=TEST_SEAL)
    transport.close()


# --- batches ----------------------------------------------------------------------------


def test_published_batches_come_back_whole_and_publishing_again_is_harmless(
    store: PostgresTransport,
) -> None:
    batch = make_batch(LAPTOP_A, 1, 3, seen={LAPTOP_B: 7})
    publish(store, batch)
    publish(store, batch)  # a sync cut off after publishing does it again

    fetched = list(store.fetch({}, exclude=None))

    assert fetched == [batch]
    assert store.published_through(LAPTOP_A) == 3
    assert store.published_through(LAPTOP_B) == 0


def test_fetch_gives_each_device_in_order_after_what_was_applied(
    store: PostgresTransport,
) -> None:
    for device, first, last in [
        (LAPTOP_B, 4, 9),
        (LAPTOP_A, 6, 6),
        (LAPTOP_B, 1, 3),
        (LAPTOP_C, 1, 2),
        (LAPTOP_A, 1, 5),
        (LAPTOP_B, 10, 10),
    ]:
        publish(store, make_batch(device, first, last))

    everything = list(store.fetch({}, exclude=None))
    after = list(store.fetch({LAPTOP_A: 5, LAPTOP_B: 3}, exclude=LAPTOP_C))

    assert names(everything) == [
        f"{LAPTOP_A} 1-5",
        f"{LAPTOP_A} 6-6",
        f"{LAPTOP_B} 1-3",
        f"{LAPTOP_B} 4-9",
        f"{LAPTOP_B} 10-10",
        f"{LAPTOP_C} 1-2",
    ]
    assert names(after) == [f"{LAPTOP_A} 6-6", f"{LAPTOP_B} 4-9", f"{LAPTOP_B} 10-10"]
    assert list(store.fetch({LAPTOP_A: 6, LAPTOP_B: 10}, exclude=LAPTOP_C)) == []


def test_fetch_reads_a_long_history_page_by_page_without_losing_one(
    store: PostgresTransport,
) -> None:
    from storage.sync.postgres import FETCH_PAGE

    count = FETCH_PAGE * 2 + 5
    for seq in range(1, count + 1):
        publish(store, make_batch(LAPTOP_A, seq, seq))

    fetched = list(store.fetch({LAPTOP_A: 3}, exclude=None))

    assert [batch.first_seq for batch in fetched] == list(range(4, count + 1))


def test_a_damaged_batch_is_reported_and_the_rest_still_come(
    store: PostgresTransport, postgres_url: str
) -> None:
    publish(store, make_batch(LAPTOP_A, 1, 2))
    cut_off = encode_batch(make_batch(LAPTOP_A, 3, 4), TEST_SEAL)[:-10]
    _sql(
        postgres_url,
        "INSERT INTO team_store_batch (team_id, device, first_seq, last_seq, schema, seen, data)"
        " VALUES (:team, :device, 3, 4, 6, '{}', :data)",
        team=TEAM,
        device=LAPTOP_A,
        data=cut_off,
    )
    publish(store, make_batch(LAPTOP_B, 1, 1))

    fetched = list(store.fetch({}, exclude=None))

    first, damaged, other = fetched
    assert first == make_batch(LAPTOP_A, 1, 2)
    assert isinstance(damaged, Damaged)
    assert damaged.where == f"batch {LAPTOP_A} 3-4 in {store.describe()}"
    assert damaged.reason.endswith("(cut off or padded)")
    assert other == make_batch(LAPTOP_B, 1, 1)


def test_a_batch_filed_under_the_wrong_range_is_damaged(
    store: PostgresTransport, postgres_url: str
) -> None:
    _sql(
        postgres_url,
        "INSERT INTO team_store_batch (team_id, device, first_seq, last_seq, schema, seen, data)"
        " VALUES (:team, :device, 1, 9, 6, '{}', :data)",
        team=TEAM,
        device=LAPTOP_A,
        data=encode_batch(make_batch(LAPTOP_A, 1, 2), TEST_SEAL),
    )

    (fetched,) = store.fetch({}, exclude=None)

    assert fetched == Damaged(
        f"batch {LAPTOP_A} 1-9 in {store.describe()}", "its contents do not match its row"
    )


# --- acknowledgements, snapshots, compaction --------------------------------------------


def test_acknowledgements_give_the_latest_of_each_device(store: PostgresTransport) -> None:
    store.acknowledge(Acknowledgement(LAPTOP_A, {LAPTOP_B: 3}))
    store.acknowledge(Acknowledgement(LAPTOP_B, {LAPTOP_A: 9}))
    store.acknowledge(Acknowledgement(LAPTOP_A, {LAPTOP_B: 5, LAPTOP_C: 1}))
    store.acknowledge(Acknowledgement(LAPTOP_A, {LAPTOP_B: 5, LAPTOP_C: 1}))

    assert sorted(store.acknowledgements(), key=lambda ack: ack.device) == [
        Acknowledgement(LAPTOP_A, {LAPTOP_B: 5, LAPTOP_C: 1}),
        Acknowledgement(LAPTOP_B, {LAPTOP_A: 9}),
    ]


def test_the_snapshot_covering_most_comes_back_whole(store: PostgresTransport) -> None:
    assert store.latest_snapshot() is None
    small = snapshot_bytes({LAPTOP_A: 4})
    large = snapshot_bytes({LAPTOP_A: 4, LAPTOP_B: 8})
    store.publish_snapshot({LAPTOP_A: 4, LAPTOP_B: 8}, large)
    store.publish_snapshot({LAPTOP_A: 4}, small)

    assert store.latest_snapshot() == ({LAPTOP_A: 4, LAPTOP_B: 8}, large)


def test_a_damaged_snapshot_is_passed_over_for_a_whole_one(
    store: PostgresTransport, postgres_url: str
) -> None:
    whole = snapshot_bytes({LAPTOP_A: 4})
    store.publish_snapshot({LAPTOP_A: 4}, whole)
    _sql(
        postgres_url,
        "INSERT INTO team_store_snapshot (team_id, covers, operations, data)"
        " VALUES (:team, '{}', 99, :data)",
        team=TEAM,
        data=snapshot_bytes({LAPTOP_A: 99})[:-3],
    )

    assert store.latest_snapshot() == ({LAPTOP_A: 4}, whole)


def test_only_a_damaged_snapshot_is_reported(store: PostgresTransport, postgres_url: str) -> None:
    _sql(
        postgres_url,
        "INSERT INTO team_store_snapshot (team_id, covers, operations, data)"
        " VALUES (:team, '{}', 9, 'not a snapshot')",
        team=TEAM,
    )

    damaged = store.latest_snapshot()

    assert isinstance(damaged, Damaged)
    assert damaged.reason == "it does not start with the expected marker"


def test_forget_keeps_everything_in_an_insert_only_store(store: PostgresTransport) -> None:
    publish(store, make_batch(LAPTOP_A, 1, 2))

    assert store.forget(LAPTOP_A, 2) == 0
    assert names(list(store.fetch({}, exclude=None))) == [f"{LAPTOP_A} 1-2"]


# --- insert-only, and laptops at once ---------------------------------------------------


@pytest.fixture
def clerk_url(store: PostgresTransport, postgres_url: str) -> Iterator[str]:
    """A role that may only read and add rows to the store's tables (made by `store`)."""
    role = f"clerk_{uuid.uuid4().hex[:8]}"
    database = make_url(postgres_url).database
    for statement in [
        f"CREATE ROLE {role} LOGIN PASSWORD 'clerk'",
        f'GRANT CONNECT ON DATABASE "{database}" TO {role}',
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}",
    ]:
        _sql(postgres_url, statement)
    yield (
        make_url(postgres_url)
        .set(username=role, password="clerk")
        .render_as_string(hide_password=False)
    )
    _sql(postgres_url, f"DROP OWNED BY {role}")
    _sql(postgres_url, f"DROP ROLE {role}")


def test_a_role_that_may_only_select_and_insert_can_sync(clerk_url: str) -> None:
    clerk = PostgresTransport(clerk_url)
    info = clerk.connect(team_id=TEAM, create=True, seal=TEST_SEAL)
    clerk.record_schema(6)
    batch = make_batch(LAPTOP_A, 1, 2)
    publish(clerk, batch)
    publish(clerk, batch)
    clerk.acknowledge(Acknowledgement(LAPTOP_A, {LAPTOP_B: 4}))
    snapshot = snapshot_bytes({LAPTOP_A: 2})
    clerk.publish_snapshot({LAPTOP_A: 2}, snapshot)

    assert info.team_id == TEAM
    assert clerk.published_through(LAPTOP_A) == 2
    assert list(clerk.fetch({}, exclude=None)) == [batch]
    assert clerk.acknowledgements() == [Acknowledgement(LAPTOP_A, {LAPTOP_B: 4})]
    assert clerk.latest_snapshot() == ({LAPTOP_A: 2}, snapshot)
    assert clerk.forget(LAPTOP_A, 2) == 0
    clerk.close()


def _publish_many(
    url: str, device: str, count: int, together: multiprocessing.synchronize.Barrier
) -> None:
    """One laptop's sync in its own process: make the store if needed, then publish."""
    transport = PostgresTransport(url)
    together.wait(30)  # both laptops start at the same moment
    transport.connect(team_id=TEAM, create=True, seal=TEST_SEAL)
    for seq in range(1, count + 1):
        publish(transport, make_batch(device, seq, seq))
    transport.close()


def test_two_laptops_making_and_publishing_to_one_store_at_once_lose_nothing(
    postgres_url: str,
) -> None:
    count = 40
    spawn = multiprocessing.get_context("spawn")
    together = spawn.Barrier(2)
    laptops = [
        spawn.Process(target=_publish_many, args=(postgres_url, device, count, together))
        for device in (LAPTOP_A, LAPTOP_B)
    ]
    for laptop in laptops:
        laptop.start()
    for laptop in laptops:
        laptop.join(60)

    reader = PostgresTransport(postgres_url)
    reader.connect(team_id=TEAM, create=False, seal=TEST_SEAL)
    fetched = list(reader.fetch({}, exclude=None))
    reader.close()
    assert [laptop.exitcode for laptop in laptops] == [0, 0]
    assert names(fetched) == [
        f"{device} {seq}-{seq}" for device in (LAPTOP_A, LAPTOP_B) for seq in range(1, count + 1)
    ]
