"""Encryption at rest: the database and its -wal hold no client's name or NI number; a plain
database from before is encrypted in place keeping every row; a wrong key or a damaged
keys.json is one line; the data folder and its files are the officer's alone; accounts
travel with a real folder sync and sign in on the other laptop."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from housing_tui.calendar.clock import FixedClock
from housing_tui.reference.policy import Role, load_policy
from housing_tui.settings import LocalSettings
from housing_tui.startup import open_data_folder
from storage.accounts import add_officer, join_team, list_accounts
from storage.database import DATABASE_FILE_NAME, Database
from storage.demo import load_demo_data
from storage.keys import KEYS_FILE_NAME, KeyRing, SignInRefused, sign_in
from storage.officers import create_officer
from storage.sync.folder import FolderTransport
from storage.tables import Client
from tests.conftest import TODAY_AT
from tests.ui.helpers import CHEAP_ARGON2, TEST_PASSPHRASE, open_db, prepare, signed_in
from tests.unit.sync.helpers import sync


def _run(
    folder: Path, *args: str, passphrase: str = TEST_PASSPHRASE
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "housing_tui", "--data-dir", str(folder), *args],
        input=passphrase + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _clients(db: Database) -> list[Client]:
    with db.reading() as session:
        return list(session.exec(sa.select(Client)).scalars())  # type: ignore[call-overload]


def test_the_database_and_its_wal_hold_no_client_name_or_ni_number(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    db = open_db(data_dir, clock)
    with db.writing(officer.id) as session:
        session.add(Client(forenames="Zebediah", surname="Quillfeather", ni_number="QQ123456C"))
    # While the app is open the change is in the -wal: look there too.
    wal = data_dir / (DATABASE_FILE_NAME + "-wal")
    files = [data_dir / DATABASE_FILE_NAME, wal]
    assert wal.stat().st_size > 0
    for path in files:
        content = path.read_bytes()
        for secret in (b"Quillfeather", b"QUILLFEATHER", b"quillfeather", b"QQ123456C"):
            assert secret not in content, f"{secret!r} in {path.name}"
        assert not content.startswith(b"SQLite format 3")
    assert [c.surname for c in _clients(db)] == ["Quillfeather"]
    db.close()


def test_a_plain_database_is_encrypted_in_place_keeping_every_row(
    data_dir: Path, clock: FixedClock
) -> None:
    # A laptop from before accounts: a plain database, its officer in settings.json.
    (data_dir / "policy.toml").write_text(CHEAP_ARGON2)
    plain = Database.open(data_dir / DATABASE_FILE_NAME, clock=clock)  # key=None: PLAIN
    officer = create_officer(plain, "Pat Plain", "PP")
    colleague = create_officer(plain, "Cal Colleague", "CC")
    load_demo_data(
        plain,
        clients=30,
        officer_id=officer.id,
        today=clock.today(),
        seed=7,
        policy=load_policy(data_dir).triage,
    )
    LocalSettings(officer_id=officer.id).save(data_dir)
    with plain.engine.connect() as connection:
        tables = [
            name
            for (name,) in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        before = {
            t: connection.exec_driver_sql(f'SELECT count(*) FROM "{t}"').scalar() for t in tables
        }
        sample = connection.exec_driver_sql(
            "SELECT id, surname, ni_number, date_of_birth FROM client ORDER BY id LIMIT 5"
        ).all()
    plain.close()
    assert before["client"] == 30

    from storage.accounts import create_team

    unlocked = create_team(
        data_dir,
        name="",
        initials="",
        passphrase="pat's own words",
        security=load_policy(data_dir).security,
        clock=clock,
        officer_id=officer.id,
    )
    folder = open_data_folder(data_dir, unlocked, clock=clock)
    db = folder.db
    with db.engine.connect() as connection:
        after = {
            t: connection.exec_driver_sql(f'SELECT count(*) FROM "{t}"').scalar() for t in tables
        }
        again = connection.exec_driver_sql(
            "SELECT id, surname, ni_number, date_of_birth FROM client ORDER BY id LIMIT 5"
        ).all()
    # Every row of every table (the audit trail and the sign-in's own rows aside, which
    # the admin's account and the migration add).
    grown = {t for t in tables if after[t] != before[t]}
    # The first admin enrols this laptop (a device row) when the plain database is upgraded,
    # and signs that they use it (an officer_laptop statement).
    assert grown <= {"audit_event", "device", "officer_laptop", "sync_op", "sync_register"}, grown
    assert after["officer"] == before["officer"]
    assert again == sample
    accounts = {a.officer.initials: a for a in list_accounts(db)}
    assert accounts["PP"].officer.role is Role.ADMIN and accounts["PP"].has_passphrase
    assert not accounts["CC"].has_passphrase  # "ask an admin to set one"
    db.close()
    # The plain file is gone: no plain copy, journal or export left beside it.
    names = sorted(p.name for p in data_dir.iterdir())
    assert not [n for n in names if ".plain" in n or ".encrypting" in n], names
    assert not (data_dir / DATABASE_FILE_NAME).read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(SignInRefused, match="no passphrase yet"):
        sign_in(data_dir, colleague.id, "anything", load_policy(data_dir).security, TODAY_AT)


def test_a_wrong_key_is_one_line_not_a_traceback(tmp_path: Path, clock: FixedClock) -> None:
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    ours.mkdir()
    theirs.mkdir()
    prepare(ours, clock)
    prepare(theirs, clock)
    # Another team's keys.json (same initials, same passphrase), over ours.
    shutil.copy(theirs / KEYS_FILE_NAME, ours / KEYS_FILE_NAME)
    completed = _run(ours, "export", "clients", "--csv", str(tmp_path / "c.csv"), "--as", "TO")
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr and "ERROR CORE" not in completed.stderr
    [line] = completed.stderr.strip().splitlines()
    assert "cannot be opened with this laptop's key" in line
    # A damaged keys.json: one line too.
    (ours / KEYS_FILE_NAME).write_text('{"format": 1, "accounts": [')
    completed = _run(ours, "export", "clients", "--csv", str(tmp_path / "c.csv"), "--as", "TO")
    assert completed.returncode == 1
    [line] = completed.stderr.strip().splitlines()
    assert "keys.json is damaged" in line


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_data_folder_and_its_files_are_the_officers_alone(
    data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    prepare(data_dir, clock, demo_clients=3)
    os.chmod(data_dir, 0o755)  # as an older version, with the default umask, left it
    os.chmod(data_dir / DATABASE_FILE_NAME, 0o644)
    out = tmp_path / "clients.csv"
    completed = _run(data_dir, "export", "clients", "--csv", str(out), "--as", "TO")
    assert completed.returncode == 0, completed.stderr
    LocalSettings(sync_location=str(tmp_path)).save(data_dir)
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    for path in data_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert {DATABASE_FILE_NAME, KEYS_FILE_NAME, "settings.json"} <= {
        p.name for p in data_dir.iterdir()
    }
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # an export is the officer's alone too


def test_accounts_travel_with_a_folder_sync_and_sign_in_on_the_other_laptop(
    tmp_path: Path, clock: FixedClock
) -> None:
    first, second, store = tmp_path / "first", tmp_path / "second", tmp_path / "store"
    for folder in (first, second, store):
        folder.mkdir()
    prepare(first, clock)
    admin = signed_in(first)
    db = open_db(first, clock)
    newcomer, one_time = add_officer(
        db,
        admin,
        load_policy(first).security.argon2,
        name="Nia New",
        initials="NN",
        role=Role.OFFICER,
    )
    sync(db, FolderTransport(store))
    # The second laptop joins the team: its admin, signed in on the first, enrols it.
    (second / "policy.toml").write_text(CHEAP_ARGON2)
    join_team(second, admin, db, KeyRing.load(first / KEYS_FILE_NAME).accounts)
    db.close()
    other = Database.open(
        second / DATABASE_FILE_NAME, key=_database_key(second, admin.team_key), clock=clock
    )
    sync(other, FolderTransport(store))
    other.close()
    security = load_policy(second).security
    signed = sign_in(second, newcomer.id, one_time, security, TODAY_AT)
    assert signed.unlocked.role is Role.OFFICER
    # Their keys open the second laptop's own database.
    there = Database.open(second / DATABASE_FILE_NAME, key=signed.unlocked.database_key)
    assert {a.officer.initials for a in list_accounts(there)} == {"TO", "NN"}
    there.close()


def _database_key(data_dir: Path, team_key: bytes) -> bytes:
    from storage.keys import DATABASE_KEY, KeyRing, unwrap

    ring = KeyRing.load(data_dir / KEYS_FILE_NAME)
    assert ring.wrapped_database_key is not None
    return unwrap(ring.wrapped_database_key, team_key, DATABASE_KEY)
