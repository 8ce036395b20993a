"""What the DHP check and the DHP budget look like, at 80x24 and 120x40.

Review a changed snapshot in snapshot_report.html before accepting it with --snapshot-update.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from tests.ui.helpers import interviewed_case, paste_into, prepare, settle, signed_in
from tests.ui.test_dhp import awarded_and_paid

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.mark.parametrize("size", SIZES)
def test_dhp_check_filled(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)

    async def fill(pilot) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        await paste_into(pilot, "weeks", "13")
        await paste_into(pilot, "deposit", "600")
        await paste_into(pilot, "letting_fee", "200")
        await pilot.press("tab")
        await settle(pilot)

    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    assert snap_compare(app, terminal_size=size, run_before=fill)


@pytest.mark.parametrize("size", SIZES)
def test_dhp_budget(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    officer = prepare(data_dir, clock)
    awarded_and_paid(data_dir, officer.id, interviewed_case(data_dir, officer.id))

    async def budget(pilot) -> None:
        await settle(pilot)
        pilot.app.action_dhp_budget()
        await settle(pilot)

    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    assert snap_compare(app, terminal_size=size, run_before=budget)
