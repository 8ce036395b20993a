"""Whole syncs through a real PostgreSQL team store: laptops converge and keep conflicts as
through the folder, and a team moved from its folder to PostgreSQL with `housing-tui sync
--move-to` carries on there with nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from housing_tui.cli import main
from storage.database import DATABASE_FILE_NAME, Database
from storage.officers import create_officer
from storage.sync.engine import status
from storage.sync.location import open_transport
from storage.tables import Client, SyncConflict
from tests.ui.helpers import laptop, open_db, signed_in
from tests.unit.sync.helpers import sync


def _laptop(path: Path) -> tuple[Database, str]:
    db = Database.open(path / DATABASE_FILE_NAME)
    return db, create_officer(db, f"Officer {path.name}", path.name[:2].upper()).id


def _client(db: Database, client_id: str) -> Client:
    with db.reading() as session:
        client = session.get(Client, client_id)
        assert client is not None
        return client


def test_two_laptops_converge_through_postgresql_and_keep_the_losing_value(
    tmp_path: Path, postgres_url: str
) -> None:
    a, officer_a = _laptop(tmp_path / "a")
    b, officer_b = _laptop(tmp_path / "b")
    with a.writing(officer_a) as session:
        client = Client(forenames="Sam", surname="Example", postcode="ZZ99 1AA")
        session.add(client)
    store = open_transport(postgres_url)
    try:
        assert sync(a, store).sent == 2  # the officer and the client
        assert sync(b, store).received == 2
        # Offline on both: different fields, and the same field.
        with a.writing(officer_a) as session:
            row = session.get(Client, client.id)
            row.phone, row.surname = "07700 900111", "Exampel"
        with b.writing(officer_b) as session:
            row = session.get(Client, client.id)
            row.email, row.surname = "sam@example.org", "Exampull"
        for laptop in (a, b, a, b):
            sync(laptop, store)
        # Both have published and acknowledged: compaction would wait for both.
        assert store.devices() == {status(a).device_id, status(b).device_id}
    finally:
        store.close()
    on_a, on_b = _client(a, client.id), _client(b, client.id)
    assert (on_a.phone, on_a.email) == ("07700 900111", "sam@example.org")
    assert on_a.surname == on_b.surname
    assert on_a.version == on_b.version == 3  # created, then one edit from each laptop
    (losing,) = {"Exampel", "Exampull"} - {on_a.surname}
    for laptop in (a, b):
        with laptop.reading() as session:
            conflicts = session.exec(sa.select(SyncConflict)).scalars().all()
        assert [(c.column_name, json.loads(c.losing_value)) for c in conflicts] == [
            ("surname", losing)
        ]
    a.close()
    b.close()


def test_a_team_moved_from_its_folder_to_postgresql_carries_on_there(
    tmp_path: Path, postgres_url: str, capsys: pytest.CaptureFixture[str], passphrase_typed: None
) -> None:
    folder = tmp_path / "team-folder"
    folder.mkdir()
    a, officer_a = open_db(laptop(tmp_path / "a")), signed_in(tmp_path / "a").officer_id
    with a.writing(officer_a) as session:
        client = Client(forenames="Kim", surname="Moved", postcode="ZZ99 2BB")
        session.add(client)
    a.close()
    assert main(["sync", "--data-dir", str(tmp_path / "a"), "--shared", str(folder)]) == 0
    move = ["sync", "--data-dir", str(tmp_path / "a"), "--shared", str(folder)]
    assert main([*move, "--move-to", postgres_url]) == 0
    assert main([*move, "--move-to", postgres_url]) == 0  # again: harmless
    out = capsys.readouterr().out
    assert "Nothing new to copy" in out

    # A new laptop joins the team on PostgreSQL and gets everything the folder had.
    laptop(tmp_path / "b", joins=tmp_path / "a")
    assert main(["sync", "--data-dir", str(tmp_path / "b"), "--shared", postgres_url]) == 0
    b = open_db(tmp_path / "b")
    assert _client(b, client.id).surname == "Moved"
    b.close()
    capsys.readouterr()
    # The first laptop, same team id, now syncs with PostgreSQL: nothing sent again, only the
    # one change made since (its admin's enrolment of the new laptop).
    assert main(["sync", "--data-dir", str(tmp_path / "a"), "--shared", postgres_url]) == 0
    assert "sent 1," in capsys.readouterr().out
