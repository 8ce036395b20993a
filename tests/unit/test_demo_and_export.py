"""Synthetic demo data, CSV exports and the command line."""

from __future__ import annotations

import csv
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlmodel import func, select

from housing_tui.calendar.clock import FixedClock
from housing_tui.cli import main
from housing_tui.reference.policy import load_policy
from storage.database import DATABASE_FILE_NAME, Database
from storage.demo import MAX_DEMO_CLIENTS, load_demo_data
from storage.export import export_csv
from storage.tables import AuditEvent, Case, Client, Officer
from tests.ui.helpers import open_db, prepare

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)
BOM = b"\xef\xbb\xbf"
INTERNAL_COLUMNS = {
    "version",
    "updated_by",
    "updated_at",
    "created_by",
    "surname_key",
    "forenames_key",
    "postcode_key",
    "deleted_at",
}


def _open(path: Path) -> Database:
    return Database.open(path / DATABASE_FILE_NAME)


def _load(db: Database, clients: int, seed: int = 2026, officer_id: str | None = None):
    return load_demo_data(
        db,
        clients=clients,
        officer_id=officer_id,
        today=TODAY,
        policy=load_policy().triage,
        seed=seed,
    )


def _count(db: Database, model) -> int:
    with db.reading() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


# --- demo data -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = _open(tmp_path_factory.mktemp("demo"))
    summary = _load(db, 200)
    yield db, summary
    db.close()


def test_demo_data_counts(demo_db) -> None:
    db, summary = demo_db
    assert summary.clients == 200
    assert _count(db, Client) == 200
    assert summary.cases == _count(db, Case)
    assert 200 <= summary.cases <= 600  # one to three approaches each
    assert summary.officers == 3
    assert _count(db, Officer) == 3


def test_demo_data_is_obviously_synthetic(demo_db) -> None:
    db, _ = demo_db
    with db.reading() as session:
        clients = list(session.exec(select(Client)))
    assert clients
    for client in clients:
        assert client.postcode.startswith("ZZ99 "), client.postcode
        assert client.phone is None or re.fullmatch(r"07700 900\d{3}", client.phone), client.phone
        assert client.email is None or client.email.endswith("@example.org"), client.email
        assert client.address is None or "Demo" in client.address
    assert any(client.phone for client in clients)
    assert any(client.email for client in clients)


def test_demo_data_is_searchable_like_real_data(demo_db) -> None:
    from storage.clients import search_clients

    db, _ = demo_db
    with db.reading() as session:
        someone = session.exec(select(Client).limit(1)).one()
    rows, _ = search_clients(db, f"{someone.forenames} {someone.surname}", today=TODAY)
    assert someone.id in {row.id for row in rows}


def test_demo_data_load_is_recorded_by_one_audit_event(demo_db) -> None:
    db, _ = demo_db
    with db.reading() as session:
        actions = [event.action for event in session.exec(select(AuditEvent))]
    assert actions.count("demo_data") == 1


def _people(db: Database) -> list[tuple[str, str, str, date | None]]:
    with db.reading() as session:
        return [
            (client.id, client.forenames, client.surname, client.date_of_birth)
            for client in session.exec(select(Client).order_by(Client.id))
        ]


def test_same_seed_gives_the_same_people(tmp_path: Path) -> None:
    first, second, other = (_open(tmp_path / name) for name in ("a", "b", "c"))
    try:
        _load(first, 30, seed=7)
        _load(second, 30, seed=7)
        _load(other, 30, seed=8)
        assert _people(first) == _people(second)
        assert _people(first) != _people(other)
    finally:
        for db in (first, second, other):
            db.close()


def test_demo_cases_go_partly_to_this_laptops_officer(tmp_path: Path) -> None:
    from storage.officers import create_officer

    db = _open(tmp_path)
    try:
        me = create_officer(db, "Me Myself", "MM")
        _load(db, 40, officer_id=me.id)
        with db.reading() as session:
            mine = session.exec(select(func.count()).where(Case.officer_id == me.id)).one()
        assert mine > 0
    finally:
        db.close()


@pytest.mark.parametrize("clients", [0, -1, MAX_DEMO_CLIENTS + 1])
def test_demo_data_refuses_silly_sizes(tmp_path: Path, clients: int) -> None:
    assert MAX_DEMO_CLIENTS == 100_000
    db = _open(tmp_path)
    try:
        with pytest.raises(ValueError):
            _load(db, clients)
        assert _count(db, Client) == 0
        assert _count(db, Officer) == 0
    finally:
        db.close()


# --- CSV export ----------------------------------------------------------------------------------


@pytest.fixture
def small_db(db, officer, policy):
    """Three clients, one soft-deleted, one whose names would be a formula in Excel."""
    from housing_tui.casework.triage import Approach, TriageFacts, triage
    from housing_tui.reference.codes import Channel, PresentingProblem
    from storage.cases import record_approach

    ids = {}
    with db.writing(officer.id) as session:
        for label, forenames, surname in (
            ("plain", "Zoë", "Ó'Brien"),
            ("formula", '=HYPERLINK("http://x")', "@SUM(A1)"),
            ("gone", "Del", "Eted"),
        ):
            client = Client(forenames=forenames, surname=surname, postcode="ZZ99 3AB")
            session.add(client)
            ids[label] = client
    facts = TriageFacts(must_leave_on=date(2027, 1, 18))
    approach = Approach(Channel.DROP_IN, PresentingProblem.RENT_ARREARS, facts)
    result = triage(facts, today=TODAY, policy=policy)
    cases = {
        label: record_approach(
            db,
            officer_id=officer.id,
            client=ids[label].id,
            approach=approach,
            result=result,
            approached_at=NOW,
        )
        for label in ids
    }
    with db.writing(officer.id) as session:
        session.get(Client, ids["gone"].id).deleted_at = NOW
        session.get(Case, cases["gone"]).deleted_at = NOW
    return db, {label: client.id for label, client in ids.items()}, cases


@pytest.mark.parametrize("kind", ["clients", "cases"])
def test_export_starts_with_a_byte_order_mark_and_a_readable_header(
    tmp_path: Path, small_db, kind: str
) -> None:
    db, _, _ = small_db
    target = tmp_path / f"{kind}.csv"
    export_csv(db, kind, target, officer_id=None)
    assert target.read_bytes().startswith(BOM)
    header = _read_csv(target)[0]
    assert header
    assert not INTERNAL_COLUMNS & {heading.strip().lower() for heading in header}
    for heading in header:
        assert "_" not in heading, heading  # headings for people, not column names
        assert heading[:1].isupper(), heading


def test_export_clients_one_row_per_live_client(tmp_path: Path, small_db) -> None:
    db, clients, _ = small_db
    target = tmp_path / "clients.csv"
    written = export_csv(db, "clients", target, officer_id=None)
    rows = _read_csv(target)[1:]
    assert written == len(rows) == 2
    exported_ids = {row[0] for row in rows}
    assert exported_ids == {clients["plain"], clients["formula"]}
    assert any("Zoë" in row and "Ó'Brien" in row for row in rows)  # UTF-8 survives


def test_export_cases_one_row_per_live_case(tmp_path: Path, small_db) -> None:
    db, _, cases = small_db
    target = tmp_path / "cases.csv"
    written = export_csv(db, "cases", target, officer_id=None)
    rows = _read_csv(target)[1:]
    assert written == len(rows) == 2
    assert {row[0] for row in rows} == {cases["plain"], cases["formula"]}


def test_export_guards_against_formula_injection(tmp_path: Path, small_db) -> None:
    db, clients, _ = small_db
    target = tmp_path / "clients.csv"
    export_csv(db, "clients", target, officer_id=None)
    [row] = [row for row in _read_csv(target)[1:] if row[0] == clients["formula"]]
    assert '\'=HYPERLINK("http://x")' in row
    assert "'@SUM(A1)" in row
    for cell in row:
        assert cell[:1] not in ("=", "+", "-", "@"), cell

    cases_target = tmp_path / "cases.csv"
    export_csv(db, "cases", cases_target, officer_id=None)
    for row in _read_csv(cases_target)[1:]:
        for cell in row:
            assert cell[:1] not in ("=", "+", "@"), cell


@pytest.mark.parametrize("kind", ["clients", "cases"])
def test_export_leaves_no_partial_file(tmp_path: Path, small_db, kind: str) -> None:
    db, _, _ = small_db
    out = tmp_path / "out"
    out.mkdir()
    export_csv(db, kind, out / "export.csv", officer_id=None)
    assert [path.name for path in out.iterdir()] == ["export.csv"]


def test_export_replaces_an_older_file(tmp_path: Path, small_db) -> None:
    db, _, _ = small_db
    target = tmp_path / "clients.csv"
    target.write_text("old contents\n" * 100, "utf-8")
    export_csv(db, "clients", target, officer_id=None)
    assert len(_read_csv(target)) == 3


def test_export_of_an_empty_database_is_just_the_header(tmp_path: Path, db) -> None:
    target = tmp_path / "cases.csv"
    assert export_csv(db, "cases", target, officer_id=None) == 0
    assert len(_read_csv(target)) == 1


# --- the command line ----------------------------------------------------------------------------


def test_cli_demo_data_then_export(tmp_path: Path, clock: FixedClock, passphrase_typed) -> None:
    data = tmp_path / "data"
    data.mkdir()
    prepare(data, clock)
    assert main(["--data-dir", str(data), "demo-data", "--clients", "50"]) == 0
    assert (data / DATABASE_FILE_NAME).exists()

    cases_csv = tmp_path / "cases.csv"
    assert main(["--data-dir", str(data), "export", "cases", "--csv", str(cases_csv)]) == 0
    assert cases_csv.read_bytes().startswith(BOM)
    cases_rows = _read_csv(cases_csv)
    assert len(cases_rows) >= 1 + 50  # at least one case per client

    clients_csv = tmp_path / "clients.csv"
    assert main(["export", "clients", "--csv", str(clients_csv), "--data-dir", str(data)]) == 0
    assert len(_read_csv(clients_csv)) == 1 + 50


def test_cli_refuses_zero_demo_clients(tmp_path: Path, capsys) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo-data", "--clients", "0"]) == 2
    assert "--clients" in capsys.readouterr().err
    assert not (data / DATABASE_FILE_NAME).exists()


def test_cli_refuses_too_many_demo_clients(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo-data", "--clients", "100001"]) == 2


def test_cli_export_needs_a_kind_and_a_file(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(tmp_path), "export", "officers", "--csv", "x.csv"])
    assert exited.value.code == 2
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(tmp_path), "export", "cases"])
    assert exited.value.code == 2


def test_export_refuses_a_folder_with_no_database_or_a_missing_target_folder(
    tmp_path, clock: FixedClock, passphrase_typed
) -> None:
    from housing_tui.cli import main

    empty = tmp_path / "empty"
    assert (
        main(["--data-dir", str(empty), "export", "cases", "--csv", str(tmp_path / "x.csv")]) == 2
    )
    assert not (empty / "housing.sqlite3").exists()  # nothing created by looking
    (tmp_path / "d").mkdir()
    prepare(tmp_path / "d", clock)
    assert main(["--data-dir", str(tmp_path / "d"), "demo-data", "--clients", "5"]) == 0
    missing = tmp_path / "no-such-folder" / "x.csv"
    assert main(["--data-dir", str(tmp_path / "d"), "export", "cases", "--csv", str(missing)]) == 2


def test_an_interrupted_export_leaves_no_partial_file(tmp_path) -> None:
    from storage.database import Database
    from storage.export import export_csv

    db = Database.open(tmp_path / "h.sqlite3")
    from housing_tui.reference.policy import load_policy
    from storage.demo import load_demo_data

    load_demo_data(db, clients=20, officer_id=None, today=TODAY, policy=load_policy().triage)

    def stop(done: int, total: int) -> None:
        raise KeyboardInterrupt

    target = tmp_path / "cases.csv"
    with pytest.raises(KeyboardInterrupt):
        export_csv(db, "cases", target, progress=stop, officer_id=None)
    assert not target.exists()
    assert list(tmp_path.glob("*.partial")) == []


def test_cli_demo_data_twice_on_one_folder_adds_more_and_keeps_one_set_of_colleagues(
    tmp_path: Path, clock: FixedClock, passphrase_typed
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    prepare(data, clock)
    assert main(["--data-dir", str(data), "demo-data", "--clients", "30"]) == 0
    assert main(["--data-dir", str(data), "demo-data", "--clients", "20"]) == 0
    db = open_db(data)
    try:
        assert _count(db, Client) == 50
        with db.reading() as session:
            names = session.exec(select(Officer.name).order_by(Officer.name)).all()
        assert names == ["Demo Officer A", "Demo Officer B", "Demo Officer C", "Test Officer"]
    finally:
        db.close()


def test_cli_demo_data_with_a_seed_already_loaded_says_so_and_adds_nothing(
    tmp_path: Path, capsys, clock: FixedClock, passphrase_typed
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    prepare(data, clock)
    assert main(["--data-dir", str(data), "demo-data", "--clients", "10", "--seed", "7"]) == 0
    assert main(["--data-dir", str(data), "demo-data", "--clients", "10", "--seed", "7"]) == 2
    assert "seed 7" in capsys.readouterr().err
    db = open_db(data)
    try:
        assert _count(db, Client) == 10
        assert _count(db, Officer) == 4  # three demo colleagues and Test Officer
    finally:
        db.close()
