"""Closing a case starts its retention clock, and the case screen says until when it is kept."""

from __future__ import annotations

from pathlib import Path

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock, uk_local
from screens.case_detail import CaseScreen
from screens.dialogs import ConfirmDialog
from storage.tables import Case
from tests.ui.helpers import open_db, prepare, settle, signed_in


async def test_a_closed_case_shows_until_when_it_is_kept(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock, demo_clients=30)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert "kept until" not in str(screen.query_one("#case-summary").render())
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#close")
        await settle(pilot)
        header = str(screen.query_one("#case-summary").render())
    db = open_db(data_dir)
    with db.reading() as session:
        case = session.get(Case, screen.case_id)
    assert case is not None and case.status == "closed"
    closed = uk_local(clock.now()).date()
    # Six years on (the shipped policy), to the day.
    assert f"kept until {closed.replace(year=closed.year + 6):%d/%m/%Y}" in header
