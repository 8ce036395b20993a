"""F1 on a form: the screen's own rules first, then how dates, money and pick-lists are typed."""

from __future__ import annotations

from pathlib import Path

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from screens.client_search import ClientSearchScreen
from screens.help import HelpScreen
from tests.ui.helpers import interviewed_case, open_interview, prepare, settle, signed_in


async def help_text(pilot) -> str:
    await pilot.press("f1")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HelpScreen)
    return str(pilot.app.screen.query_one("#help-text").render())


async def test_f1_on_client_search_says_what_search_finds_clients_by(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ClientSearchScreen)
        text = await help_text(pilot)
        assert text.startswith("Find a client\n")
        for accepted in ("first name", "surname", "postcode", "NI number", "date of birth"):
            assert accepted in text.split("\n\n")[0]
        # The forms a date of birth (or any date) and money may be typed in.
        for form in ("14/3/97", "3 Apr 1990", "today", "+10", "450 pcm", "100 pw", "200 2w"):
            assert form in text
        assert "0 (nothing: no how often needed)" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ClientSearchScreen)


async def test_f1_in_the_interview_says_what_each_section_needs_for_its_tick(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_interview(pilot)
        text = await help_text(pilot)
        interview = text.split("\n\n")[0]
        assert interview.startswith("Interview\n")
        # The threat section's required questions; money's can be answered 0.
        assert "F4   Threat: Homeless tonight, Reason (H-CLIC), Notice" in interview
        assert "F5   Money: Earnings, Council tax" in interview
        assert "0 answers a money question" in interview


async def test_f1_on_the_dhp_and_deposit_checks_lists_the_keys_that_scroll_the_result(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the only case
        await settle(pilot)
        for key, title in (("h", "DHP check\n"), ("r", "Rent deposit check\n")):
            await pilot.press(key)
            await settle(pilot)
            check = (await help_text(pilot)).split("\n\n")[0]
            assert check.startswith(title)
            assert "PageDown         scroll the result beside the form down a page" in check
            assert "PageUp           scroll the result beside the form up a page" in check
            await pilot.press("escape", "escape")  # help, then the check
            await settle(pilot)
