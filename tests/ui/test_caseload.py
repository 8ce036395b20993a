"""The caseload, the first run, the case screen, help and the command palette, by keyboard."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import func, select
from textual.widgets import DataTable, TextArea

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.reference.policy import POLICY_FILE_NAME
from housing_tui.settings import LocalSettings
from screens.case_detail import CaseScreen
from screens.caseload import PAGE_SIZE, CaseloadScreen
from screens.dialogs import ConfirmDialog
from screens.help import HelpScreen
from screens.note_dialog import NoteDialog
from screens.sign_in import NewPassphraseScreen, SignInScreen
from storage.database import DATABASE_FILE_NAME, Database
from storage.keys import KEYS_FILE_NAME
from storage.tables import Case, CaseNote, Client, Officer
from tests.ui.helpers import (
    CHEAP_ARGON2,
    interviewed_case,
    open_db,
    paste,
    prepare,
    settle,
    signed_in,
)


def caseload_status(app: HousingApp) -> str:
    return str(app.screen.query_one("#caseload-status").render())


def table_refs(app: HousingApp) -> list[str]:
    table = app.screen.query_one("#caseload-table", DataTable)
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


async def test_first_run_makes_the_admin_and_an_encrypted_database(
    data_dir: Path, clock: FixedClock
) -> None:
    (data_dir / POLICY_FILE_NAME).write_text(CHEAP_ARGON2)
    app = HousingApp(data_dir, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NewPassphraseScreen)
        await pilot.press(*"Sam Officer", "enter", *"s.o.", "enter")
        await pilot.press(*"too short", "enter", *"too short", "enter")
        await settle(pilot)
        assert isinstance(app.screen, NewPassphraseScreen)  # said why; nothing made
        assert "at least 12 characters" in str(app.screen.query_one("#door-problem").render())
        assert not (data_dir / KEYS_FILE_NAME).exists()
        await pilot.press(*"my own words", "enter", *"my own words", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen), app.screen.query_one(
            "#door-problem"
        ).render()
        assert "Sam Officer (SO)" in app.sub_title
    # Nothing in settings.json says who the officer is: signing in does.
    assert LocalSettings.load(data_dir).officer_id is None
    assert not (data_dir / DATABASE_FILE_NAME).read_bytes().startswith(b"SQLite format 3")
    db = Database.open(
        data_dir / DATABASE_FILE_NAME,
        key=signed_in(data_dir, "SO", "my own words").database_key,
    )
    with db.reading() as session:
        officer = session.exec(select(Officer)).one()
    db.close()
    assert (officer.name, officer.initials, officer.role) == ("Sam Officer", "SO", "admin")
    # The next start asks who is signing in.
    app = HousingApp(data_dir, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert not app.ready


async def test_demo_flag_fills_an_empty_database(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, demo=True, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "My open cases: 1–" in caseload_status(app)
    with open_db(data_dir).reading() as session:
        assert session.exec(select(func.count(Client.id))).one() == 300


async def test_caseload_filters_sorts_pages_and_opens_cases(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock, demo_clients=2_000)
    db = open_db(data_dir)
    with db.reading() as session:
        mine = session.exec(
            select(func.count(Case.id)).where(Case.officer_id == officer.id, Case.status == "open")
        ).one()
        team = session.exec(select(func.count(Case.id)).where(Case.status == "open")).one()
    assert mine > PAGE_SIZE, "demo data should give this officer more than a page"
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert f"1–{PAGE_SIZE} of {mine:,}, by urgency ▲" in caseload_status(app)
        first_page = table_refs(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert f"{PAGE_SIZE + 1}–" in caseload_status(app)
        assert set(table_refs(app)).isdisjoint(first_page)
        await pilot.press("t")
        await settle(pilot)
        assert f"Team open cases: 1–{PAGE_SIZE} of {team:,}" in caseload_status(app)
        await pilot.press("s")
        await settle(pilot)
        assert "by client name ▲" in caseload_status(app)
        names = [str(app.screen.query_one(DataTable).get_row_at(i)[1]) for i in range(5)]
        surnames = [name.split()[-1] for name in names]
        assert surnames == sorted(surnames)
        await pilot.press("r")
        await settle(pilot)
        assert "by client name ▼" in caseload_status(app)
        await pilot.press("slash", *"smith")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count > 0
        assert all("Smith" in str(table.get_row_at(i)[1]) for i in range(table.row_count))
        await pilot.press("enter")  # from the filter back to the list
        await pilot.press("enter")  # open the highlighted case
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert "Smith" in app.screen.sub_title


async def test_notes_and_closing_a_case_are_saved(data_dir: Path, clock: FixedClock) -> None:
    officer = prepare(data_dir, clock, demo_clients=30)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        case_id = screen.case_id
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        await pilot.press("ctrl+s")  # empty note: refused, dialog stays
        assert isinstance(app.screen, NoteDialog)
        app.screen.query_one(TextArea).insert("Rang the landlord; agreed to wait a week.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Rang the landlord" in str(screen.query_one("#case-notes").render())
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#close")
        await settle(pilot)
    db = open_db(data_dir)
    with db.reading() as session:
        note = session.exec(select(CaseNote)).one()
        case = session.get(Case, case_id)
    assert note.case_id == case_id and note.created_by == officer.id
    assert case.status == "closed" and case.closed_at == clock.now()
    assert case.version == 2 and case.updated_by == officer.id


async def test_help_lists_every_screens_keys(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for expected in ("Caseload", "New approach", "Ctrl+S", "Ctrl+N", "Add note", "whole team"):
            assert expected in text
        await pilot.press("escape")
        assert isinstance(app.screen, CaseloadScreen)


async def test_command_palette_offers_the_main_actions(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"New approach", "Find a client", "My caseload", "Team caseload"} <= titles
        await pilot.press("ctrl+p", *"New approach")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        from screens.client_search import ClientSearchScreen

        assert isinstance(app.screen, ClientSearchScreen)


async def open_first_case(pilot) -> str:
    """From the caseload, the highlighted case; its id."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CaseScreen)
    return pilot.app.screen.case_id


async def from_the_palette(pilot, command: str) -> None:
    """Ctrl+P, the command's name as the officer types it, Enter."""
    await pilot.press("ctrl+p", *command)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_the_palette_on_a_case_closes_it(data_dir: Path, clock: FixedClock) -> None:
    """The case's own command, found by name on the case: the case is closed on record."""
    officer = prepare(data_dir, clock, demo_clients=30)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        case_id = await open_first_case(pilot)
        await from_the_palette(pilot, "Close this case")
        confirm = app.screen
        assert isinstance(confirm, ConfirmDialog)
        await pilot.click("#close")
        await settle(pilot)
    with open_db(data_dir).reading() as session:
        closed = session.get(Case, case_id)
    assert closed.status == "closed" and closed.updated_by == officer.id


async def test_the_palette_opens_a_part_of_the_case(data_dir: Path, clock: FixedClock) -> None:
    from screens.deposit_check import DepositCheckScreen

    prepare(data_dir, clock, demo_clients=30)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        case_id = await open_first_case(pilot)
        await from_the_palette(pilot, "Rent deposit check")
        assert isinstance(app.screen, DepositCheckScreen) and app.screen.case_id == case_id


def test_every_key_has_an_id() -> None:
    """Every binding of the app and of every screen, dialog and widget in screens/ has an id
    (so a keymap can rebind it, and the help can name it)."""
    import importlib
    import inspect
    import pkgutil

    from textual.binding import Binding
    from textual.dom import DOMNode

    import screens

    owners: list[type[DOMNode]] = [HousingApp]
    for module in pkgutil.walk_packages(screens.__path__, "screens."):
        for _, owner in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(owner, DOMNode) and owner.__module__.startswith("screens."):
                owners.append(owner)
    assert CaseScreen in owners and NoteDialog in owners
    missing = [
        (owner.__name__, binding.key)
        for owner in owners
        for binding in owner.__dict__.get("BINDINGS", [])
        if not (isinstance(binding, Binding) and binding.id)
    ]
    assert missing == []


async def test_a_damaged_database_is_reported_not_crashed_on(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    unlocked = signed_in(data_dir)
    damaged = data_dir / "housing.sqlite3"
    damaged.write_bytes(b"this is not a database, it was half copied" * 100)
    app = HousingApp(data_dir, clock=clock, unlocked=unlocked)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not app.ready
    # Nothing can be done without it: the app closes, and says why once the screen is gone.
    assert app.return_code == 1
    assert f"{damaged} cannot be opened with this laptop's key" in (app.start_failure or "")
    assert damaged.read_bytes().startswith(b"this is not a database")


async def test_a_note_pasted_in_is_saved_once(data_dir: Path, clock: FixedClock) -> None:
    """A paste into the note (a TextArea, which lets the paste bubble up) is the note once."""
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        await paste(pilot, "Rang the landlord: he will wait until 14 December.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert await app.saves.finished(within=5)
    with open_db(data_dir).reading() as session:
        [note] = session.exec(select(CaseNote)).all()
    assert (note.case_id, note.body) == (
        case_id,
        "Rang the landlord: he will wait until 14 December.",
    )
