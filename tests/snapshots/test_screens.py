"""What each main screen looks like, at 80x24 (the smallest terminal we support) and 120x40.

Review a changed snapshot in snapshot_report.html before accepting it with --snapshot-update.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from tests.ui.helpers import burst, interviewed_case, paste, paste_into, prepare, settle, signed_in

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def app_with_demo(data_dir: Path, clock: FixedClock, clients: int = 200) -> HousingApp:
    prepare(data_dir, clock, demo_clients=clients)
    return HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))


@pytest.mark.parametrize("size", SIZES)
def test_caseload(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    assert snap_compare(app_with_demo(data_dir, clock), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_client_search(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    async def search(pilot) -> None:
        await settle(pilot)
        await pilot.press("n")
        await paste(pilot, "smi")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(app_with_demo(data_dir, clock), terminal_size=size, run_before=search)


@pytest.mark.parametrize("size", SIZES)
def test_triage_new_client(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    async def new_client(pilot) -> None:
        await settle(pilot)
        await pilot.press("n")
        await paste(pilot, "Ada Testcase 12/06/2009")
        await settle(pilot)
        # The search gave the name and date of birth (17: 16/17 ticked from it): the form
        # opens on how they came; the problem's list shows what "par" finds.
        await burst(pilot, "ctrl+n", "d", "tab", *"par")

    assert snap_compare(app_with_demo(data_dir, clock), terminal_size=size, run_before=new_client)


@pytest.mark.parametrize("size", SIZES)
def test_triage_bad_input(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    async def bad_input(pilot) -> None:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("tab", "tab")
        await paste(pilot, "31/02/1990")
        await paste_into(pilot, "ni_number", "QQ1")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app_with_demo(data_dir, clock), terminal_size=size, run_before=bad_input)


@pytest.mark.parametrize("size", SIZES)
def test_case(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    async def open_case(pilot) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app_with_demo(data_dir, clock), terminal_size=size, run_before=open_case)


@pytest.mark.parametrize("size", SIZES)
def test_first_run(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    assert snap_compare(
        HousingApp(data_dir, clock=clock),
        terminal_size=size,
        run_before=settle,
    )


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    async def help_screen(pilot) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(
        app_with_demo(data_dir, clock, 1), terminal_size=size, run_before=help_screen
    )


@pytest.mark.parametrize("size", SIZES)
def test_interview(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    async def interview(pilot) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await settle(pilot)

    assert snap_compare(app_with_demo(data_dir, clock), terminal_size=size, run_before=interview)


def app_with_interviewed_case(data_dir: Path, clock: FixedClock) -> HousingApp:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id, aged_16_17=True)
    return HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))


def opened_case_then(*keys: str):
    """From the caseload: open the first case, then press `keys` (e.g. "o" for options)."""

    async def run(pilot) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


@pytest.mark.parametrize("size", SIZES)
def test_case_with_plan(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    app = app_with_interviewed_case(data_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=opened_case_then())


@pytest.mark.parametrize("size", SIZES)
def test_prevention_options(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    app = app_with_interviewed_case(data_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=opened_case_then("o"))


@pytest.mark.parametrize("size", SIZES)
def test_personal_housing_plan(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    app = app_with_interviewed_case(data_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=opened_case_then("p"))


@pytest.mark.parametrize("size", SIZES)
def test_duty_letters(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    app = app_with_interviewed_case(data_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=opened_case_then("l"))


@pytest.mark.parametrize("size", SIZES)
def test_due(snap_compare, data_dir: Path, clock: FixedClock, size) -> None:
    async def due(pilot) -> None:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)

    app = app_with_interviewed_case(data_dir, clock)
    assert snap_compare(app, terminal_size=size, run_before=due)
