"""What a sync refuses to do: exchange with another team's store, a store from a newer app, or
a folder that is not a team store; what it says when the store cannot be reached; and changes
from a newer version of the app, which wait in the store until this laptop is upgraded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

import storage.sync.capture
import storage.sync.engine
from storage.sync.capture import schema_revision
from storage.sync.engine import status
from storage.sync.folder import FolderTransport
from storage.sync.ops import Batch, FieldChange, Hlc, Op, encode_batch
from storage.sync.transport import StoreRefused, StoreUnreachable
from storage.tables import Client
from tests.unit.sync.helpers import TEST_SEAL
from tests.unit.sync.laptops import (
    Laptop,
    Ledger,
    check_converged,
    store_files,
    sync_until_quiet,
    synced_rows,
)

NEWER_DEVICE = "dddddddd-4444-4444-8444-444444444444"


def local_state(laptop: Laptop) -> tuple:
    with laptop.db.engine.connect() as connection:
        sync_rows = [
            connection.execute(sa.text(f"SELECT * FROM {table} ORDER BY 1")).all()
            for table in ("sync_state", "sync_applied", "sync_op", "sync_register")
        ]
    return synced_rows(laptop.db), sync_rows


def test_another_teams_store_is_refused_and_nothing_is_exchanged(laptops, tmp_path) -> None:
    ann, _ben, store, ledger = laptops
    other_store = tmp_path / "other team"
    other_store.mkdir()
    ledger_other = Ledger()
    cat = Laptop.new("cat", tmp_path / "cat.sqlite3", ledger_other)
    cat.add_clients(ledger_other, 2)
    cat.sync(other_store)
    ann.add_clients(ledger, 3)
    before = local_state(ann), store_files(other_store)

    with pytest.raises(StoreRefused, match="another team.*Nothing was exchanged"):
        ann.sync(other_store)

    assert (local_state(ann), store_files(other_store)) == before
    assert status(ann.db).unsent == 3
    cat.close()


def test_a_store_from_a_newer_app_is_refused(laptops) -> None:
    ann, _ben, store, ledger = laptops
    team = json.loads((store / "team.json").read_text())
    (store / "team.json").write_text(json.dumps({**team, "format": team["format"] + 1}))
    ann.add_clients(ledger, 1)
    before = local_state(ann), store_files(store)
    with pytest.raises(StoreRefused, match="newer housing-tui.*upgrade this app"):
        ann.sync(store)
    assert (local_state(ann), store_files(store)) == before


def test_an_unreachable_location_says_so(laptops, tmp_path) -> None:
    ann, _ben, _store, ledger = laptops
    ann.add_clients(ledger, 1)
    with pytest.raises(StoreUnreachable, match="cannot be reached"):
        ann.sync(tmp_path / "not mounted" / "sync")
    assert status(ann.db).unsent == 1


def test_a_folder_that_is_not_a_team_store_is_refused(laptops, tmp_path) -> None:
    ann, _ben, store, ledger = laptops
    # A laptop that syncs with a team never starts a new store, even in an empty folder.
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(StoreRefused, match="not a team store"):
        ann.sync(empty)
    assert list(empty.iterdir()) == []
    # A new laptop does not start one among other files (a mistyped location).
    documents = tmp_path / "Housing"
    documents.mkdir()
    (documents / "rota.xlsx").write_bytes(b"not ours")
    new = Laptop.new("new", tmp_path / "new.sqlite3", Ledger())
    with pytest.raises(StoreRefused, match="not a team store"):
        new.sync(documents)
    assert sorted(p.name for p in documents.iterdir()) == ["rota.xlsx"]
    assert status(new.db).team_id is None
    # A new laptop and an empty folder: the team's store starts there.
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    new.sync(fresh)
    assert (fresh / "team.json").exists()
    assert status(new.db).team_id == json.loads((fresh / "team.json").read_text())["team_id"]
    new.close()


def newer_app_batch(store: Path, client: str, team: str, newer: int) -> Batch:
    """What a laptop with a newer version of the app would publish: a new phone number."""
    op = Op(
        device=NEWER_DEVICE,
        seq=1,
        hlc=Hlc(int(9e12), 0).format(),
        schema=newer,
        officer=None,
        table="client",
        record=client,
        fields={"phone": FieldChange(new="0161 496 0000", old=None, base=None)},
    )
    batch = Batch(team, NEWER_DEVICE, 1, 1, schema=newer, seen={}, ops=(op,))
    store_transport = FolderTransport(store)
    store_transport.record_schema(newer)
    store_transport.publish(batch, encode_batch(batch, TEST_SEAL))
    return batch


def test_changes_from_a_newer_app_wait_until_this_one_is_upgraded(
    laptops, monkeypatch: pytest.MonkeyPatch
) -> None:
    ann, ben, store, ledger = laptops
    (client,) = ann.add_clients(ledger, 1)
    sync_until_quiet([ann, ben], store, rounds=2)
    current = schema_revision()
    newer = current + 1
    newer_app_batch(store, client, status(ann.db).team_id, newer)
    (newer_file,) = store.glob(f"devices/{NEWER_DEVICE}/batches/*.batch")

    info = FolderTransport(store).connect(
        team_id=status(ann.db).team_id, create=False, seal=TEST_SEAL
    )
    assert info.newest_schema == newer
    summary = ann.sync(store)

    assert summary.waiting_for_upgrade == 1
    assert summary.received == 0
    assert "newer version of the app" in summary.describe()
    assert "upgrade" in summary.describe()
    with ann.db.reading() as session:
        assert session.get(Client, client).phone is None
    with ann.db.engine.connect() as connection:
        applied = connection.execute(
            sa.text("SELECT through_seq FROM sync_applied WHERE device_id = :d"),
            {"d": NEWER_DEVICE},
        ).scalar()
    assert applied is None
    assert newer_file.exists()
    assert ann.sync(store).waiting_for_upgrade == 1  # still held, still there

    # The app is upgraded (as far as the schema number goes): the held batch is applied.
    monkeypatch.setattr(storage.sync.engine, "schema_revision", lambda: newer)
    monkeypatch.setattr(storage.sync.capture, "schema_revision", lambda: newer)
    for laptop in (ann, ben):
        summary = laptop.sync(store)
        assert summary.waiting_for_upgrade == 0 and summary.received >= 1
        with laptop.db.reading() as session:
            row = session.get(Client, client)
            assert (row.phone, row.version) == ("0161 496 0000", 2)
    ledger.changed(client)
    ledger.type("newer", client, "phone", "0161 496 0000")
    sync_until_quiet([ann, ben], store, rounds=1)
    check_converged([ann, ben], ledger, store)
