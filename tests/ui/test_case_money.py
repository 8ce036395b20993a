"""The case screen's money section: what the DHP, deposit and repayment screens recorded,
read back from the database, with arrears shown where the officer opens the case."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from textual.widgets import Static

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.money.amounts import Frequency
from housing_tui.money.repayments import PlanTerms, RechargeKind
from housing_tui.reference.policy import load_policy
from screens.case_detail import CaseScreen
from storage.repayments import create_plan
from tests.ui.helpers import interviewed_case, open_db, prepare, settle, signed_in


async def test_the_case_shows_a_repayment_plan_in_arrears(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    # £300 at £25 a week from Mon 2 Nov 2026, nothing paid: by Mon 23 Nov the grace days (7)
    # have run out for 2 Nov and 9 Nov (16 Nov's run out on the 23rd too: 16 + 7 = 23).
    # Three payments missed: £75 behind since 2 Nov; £300 left.
    create_plan(
        open_db(data_dir),
        officer_id=officer.id,
        case_id=case_id,
        terms=PlanTerms(
            kind=RechargeKind.REMOVAL,
            description="Removal van",
            amount_owed=Decimal("300.00"),
            instalment=Decimal("25.00"),
            frequency=Frequency.WEEKLY,
            first_due_on=date(2026, 11, 2),
        ),
        agreed_on=date(2026, 11, 23),
        policy=load_policy(data_dir),
    )
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the only case on the caseload
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        money = str(app.screen.query_one("#case-money", Static).render())
    assert "£300.00, paid £0.00, £300.00 left" in money
    assert "IN ARREARS £75.00 since 02/11/2026" in money


async def test_a_case_with_no_money_checks_says_so(data_dir: Path, clock: FixedClock) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert str(app.screen.query_one("#case-money", Static).render()) == "Nothing yet."
