"""The triage's pick lists, typed into as an officer does, and the boxes earlier answers tick:
what the list shows, what Escape and Enter do, and what is saved; a choice too long for its
field, read whole at 80 columns."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select
from textual.widgets import Checkbox, Input, OptionList, Static

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from screens.case_detail import CaseScreen
from screens.dialogs import ConfirmDialog
from screens.duty_dialog import DutyEndDialog
from screens.triage import TriageScreen
from screens.widgets.form_field import FieldMessage
from screens.widgets.pick_field import PickField
from storage.tables import Case, Duty
from tests.ui.helpers import (
    burst,
    interviewed_case,
    open_db,
    prepare,
    settle,
    signed_in,
    type_quickly,
)


async def _triage(pilot, search: str) -> TriageScreen:
    """From the caseload to a new client's triage, found by `search` first."""
    await settle(pilot)
    await burst(pilot, "n", *search, "ctrl+n")
    screen = pilot.app.screen
    assert isinstance(screen, TriageScreen)
    return screen


def _shown(screen: TriageScreen, key: str) -> list[str]:
    options = screen.query_one(f"#{key} OptionList", OptionList)
    if not screen.query_one(f"#{key}", PickField).is_open:
        return []
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_down_shows_every_choice_and_enter_takes_one_and_goes_on(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _triage(pilot, "Sam Carter 2/5/90")
        channel = screen.query_one("#channel", PickField)
        assert channel.has_focus_within  # the search gave the name and date of birth
        await burst(pilot, "down")
        assert _shown(screen, "channel") == [
            "Drop-in",
            "Phone",
            "Email",
            "Home visit",
            "Referral under the duty to refer",
            "Other",
        ]
        await burst(pilot, "down", "down", "enter")
        assert channel.value == "email"
        assert screen.query_one("#presenting_problem", PickField).has_focus_within
        assert channel.query_one(Input).value == "Email"
        assert _shown(screen, "channel") == []


async def test_nonsense_typed_is_kept_and_saving_says_to_choose(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _triage(pilot, "Sam Carter 2/5/90")
        await burst(pilot, *"zzz")
        assert _shown(screen, "channel") == ["Nothing found for “zzz”: Down shows every choice"]
        await burst(pilot, "tab", *"family", "ctrl+s")
        channel = screen.query_one("#channel", PickField)
        assert channel.query_one(Input).value == "zzz"  # kept, for the officer to put right
        assert channel.value is None
        message = screen.query_one("#error-channel", FieldMessage)
        assert message.display and "choose one from the list" in str(message.render())
        assert channel.has_focus_within  # the first thing to put right
        # Put right by typing over it, the triage saves.
        await burst(pilot, *"phone", "ctrl+s")
        assert isinstance(app.screen, CaseScreen)
    with open_db(data_dir).reading() as session:
        case = session.exec(select(Case)).one()
    assert (case.channel, case.presenting_problem) == ("phone", "family_friends")


async def test_escape_in_an_open_list_puts_back_what_was_chosen_and_keeps_the_form(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _triage(pilot, "Sam Carter 2/5/90")
        await burst(pilot, *"home", "tab", "shift+tab", *"pho")
        channel = screen.query_one("#channel", PickField)
        assert channel.value == "phone"  # the highlighted choice, while the list is open
        await burst(pilot, "escape")
        assert app.screen is screen  # the list closed; the form did not ask to be left
        assert channel.value == "home_visit"
        assert channel.query_one(Input).value == "Home visit"
        # With the list closed, Escape is the form's: it asks, keeping the work by default.
        await burst(pilot, "escape")
        assert isinstance(app.screen, ConfirmDialog)


async def test_the_problem_ticks_its_safety_box_and_an_untick_stays(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _triage(pilot, "Kim Lee 3/3/90")
        abuse = screen.query_one("#domestic_abuse", Checkbox)
        await burst(pilot, *"d", "tab", *"dv", "tab")
        assert abuse.value  # from the problem
        # The problem changes: the tick it gave goes.
        await burst(pilot, "shift+tab", *"rent", "tab")
        assert not abuse.value
        # Back to domestic abuse, then the officer takes the tick away: it stays away.
        await burst(pilot, "shift+tab", *"abuse", "tab")
        assert abuse.value
        abuse.focus()
        await burst(pilot, "space")
        assert not abuse.value
        await burst(pilot, "ctrl+s")
        assert isinstance(app.screen, CaseScreen)
    with open_db(data_dir).reading() as session:
        case = session.exec(select(Case)).one()
    assert case.presenting_problem == "domestic_abuse"
    assert not case.domestic_abuse


async def test_the_date_of_birth_decides_which_age_boxes_are_offered(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _triage(pilot, "Olive Elder")
        aged_16_17 = screen.query_one("#aged_16_17", Checkbox)
        over_55 = screen.query_one("#over_55_care_needs", Checkbox)
        # No date of birth yet: both are offered.
        assert aged_16_17.display and over_55.display
        over_55.value = True  # ticked before the date of birth is typed
        screen.query_one("#date_of_birth", Input).focus()
        await burst(pilot, *"2/3/90", "tab")  # 36 on Mon 23 Nov 2026
        assert not aged_16_17.display
        # The tick the date of birth contradicts stays on show, with why it is wrong on saving.
        assert over_55.display and over_55.value
        await burst(pilot, "ctrl+s")
        message = screen.query_one("#error-over_55_care_needs", FieldMessage)
        assert message.display and "older person's age is 55" in str(message.render())
        over_55.value = False
        await settle(pilot)
        assert not over_55.display
        screen.query_one("#date_of_birth", Input).value = ""
        screen.query_one("#date_of_birth", Input).focus()
        await burst(pilot, *"2/3/59", "tab")  # 67
        assert over_55.display and not aged_16_17.display


STAYED = "Accommodation secured for 6+ months: stayed in existing accommodation"
"""A prevention duty's end reason longer than the field at 80 columns."""


async def test_a_choice_longer_than_its_field_is_read_whole_and_from_its_start(
    data_dir: Path, clock: FixedClock
) -> None:
    """At 80x24 the duty end's reason does not fit its field: the whole choice is on the line
    under it once chosen, and the field shows the choice's start, however far the typing that
    found it had scrolled the field."""
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, DutyEndDialog)
        reason = dialog.query_one("#end_reason", PickField)
        field = reason.query_one(Input)
        whole = reason.query_one(".pick-whole", Static)
        assert not whole.display  # nothing chosen yet
        typed = "accommodation secured for 6+ months stayed in existing accommodation"
        assert len(typed) > field.content_size.width  # the typing scrolls the field
        await type_quickly(pilot, typed)
        await settle(pilot)
        assert reason.is_open and not whole.display
        await pilot.press("enter")  # take it and go on
        await settle(pilot)
        assert not reason.is_open and reason.value is not None
        assert field.value == STAYED and len(STAYED) > field.content_size.width
        assert field.scroll_offset.x == 0  # the start of the choice in view
        assert whole.display and whole.region.width > 0
        assert " ".join(str(whole.render()).split()) == STAYED
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert await app.saves.finished(within=5)
        assert isinstance(app.screen, CaseScreen)
    db = open_db(data_dir)
    with db.reading() as session:
        [duty] = session.exec(select(Duty).where(Duty.case_id == case_id)).all()
    db.close()
    assert duty.end_reason == reason.value and duty.ended_on is not None


async def test_a_choice_that_fits_has_no_line_under_it(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _triage(pilot, "Sam Carter 2/5/90")
        await burst(pilot, "down", "down", "down", "enter")
        channel = screen.query_one("#channel", PickField)
        assert channel.value == "email"
        assert not channel.query_one(".pick-whole", Static).display
