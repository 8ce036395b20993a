"""Keys typed at full speed reach the field they were meant for, in order: with no pause
between them (Pilot's own pace), and all queued at once, as a remote desktop catching up or a
terminal's burst sends them, while screens and sections are still opening. Each test checks
what the database holds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlmodel import select

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.reference.policy import POLICY_FILE_NAME
from screens.case_detail import CaseScreen
from storage.database import DATABASE_FILE_NAME, Database
from storage.interviews import load_interview
from storage.tables import Case, Client, DhpApplication, Officer
from tests.ui.helpers import (
    CHEAP_ARGON2,
    burst,
    interviewed_case,
    open_db,
    prepare,
    settle,
    signed_in,
)

# A new client's triage from the caseload: search for her, Ctrl+N, and every field by Tab, in
# the form's order (the conversation's: the contact details come last). The search's "Carter"
# is carried over as the surname.
TRIAGE = [
    "n",
    *"Carter",
    "ctrl+n",
    *"Sam",
    "tab",
    "tab",  # the surname, carried over from the search
    *"12/06/1990",
    "tab",
    *"drop",  # how they came: typed to find, Tab takes it
    "tab",
    "enter",  # the problem: Enter shows the whole list, Down to the second...
    "down",
    "escape",  # ...Escape puts back what was chosen (nothing)...
    *"family",  # ...and typing finds it
    "tab",
    *"Asked to leave",
    "tab",
    *"+14",
    "tab",
    "tab",  # past homeless tonight: not ticked
    "tab",  # past domestic abuse (the 16/17 and 55+ boxes are not offered at 36)
    "tab",  # past care leaver
    "tab",  # past leaving hospital or prison
    "tab",  # past sleeping rough tonight
    "tab",  # past adults
    "tab",  # past children
    "tab",  # past pregnant
    *"ab123456c",
    "tab",
    "tab",  # past phone
    "tab",  # past email
    "tab",  # past address
    *"zz99 3ab",
    "ctrl+s",
]


def assert_triage_saved(data_dir: Path) -> None:
    with open_db(data_dir).reading() as session:
        client = session.exec(select(Client)).one()
        case = session.exec(select(Case)).one()
    assert (client.forenames, client.surname) == ("Sam", "Carter")
    assert client.date_of_birth == date(1990, 6, 12)
    assert client.ni_number == "AB123456C"
    assert client.postcode == "ZZ99 3AB"
    assert case.client_id == client.id
    assert (case.channel, case.presenting_problem) == ("drop_in", "family_friends")
    assert case.detail == "Asked to leave"
    assert case.must_leave_on == date(2026, 12, 7)  # 14 days from Mon 23 Nov 2026
    assert not case.homeless_tonight


async def test_a_triage_typed_without_pauses_is_saved_as_typed(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*TRIAGE)
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
    assert_triage_saved(data_dir)


async def test_a_triage_sent_in_one_burst_is_saved_as_typed(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        # Every key queued before the search screen, or the triage after it, has opened.
        await burst(pilot, *TRIAGE)
        assert isinstance(app.screen, CaseScreen)
    assert_triage_saved(data_dir)


async def test_first_run_takes_what_is_typed_as_it_appears(
    data_dir: Path, clock: FixedClock
) -> None:
    (data_dir / POLICY_FILE_NAME).write_text(CHEAP_ARGON2)
    app = HousingApp(data_dir, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        # Typed while keys.json is still being looked for, before the screen asking is shown.
        await burst(pilot, *"Sam Carter", "tab", *"SC", "tab", *"our own words", "tab")
        await burst(pilot, *"our own words", "enter")
        await settle(pilot)
    unlocked = signed_in(data_dir, "SC", "our own words")
    db = Database.open(data_dir / DATABASE_FILE_NAME, key=unlocked.database_key)
    with db.reading() as session:
        [officer] = session.exec(select(Officer)).all()
    assert (officer.name, officer.initials) == ("Sam Carter", "SC")


async def test_money_typed_straight_after_a_section_key_is_saved(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # The case, its interview, the money section: employment, then earnings and UC.
        await burst(pilot, "enter", "i", "f5", "tab", *"51 pw", "tab", *"52 pw", "tab")
    answers = load_interview(open_db(data_dir), case_id).answers
    assert answers["earnings"] == "51.00 weekly"
    assert answers["universal_credit"] == "52.00 weekly"


async def test_a_dhp_check_typed_as_it_opens_is_applied(data_dir: Path, clock: FixedClock) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # The case, its DHP check (rent and Housing Benefit come from the interview): on from
        # the rent to the weeks of shortfall, then the deposit, and apply.
        await burst(pilot, "enter", "h", *["tab"] * 6, *"13", "tab", "tab", *"600", "ctrl+s")
    with open_db(data_dir).reading() as session:
        [application] = session.exec(select(DhpApplication)).all()
    # Rent 650 pcm less Housing Benefit 520 pcm is 30.00 a week: 13 weeks, and the deposit.
    assert (application.weekly_shortfall, application.weeks) == (Decimal("30.00"), 13)
    assert application.deposit == Decimal("600.00")
    assert application.amount_requested == Decimal("990.00")


async def test_the_caseload_filter_takes_every_key_typed_after_the_slash(
    data_dir: Path, clock: FixedClock
) -> None:
    # "/" moves the focus with Widget.focus, which Textual defers: the "m" typed straight after
    # it was handed to the table before the focus moved, and was lost ("/moh" filtered "oh").
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await burst(pilot, "slash", "m", "o", "h")
        assert app.screen.query_one("#caseload-filter").value == "moh"


async def test_a_key_handled_slowly_is_not_overtaken_by_the_next() -> None:
    """On a loaded machine a key can take more than the patience (KEY_PATIENCE) to be handled:
    the keys after it still wait for it while the widget it is at is there, instead of going
    to the field it is leaving."""
    import asyncio

    from textual import events
    from textual.app import ComposeResult
    from textual.widgets import Input

    from screens.key_order import KEY_PATIENCE, KeysInOrder

    class SlowTab(Input):
        async def _on_key(self, event: events.Key) -> None:
            if event.key == "tab":
                await asyncio.sleep(KEY_PATIENCE * 1.5)  # the field, busy, takes it late
            await super()._on_key(event)

    class Form(KeysInOrder[None]):
        def compose(self) -> ComposeResult:
            yield SlowTab(id="first")
            yield Input(id="second")

    app = Form()
    async with app.run_test() as pilot:
        await burst(pilot, "a", "tab", *"bc")
        assert app.query_one("#first", Input).value == "a"
        assert app.query_one("#second", Input).value == "bc"
