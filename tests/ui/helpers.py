"""Helpers for Pilot tests: a prepared data folder, and waiting for workers instead of sleeping."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from textual.pilot import Pilot

from housing_tui.calendar.clock import Clock, FixedClock
from housing_tui.casework.duties import DutyKind
from housing_tui.reference.policy import load_policy
from housing_tui.settings import LocalSettings
from storage.database import DATABASE_FILE_NAME, Database
from storage.demo import load_demo_data
from storage.interviews import save_answer
from storage.officers import create_officer
from storage.plans import start_duty
from storage.rows import OfficerRow
from storage.tables import Case, Client
from tests.conftest import TODAY_AT


def prepare(data_dir: Path, clock: FixedClock, *, demo_clients: int = 0) -> OfficerRow:
    """A data folder whose officer is already known (no first-run screen), with demo data."""
    db = open_db(data_dir, clock)
    officer = create_officer(db, "Test Officer", "TO")
    LocalSettings(officer_id=officer.id).save(data_dir)
    if demo_clients:
        load_demo_data(
            db,
            clients=demo_clients,
            officer_id=officer.id,
            today=clock.today(),
            seed=2026,  # the same people every run, for the snapshots
            policy=load_policy(data_dir).triage,
        )
    db.close()
    return officer


def open_db(data_dir: Path, clock: Clock | None = None) -> Database:
    """The app's database, as another window of the app would open it: on the tests' clock."""
    return Database.open(data_dir / DATABASE_FILE_NAME, clock=clock or FixedClock(TODAY_AT))


async def settle(pilot: Pilot) -> None:
    """Wait until every worker has finished and the screen has caught up (workers may start
    more workers: a search starts a history lookup)."""
    for _ in range(20):
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            await pilot.pause()
            if not any(worker.is_running for worker in pilot.app.workers):
                return
        await pilot.app.workers.wait_for_complete()
    raise AssertionError("workers did not settle")


async def choose(pilot: Pilot, select_id: str, label_start: str) -> None:
    """Open a Select with Enter, type the start of the label, Enter to choose."""
    pilot.app.screen.query_one(f"#{select_id}").focus()
    await pilot.press("enter", *label_start, "enter")
    await settle(pilot)


async def type_into(pilot: Pilot, field_id: str, text: str) -> None:
    """Type into a field, as an officer would, without leaving it."""
    pilot.app.screen.query_one(f"#{field_id}").focus()
    await pilot.press(*text)


ANSWERS = {
    # A private tenant in arrears with a section 8 notice, on Housing Benefit with a shortfall.
    "tenure": "private_rented",
    "notice": "section_8",
    "section8_ground": "8",
    "notice_served_on": "2026-11-02",
    "notice_expires_on": "2026-11-30",
    "rent": "650.00 monthly",
    "housing_benefit": "520.00 monthly",
    "arrears_total": "1300.00",
    "homeless_tonight": "no",
}


def interviewed_case(
    data_dir: Path, officer_id: str, *, clock: Clock | None = None, **case_fields
) -> str:
    """A private tenant threatened with eviction, interviewed, owed the prevention duty from
    Mon 16 Nov 2026 (written at `clock`'s time). Returns the case id."""
    db = open_db(data_dir, clock)
    with db.writing(officer_id) as session:
        # Fixed ids: the case reference is on screen, and snapshots must not change run to run.
        client = Client(
            id="c11e0000-0000-4000-8000-000000000001",
            forenames="Testy",
            surname="Tenant",
            date_of_birth=date(1990, 1, 1),
        )
        session.add(client)
        session.flush()
        case = Case(
            id="ca5e0000-0000-4000-8000-000000000001",
            client_id=client.id,
            officer_id=officer_id,
            approached_at=datetime(2026, 11, 16, 10, 0, tzinfo=UTC),
            channel="drop_in",
            urgency="threatened",
            presenting_problem="rent_arrears",
            next_action_on=date(2026, 12, 1),
            **case_fields,
        )
        session.add(case)
    for key, value in ANSWERS.items():
        save_answer(db, officer_id=officer_id, case_id=case.id, key=key, value=value)
    start_duty(
        db,
        officer_id=officer_id,
        case_id=case.id,
        kind=DutyKind.PREVENTION,
        started_on=date(2026, 11, 16),
    )
    db.close()
    return case.id
