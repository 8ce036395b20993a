"""Signing in, the idle lock and Ctrl+L, and the role gates, by keyboard; then the database
and keys.json are checked."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import timedelta
from pathlib import Path

from sqlmodel import select
from textual.widgets import Input, Static

from housing_tui.app import IDLE_LOOK_SECONDS, HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.reference.policy import POLICY_FILE_NAME, Role, load_policy
from housing_tui.settings import LocalSettings
from screens.caseload import CaseloadScreen
from screens.dialogs import ConfirmDialog
from screens.due import DueScreen
from screens.interview import InterviewScreen
from screens.officers import OfficersScreen
from screens.placements import PlacementsScreen
from screens.sign_in import NewPassphraseScreen, SignInScreen
from storage.accounts import add_officer, list_accounts, set_passphrase, set_role
from storage.audit import LOCK, SIGN_IN, SIGN_IN_FAILED, UNLOCK
from storage.database import DATABASE_FILE_NAME, Database
from storage.interviews import load_interview
from storage.keys import KEYS_FILE_NAME
from storage.officers import create_officer
from storage.rows import OfficerRow
from storage.tables import AuditEvent, Client
from tests.ui.helpers import (
    CHEAP_ARGON2,
    TEST_PASSPHRASE,
    burst,
    interviewed_case,
    open_db,
    prepare,
    settle,
    signed_in,
)


def problem(app: HousingApp) -> str:
    return str(app.screen.query_one("#door-problem").render())


async def sign_in_with(pilot, initials: str, passphrase: str) -> None:
    app = pilot.app
    app.screen.query_one("#sign-in-initials", Input).value = ""
    app.screen.query_one("#sign-in-initials", Input).focus()
    await pilot.press(*initials, "enter", *passphrase, "enter")
    await settle(pilot)


def audit_actions(data_dir: Path) -> list[tuple[str, str | None, str]]:
    with open_db(data_dir).reading() as session:
        rows = session.exec(select(AuditEvent).order_by(AuditEvent.chain_seq)).all()
        return [(row.action, row.officer_id, row.changes) for row in rows]


def failed_attempts(data_dir: Path) -> int:
    [account] = json.loads((data_dir / KEYS_FILE_NAME).read_text())["accounts"]
    return account["failed_attempts"]


async def test_wrong_passphrases_wait_longer_each_time_and_are_audited(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen) and not app.ready
        assert "Test Officer (TO)" in str(app.screen.query_one("#sign-in-officers").render())
        await sign_in_with(pilot, "to", "not the passphrase")
        assert "not Test Officer (TO)'s passphrase. Try again in 1 second" in problem(app)
        assert failed_attempts(data_dir) == 1
        # The right one, too soon: refused without being checked.
        await sign_in_with(pilot, "TO", TEST_PASSPHRASE)
        assert isinstance(app.screen, SignInScreen) and not app.ready
        assert "wait 1 second, then" in problem(app)
        clock.at += timedelta(seconds=1)
        await sign_in_with(pilot, "TO", "still not it")
        assert "Try again in 2 seconds" in problem(app)  # the wait doubles
        clock.at += timedelta(seconds=1)
        await sign_in_with(pilot, "TO", TEST_PASSPHRASE)
        assert "wait 1 second, then" in problem(app)
        clock.at += timedelta(seconds=1)
        await sign_in_with(pilot, "TO", TEST_PASSPHRASE)
        assert isinstance(app.screen, CaseloadScreen) and app.ready
        assert app.services.officer.id == officer.id
    assert failed_attempts(data_dir) == 0
    actions = audit_actions(data_dir)
    assert (SIGN_IN_FAILED, officer.id, json.dumps({"wrong_passphrases": 2})) in actions
    assert [a for a, who, _ in actions if who == officer.id][-1] == SIGN_IN


async def test_the_only_officer_on_the_laptop_types_just_the_passphrase(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#sign-in-initials", Input).value == "TO"
        # Typed as the screen opens, straight into the passphrase.
        await burst(pilot, *TEST_PASSPHRASE, "enter")
        assert isinstance(app.screen, CaseloadScreen) and app.ready
        assert app.services.officer.id == officer.id


async def test_editing_settings_json_does_not_change_who_is_signed_in(
    data_dir: Path, clock: FixedClock
) -> None:
    admin = prepare(data_dir, clock)
    db = open_db(data_dir, clock)
    other, _ = add_officer(
        db,
        signed_in(data_dir),
        load_policy(data_dir).security.argon2,
        name="Olu Other",
        initials="OO",
        role=Role.PRINCIPAL,
    )
    db.close()
    LocalSettings(officer_id=other.id).save(data_dir)  # as someone editing the file would
    app = HousingApp(data_dir, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await sign_in_with(pilot, "TO", TEST_PASSPHRASE)
        assert app.ready and app.services.officer.id == admin.id
        assert "Test Officer (TO)" in app.sub_title


async def test_a_one_time_passphrase_must_be_changed_at_first_sign_in(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    db = open_db(data_dir, clock)
    other, one_time = add_officer(
        db,
        signed_in(data_dir),
        load_policy(data_dir).security.argon2,
        name="Olu Other",
        initials="OO",
        role=Role.OFFICER,
    )
    db.close()
    app = HousingApp(data_dir, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await sign_in_with(pilot, "OO", one_time)
        assert isinstance(app.screen, NewPassphraseScreen)
        await pilot.press(*"olu's own words", "tab", *"olu's own words", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)
    # The new passphrase opens this laptop's keys (the team key re-wrapped, nothing else).
    assert signed_in(data_dir, "OO", "olu's own words").officer_id == other.id


async def test_idle_lock_hides_the_screen_and_keeps_what_was_being_typed(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        await pilot.press("f8")
        await settle(pilot)
        app.screen.query_one("#special_circumstances", Input).focus()
        await pilot.press(*"Cares for her mother")  # still in the field
        clock.at += timedelta(minutes=4, seconds=59)
        await asyncio.sleep(IDLE_LOOK_SECONDS * 2)
        assert not app.locked  # not yet five minutes
        clock.at += timedelta(seconds=1)
        await asyncio.sleep(IDLE_LOOK_SECONDS * 2)  # the app's timer notices
        await settle(pilot)
        assert app.locked and isinstance(app.screen, SignInScreen)
        assert "Tenant" not in str(app.screen.query_one("Vertical").render())
        # Saved as leaving the field would have saved it.
        assert load_interview(open_db(data_dir), case_id).answers["special_circumstances"] == (
            "Cares for her mother"
        )
        await pilot.press(*"wrong passphrase", "enter")
        await settle(pilot)
        assert app.locked and "not Test Officer (TO)'s passphrase" in problem(app)
        clock.at += timedelta(seconds=1)
        await pilot.press(*TEST_PASSPHRASE, "enter")
        await settle(pilot)
        assert not app.locked and isinstance(app.screen, InterviewScreen)
        field = app.screen.query_one("#special_circumstances", Input)
        assert field.value == "Cares for her mother"
    actions = [(a, who) for a, who, _ in audit_actions(data_dir)]
    assert actions[-3:] == [(LOCK, officer.id), (SIGN_IN_FAILED, officer.id), (UNLOCK, officer.id)]


async def test_ctrl_l_locks_at_once(data_dir: Path, clock: FixedClock) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.locked and isinstance(app.screen, SignInScreen)
        await pilot.press("ctrl+p")  # the palette would show what is under the lock
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        await pilot.press(*TEST_PASSPHRASE, "enter")
        await settle(pilot)
        assert not app.locked and isinstance(app.screen, CaseloadScreen)
    assert [a for a, _, _ in audit_actions(data_dir)][-2:] == [LOCK, UNLOCK]


def add_officer_with_own_passphrase(
    data_dir: Path, clock: FixedClock, role: Role, passphrase: str = "olu's own words"
) -> OfficerRow:
    """Olu Other (OO), added by the admin, who has since chosen their own passphrase."""
    db = open_db(data_dir, clock)
    admin = signed_in(data_dir)
    cost = load_policy(data_dir).security.argon2
    other, _ = add_officer(db, admin, cost, name="Olu Other", initials="OO", role=role)
    set_passphrase(db, other.id, other.id, passphrase, admin.team_key, cost)
    db.close()
    return other


async def test_the_team_caseload_is_refused_to_an_officer_and_says_who_can(
    data_dir: Path, clock: FixedClock
) -> None:
    admin = prepare(data_dir, clock)
    other = add_officer_with_own_passphrase(data_dir, clock, Role.OFFICER)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir, "OO", "olu's own words"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        await pilot.press("t")
        await settle(pilot)
        assert not app.screen.team
        told = [n.message for n in app._notifications]
        assert any(
            "Only a principal officer or an admin may see the team's caseload." in m for m in told
        )
        app.action_due(team=True)
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert any(
            "may see what is due on the team's cases" in n.message for n in app._notifications
        )
        app.action_officers()
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert any("Only an admin may add officers" in n.message for n in app._notifications)
    # A principal may see the team's work (not manage officers).
    db = open_db(data_dir, clock)
    set_role(db, admin.id, other.id, Role.PRINCIPAL)
    db.close()
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir, "OO", "olu's own words"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert app.screen.team
        app.action_due(team=True)
        await settle(pilot)
        assert isinstance(app.screen, DueScreen) and app.screen.team


async def test_the_due_list_and_the_placements_show_the_teams_only_to_a_role_that_may(
    data_dir: Path, clock: FixedClock
) -> None:
    """t on the due list and on the placements (one piece, MineOrTeam): an officer is told
    who may see the team's and stays on their own; a principal sees the team's, and back."""
    admin = prepare(data_dir, clock)
    other = add_officer_with_own_passphrase(data_dir, clock, Role.OFFICER)
    refusals = {
        DueScreen: "may see what is due on the team's cases",
        PlacementsScreen: "may see the team's caseload",
    }
    for role, allowed in ((Role.OFFICER, False), (Role.PRINCIPAL, True)):
        db = open_db(data_dir, clock)
        set_role(db, admin.id, other.id, role)
        db.close()
        unlocked = signed_in(data_dir, "OO", "olu's own words")
        app = HousingApp(data_dir, clock=clock, unlocked=unlocked)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            for screen_type, refusal in refusals.items():
                await pilot.press("u" if screen_type is DueScreen else "p")
                await settle(pilot)
                screen = app.screen
                assert isinstance(screen, screen_type) and not screen.team
                await pilot.press("t")
                await settle(pilot)
                assert screen.team is allowed
                refused = any(refusal in n.message for n in app._notifications)
                assert refused is not allowed
                status = "placements-status" if screen_type is PlacementsScreen else "due-status"
                shown = str(screen.query_one(f"#{status}", Static).render())
                assert ("the team's open cases" in shown) is allowed, shown
                await pilot.press("t")  # back to their own, always allowed
                await settle(pilot)
                assert not screen.team
                await pilot.press("escape")
                await settle(pilot)


async def test_the_officer_of_a_plain_database_becomes_its_admin_and_it_is_encrypted(
    data_dir: Path, clock: FixedClock
) -> None:
    (data_dir / POLICY_FILE_NAME).write_text(CHEAP_ARGON2)
    plain = Database.open(data_dir / DATABASE_FILE_NAME, clock=clock)  # key=None: PLAIN
    officer = create_officer(plain, "Pat Plain", "PP")
    with plain.writing(officer.id) as session:
        session.add(Client(forenames="Zebediah", surname="Quillfeather"))
    plain.close()
    LocalSettings(officer_id=officer.id).save(data_dir)
    app = HousingApp(data_dir, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NewPassphraseScreen)
        assert not app.screen.query("#officer_name")  # known: only the passphrase is asked
        await pilot.press(*"pat's own words", "tab", *"pat's own words", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert app.services.officer.id == officer.id
        assert app.services.officer.role is Role.ADMIN
    assert b"Quillfeather" not in (data_dir / DATABASE_FILE_NAME).read_bytes()
    key = signed_in(data_dir, "PP", "pat's own words").database_key
    db = Database.open(data_dir / DATABASE_FILE_NAME, key=key)
    with db.reading() as session:
        assert [c.surname for c in session.exec(select(Client))] == ["Quillfeather"]
    db.close()


async def test_an_admin_adds_an_officer_on_the_officers_screen(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.action_officers()
        await settle(pilot)
        assert isinstance(app.screen, OfficersScreen)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Nia New", "enter", *"NN", "enter")
        app.screen.query_one("#new-officer-role", Input).value = ""
        await pilot.press(*"principal", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        told = " ".join(str(s.render()) for s in app.screen.query(Static))
        one_time = re.search(r"passphrase is:\s+(\S+)", told)[1]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OfficersScreen)
    db = open_db(data_dir)
    [nia] = [a for a in list_accounts(db) if a.officer.initials == "NN"]
    db.close()
    assert nia.officer.role is Role.PRINCIPAL and nia.must_change_passphrase
    assert signed_in(data_dir, "NN", one_time).role is Role.PRINCIPAL


async def test_the_new_officer_dialog_fits_80x24_with_its_add_button(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_officers()
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Nia New", "enter", *"NN")
        dialog = app.screen.query_one(".dialog")
        add = app.screen.query_one("#new-officer-add")
        assert dialog.content_region.contains_region(add.region)  # not cut off by its border
        assert await pilot.click("#new-officer-add")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
    db = open_db(data_dir)
    added = [
        (a.officer.name, a.officer.role) for a in list_accounts(db) if a.officer.initials == "NN"
    ]
    db.close()
    assert added == [("Nia New", Role.OFFICER)]


def toasts(app: HousingApp) -> str:
    return " | ".join(str(toast.render()) for toast in app.screen.query("Toast"))


async def test_no_notice_shows_client_data_over_the_lock(data_dir: Path, clock: FixedClock) -> None:
    """A notice on screen when the lock comes up, and one raised while it is up (a save or a
    sync finishing in the background), name no client over the lock; the held one is shown
    once the officer has unlocked."""
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.notify("Saved Testy Tenant's phone number.")
        await settle(pilot)
        assert "Testy Tenant" in toasts(app)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.locked and isinstance(app.screen, SignInScreen)
        assert "Testy Tenant" not in toasts(app)
        # As a worker finishing in the background tells the officer, from its thread.
        await asyncio.to_thread(app.call_from_thread, app.changed, "Saved Testy Tenant's address.")
        await settle(pilot)
        await pilot.pause(0.2)
        assert "Testy Tenant" not in toasts(app)
        await pilot.press(*TEST_PASSPHRASE, "enter")
        await settle(pilot)
        assert not app.locked
        await pilot.pause(0.2)
        assert "Saved Testy Tenant's address." in toasts(app)
