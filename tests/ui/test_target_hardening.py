"""Target hardening by keyboard, at 80x24, from the case (w): refused with the reason for a case
without domestic abuse; a referral with its works typed in and saved, then checked in the
DATABASE (the record, the plan step with its H-CLIC activity, the interview's referral deadline
met); bad works refused beside the field with nothing saved and nothing typed lost; an officer
refused the approval of works over the limit, with who can; a principal's approval, audited,
after which the works may be ordered."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlmodel import select
from textual.widgets import DataTable, TextArea

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.prevention.catalogue import load_catalogue
from housing_tui.prevention.target_hardening import TargetHardening as Recorded
from housing_tui.prevention.target_hardening import Work, plan_step
from housing_tui.reference.policy import Role, load_policy
from screens.action_dialog import ActionDialog
from screens.case_detail import CaseScreen
from screens.options import OptionsScreen
from screens.target_hardening import TargetHardeningScreen
from screens.widgets.form_field import FieldMessage
from storage.accounts import add_account, set_passphrase
from storage.interviews import save_answer
from storage.tables import AuditEvent, CaseAction, DeadlineMet, TargetHardening
from storage.target_hardening import save_target_hardening
from tests.ui.helpers import interviewed_case, open_db, paste, prepare, settle, signed_in

SIZE = (80, 24)

REFERRAL = (
    "18/11/2026",  # referred on (Wed)
    "19/11/2026",  # property checked on
    "Sam Surveyor",  # checked by
)
WORKS = "Door chain and London bar: 85.50\nWindow locks: 120"


def abuse_case(data_dir: Path, clock: FixedClock, *, abuse: bool = True) -> str:
    """The interviewed tenant (approached Mon 16 Nov 2026); with `abuse`, a victim of domestic
    abuse who wants to stay, so the interview asks for the referral within 5 working days:
    17, 18, 19, 20, 23 Nov: Mon 23 Nov 2026."""
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    if abuse:
        db = open_db(data_dir)
        for key in ("domestic_abuse", "wants_to_stay"):
            save_answer(db, officer_id=officer.id, case_id=case_id, key=key, value="yes")
        db.close()
    return case_id


async def open_hardening(pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")  # the only case on the caseload
    await settle(pilot)
    assert isinstance(pilot.app.screen, CaseScreen)
    await pilot.press("w")
    await settle(pilot)


async def fill_in(pilot, works: str = WORKS) -> None:
    """Referral, check and checker by Tab; the landlord's agreement by typing the start of it;
    Tab past the agreement's date (an owner-occupier's has none); the works."""
    for text in REFERRAL:
        await paste(pilot, text)
        await pilot.press("tab")
    await pilot.press(*"not needed")
    await pilot.press("tab", "tab")
    assert isinstance(pilot.app.focused, TextArea)
    await paste(pilot, works)
    await settle(pilot)


async def test_a_referral_with_its_works_is_saved_with_the_plan_step_and_meets_the_referral(
    data_dir: Path, clock: FixedClock
) -> None:
    case_id = abuse_case(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_hardening(pilot)
        assert isinstance(app.screen, TargetHardeningScreen)
        await fill_in(pilot)
        await pilot.press("tab")  # to the works' order date
        await paste(pilot, "20/11/2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        heading = str(app.screen.query_one("#hardening-heading").render())
        # 19, 20, 23, 24, 25 Nov: due Wed 25 Nov 2026.
        assert "Works £205.50: within the £1,000.00 limit." in heading
        assert "Due Wed 25 Nov 2026 (5 working days from the referral)." in heading
        await pilot.press("escape")  # saved: straight back to the case
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        due = str(app.screen.query_one("#case-due").render())
        assert "Target-hardening works completed (referred Wed 18 Nov 2026)" in due
        # Opened again, the form shows what is on record.
        await pilot.press("w")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TargetHardeningScreen)
        assert screen.form_text() == {
            "referred_on": "18/11/2026",
            "checked_on": "19/11/2026",
            "checked_by": "Sam Surveyor",
            "agreement_on": "",
            "ordered_on": "20/11/2026",
            "completed_on": "",
            "works": "Door chain and London bar: 85.50\nWindow locks: 120.00",
            "agreement": "not_needed",
        }

    with open_db(data_dir).reading() as session:
        [row] = session.exec(select(TargetHardening)).all()
        steps = session.exec(select(CaseAction).where(CaseAction.case_id == case_id)).all()
        met = session.exec(select(DeadlineMet.deadline)).all()
    assert (row.case_id, row.referred_on, row.checked_on, row.checked_by) == (
        case_id,
        date(2026, 11, 18),
        date(2026, 11, 19),
        "Sam Surveyor",
    )
    assert (row.agreement, row.agreement_on, row.ordered_on, row.completed_on) == (
        "not_needed",
        None,
        date(2026, 11, 20),
        None,
    )
    assert json.loads(row.works) == [
        {"what": "Door chain and London bar", "cost_pence": 8550},
        {"what": "Window locks", "cost_pence": 12000},
    ]
    assert row.total_cost == Decimal("205.50")
    assert [(s.option_key, s.status, s.prevention_activity, s.due_on) for s in steps] == [
        ("target_hardening", "in_progress", "other", None)
    ]
    assert met == ["target_hardening@2026-11-23"]


async def test_bad_works_are_refused_beside_the_field_and_nothing_typed_is_lost(
    data_dir: Path, clock: FixedClock
) -> None:
    abuse_case(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    bad = "Door chain: 85.505\nWindow locks: 120"
    async with app.run_test(size=SIZE) as pilot:
        await open_hardening(pilot)
        await fill_in(pilot, works=bad)
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TargetHardeningScreen)
        message = str(screen.query_one("#error-works", FieldMessage).render())
        assert message.startswith("Line 1 (Door chain): Pounds and pence have at most 2")
        problem = str(screen.query_one("#hardening-problem", FieldMessage).render())
        assert problem == "Not saved: put right Works (see beside each)."
        assert screen.query_one("#works", TextArea).text == bad
        assert screen.query_one("#referred_on").value == "18/11/2026"  # type: ignore[attr-defined]
        # Escape asks before throwing the form away; the default keeps it.
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        with open_db(data_dir).reading() as session:
            assert session.exec(select(TargetHardening)).all() == []
            assert session.exec(select(CaseAction)).all() == []
        # Put right where it was typed (the end of the first line's stray 5), then saved.
        assert app.focused is screen.query_one("#works", TextArea)
        await pilot.press("up", "end", "backspace", "ctrl+s")
        await settle(pilot)
        assert not screen.query_one("#error-works", FieldMessage).display
    with open_db(data_dir).reading() as session:
        [row] = session.exec(select(TargetHardening)).all()
    assert row.total_cost == Decimal("205.50")


async def test_over_the_limit_an_officer_is_refused_the_approval_and_told_who_can(
    data_dir: Path, clock: FixedClock
) -> None:
    abuse_case(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_hardening(pilot)
        await fill_in(pilot, works="Steel door: 900\nAlarm: 100.01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        heading = str(app.screen.query_one("#hardening-heading").render())
        assert "Works £1,000.01: over the £1,000.00 limit, NOT YET APPROVED" in heading
        # Test Officer is the team's admin, not a principal officer.
        await pilot.press("ctrl+a")
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert (
            "Only a principal officer may approve target hardening costing more than the limit. "
            "You are signed in as an admin: ask one."
        ) in said
    with open_db(data_dir).reading() as session:
        [row] = session.exec(select(TargetHardening)).all()
    assert (row.total_cost, row.approved_by, row.approved_at) == (Decimal("1000.01"), None, None)


async def test_a_case_without_domestic_abuse_is_refused_with_the_reason(
    data_dir: Path, clock: FixedClock
) -> None:
    abuse_case(data_dir, clock, abuse=False)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_hardening(pilot)
        assert isinstance(app.screen, CaseScreen)
        said = [n.message for n in app._notifications]
        assert any(m.startswith("Target hardening is for domestic abuse cases") for m in said)


async def test_the_councils_limit_and_days_are_the_option_cards_its_steps_and_the_works(
    data_dir: Path, clock: FixedClock
) -> None:
    """One rule, one place: a council whose policy file says £750 and 3 working days sees
    those on the option card, in the due date of the plan step it adds, and on the works
    screen; nowhere the shipped £1,000 and 5 days."""
    case_id = abuse_case(data_dir, clock)
    (data_dir / "policy.toml").write_text(
        "[assessment]\ntarget_hardening_working_days = 3\n\n"
        '[target_hardening]\ncost_limit = "750.00"\n',
        "utf-8",
    )
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the only case on the caseload
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OptionsScreen)
        table = app.screen.query_one("#options-table", DataTable)
        table.move_cursor(row=table.get_row_index("target_hardening"))
        await settle(pilot)
        card = str(app.screen.query_one("#options-why").render())
        assert "refer within 3 working days" in card
        assert "Works up to £750 go ahead" in card
        assert "Up to £750 without the principal's approval." in card
        assert "£1,000" not in card and "5 working days" not in card
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionDialog)
        await pilot.press("ctrl+s")  # the step as suggested
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, TargetHardeningScreen)
        await fill_in(pilot, works="Steel door: 760")
        heading = str(app.screen.query_one("#hardening-heading").render())
        assert "Works £760.00: over the £750.00 limit, NOT YET APPROVED" in heading
        # Referred Wed 18 Nov: 19, 20, 23 Nov.
        assert "Due Mon 23 Nov 2026 (3 working days from the referral)." in heading

    with open_db(data_dir).reading() as session:
        [step] = session.exec(select(CaseAction).where(CaseAction.case_id == case_id)).all()
    # Added on Mon 23 Nov 2026: 24, 25, 26 Nov.
    assert (step.option_key, step.due_on) == ("target_hardening", date(2026, 11, 26))


async def test_a_principal_approves_works_over_the_limit_which_may_then_be_ordered(
    data_dir: Path, clock: FixedClock
) -> None:
    admin = prepare(data_dir, clock)
    policy = load_policy(data_dir)
    db = open_db(data_dir, clock)
    principal = add_account(db, admin.id, name="Pat Principal", initials="PP", role=Role.PRINCIPAL)
    unlocked = signed_in(data_dir)
    set_passphrase(
        db, admin.id, principal.id, "pat's own words", unlocked.team_key, policy.security.argon2
    )
    db.close()
    case_id = interviewed_case(data_dir, principal.id)
    db = open_db(data_dir, clock)
    for key in ("domestic_abuse", "wants_to_stay"):
        save_answer(db, officer_id=admin.id, case_id=case_id, key=key, value="yes")
    costly = Recorded(
        referred_on=date(2026, 11, 18),
        works=(Work("Steel door", Decimal("900.00")), Work("Alarm", Decimal("100.01"))),
    )
    option = load_catalogue(policy=policy)["target_hardening"]
    save_target_hardening(
        db,
        officer_id=admin.id,
        case_id=case_id,
        record=costly,
        step=plan_step(costly, option),
        policy=policy,
    )
    db.close()

    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir, "PP", "pat's own words"))
    async with app.run_test(size=SIZE) as pilot:
        await open_hardening(pilot)
        await pilot.press("ctrl+a")
        await settle(pilot)
        heading = str(app.screen.query_one("#hardening-heading").render())
        assert (
            "Works £1,000.01: over the £1,000.00 limit, approved by Pat Principal on Mon 23 Nov "
            "2026."
        ) in heading
        # Landlord's agreement: not needed (an owner-occupier); then the works' order date.
        await pilot.press("tab", "tab", "tab", *"not needed", "tab", "tab", "tab")
        await paste(pilot, "20/11/2026")
        await pilot.press("ctrl+s")
        await settle(pilot)

    with open_db(data_dir).reading() as session:
        [row] = session.exec(select(TargetHardening)).all()
        approvals = session.exec(
            select(AuditEvent).where(
                AuditEvent.table_name == "target_hardening",
                AuditEvent.officer_id == principal.id,
            )
        ).all()
    assert (row.approved_by, row.approved_total, row.ordered_on) == (
        principal.id,
        Decimal("1000.01"),
        date(2026, 11, 20),
    )
    assert row.approved_at is not None
    # Audited as the principal's: first the approval, then the works ordered.
    changes = [json.loads(event.changes) for event in approvals]
    assert changes[0]["approved_by"] == [None, principal.id]
    assert changes[0]["approved_total"] == [None, "1000.01"]
    assert changes[1]["ordered_on"] == [None, "2026-11-20"]
