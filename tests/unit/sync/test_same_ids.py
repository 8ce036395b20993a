"""Two laptops that created rows with the same id both keep syncing.

Demo data loaded with the same seed on two laptops made the same ids, and a client on one
laptop had the id of a case on the other: the merge took the case's field registers for the
client's, held the client back, and the client's cases broke their foreign key, which stopped
every later sync of that laptop ("could not be merged here (FOREIGN KEY constraint failed)").
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa

from housing_tui.reference.policy import load_policy
from storage.database import Database
from storage.demo import load_demo_data
from storage.sync.folder import FolderTransport
from storage.tables import Case, Client, SyncConflict
from tests.unit.sync.helpers import sync
from tests.unit.sync.laptops import Laptop, Ledger, integrity, synced_rows


def _foreign_key_faults(db: Database) -> list[tuple]:
    with db.engine.connect() as connection:
        return connection.exec_driver_sql("PRAGMA foreign_key_check").all()


def test_demo_data_with_the_same_seed_on_two_laptops_syncs_and_agrees(tmp_path: Path) -> None:
    store = FolderTransport(tmp_path / "store")
    (tmp_path / "store").mkdir()
    ledger = Ledger()
    laptops = [Laptop.new(name, tmp_path / f"{name}.sqlite3", ledger) for name in ("a", "b")]
    for laptop, clients in zip(laptops, (150, 120), strict=True):
        load_demo_data(
            laptop.db,
            clients=clients,
            officer_id=laptop.officer,
            today=date(2026, 11, 23),
            policy=load_policy().triage,
            seed=2026,
        )
    for laptop in laptops * 2:
        summary = laptop.sync(store)
        assert not summary.problems and not summary.waiting_for_others, summary.describe()

    a, b = laptops
    assert synced_rows(a.db) == synced_rows(b.db)
    for laptop in laptops:
        assert integrity(laptop.path) == "ok"
        assert _foreign_key_faults(laptop.db) == []
        with laptop.db.engine.connect() as connection:
            # The 120 clients both made are one client each, not two.
            assert (
                connection.execute(sa.select(sa.func.count()).select_from(Client)).scalar() == 150
            )
        laptop.close()


def test_a_row_made_with_an_id_another_table_uses_there_arrives_whole(tmp_path: Path) -> None:
    store = FolderTransport(tmp_path / "store")
    (tmp_path / "store").mkdir()
    ledger = Ledger()
    ann, ben = (Laptop.new(name, tmp_path / f"{name}.sqlite3", ledger) for name in ("ann", "ben"))
    shared_id = "0c8f9a6e-3b1d-4e2a-9c7f-5d4b3a2e1f00"
    with ann.db.writing(ann.officer) as session:
        session.add(Client(id=shared_id, forenames="Ann", surname="Client"))
    with ben.db.writing(ben.officer) as session:
        client = Client(forenames="Ben", surname="Client")
        session.add(client)
        session.flush()
        session.add(
            Case(
                id=shared_id,
                client_id=client.id,
                officer_id=ben.officer,
                approached_at=datetime(2026, 11, 23, 10, tzinfo=UTC),
                channel="drop_in",
                urgency="threatened",
                presenting_problem="rent_arrears",
            )
        )
    for laptop in (ann, ben, ann, ben):
        summary = laptop.sync(store)
        assert not summary.problems, summary.describe()
    for laptop in (ann, ben):
        with laptop.db.engine.connect() as connection:
            assert (
                connection.execute(
                    sa.select(Client.forenames).where(Client.id == shared_id)
                ).scalar()
                == "Ann"
            )
            assert (
                connection.execute(sa.select(Case.client_id).where(Case.id == shared_id)).scalar()
                == client.id
            )
        assert _foreign_key_faults(laptop.db) == []
    assert synced_rows(ann.db) == synced_rows(ben.db)
    ann.close()
    ben.close()


def test_two_laptops_creating_one_id_merge_it_field_by_field(tmp_path: Path) -> None:
    """A create that meets an existing row is merged like two edits made without seeing each
    other: per field the later one wins, and the other value is kept as a conflict."""
    store = tmp_path / "store"
    store.mkdir()
    ledger = Ledger()
    ann, ben = (Laptop.new(name, tmp_path / f"{name}.sqlite3", ledger) for name in ("ann", "ben"))
    shared_id = "6a0d2c4e-8f1b-4d3a-a5c7-9e2f4b6d8a10"
    with ann.db.writing(ann.officer) as session:
        session.add(Client(id=shared_id, forenames="Jo", surname="Ann's", phone="01632 960001"))
    # Ben's is made later (its clock is later), without a phone.
    with ben.db.writing(ben.officer) as session:
        session.add(Client(id=shared_id, forenames="Jo", surname="Ben's"))
    for laptop in (ann, ben, ann, ben):
        summary = laptop.sync(store)
        assert not summary.problems, summary.describe()
    for laptop in (ann, ben):
        with laptop.db.engine.connect() as connection:
            row = connection.execute(sa.select(Client).where(Client.id == shared_id)).one()
            lost = {
                c.column_name: json.loads(c.losing_value)
                for c in connection.execute(sa.select(SyncConflict))
            }
        assert (row.surname, row.phone) == ("Ben's", "01632 960001")
        assert lost["surname"] == "Ann's"
    assert synced_rows(ann.db) == synced_rows(ben.db)
    ann.close()
    ben.close()


def test_demo_data_without_a_seed_on_two_laptops_shares_no_ids(tmp_path: Path) -> None:
    """Without a seed, two laptops' demo data share no ids: nothing to merge, no conflicts."""
    (tmp_path / "store").mkdir()
    store = FolderTransport(tmp_path / "store")
    dbs = [Database.open(tmp_path / f"{name}.sqlite3") for name in ("a", "b")]
    for db in dbs:
        load_demo_data(
            db, clients=40, officer_id=None, today=date(2026, 11, 23), policy=load_policy().triage
        )
    for db in dbs * 2:
        summary = sync(db, store)
        assert summary.conflicts == 0 and not summary.problems, summary.describe()
    for db in dbs:
        with db.engine.connect() as connection:
            assert connection.execute(sa.select(sa.func.count()).select_from(Client)).scalar() == 80
        db.close()
