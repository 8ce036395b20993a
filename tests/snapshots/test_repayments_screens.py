"""The repayments screen and the new-plan form, at 80x24 (the smallest terminal we support) and
120x40. Review a changed snapshot in snapshot_report.html before accepting it with
--snapshot-update."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.money.amounts import Frequency
from housing_tui.money.repayments import Payment, PlanTerms, RechargeKind
from housing_tui.reference.policy import load_policy
from storage.repayments import create_plan, record_payment
from tests.snapshots.test_screens import SIZES, opened_case_then
from tests.ui.helpers import (
    choose,
    interviewed_case,
    open_db,
    paste_into,
    prepare,
    settle,
    signed_in,
)

TODAY = date(2026, 11, 23)


def app_with_plans(data_dir: Path, clock: FixedClock) -> HousingApp:
    """The interviewed case with storage charges up to date, and a deposit £50 behind: £20 a
    week from 26 Oct 2026, £30 paid, £80 due by 16 Nov (the grace days)."""
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    db, policy = open_db(data_dir), load_policy(data_dir)
    for kind, owed, each, first in (
        (RechargeKind.STORAGE, "60.00", "10.00", date(2026, 11, 30)),
        (RechargeKind.DEPOSIT, "500.00", "20.00", date(2026, 10, 26)),
    ):
        plan_id = create_plan(
            db,
            officer_id=officer.id,
            case_id=case_id,
            terms=PlanTerms(
                kind=kind,
                description="",
                amount_owed=Decimal(owed),
                instalment=Decimal(each),
                frequency=Frequency.WEEKLY,
                first_due_on=first,
            ),
            agreed_on=TODAY,
            policy=policy,
        )
    record_payment(
        db,
        officer_id=officer.id,
        plan_id=plan_id,
        payment=Payment(date(2026, 11, 2), Decimal("30.00"), "standing order"),
        today=TODAY,
    )
    db.close()
    return HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))


@pytest.mark.parametrize("size", SIZES)
def test_repayment_plans(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    app = app_with_plans(data_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=opened_case_then("m"))


@pytest.mark.parametrize("size", SIZES)
def test_new_repayment_plan(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    async def new_plan(pilot) -> None:
        await opened_case_then("m", "a")(pilot)
        await choose(pilot, "kind", "Rent d")
        await paste_into(pilot, "amount_owed", "500")
        await paste_into(pilot, "first_due_on", "14/12/2026")
        await settle(pilot)

    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    assert snap_compare(app, terminal_size=size, run_before=new_plan)
