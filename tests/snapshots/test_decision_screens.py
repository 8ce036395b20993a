"""The Decision screen at 80x24 (the smallest terminal we support) and 120x40: as it opens on
an interviewed case (the inquiries prefilled from the interview), and with a decision refused
beside its date because the applicant still has time to reply to the minded-to letter."""

from __future__ import annotations

from pathlib import Path

import pytest

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from tests.snapshots.test_screens import SIZES
from tests.ui.helpers import interviewed_case, paste_into, pick, prepare, settle, signed_in
from tests.ui.test_decision import fill_in_minded_to, open_decision


def _app(data_dir: Path, clock: FixedClock) -> tuple[HousingApp, str]:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    return HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir)), case_id


@pytest.mark.parametrize("size", SIZES)
def test_decision_as_it_opens(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    app, case_id = _app(data_dir, clock)

    async def run(pilot) -> None:
        await open_decision(pilot, case_id)

    assert snap_compare(app, terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_decision_refused_before_the_reply_date(
    snap_compare, data_dir: Path, clock: FixedClock, size
) -> None:
    app, case_id = _app(data_dir, clock)

    async def run(pilot) -> None:
        await open_decision(pilot, case_id)
        await fill_in_minded_to(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        # "Application saved." lasts a few seconds: whether it is still up when the picture
        # is taken depends on the machine's speed, so it is cleared (the refusal is the point).
        app.clear_notifications()
        await pick(pilot, "outcome", "homeless")
        await paste_into(pilot, "decided_on", "today")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run)
