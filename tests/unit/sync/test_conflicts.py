"""Deciding a sync conflict (`storage.sync.conflicts`): two laptops edit the same field without
seeing each other, the later edit wins, and an officer puts the losing value back or keeps the
current one; the decision travels to the other laptop with the next sync."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from storage.database import Database
from storage.errors import StorageError
from storage.interviews import save_answer
from storage.officers import create_officer
from storage.sync.conflicts import keep_current, open_conflicts, restore_conflict
from storage.sync.folder import FolderTransport
from storage.tables import Case, Client, SyncConflict
from tests.unit.sync.helpers import sync


@dataclass
class Team:
    a: Database
    b: Database
    officer_a: str
    officer_b: str
    store: FolderTransport
    client_id: str
    case_id: str

    def sync_all(self) -> None:
        for db in (self.a, self.b, self.a):
            sync(db, self.store)


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    """Two laptops that share a client and a case through a folder store."""
    (tmp_path / "store").mkdir()
    a = Database.open(tmp_path / "a.sqlite3")
    b = Database.open(tmp_path / "b.sqlite3")
    officer_a = create_officer(a, "Asha Able", "AA").id
    officer_b = create_officer(b, "Ben Baker", "BB").id
    with a.writing(officer_a) as session:
        client = Client(forenames="Jo", surname="Smith", date_of_birth=date(1990, 1, 1))
        session.add(client)
        session.flush()
        case = Case(
            client_id=client.id,
            officer_id=officer_a,
            approached_at=datetime(2026, 11, 16, 10, 0, tzinfo=UTC),
            channel="drop_in",
            urgency="threatened",
            presenting_problem="rent_arrears",
        )
        session.add(case)
    found = Team(
        a, b, officer_a, officer_b, FolderTransport(tmp_path / "store"), client.id, case.id
    )
    found.sync_all()
    yield found
    a.close()
    b.close()


def edit_client(db: Database, officer: str, client_id: str, **values: object) -> None:
    with db.writing(officer) as session:
        client = session.get(Client, client_id)
        for name, value in values.items():
            setattr(client, name, value)


def client(db: Database, client_id: str) -> Client:
    with db.reading() as session:
        return session.get(Client, client_id)


def conflict_row(db: Database, conflict_id: str) -> SyncConflict:
    with db.reading() as session:
        return session.get(SyncConflict, conflict_id)


def test_a_restored_value_and_the_decision_reach_the_other_laptop(team: Team) -> None:
    edit_client(team.a, team.officer_a, team.client_id, surname="Smyth")
    edit_client(team.b, team.officer_b, team.client_id, surname="Smithe")  # later: it wins
    team.sync_all()

    [on_a] = open_conflicts(team.a)
    [on_b] = open_conflicts(team.b)
    assert on_a == on_b  # every laptop works the conflict out alike
    assert (on_a.field, on_a.current_value, on_a.losing_value) == ("Surname", "Smithe", "Smyth")
    assert on_a.losing_officer == "Asha Able"
    assert on_a.about == "Client Jo Smithe"
    assert on_a.case_id is None

    restore_conflict(team.b, team.officer_b, on_b.id)
    assert client(team.b, team.client_id).surname == "Smyth"
    assert client(team.b, team.client_id).surname_key == "smyth"  # search finds the new name
    assert open_conflicts(team.b) == []
    team.sync_all()

    for db in (team.a, team.b):
        assert client(db, team.client_id).surname == "Smyth"
        decided = conflict_row(db, on_a.id)
        assert decided.resolution == "restored"
        assert decided.resolved_at is not None
        assert open_conflicts(db) == []


def test_keeping_the_current_value_changes_only_the_conflict(team: Team) -> None:
    edit_client(team.a, team.officer_a, team.client_id, date_of_birth=date(1990, 2, 1))
    edit_client(team.b, team.officer_b, team.client_id, date_of_birth=date(1991, 1, 1))
    team.sync_all()
    [conflict] = open_conflicts(team.a)
    assert (conflict.field, conflict.current_value, conflict.losing_value) == (
        "Date of birth",
        "01/01/1991",
        "01/02/1990",
    )

    keep_current(team.a, team.officer_a, conflict.id)
    team.sync_all()

    for db in (team.a, team.b):
        assert client(db, team.client_id).date_of_birth == date(1991, 1, 1)
        assert conflict_row(db, conflict.id).resolution == "kept"
        assert open_conflicts(db) == []


def test_a_conflict_can_be_decided_once(team: Team) -> None:
    edit_client(team.a, team.officer_a, team.client_id, phone="07700 900001")
    edit_client(team.b, team.officer_b, team.client_id, phone="07700 900002")
    team.sync_all()
    [conflict] = open_conflicts(team.a)
    keep_current(team.a, team.officer_a, conflict.id)

    with pytest.raises(StorageError, match="already resolved"):
        restore_conflict(team.a, team.officer_a, conflict.id)
    with pytest.raises(StorageError, match="already resolved"):
        keep_current(team.a, team.officer_a, conflict.id)
    with pytest.raises(StorageError, match="no longer on record"):
        keep_current(team.a, team.officer_a, "no-such-conflict")


def test_a_removed_record_cannot_have_a_value_put_back(team: Team) -> None:
    edit_client(team.a, team.officer_a, team.client_id, email="jo@example.org")
    edit_client(team.b, team.officer_b, team.client_id, email="smith@example.org")
    team.sync_all()
    [conflict] = open_conflicts(team.a)
    edit_client(team.a, team.officer_a, team.client_id, deleted_at=team.a.clock.now())

    with pytest.raises(StorageError, match="no longer on record"):
        restore_conflict(team.a, team.officer_a, conflict.id)
    assert client(team.a, team.client_id).email == "smith@example.org"
    keep_current(team.a, team.officer_a, conflict.id)  # the way to clear it
    assert open_conflicts(team.a) == []


def test_a_case_conflict_is_listed_on_its_case_in_officers_words(team: Team) -> None:
    save_answer(team.a, officer_id=team.officer_a, case_id=team.case_id, key="rent", value="")
    team.sync_all()
    save_answer(
        team.a, officer_id=team.officer_a, case_id=team.case_id, key="rent", value="650.00 monthly"
    )
    save_answer(
        team.b, officer_id=team.officer_b, case_id=team.case_id, key="rent", value="150.00 weekly"
    )
    with team.a.writing(team.officer_a) as session:
        session.get(Case, team.case_id).must_leave_on = date(2026, 12, 1)
    with team.b.writing(team.officer_b) as session:
        session.get(Case, team.case_id).must_leave_on = date(2026, 12, 8)
    team.sync_all()

    conflicts = open_conflicts(team.a, case_id=team.case_id)
    assert {(c.field, c.current_value, c.losing_value) for c in conflicts} == {
        ("Interview: Rent", "150.00 pw", "650.00 pcm"),  # as the interview shows them
        ("Must leave on", "08/12/2026", "01/12/2026"),
    }
    assert {c.about for c in conflicts} == {f"Case {team.case_id[:8].upper()}, Jo Smith"}
    assert open_conflicts(team.a) == conflicts
    assert open_conflicts(team.a, case_id="another-case") == []


def test_a_case_lists_the_conflicts_on_its_clients_details(team: Team) -> None:
    edit_client(team.a, team.officer_a, team.client_id, postcode="ZZ99 1AA")
    edit_client(team.b, team.officer_b, team.client_id, postcode="ZZ99 2BB")
    team.sync_all()

    [conflict] = open_conflicts(team.a, case_id=team.case_id)
    assert (conflict.about, conflict.field, conflict.case_id) == (
        "Client Jo Smith",
        "Postcode",
        None,
    )


def test_two_officers_deciding_one_conflict_differently_make_no_conflict_about_it(
    team: Team,
) -> None:
    """Asha restores the lost surname while Ben, offline, keeps the current one. The restore
    is an edit made on top of the kept value, so it stands everywhere; the two decisions merge
    by the later-change rule like any field, without asking anyone to decide again."""
    edit_client(team.a, team.officer_a, team.client_id, surname="Smyth")
    edit_client(team.b, team.officer_b, team.client_id, surname="Smithe")
    team.sync_all()
    [conflict] = open_conflicts(team.a)

    restore_conflict(team.a, team.officer_a, conflict.id)
    keep_current(team.b, team.officer_b, conflict.id)
    for db in (team.a, team.b, team.a, team.b):
        sync(db, team.store)

    for db in (team.a, team.b):
        assert client(db, team.client_id).surname == "Smyth"
        assert open_conflicts(db) == []
    assert (
        conflict_row(team.a, conflict.id).resolution == conflict_row(team.b, conflict.id).resolution
    )
