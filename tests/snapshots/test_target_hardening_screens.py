"""The target-hardening screen at 80x24 (the smallest terminal we support) and 120x40: a
referral with its works typed in, over the £1,000 limit and not yet approved, the cursor in the
works' order date.

Review a changed snapshot in snapshot_report.html before accepting it with --snapshot-update.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from tests.ui.helpers import signed_in
from tests.ui.test_target_hardening import abuse_case, fill_in, open_hardening

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def _over_the_limit(pilot) -> None:
    await open_hardening(pilot)
    await fill_in(pilot, works="Steel door and frame: 900\nMonitored alarm: 100.01")
    # On to the order date: an input's cursor is steady in tests, the works' would blink.
    await pilot.press("tab")


@pytest.mark.parametrize("size", SIZES)
def test_target_hardening_over_the_limit(
    snap_compare, data_dir: Path, clock: FixedClock, size
) -> None:
    abuse_case(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    assert snap_compare(app, terminal_size=size, run_before=_over_the_limit)
