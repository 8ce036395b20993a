"""The temporary accommodation screens at 80x24 (the smallest terminal we support) and 120x40:
a case's placements (a family five weeks into B&B after an earlier stay, with costs to
recharge), the placement dialog, and the placements screen. Review a changed snapshot in
snapshot_report.html before accepting it with --snapshot-update."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from housing_tui.accommodation import (
    CostPeriod,
    Placement,
    PlacementDuty,
    PlacementType,
    RechargeableCost,
)
from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.money.repayments import RechargeKind
from housing_tui.reference.policy import load_policy
from storage.accommodation import add_placement, record_cost
from tests.snapshots.test_screens import SIZES, opened_case_then
from tests.ui.helpers import interviewed_case, open_db, prepare, settle, signed_in

EARLIER = Placement(
    type=PlacementType.BED_AND_BREAKFAST,
    provider="Station Hotel",
    address="1 Station Road, Ely",
    start_on=date(2026, 11, 2),
    end_on=date(2026, 11, 9),
    cost=Decimal("65.00"),
    cost_period=CostPeriod.NIGHTLY,
    duty=PlacementDuty.INTERIM,
)


def app_with_a_family_in_bnb(data_dir: Path, clock: FixedClock) -> HousingApp:
    """A family: 7 nights in B&B from Mon 2 Nov 2026, a hostel, then B&B again from Mon 23
    Nov, with two costs recorded; seen on Mon 21 Dec 2026, the warning day (35 - 7 = 28 days
    from 23 Nov), a week before the six weeks are used up (42 - 7 = 35 days: Mon 28 Dec)."""
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id, adults=2, children=2)
    db, policy = open_db(data_dir, clock), load_policy(data_dir)
    for placement in (
        EARLIER,
        replace(
            EARLIER,
            type=PlacementType.HOSTEL,
            provider="Mill Lane Hostel",
            address="2 Mill Lane, Ely",
            start_on=date(2026, 11, 9),
            end_on=date(2026, 11, 23),
            cost=Decimal("150.00"),
            cost_period=CostPeriod.WEEKLY,
        ),
        replace(EARLIER, start_on=date(2026, 11, 23), end_on=None),
    ):
        add_placement(
            db, officer_id=officer.id, case_id=case_id, placement=placement, policy=policy
        )
    for cost in (
        RechargeableCost(RechargeKind.BNB, date(2026, 11, 9), Decimal("455.00"), "7 nights"),
        RechargeableCost(RechargeKind.STORAGE, date(2026, 11, 10), Decimal("120.50")),
    ):
        record_cost(db, officer_id=officer.id, case_id=case_id, cost=cost, policy=policy)
    db.close()
    later = FixedClock(clock.at + timedelta(days=28))  # Mon 21 Dec 2026: the warning day
    return HousingApp(data_dir, clock=later, unlocked=signed_in(data_dir))


@pytest.mark.parametrize("size", SIZES)
def test_case_accommodation(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    app = app_with_a_family_in_bnb(data_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=opened_case_then("t"))


@pytest.mark.parametrize("size", SIZES)
def test_placement_dialog(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    assert snap_compare(app, terminal_size=size, run_before=opened_case_then("t", "a"))


@pytest.mark.parametrize("size", SIZES)
def test_placements(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    async def placements(pilot) -> None:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)

    app = app_with_a_family_in_bnb(data_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=placements)
