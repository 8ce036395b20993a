"""80x24, the smallest terminal we support: every footer key is whole on the screen, with Quit
and Help among them (F1 lists the rest); the caseload keeps its important columns whole; the
DHP and deposit results scroll from the field being filled in."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import DataTable, Footer
from textual.widgets._footer import FooterKey

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from screens.case_detail import CaseScreen
from screens.officers import OfficersScreen
from screens.widgets.pick_field import field_key
from storage.interviews import save_answer
from tests.ui.helpers import interviewed_case, open_db, paste_into, prepare, settle, signed_in
from tests.ui.sync_helpers import laptops_with_a_conflict
from tests.ui.test_deposit_check import PROPERTY, eligible_case, fill_in, open_deposit_check
from tests.ui.test_dhp import applied, open_dhp_check

SMALL = (80, 24)


def footer_keys_shown_whole(pilot: Pilot) -> list[str]:
    """The keys of the footer that are drawn whole; fails if one is cut or hidden under another."""
    footer = pilot.app.screen.query_one(Footer)
    keys = list(footer.query(FooterKey))
    palette = [key for key in keys if key.has_class("-command-palette")]
    right_edge = palette[0].region.x if palette else footer.region.right
    shown = []
    for key in keys:
        if key in palette:
            continue
        drawn = key.region.intersection(footer.region)
        assert drawn == key.region and key.region.right <= right_edge, (
            f"footer key {key.key_display} {key.description!r} is cut at 80 columns"
        )
        shown.append(key.key)
    return shown


async def open_keys(pilot: Pilot, *keys: str) -> None:
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param((), id="caseload"),
        pytest.param(("enter",), id="case"),
        pytest.param(("enter", "i"), id="interview"),
        pytest.param(("enter", "i", "f4"), id="interview-threat"),
    ],
)
async def test_every_footer_key_is_whole_and_quit_and_help_are_there(
    data_dir: Path, clock: FixedClock, keys: tuple[str, ...]
) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SMALL) as pilot:
        await open_keys(pilot, *keys)
        shown = footer_keys_shown_whole(pilot)
        assert "ctrl+q" in shown and "f1" in shown, shown


async def test_with_sync_conflicts_on_a_case_quit_and_help_are_whole_in_the_footer(
    data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    laptops_with_a_conflict(data_dir, tmp_path, clock).close()
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SMALL) as pilot:
        await open_keys(pilot, "enter")  # the only case of mine
        assert isinstance(app.screen, CaseScreen)
        conflicts = app.screen.query_one("#case-conflicts")
        assert app.focused in conflicts.query("*")  # the conflicts panel has the focus
        shown = footer_keys_shown_whole(pilot)
        assert {"ctrl+q", "f1"} <= set(shown), shown
        # The keys that decide a conflict are said right above it.
        title = str(app.screen.query_one("#case-conflicts-title").render())
        assert "u use the lost value" in title and "k keep current" in title


async def test_on_the_officers_screen_every_footer_key_is_whole_with_quit_and_help(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.action_officers()
        await settle(pilot)
        assert isinstance(app.screen, OfficersScreen)
        shown = footer_keys_shown_whole(pilot)
        assert {"a", "r", "o", "x", "ctrl+q", "f1"} <= set(shown), shown


async def test_on_the_dhp_applications_every_footer_key_is_whole_with_quit_and_help(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    applied(data_dir, officer.id, interviewed_case(data_dir, officer.id))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SMALL) as pilot:
        await open_dhp_check(pilot)
        app.screen.query_one("#dhp-applications").focus()
        await settle(pilot)
        shown = footer_keys_shown_whole(pilot)
        assert {"d", "p", "ctrl+q", "f1"} <= set(shown), shown
        # c, which the footer has no room for, is named above the list.
        title = " ".join(str(label.render()) for label in app.screen.query(".section-title"))
        assert "c reopen" in title


async def test_the_caseload_keeps_by_and_problem_and_cuts_no_word_at_80_columns(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id, clock=clock)
    # Domestic abuse: the DASH risk check was due on the day of approach, Mon 16 Nov 2026, so
    # on Mon 23 Nov it is a week late.
    db = open_db(data_dir, clock)
    save_answer(db, officer_id=officer.id, case_id=case_id, key="domestic_abuse", value="yes")
    db.close()
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#caseload-table", DataTable)
        headers = [str(column.label) for column in table.ordered_columns]
        for kept in ("Client", "Urgency", "Next action", "Due", "By", "Problem"):
            assert kept in headers
        # The whole table is on screen: nothing to scroll sideways to.
        assert table.virtual_size.width <= table.scrollable_content_region.width
        row = dict(zip(headers, table.get_row_at(0), strict=True))
        assert str(row["Due"]) == "7d late"
        assert str(row["By"]) == "TO"
        assert str(row["Problem"]).startswith("Rent arrears")
        for column, cell in zip(table.ordered_columns, table.get_row_at(0), strict=True):
            text = cell.plain if isinstance(cell, Text) else str(cell)
            assert len(str(column.label)) <= column.width, f"header {column.label} is cut"
            assert len(text) <= column.width, f"{column.label}: {text!r} is cut"


async def _page_through_the_result(pilot: Pilot, result_id: str) -> None:
    """From the field that has the focus, PageDown and PageUp scroll the result panel, and the
    field keeps the focus and what was typed in it."""
    screen = pilot.app.screen
    field = screen.focused
    assert field is not None and field_key(field) not in (None, result_id)
    typed = getattr(field, "value", None)
    result = screen.query_one(f"#{result_id}", VerticalScroll)
    assert result.max_scroll_y > 0, "the result fits: nothing to scroll"
    assert result.scroll_y == 0
    await pilot.press("pagedown")
    await settle(pilot)
    assert result.scroll_y > 0
    assert screen.focused is field and getattr(field, "value", None) == typed
    await pilot.press("pageup")
    await settle(pilot)
    assert result.scroll_y == 0


async def test_the_dhp_result_scrolls_from_the_form(data_dir: Path, clock: FixedClock) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SMALL) as pilot:
        await open_keys(pilot, "enter", "h")
        await paste_into(pilot, "weeks", "13")
        await paste_into(pilot, "deposit", "600")
        await settle(pilot)
        await _page_through_the_result(pilot, "dhp-result")


async def test_the_deposit_result_scrolls_from_the_form(data_dir: Path, clock: FixedClock) -> None:
    eligible_case(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SMALL) as pilot:
        await open_deposit_check(pilot)
        await fill_in(pilot, typed=PROPERTY)
        await pilot.press("shift+tab")  # back from the result to the last check answered
        await _page_through_the_result(pilot, "deposit-result")
