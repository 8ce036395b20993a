"""What syncing looks like: the sync settings dialog with a location that is wrong, a case
with conflicts to decide, and the list of every conflict; at 80x24 and 120x40.

Review a changed snapshot in snapshot_report.html before accepting it with --snapshot-update.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from tests.ui.helpers import paste, prepare, settle, signed_in
from tests.ui.sync_helpers import laptops_with_a_conflict

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.mark.parametrize("size", SIZES)
def test_sync_settings_with_a_wrong_folder(
    snap_compare, data_dir: Path, clock: FixedClock, size
) -> None:
    async def wrong_folder(pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await paste(pilot, "/no/such/folder")
        await pilot.press("ctrl+s")
        await settle(pilot)

    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    assert snap_compare(app, terminal_size=size, run_before=wrong_folder)


@pytest.mark.parametrize("size", SIZES)
def test_case_with_conflicts(
    snap_compare, data_dir: Path, clock: FixedClock, tmp_path: Path, size
) -> None:
    async def open_case(pilot) -> None:
        await settle(pilot)
        await pilot.press("enter")  # the conflicts are focused, ready for u or k
        await settle(pilot)
        # On a loaded machine (tests in parallel) the case can paint before its conflicts.
        for _ in range(100):
            if pilot.app.screen.query("#case-conflicts").first().display:
                break
            await pilot.pause(0.05)
        await settle(pilot)

    laptops_with_a_conflict(data_dir, tmp_path, clock).close()
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    assert snap_compare(app, terminal_size=size, run_before=open_case)


@pytest.mark.parametrize("size", SIZES)
def test_sync_conflicts(
    snap_compare, data_dir: Path, clock: FixedClock, tmp_path: Path, size
) -> None:
    async def conflicts(pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+p", *"Sync conflicts", "enter")
        await settle(pilot)

    laptops_with_a_conflict(data_dir, tmp_path, clock).close()
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    assert snap_compare(app, terminal_size=size, run_before=conflicts)
