"""Reads see one moment: a read session holds one SQLite read transaction, and reads nested in
it (a screen's loaders, under `Database.in_one_read`) share it, so that a change another
connection commits meanwhile (a sync landing, another window saving) is not half seen."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from storage.cases import close_case, get_case
from storage.database import Database
from storage.tables import Case
from tests.ui.helpers import interviewed_case
from tests.unit.conftest import NOW


def _open_case(db: Database, officer_id: str) -> str:
    # The case the UI tests use, in this test's database file (tmp_path/housing.sqlite3).
    return interviewed_case(Path(db.engine.url.database).parent, officer_id, clock=db.clock)


def _status(db: Database, case_id: str) -> str:
    with db.reading() as session:
        return session.exec(select(Case.status).where(Case.id == case_id)).one()


def test_one_read_session_does_not_see_a_commit_made_after_its_first_query(
    db, officer, tmp_path: Path, clock
) -> None:
    case_id = _open_case(db, officer.id)
    other_window = Database.open(tmp_path / "housing.sqlite3", clock=clock)
    try:
        with db.reading() as session:
            before = session.exec(select(Case.status).where(Case.id == case_id)).one()
            close_case(other_window, officer_id=officer.id, case_id=case_id, closed_at=NOW)
            after = session.exec(select(Case.status).where(Case.id == case_id)).one()
    finally:
        other_window.close()
    assert (before, after) == ("open", "open")
    assert _status(db, case_id) == "closed"  # the next read sees the commit


def test_loaders_called_in_one_read_share_its_moment(db, officer, tmp_path: Path, clock) -> None:
    case_id = _open_case(db, officer.id)
    other_window = Database.open(tmp_path / "housing.sqlite3", clock=clock)

    def load() -> tuple[str | None, str]:
        detail = get_case(db, case_id)  # a loader with a read session of its own
        close_case(other_window, officer_id=officer.id, case_id=case_id, closed_at=NOW)
        assert detail is not None
        return detail.case.status, _status(db, case_id)  # and another

    try:
        seen = db.in_one_read(load)()
    finally:
        other_window.close()
    assert seen == ("open", "open")
    assert _status(db, case_id) == "closed"


def test_reads_on_two_threads_do_not_share_a_session(db, officer) -> None:
    from concurrent.futures import ThreadPoolExecutor

    case_id = _open_case(db, officer.id)
    with db.reading() as session, ThreadPoolExecutor(1) as pool:
        elsewhere = pool.submit(lambda: _session_id(db)).result()
        assert elsewhere != id(session)
    assert _status(db, case_id) == "open"


def _session_id(db: Database) -> int:
    with db.reading() as session:
        return id(session)
