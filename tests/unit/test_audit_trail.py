"""The audit trail is hash-chained: `housing-tui audit --verify`, run as a real process on a
real data folder, passes on a normal database and names the row that was edited, removed or
put in with sqlite3; a database from before the chain is sealed once and verifies; a client's
export holds their rows only. (After a two-laptop sync: tests/unit/sync/test_audit_chain.py.)"""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
import sqlcipher3
from sqlmodel import select

from storage.audit import VIEW, record_event, redact, verify_audit_trail
from storage.cases import add_note
from storage.database import DATABASE_FILE_NAME, Database
from storage.interviews import save_answer
from storage.migrations import upgrade_to
from storage.officers import create_officer
from storage.tables import Case, Client, InterviewAnswer
from tests.conftest import TEST_PASSPHRASE
from tests.ui.helpers import open_db, prepare, raw_connection


def audit(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "housing_tui", "--data-dir", str(data_dir), "audit", *args],
        input=TEST_PASSPHRASE + "\n",  # the officer's, asked for by the command
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def a_client_with_a_case(db: Database, officer_id: str, surname: str) -> dict[str, str]:
    """A client, their case, a note and an interview answer on it, and the case viewed: the
    ids of every record about the client."""
    with db.writing(officer_id) as session:
        client = Client(forenames="Sam", surname=surname)
        session.add(client)
        session.flush()
        case = Case(
            client_id=client.id,
            officer_id=officer_id,
            approached_at=datetime(2026, 11, 16, 10, 0, tzinfo=UTC),
            channel="drop_in",
            urgency="threatened",
            presenting_problem="family_friends",
        )
        session.add(case)
    note = add_note(db, officer_id=officer_id, case_id=case.id, body=f"Rang {surname}'s landlord")
    save_answer(db, officer_id=officer_id, case_id=case.id, key="tenure", value="private")
    with db.reading() as session:
        answer = session.exec(
            select(InterviewAnswer).where(InterviewAnswer.case_id == case.id)
        ).one()
    record_event(db, officer_id, VIEW, table_name="case", record_id=case.id)
    return {"client": client.id, "case": case.id, "note": note, "answer": answer.id}


@pytest.fixture
def folder(tmp_path: Path, clock) -> tuple[Path, str, dict[str, str], dict[str, str]]:
    """A data folder with two clients, each with a case and what is under it."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    officer = prepare(data_dir, clock)
    db = open_db(data_dir, clock)
    carter = a_client_with_a_case(db, officer.id, "Carter")
    jones = a_client_with_a_case(db, officer.id, "Jones")
    db.close()
    return data_dir, officer.id, carter, jones


def tamper(data_dir: Path, *statements: str) -> None:
    """What someone with sqlite3 and the laptop would do (dropping the app's triggers first)."""
    connection = raw_connection(data_dir)
    connection.execute("DROP TRIGGER IF EXISTS audit_event_never_updated")
    connection.execute("DROP TRIGGER IF EXISTS audit_event_never_deleted")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def audit_rows(data_dir: Path) -> int:
    with raw_connection(data_dir) as connection:
        return connection.execute("SELECT count(*) FROM audit_event").fetchone()[0]


def test_verify_passes_on_a_normal_database(folder) -> None:
    data_dir, *_ = folder
    done = audit(data_dir, "--verify")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{audit_rows(data_dir):,} rows, chains intact."


def test_the_database_refuses_to_change_or_remove_an_audit_row(folder) -> None:
    data_dir, *_ = folder
    connection = raw_connection(data_dir)
    for statement in ("UPDATE audit_event SET action = 'x'", "DELETE FROM audit_event"):
        # The database is SQLCipher: its driver's IntegrityError.
        with pytest.raises(sqlcipher3.IntegrityError, match="never changed or removed"):
            connection.execute(statement)
    connection.close()


def test_a_redaction_keeps_the_chain_and_is_the_only_change_allowed(folder) -> None:
    data_dir, officer_id, carter, jones = folder
    db = open_db(data_dir)
    with db.writing(officer_id) as session:
        redacted = redact(session.connection(), [carter["note"]], "erase")
    db.close()
    assert redacted == 1
    with raw_connection(data_dir) as connection:
        [changes] = connection.execute(
            "SELECT changes FROM audit_event WHERE record_id = ?", (carter["note"],)
        ).fetchone()
        assert "Carter" not in changes and json.loads(changes)["redacted"]["reason"] == "erase"
        # Jones's note says what it said.
        [kept] = connection.execute(
            "SELECT changes FROM audit_event WHERE record_id = ?", (jones["note"],)
        ).fetchone()
        assert "Rang Jones's landlord" in kept
    done = audit(data_dir, "--verify")
    assert done.returncode == 0, done.stdout + done.stderr
    # A redaction that changes anything else, or one taken back, is refused like any change.
    connection = raw_connection(data_dir)
    for statement in (
        """UPDATE audit_event SET changes = '{"redacted":{}}', action = 'x' """
        f"WHERE record_id = '{jones['note']}'",
        f"UPDATE audit_event SET changes = '{{}}' WHERE record_id = '{carter['note']}'",
    ):
        with pytest.raises(sqlcipher3.IntegrityError, match="never changed or removed"):
            connection.execute(statement)
    connection.close()


def test_a_redaction_that_hides_a_change_is_caught(folder) -> None:
    """The digest a redaction keeps must be the one the chain holds: rewriting a row and
    redacting it with the rewrite's digest breaks the chain."""
    data_dir, _, carter, _ = folder
    forged = json.dumps({"redacted": {"digest": "0" * 64, "reason": "erase"}})
    connection = raw_connection(data_dir)
    connection.execute(
        "UPDATE audit_event SET changes = ? WHERE record_id = ?", (forged, carter["note"])
    )
    connection.commit()
    connection.close()
    done = audit(data_dir, "--verify")
    assert done.returncode == 1
    assert "has been changed since it was written" in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("statements", "said"),
    [
        pytest.param(
            ["UPDATE audit_event SET changes = '{}' WHERE chain_seq = 3"],
            "row 3 (",
            id="edited",
        ),
        pytest.param(
            ["DELETE FROM audit_event WHERE chain_seq = 3"],
            "row 3 before it has been removed",
            id="deleted",
        ),
        pytest.param(
            [
                "INSERT INTO audit_event (id, created_at, updated_at, version, officer_id, "
                "table_name, record_id, action, changes) SELECT 'forged', created_at, "
                "updated_at, 1, officer_id, table_name, record_id, 'view', '{}' "
                "FROM audit_event WHERE chain_seq = 3"
            ],
            "is in no chain: it was added to the database outside the app",
            id="inserted",
        ),
    ],
)
def test_verify_names_the_row_that_was_tampered_with(folder, statements, said) -> None:
    data_dir, *_ = folder
    tamper(data_dir, *statements)
    done = audit(data_dir, "--verify")
    assert done.returncode == 1
    assert "The audit trail has been tampered with" in done.stdout
    assert said in done.stdout


def test_a_row_put_in_the_middle_of_the_chain_is_found(folder) -> None:
    data_dir, *_ = folder
    # Make room at place 3 by moving the later rows on, then put a row there.
    with raw_connection(data_dir) as connection:
        last = connection.execute("SELECT max(chain_seq) FROM audit_event").fetchone()[0]
        device, previous = connection.execute(
            "SELECT device_id, row_hash FROM audit_event WHERE chain_seq = 2"
        ).fetchone()
    moves = [
        f"UPDATE audit_event SET chain_seq = {seq + 1} WHERE chain_seq = {seq}"
        for seq in range(last, 2, -1)
    ]
    tamper(
        data_dir,
        *moves,
        "INSERT INTO audit_event (id, created_at, updated_at, version, officer_id, table_name, "
        "record_id, action, changes, device_id, chain_seq, prev_hash, row_hash) VALUES "
        f"('forged', '2026-11-23 10:30:00.000000', '2026-11-23 10:30:00.000000', 1, NULL, "
        f"'case', 'x', 'view', '{{}}', '{device}', 3, '{previous}', '{'0' * 64}')",
    )
    done = audit(data_dir, "--verify")
    assert done.returncode == 1
    assert "row 3 (" in done.stdout and "changed since it was written" in done.stdout


def test_a_database_from_before_the_chain_is_sealed_once_and_verifies(
    tmp_path: Path, clock
) -> None:
    path = tmp_path / DATABASE_FILE_NAME
    engine = sa.create_engine(f"sqlite:///{path}")
    upgrade_to(engine, "0007")
    written = ["2026-11-20 09:00:00.000000", "2026-11-18 09:00:00.000000"]
    with engine.begin() as connection:
        for number, at in enumerate(written):
            connection.exec_driver_sql(
                "INSERT INTO audit_event (id, created_at, updated_at, created_by, updated_by, "
                "version, officer_id, table_name, record_id, action, changes) "
                "VALUES (?, ?, ?, 'o', 'o', 1, 'o', 'client', 'c', 'update', '{}')",
                (f"old-{number}", at, at),
            )
    engine.dispose()
    db = Database.open(path, clock=clock)
    create_officer(db, "Ann Officer", "AO")  # a row written after the upgrade
    found = verify_audit_trail(db)
    db.close()
    assert (found.rows, found.intact) == (3, True)
    with sqlite3.connect(path) as connection:
        order = connection.execute("SELECT id FROM audit_event ORDER BY chain_seq").fetchall()
    assert [row[0] for row in order[:2]] == ["old-1", "old-0"]  # oldest first
    # Sealed: a change to a row from before the chain is found like any other.
    tamper(tmp_path, "UPDATE audit_event SET action = 'view' WHERE id = 'old-0'")
    db = Database.open(path, clock=clock)
    assert not verify_audit_trail(db).intact
    db.close()


def test_a_clients_export_holds_their_rows_only(folder, tmp_path: Path) -> None:
    data_dir, officer_id, carter, jones = folder
    target = tmp_path / "carter.csv"
    done = audit(data_dir, "--client", carter["client"], "--csv", str(target))
    assert done.returncode == 0, done.stderr
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["Record ID"] for row in rows} == set(carter.values())
    # Created, noted, answered and viewed: every one of them is there.
    assert {(row["Table"], row["Action"]) for row in rows} >= {
        ("client", "create"),
        ("case", "create"),
        ("case_note", "create"),
        ("interview_answer", "create"),
        ("case", "view"),
    }
    assert not any("Jones" in value for row in rows for value in row.values())
    # The export is itself recorded, as the officer's.
    with raw_connection(data_dir) as connection:
        exported = connection.execute(
            "SELECT officer_id, changes FROM audit_event WHERE action = 'export'"
        ).fetchall()
    assert [(officer, json.loads(details)["client"]) for officer, details in exported] == [
        (officer_id, carter["client"])
    ]
    assert audit(data_dir, "--verify").returncode == 0


def test_an_officers_export_holds_their_rows_only(folder, tmp_path: Path, clock) -> None:
    data_dir, officer_id, carter, _ = folder
    db = open_db(data_dir, clock)
    other = create_officer(db, "Ben Officer", "BO")
    record_event(db, other.id, VIEW, table_name="case", record_id=carter["case"])
    db.close()
    target = tmp_path / "ben.csv"
    done = audit(data_dir, "--officer", other.id, "--csv", str(target))
    assert done.returncode == 0, done.stderr
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["Officer ID"] for row in rows} == {other.id}
    assert {(row["Action"], row["Record ID"]) for row in rows} == {
        ("create", other.id),
        ("view", carter["case"]),
    }
