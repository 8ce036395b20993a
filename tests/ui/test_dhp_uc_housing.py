"""The UC housing element typed in the interview reaches the DHP check and the application:
issue 14's client pays rent of £219.23 a week; Universal Credit's housing element pays
£183.46 of it; the officer typed Housing Benefit as a plain 0."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from screens.dhp import DhpScreen
from storage.interviews import load_interview
from tests.ui.helpers import (
    choose,
    interviewed_case,
    open_db,
    open_interview,
    prepare,
    settle,
    signed_in,
)
from tests.ui.test_dhp import applications, field, result_shown
from tests.ui.test_interview import type_and_leave


async def test_uc_housing_element_from_the_interview_to_the_dhp_application(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_interview(pilot)
        await pilot.press("f3")  # current home
        await settle(pilot)
        await type_and_leave(pilot, "rent", "219.23 pw")
        await pilot.press("f5")  # money
        await settle(pilot)
        await type_and_leave(pilot, "earnings", "0")  # a plain 0: no "how often" asked
        await type_and_leave(pilot, "housing_benefit", "0")
        await choose(pilot, "uc_housing_element", "Yes")
        await type_and_leave(pilot, "uc_housing_amount", "183.46 pw")
        assert app.screen.query_one("#field-earnings FieldMessage").display is False
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, DhpScreen)
        assert (field(app, "rent"), field(app, "housing_benefit")) == ("219.23 pw", "")
        assert field(app, "uc_housing_element") == "183.46 pw"
        app.screen.query_one("#weeks").focus()
        await pilot.press("1", "3", "tab")
        await settle(pilot)
        result = result_shown(app)
        assert "Gets Universal Credit housing element" in result
        assert "not paid for the same home" not in result
        # 219.23 - 183.46 = 35.77 a week.
        assert "shortfall £35.77" in result
        # The interviewed case owes 1,300.00 in rent arrears: what a DHP can do about them.
        assert "Rent arrears of £1,300.00 (interview): a DHP can also cover" in result
        await pilot.press("ctrl+s")
        await settle(pilot)

    answers = load_interview(open_db(data_dir), case_id).answers
    assert answers["earnings"] == "0.00 weekly"
    assert answers["housing_benefit"] == "0.00 weekly"
    assert answers["uc_housing_element"] == "yes"
    assert answers["uc_housing_amount"] == "183.46 weekly"
    [application] = applications(data_dir)
    # 35.77 a week for 13 weeks = 465.01.
    assert (application.weekly_shortfall, application.weeks) == (Decimal("35.77"), 13)
    assert application.amount_requested == Decimal("465.01")
