"""Retention and the rights of the people the records are about, through the commands an admin
runs (`housing-tui retention`, `subject-access`, `erase`) on real data folders, and through a
real team folder to a second and a third laptop.

The data: Old's only case closed in 2015 (kept until 2021: due); Mixed has a case closed in
2015 (due) and an open one (so Mixed is kept); Recent's case closed in 2025 (kept until 2031).
"""

from __future__ import annotations

import csv
import json
import stat
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import col, select

import storage.sync.capture  # noqa: F401  (the write path needs the sync outbox)
from housing_tui.cli import main
from housing_tui.documents.copies import old_copies_folder
from storage.audit import verify_audit_trail
from storage.database import Database
from storage.rows import case_ref
from storage.tables import (
    AuditEvent,
    Case,
    CaseDocument,
    CaseNote,
    Client,
    InterviewAnswer,
    PurgedRecord,
)
from tests.conftest import TEST_PASSPHRASE
from tests.ui.helpers import laptop as team_laptop
from tests.ui.helpers import open_db, signed_in

ROOT = Path(__file__).resolve().parents[2]
LONG_AGO = datetime(2015, 3, 2, 11, 0, tzinfo=UTC)
LAST_YEAR = datetime(2025, 6, 1, 11, 0, tzinfo=UTC)


@dataclass
class Person:
    client: str
    cases: list[str]


def _person(db: Database, officer: str, surname: str, closed: list[datetime | None]) -> Person:
    """A client with a case per entry of `closed` (None: still open), each with a note, an
    interview answer and a letter, all naming them."""
    with db.writing(officer) as session:
        client = Client(
            forenames="Pat", surname=surname, ni_number="QQ123456C", postcode="ZZ99 1AB"
        )
        session.add(client)
        session.flush()
        cases = []
        for closed_at in closed:
            case = Case(
                client_id=client.id,
                officer_id=officer,
                approached_at=LONG_AGO,
                channel="phone",
                urgency="later",
                presenting_problem="family_friends",
                status="open" if closed_at is None else "closed",
                closed_at=closed_at,
            )
            session.add(case)
            session.flush()
            session.add(CaseNote(case_id=case.id, body=f"{surname} rang about the notice."))
            session.add(
                InterviewAnswer(
                    case_id=case.id, key="special_circumstances", value=f"{surname} rents"
                )
            )
            session.add(
                CaseDocument(
                    case_id=case.id,
                    kind="written_advice",
                    issued_on=LONG_AGO.date(),
                    file_name="advice.md",
                    body=f"Dear {surname}, ...",
                )
            )
            cases.append(case.id)
    # Written as versions before this one did (a plain copy per document in the data folder).
    for case_id in cases:
        folder = old_copies_folder(db_folder(db), case_ref(case_id))
        folder.mkdir(parents=True)
        (folder / "advice.md").write_text(f"Dear {surname}, ...")
    return Person(client.id, cases)


def session_changes(db: Database) -> list[str]:
    """What every audit row says (its old and new values, or an event's details)."""
    with db.reading() as session:
        return list(session.exec(select(AuditEvent.changes)))


def db_folder(db: Database) -> Path:
    return Path(str(db.engine.url.database)).parent


@dataclass
class Laptop:
    directory: Path
    officer: str
    old: Person
    mixed: Person
    recent: Person


def _laptop(directory: Path) -> Laptop:
    """The team's first laptop, whose admin Test Officer (TO) runs the commands."""
    team_laptop(directory)
    officer = signed_in(directory).officer_id
    db = open_db(directory)
    try:
        return Laptop(
            directory,
            officer,
            _person(db, officer, "Oldperson", [LONG_AGO]),
            _person(db, officer, "Mixedperson", [LONG_AGO, None]),
            _person(db, officer, "Recentperson", [LAST_YEAR]),
        )
    finally:
        db.close()


def _housing_tui(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """The command run as the admin runs it: the passphrase, then any answer, typed."""
    return subprocess.run(
        [sys.executable, "-m", "housing_tui", *args],
        input=f"{TEST_PASSPHRASE}\n{stdin}",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def _ids(directory: Path, model: type) -> set[str]:
    db = open_db(directory)
    try:
        with db.reading() as session:
            return set(session.exec(select(model.id)))  # type: ignore[attr-defined]
    finally:
        db.close()


def test_list_and_purge_through_the_command(tmp_path: Path) -> None:
    laptop = _laptop(tmp_path / "data")
    data = str(laptop.directory)
    old_case, mixed_old_case = laptop.old.cases[0], laptop.mixed.cases[0]

    listed = _housing_tui("retention", "--list", "--as", "to", "--data-dir", data)
    assert listed.returncode == 0, listed.stderr
    # Closed 2 March 2015: kept until 2 March 2021, six years on.
    assert f"{case_ref(old_case)}  closed 02 Mar 2015, kept until 02 Mar 2021" in listed.stdout
    assert case_ref(mixed_old_case) in listed.stdout
    assert case_ref(laptop.recent.cases[0]) not in listed.stdout
    assert case_ref(laptop.mixed.cases[1]) not in listed.stdout  # open
    assert "1 client(s) with no case left to keep:\n  " + laptop.old.client in listed.stdout
    assert "Oldperson" not in listed.stdout  # the list needs no names

    # Asked first: anything but "yes" purges nothing.
    refused = _housing_tui("retention", "--purge", "--as", "TO", "--data-dir", data, stdin="no\n")
    assert refused.returncode == 1 and "Nothing was purged." in refused.stdout
    assert old_case in _ids(laptop.directory, Case)

    purged = _housing_tui("retention", "--purge", "--as", "TO", "--data-dir", data, stdin="yes\n")
    assert purged.returncode == 0, purged.stderr
    assert "Purged 2 case, 2 case_document, 2 case_note, 1 client, 2 interview_answer" in (
        purged.stdout
    )
    clients, cases = _ids(laptop.directory, Client), _ids(laptop.directory, Case)
    assert clients == {laptop.mixed.client, laptop.recent.client}
    assert cases == {laptop.mixed.cases[1], laptop.recent.cases[0]}
    assert not old_copies_folder(laptop.directory, case_ref(old_case)).exists()
    assert old_copies_folder(laptop.directory, case_ref(laptop.recent.cases[0])).exists()

    db = open_db(laptop.directory)
    try:
        with db.reading() as session:
            notes = list(session.exec(select(CaseNote.body)))
            audits = list(session.exec(select(AuditEvent).where(AuditEvent.action == "purge")))
            roots = list(session.exec(select(PurgedRecord)))
        assert not any("Oldperson" in body for body in notes)
        # One audit row per removed record, by the acting officer, naming only why.
        assert len(audits) == 9
        assert {event.record_id for event in audits} >= {old_case, laptop.old.client}
        assert all(event.officer_id == laptop.officer for event in audits)
        assert all(json.loads(event.changes) == {"reason": "retention"} for event in audits)
        # What the trail said of the purged records went with them; who did what stays.
        trail = list(session_changes(db))
        assert not any("Oldperson" in changes for changes in trail)
        assert any("Recentperson" in changes for changes in trail)
        assert {(r.table_name, r.record_id, r.reason) for r in roots} == {
            ("case", old_case, "retention"),
            ("case", mixed_old_case, "retention"),
            ("client", laptop.old.client, "retention"),
        }
        assert verify_audit_trail(db).intact
    finally:
        db.close()
    again = _housing_tui("retention", "--list", "--as", "TO", "--data-dir", data)
    assert "Nothing is due to be purged" in again.stdout


def test_an_unknown_officer_is_refused(tmp_path: Path) -> None:
    laptop = _laptop(tmp_path / "data")
    run = _housing_tui("retention", "--list", "--as", "ZZ", "--data-dir", str(laptop.directory))
    assert run.returncode != 0
    assert "No officer on this laptop has the initials ZZ: they are TO." in run.stderr


def _sync(directory: Path, store: Path, *extra: str) -> None:
    assert main(["sync", "--data-dir", str(directory), "--shared", str(store), *extra]) == 0


@pytest.mark.usefixtures("passphrase_typed")
def test_a_purge_reaches_every_laptop_and_never_comes_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    store.mkdir()
    a = _laptop(tmp_path / "a")
    b = team_laptop(tmp_path / "b", joins=a.directory)
    _sync(a.directory, store)
    _sync(b, store)
    old_case = a.old.cases[0]
    assert old_case in _ids(b, Case)

    # Before hearing of the purge, B edits Old's client and adds a note to their case, and
    # writes a snapshot holding all of Old's records.
    db = open_db(b)
    try:
        with db.writing(a.officer) as session:
            client = session.get(Client, a.old.client)
            assert client is not None
            client.phone = "07700 900123"
            session.add(CaseNote(case_id=old_case, body="Oldperson came back in."))
    finally:
        db.close()
    _sync(b, store, "--compact")

    assert (
        main(["retention", "--purge", "--yes", "--as", "TO", "--data-dir", str(a.directory)]) == 0
    )
    _sync(a.directory, store)  # sends the purge, and takes in B's changes: dropped
    _sync(b, store)  # B takes in the purge
    _sync(a.directory, store)
    capsys.readouterr()

    # An erasure travels the same way (here from B, overriding retention).
    assert main(["erase", a.recent.client, "--reason", "asked", "--override-retention",
                 "court order", "--yes", "--as", "TO", "--data-dir", str(b)]) == 0  # fmt: skip
    _sync(b, store)
    _sync(a.directory, store)
    capsys.readouterr()

    # A new laptop: starts from B's snapshot, then the batches after it.
    c = team_laptop(tmp_path / "c", joins=a.directory)
    _sync(c, store)
    assert "Started from the team's snapshot." in capsys.readouterr().out

    for laptop in (a.directory, b, c):
        assert a.old.client not in _ids(laptop, Client), laptop.name
        assert old_case not in _ids(laptop, Case), laptop.name
        assert _ids(laptop, Client) == {a.mixed.client}, laptop.name
        db = open_db(laptop)
        try:
            with db.reading() as session:
                notes = list(session.exec(select(CaseNote.body)))
                left = session.connection().execute(
                    sa.text("SELECT count(*) FROM sync_register WHERE record_id = :id"),
                    {"id": old_case},
                )
                assert left.scalar_one() == 0
            assert not any("Oldperson" in body for body in notes), laptop.name
            assert verify_audit_trail(db).intact
        finally:
            db.close()
    # On B the removal is audited as arriving by sync, as the purging officer's.
    db = open_db(b)
    try:
        with db.reading() as session:
            events = list(session.exec(select(AuditEvent).where(AuditEvent.action == "sync-purge")))
        assert {e.record_id for e in events} >= {old_case, a.old.client}
        assert all(json.loads(e.changes) == {"reason": "retention"} for e in events)
    finally:
        db.close()
    assert "problem" not in capsys.readouterr().out.lower()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_subject_access_holds_the_client_and_nobody_else(tmp_path: Path) -> None:
    laptop = _laptop(tmp_path / "data")
    out = tmp_path / "request"
    run = _housing_tui(
        "subject-access", laptop.mixed.client, "--out", str(out), "--as", "TO",
        "--data-dir", str(laptop.directory),
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    files = sorted(path.name for path in out.iterdir())
    assert files == [
        "README.txt",
        "audit_trail.csv",
        "case.csv",
        "case_document.csv",
        "case_note.csv",
        "client.csv",
        "interview_answer.csv",
    ]
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    everything = "".join(path.read_text(encoding="utf-8-sig") for path in out.iterdir())
    assert "Oldperson" not in everything and "Recentperson" not in everything
    assert _rows(out / "client.csv")[0]["surname"] == "Mixedperson"
    assert {row["id"] for row in _rows(out / "case.csv")} == set(laptop.mixed.cases)
    assert [row["body"] for row in _rows(out / "case_document.csv")] == [
        "Dear Mixedperson, ..."
    ] * 2
    trail = _rows(out / "audit_trail.csv")
    assert {row["Record ID"] for row in trail} >= {laptop.mixed.client, *laptop.mixed.cases}
    readme = (out / "README.txt").read_text(encoding="utf-8-sig")
    assert "case_note.csv: Case notes (2 rows)" in readme

    db = open_db(laptop.directory)
    try:
        with db.reading() as session:
            export = session.exec(
                select(AuditEvent).where(
                    AuditEvent.action == "export", AuditEvent.record_id == laptop.mixed.client
                )
            ).one()
        assert export.officer_id == laptop.officer
        assert json.loads(export.changes)["subject_access"] == str(out)
    finally:
        db.close()
    # A folder with files in it is refused: nothing is written over.
    again = _housing_tui(
        "subject-access", laptop.mixed.client, "--out", str(out), "--as", "TO",
        "--data-dir", str(laptop.directory),
    )  # fmt: skip
    assert again.returncode == 2 and "is not an empty folder" in again.stderr


@pytest.mark.usefixtures("passphrase_typed")
def test_erasure_is_refused_while_a_case_is_open_or_kept_and_allowed_after(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop = _laptop(tmp_path / "data")
    data = str(laptop.directory)

    def erase(client: str, *extra: str) -> int:
        return main(["erase", client, "--reason", "asked by letter", "--yes", "--as", "TO",
                     "--data-dir", data, *extra])  # fmt: skip

    assert erase(laptop.mixed.client) == 1
    assert f"case {case_ref(laptop.mixed.cases[1])} is open" in capsys.readouterr().err
    assert erase(laptop.recent.client) == 1
    assert "is kept until 01 Jun 2031" in capsys.readouterr().err
    assert {laptop.mixed.client, laptop.recent.client} <= _ids(laptop.directory, Client)

    # Past its retention period: erased, with everything under it.
    assert erase(laptop.old.client) == 0
    assert laptop.old.client not in _ids(laptop.directory, Client)
    assert laptop.old.cases[0] not in _ids(laptop.directory, Case)
    # Within it, only with the reason the law requires it even so.
    assert erase(laptop.recent.client, "--override-retention", "court order 123") == 0
    assert laptop.recent.client not in _ids(laptop.directory, Client)

    db = open_db(laptop.directory)
    try:
        with db.reading() as session:
            erased = list(
                session.exec(
                    select(AuditEvent).where(
                        AuditEvent.action == "erase",
                        col(AuditEvent.record_id) == laptop.recent.client,
                    )
                )
            )
        assert [json.loads(event.changes) for event in erased] == [
            {
                "reason": "erasure",
                "why": "asked by letter",
                "retention_overridden": "court order 123",
            }
        ]
    finally:
        db.close()
    assert not old_copies_folder(laptop.directory, case_ref(laptop.old.cases[0])).exists()
