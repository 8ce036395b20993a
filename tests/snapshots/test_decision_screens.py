"""The Decision screen at 80x24 (the smallest terminal we support) and 120x40: as it opens on
an interviewed case (the inquiries prefilled from the interview), and with a decision refused
beside its date because the applicant still has time to reply to the minded-to letter; and the
end of the main duty's dialog with a mistake shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from tests.snapshots.test_screens import SIZES
from tests.ui.helpers import interviewed_case, paste_into, pick, prepare, settle, signed_in
from tests.ui.test_decision import fill_in_minded_to, open_decision
from tests.ui.test_main_duty_end import main_duty_owed, principal_app


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


@pytest.mark.parametrize("size", SIZES)
def test_main_duty_end_refused_without_a_reason(
    snap_compare, data_dir: Path, clock: FixedClock, size
) -> None:
    """The end of the main duty (Ctrl+E on a main-duty case), saved with no reason chosen: the
    message shows under the pick list."""
    app, case_id = principal_app(data_dir, clock)

    async def run(pilot) -> None:
        await main_duty_owed(pilot, case_id)
        app.clear_notifications()  # "Application saved." may or may not still be up
        await pilot.press("ctrl+e")
        await settle(pilot)
        await paste_into(pilot, "main_duty_end_note", "They took the tenancy of 4 Elm Road.")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run)
