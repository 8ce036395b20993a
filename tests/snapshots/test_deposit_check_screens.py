"""The rent deposit check filled in, at 80x24 (the smallest terminal we support) and 120x40:
once with a property the scheme can take, once with a deposit over the cap and a letting fee
(breaches of the law listed first).

Review a changed snapshot in snapshot_report.html before accepting it with --snapshot-update.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from tests.ui.helpers import signed_in
from tests.ui.test_deposit_check import PROPERTY, eligible_case, fill_in, open_deposit_check

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

OVER_THE_CAP = (
    *PROPERTY[:6],
    "900",  # deposit: more than 5 weeks' rent (£750.00)
    "650",
    "",
    "200",  # a letting fee: banned
    "C",
)


def filled_in(typed: tuple[str, ...], answers: tuple[str, ...]):
    async def run(pilot) -> None:
        await open_deposit_check(pilot)
        await fill_in(pilot, typed=typed, answers=answers)

    return run


@pytest.mark.parametrize("size", SIZES)
def test_deposit_check_the_scheme_can_help(
    snap_compare, data_dir: Path, clock: FixedClock, size
) -> None:
    eligible_case(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    run = filled_in(PROPERTY, ("Yes", "Yes", "Yes", "Not known", "Yes"))
    assert snap_compare(app, terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_deposit_check_over_the_cap_with_a_letting_fee(
    snap_compare, data_dir: Path, clock: FixedClock, size
) -> None:
    eligible_case(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    run = filled_in(OVER_THE_CAP, ("Yes", "No", "Not known", "Yes", "Not known"))
    assert snap_compare(app, terminal_size=size, run_before=run)
