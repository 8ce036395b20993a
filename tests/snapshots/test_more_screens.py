"""The screens and dialogs test_screens.py does not show, at 80x24 and 120x40: the doors (sign-in,
lock, new passphrase), the Officers screen, a client's audit trail, and the dialogs of a case
(client details, household member, note, duty start and end, plan step, repayment payment,
DHP decision and payment), each filled in as an officer would, with a mistake shown where
explaining it is the point.

Review a changed snapshot in snapshot_report.html before accepting it with --snapshot-update.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.reference.policy import Role, load_policy
from storage.accounts import add_officer, deactivate
from storage.tables import Case, Client
from tests.snapshots.test_repayments_screens import app_with_plans
from tests.snapshots.test_screens import SIZES, opened_case_then
from tests.ui.helpers import (
    choose,
    interviewed_case,
    laptop,
    open_db,
    open_interview,
    paste,
    paste_into,
    prepare,
    settle,
    sign_in_on,
    signed_in,
)
from tests.ui.test_dhp import applied, awarded_and_paid
from tests.ui.test_dhp_dialogs import open_the_application


def with_interviewed_case(data_dir: Path, clock: FixedClock) -> HousingApp:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    return HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))


def team_of_four(data_dir: Path, clock: FixedClock) -> None:
    """Test Officer (the admin), with a principal and an officer who have one-time passphrases
    still, and an officer who has left (deactivated)."""
    admin = prepare(data_dir, clock)
    db = open_db(data_dir, clock)
    cost = load_policy(data_dir).security.argon2
    for name, initials, role in (
        ("Priya Principal-Okonkwo", "PPO", Role.PRINCIPAL),
        ("Olu Other", "OO", Role.OFFICER),
        ("Lee Leaver", "LL", Role.OFFICER),
    ):
        officer, _ = add_officer(
            db, signed_in(data_dir), cost, name=name, initials=initials, role=role
        )
    deactivate(db, admin.id, officer.id)  # Lee Leaver
    db.close()


@pytest.mark.parametrize("size", SIZES)
def test_sign_in_with_unknown_initials(
    snap_compare, data_dir: Path, clock: FixedClock, size
) -> None:
    team_of_four(data_dir, clock)

    async def unknown(pilot) -> None:
        await settle(pilot)
        await pilot.press(*"ZZ", "enter", *"a passphrase", "enter")
        await settle(pilot)

    app = HousingApp(data_dir, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=unknown)


@pytest.mark.parametrize("size", SIZES)
def test_lock_screen(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    app = with_interviewed_case(data_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=opened_case_then("ctrl+l"))


@pytest.mark.parametrize("size", SIZES)
def test_new_passphrase_too_short(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    """An officer signing in with their one-time passphrase chooses their own; too short."""
    prepare(data_dir, clock)
    db = open_db(data_dir, clock)
    _, one_time = add_officer(
        db,
        signed_in(data_dir),
        load_policy(data_dir).security.argon2,
        name="Olu Other",
        initials="OO",
        role=Role.OFFICER,
    )
    db.close()

    async def too_short(pilot) -> None:
        await settle(pilot)
        await pilot.press(*"OO", "enter")
        await paste(pilot, one_time)
        await pilot.press("enter")
        await settle(pilot)
        await paste(pilot, "olu")
        await pilot.press("tab")
        await paste(pilot, "olu")
        await pilot.press("enter")
        await settle(pilot)

    app = HousingApp(data_dir, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=too_short)


async def officers_screen(pilot) -> None:
    await settle(pilot)
    pilot.app.action_officers()
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_officers(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    team_of_four(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    assert snap_compare(app, terminal_size=size, run_before=officers_screen)


@pytest.mark.parametrize("size", SIZES)
def test_new_officer_with_a_wrong_role(
    snap_compare, data_dir: Path, clock: FixedClock, size
) -> None:
    async def wrong_role(pilot) -> None:
        await officers_screen(pilot)
        await pilot.press("a")
        await settle(pilot)
        await paste(pilot, "Nia New")
        await pilot.press("enter")
        await paste(pilot, "NN")
        await pilot.press("enter", "ctrl+a", "ctrl+k")
        await paste(pilot, "manager")
        await pilot.press("enter")
        await settle(pilot)

    team_of_four(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    assert snap_compare(app, terminal_size=size, run_before=wrong_role)


@pytest.mark.parametrize("size", SIZES)
def test_audit_trail(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    """A client added at 09:00, their surname corrected at 09:15, then their case opened."""
    officer = prepare(data_dir, clock)
    # Fixed ids and times: the trail shows the start of each record's id, and when.
    db = open_db(data_dir, FixedClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC)))
    with db.writing(officer.id) as session:
        session.add(
            Client(
                id="c11e0000-0000-4000-8000-000000000001",
                forenames="Testy",
                surname="Tennant",
                date_of_birth=datetime(1990, 1, 1).date(),
                phone="07700 900123",
            )
        )
        session.flush()
        session.add(
            Case(
                id="ca5e0000-0000-4000-8000-000000000001",
                client_id="c11e0000-0000-4000-8000-000000000001",
                officer_id=officer.id,
                approached_at=datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
                channel="drop_in",
                urgency="threatened",
                presenting_problem="rent_arrears",
            )
        )
    db.close()
    db = open_db(data_dir, FixedClock(datetime(2026, 11, 23, 9, 15, tzinfo=UTC)))
    with db.writing(officer.id) as session:
        client = session.get(Client, "c11e0000-0000-4000-8000-000000000001")
        assert client is not None
        client.surname = "Tenant"
        session.add(client)
    db.close()

    async def trail(pilot) -> None:
        await opened_case_then()(pilot)
        assert await pilot.app.saves.finished(within=5)  # the view of the case is recorded
        await pilot.press("ctrl+p")
        await paste(pilot, "Audit trail for this client")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    assert snap_compare(app, terminal_size=size, run_before=trail)


@pytest.mark.parametrize("size", SIZES)
def test_client_details_with_a_wrong_date(
    snap_compare, data_dir: Path, clock: FixedClock, size
) -> None:
    async def wrong_date(pilot) -> None:
        await opened_case_then("f")(pilot)
        await paste_into(pilot, "phone", "07700 900123")
        await paste_into(pilot, "address", "Flat 2, 14 Station Road, Anytown")
        await paste_into(pilot, "postcode", "AB1 2CD")
        pilot.app.screen.query_one("#date_of_birth").focus()
        await pilot.press("ctrl+a", "ctrl+k")
        await paste(pilot, "31/02/1990")
        await pilot.press("ctrl+s")
        await settle(pilot)

    app = with_interviewed_case(data_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=wrong_date)


@pytest.mark.parametrize("size", SIZES)
def test_household_member_with_a_wrong_date(
    snap_compare, data_dir: Path, clock: FixedClock, size
) -> None:
    async def member(pilot) -> None:
        await open_interview(pilot)
        await pilot.press("ctrl+a")
        await settle(pilot)
        await paste_into(pilot, "name", "Kit Tenant")
        await choose(pilot, "relationship", "Son")
        await paste_into(pilot, "date_of_birth", "31/06/2020")
        await choose(pilot, "dependent_child", "Yes")
        await pilot.press("ctrl+s")
        await settle(pilot)

    app = with_interviewed_case(data_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=member)


@pytest.mark.parametrize("size", SIZES)
def test_note(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    async def note(pilot) -> None:
        await opened_case_then("n")(pilot)
        await paste(
            pilot,
            "Rang the landlord (Mr Patel): he will accept £150 a month towards the arrears "
            "if the DHP is awarded, and hold off the possession claim until 14 December.",
        )

    app = with_interviewed_case(data_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=note)


@pytest.mark.parametrize("size", SIZES)
def test_duty_start_before_the_approach(
    snap_compare, data_dir: Path, clock: FixedClock, size
) -> None:
    async def too_early(pilot) -> None:
        await opened_case_then("d")(pilot)
        await choose(pilot, "kind", "Relief")
        pilot.app.screen.query_one("#started_on").focus()
        await pilot.press("ctrl+a", "ctrl+k")
        await paste(pilot, "02/11/2026")
        await pilot.press("ctrl+s")
        await settle(pilot)

    app = with_interviewed_case(data_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=too_early)


@pytest.mark.parametrize("size", SIZES)
def test_duty_end(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    async def end(pilot) -> None:
        await opened_case_then("e")(pilot)
        await choose(pilot, "end_reason", "Secured")
        await settle(pilot)

    app = with_interviewed_case(data_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=end)


@pytest.mark.parametrize("size", SIZES)
def test_plan_step(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    async def step(pilot) -> None:
        await opened_case_then("a")(pilot)
        await paste_into(pilot, "title", "Ask the landlord to accept a repayment plan")
        await choose(pilot, "owner", "Council")
        await paste_into(pilot, "due_on", "+7")
        await pilot.press("tab")
        await settle(pilot)

    app = with_interviewed_case(data_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=step)


@pytest.mark.parametrize("size", SIZES)
def test_repayment_payment(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    async def payment(pilot) -> None:
        await opened_case_then("m", "p")(pilot)
        await paste_into(pilot, "amount", "20")
        await paste_into(pilot, "note", "by card, receipt 1234")
        await settle(pilot)

    app = app_with_plans(data_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=payment)


@pytest.mark.parametrize("size", SIZES)
def test_dhp_decision(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    async def decision(pilot) -> None:
        await open_the_application(pilot, "d")
        await choose(pilot, "status", "Awarded")

    officer = prepare(data_dir, clock)
    applied(data_dir, officer.id, interviewed_case(data_dir, officer.id))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    assert snap_compare(app, terminal_size=size, run_before=decision)


@pytest.mark.parametrize("size", SIZES)
def test_dhp_payment_too_much(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    async def too_much(pilot) -> None:
        await open_the_application(pilot, "p")
        pilot.app.screen.query_one("#amount").focus()
        await pilot.press("ctrl+a", "ctrl+k")
        await paste(pilot, "300")
        await paste_into(pilot, "note", "paid to the landlord")
        await pilot.press("ctrl+s")
        await settle(pilot)

    officer = prepare(data_dir, clock)
    awarded_and_paid(data_dir, officer.id, interviewed_case(data_dir, officer.id))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    assert snap_compare(app, terminal_size=size, run_before=too_much)


def team_of_three_laptops(data_dir: Path, clock: FixedClock, tmp_path: Path, monkeypatch) -> None:
    """Test Officer's laptop, one Olu has signed in on, and a lost one, revoked. Laptop ids
    are numbered, not random, so that the screen is the same each run."""
    import itertools

    import storage.sync.devices
    from storage.sync.devices import revoke
    from tests.unit.sync.test_forged_batches import _sync

    numbers = itertools.count(1)
    monkeypatch.setattr(
        storage.sync.devices, "new_id", lambda: f"{next(numbers):08d}-0000-4000-8000-000000000000"
    )
    prepare(data_dir, clock)
    db = open_db(data_dir, clock)
    cost = load_policy(data_dir).security.argon2
    _, passphrase = add_officer(
        db, signed_in(data_dir), cost, name="Olu Other", initials="OO", role=Role.OFFICER
    )
    db.close()
    laptop(tmp_path / "olu", joins=data_dir, clock=clock)
    sign_in_on(tmp_path / "olu", "OO", passphrase)
    laptop(tmp_path / "lost", joins=data_dir, clock=clock)
    store = tmp_path / "team-folder"
    store.mkdir()
    for synced in (tmp_path / "olu", data_dir):  # Olu's word that he uses his laptop arrives
        _sync(synced, str(store))
    db = open_db(data_dir, clock)
    revoke(db, signed_in(data_dir), "00000003-0000-4000-8000-000000000000")
    db.close()


@pytest.mark.parametrize("size", SIZES)
def test_laptops(
    snap_compare, data_dir: Path, clock: FixedClock, tmp_path: Path, monkeypatch, size
) -> None:
    team_of_three_laptops(data_dir, clock, tmp_path, monkeypatch)

    async def laptops_screen(pilot) -> None:
        await settle(pilot)
        pilot.app.action_laptops()
        await settle(pilot)

    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    assert snap_compare(app, terminal_size=size, run_before=laptops_screen)


@pytest.mark.parametrize("size", SIZES)
def test_revoking_a_laptop_asks_first(
    snap_compare, data_dir: Path, clock: FixedClock, tmp_path: Path, monkeypatch, size
) -> None:
    team_of_three_laptops(data_dir, clock, tmp_path, monkeypatch)

    async def asked(pilot) -> None:
        await settle(pilot)
        pilot.app.action_laptops()
        await settle(pilot)
        await pilot.press("down", "x")
        await settle(pilot)

    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    assert snap_compare(app, terminal_size=size, run_before=asked)
