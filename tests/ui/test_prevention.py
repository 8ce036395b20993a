"""Prevention by keyboard: from an interviewed case, two options become plan steps, one
succeeds with the client staying in their home, and the case counts as prevented; the due
list shows what the case still needs and a task marked done leaves it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlmodel import select

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from screens.action_dialog import ActionDialog
from screens.case_detail import CaseScreen
from screens.due import DueScreen
from screens.options import OptionsScreen
from storage.tables import Case, CaseAction, DeadlineMet
from tests.ui.helpers import (
    choose,
    interviewed_case,
    open_db,
    paste_into,
    prepare,
    settle,
    signed_in,
)


async def _add_option(pilot, key: str) -> None:
    table = pilot.app.screen.query_one("#options-table")
    table.move_cursor(row=table.get_row_index(key))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ActionDialog)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, OptionsScreen)


async def test_two_options_become_steps_and_one_success_counts_as_prevented(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the only case on the caseload
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OptionsScreen)
        fits = {key for key, p in app.screen.proposals.items() if p.fit.value == "fits"}
        assert {"landlord_negotiation", "discretionary_housing_payment"} <= fits
        await _add_option(pilot, "landlord_negotiation")
        await _add_option(pilot, "discretionary_housing_payment")
        await pilot.press("escape")
        await settle(pilot)

        # On the case: two agreed steps; the first one succeeded, the client stayed.
        assert isinstance(app.screen, CaseScreen)
        steps = app.screen.query_one("#case-steps")
        assert steps.row_count == 2
        steps.focus()
        steps.move_cursor(row=0)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionDialog)
        await choose(pilot, "status", "Succeeded")
        await choose(pilot, "outcome", "Stayed")
        await paste_into(pilot, "outcome_on", "today")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        duties = str(app.screen.query_one("#case-duties").render())
        assert "Secured: stayed" in duties and "counted as a prevention" in duties

    db = open_db(data_dir)
    with db.reading() as session:
        steps = session.exec(select(CaseAction).order_by(CaseAction.position)).all()
        assert [s.option_key for s in steps] == [
            "landlord_negotiation",
            "discretionary_housing_payment",
        ]
        assert [s.status for s in steps] == ["succeeded", "agreed"]
        assert steps[1].prevention_activity == "dhp_shortfall"
        case = session.get(Case, case_id)
        assert case is not None
        assert (case.secured_outcome, case.secured_on) == ("stayed", date(2026, 11, 23))
        assert case.secured_duty == "prevention"
        assert case.main_activity == steps[0].prevention_activity
    db.close()


async def test_the_due_list_shows_what_is_due_and_a_task_marked_done_leaves_it(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    # A 17-year-old approached Mon 16 Nov 2026: the social care referral was due that day
    # (overdue), the joint assessment within 10 working days (Mon 30 Nov: this week).
    case_id = interviewed_case(data_dir, officer.id, born=date(2009, 6, 1), aged_16_17=True)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, DueScreen)
        items = list(app.screen._items.values())
        whats = [(item.status, item.deadline.key) for item in items]
        assert ("overdue", "social_care_referral") in whats
        assert ("due this week", "joint_assessment") in whats
        # The prevention duty's start letter was never produced: listed until it is.
        assert any("letter" in item.deadline.what for item in items)
        table = app.screen.query_one("#due-table")
        row = next(n for n, item in enumerate(items) if item.deadline.key == "social_care_referral")
        table.move_cursor(row=row)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("enter")  # "Done today" is the first choice
        await settle(pilot)
        left = [item.deadline.key for item in app.screen._items.values()]
        assert "social_care_referral" not in left and "joint_assessment" in left

    db = open_db(data_dir)
    with db.reading() as session:
        [met] = session.exec(select(DeadlineMet)).all()
        assert (met.case_id, met.deadline) == (case_id, "social_care_referral@2026-11-16")
        assert met.met_on == date(2026, 11, 23)
    db.close()


async def test_an_ended_duty_shows_why_it_ended_and_its_notice_is_due(
    data_dir: Path, clock: FixedClock
) -> None:
    from storage.plans import end_duty, load_plan

    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    db = open_db(data_dir)
    [duty] = load_plan(db, case_id).duties
    end_duty(
        db,
        officer_id=officer.id,
        duty_id=duty.id,
        ended_on=date(2026, 11, 20),
        end_reason="contact_lost",
    )
    db.close()
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        duties = str(app.screen.query_one("#case-duties").render())
        assert "from 16/11/2026 to 20/11/2026 (Contact lost)" in duties
        due = str(app.screen.query_one("#case-due").render())
        assert "end notice" in due
