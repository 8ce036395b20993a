"""Safe defaults by keyboard: every question that could throw work away opens on the answer that
keeps it (Enter, like Escape, loses nothing); the arrow keys move between a dialog's answers; and
Home, End, PageUp and PageDown move through every list and table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Button, DataTable, Select

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from screens.action_dialog import ActionDialog
from screens.caseload import CaseloadScreen
from screens.dialogs import ConfirmDialog
from screens.member_dialog import MemberDialog
from screens.triage import TriageScreen
from storage.tables import Case
from tests.ui.helpers import open_db, prepare, settle, signed_in
from tests.ui.test_dialogs import Host

TODAY = date(2026, 11, 23)
# Answers that throw away what was typed or end something: never the one Enter gives.
LOSING = {"discard", "close"}


def default_answer(app) -> str:
    assert isinstance(app.screen, ConfirmDialog)
    focused = app.screen.focused
    assert isinstance(focused, Button)
    return focused.id or ""


async def test_leaving_a_typed_triage_opens_on_keep_typing(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, TriageScreen)
        await pilot.press(*"Sam", "escape")
        await settle(pilot)
        assert default_answer(app) == "keep"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TriageScreen)


async def test_closing_a_case_opens_on_keep_open(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock, demo_clients=30)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")  # the whole team's cases
        await settle(pilot)
        app.screen.query_one("#caseload-table").focus()
        await pilot.press("enter")
        await settle(pilot)
        case_id = app.screen.case_id
        await pilot.press("c")
        await settle(pilot)
        assert default_answer(app) not in LOSING
        await pilot.press("enter")
        await settle(pilot)
    db = open_db(data_dir, clock)
    with db.reading() as session:
        assert session.get(Case, case_id).status == "open"
    db.close()


async def test_every_dialog_form_asks_with_keep_first() -> None:
    from tests.ui.test_dialogs import SAVED_STEP

    dialogs = [
        ActionDialog(today=TODAY, action=SAVED_STEP),
        MemberDialog(today=TODAY),
    ]
    for dialog in dialogs:
        app = Host(dialog)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("end", *"x", "escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog), type(dialog).__name__
            assert default_answer(app) not in LOSING, type(dialog).__name__


async def test_arrows_move_between_a_dialogs_answers() -> None:
    app = Host(ConfirmDialog("Close?", "Sure?", [("keep", "Keep"), ("close", "Close")]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.focused.id == "keep"
        await pilot.press("right")
        assert app.screen.focused.id == "close"
        await pilot.press("left")
        assert app.screen.focused.id == "keep"
        await pilot.press("down")
        assert app.screen.focused.id == "close"
        await pilot.press("up", "enter")
        await pilot.pause()
    assert app.results == ["keep"]


async def test_home_end_and_pages_in_the_caseload(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock, demo_clients=30)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        await pilot.press("t")  # the whole team's cases
        await settle(pilot)
        table = app.screen.query_one("#caseload-table", DataTable)
        table.focus()
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("pagedown")
        assert table.cursor_row > 1
        await pilot.press("pageup")
        assert table.cursor_row == 0


async def test_home_and_end_in_a_pick_list() -> None:
    from textual.app import App, ComposeResult

    class Picker(App[None]):
        def compose(self) -> ComposeResult:
            yield Select([(f"Choice {n}", n) for n in range(30)], id="pick", allow_blank=False)

    app = Picker()
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one(Select).focus()
        await pilot.press("enter", "end", "enter")
        await pilot.pause()
        assert app.query_one(Select).value == 29
        await pilot.press("enter", "home", "enter")
        await pilot.pause()
        assert app.query_one(Select).value == 0
