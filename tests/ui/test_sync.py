"""Syncing from the app by keyboard, checked in the database: the first Ctrl+R asks where the
team store is, a wrong location stays on the form with what is wrong, another laptop's work
arrives and shows, conflicts are decided with one key, and an unreachable store loses nothing."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlmodel import select
from textual.notifications import Notify
from textual.widgets import DataTable, Input

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.settings import LocalSettings
from screens.case_detail import CaseScreen
from screens.conflicts import ConflictsScreen
from screens.sync_dialog import SyncSettingsDialog
from storage.sync.conflicts import open_conflicts
from storage.sync.engine import status
from storage.tables import Case, Client, SyncConflict
from tests.ui.helpers import open_db, paste, prepare, settle, signed_in
from tests.ui.sync_helpers import (
    CASE_ID,
    OTHER_CASE_ID,
    OtherLaptop,
    laptops_with_a_conflict,
    store,
    use_store,
)


class Notices:
    """The notifications the app showed, as text."""

    def __init__(self) -> None:
        self.shown: list[str] = []

    def __call__(self, message: object) -> None:
        if isinstance(message, Notify):
            self.shown.append(message.notification.message)

    def any(self, text: str) -> bool:
        return any(text in notice for notice in self.shown)


async def until(pilot, condition) -> None:
    """Wait for the screen to catch up while a sync is held in its worker (settle would wait
    for the worker itself)."""
    for _ in range(50):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("not seen on screen")


def message_beside_location(app: HousingApp) -> str:
    message = app.screen.query_one("#field-sync-location FieldMessage")
    return str(message.render()) if message.display else ""


async def type_location(pilot, text: str) -> None:
    field = pilot.app.screen.query_one("#sync-location", Input)
    field.focus()
    await pilot.press("home", "ctrl+k")
    await paste(pilot, text)


async def test_the_first_sync_asks_where_the_store_is_and_brings_the_teams_work(
    data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    prepare(data_dir, clock)
    folder = store(tmp_path)
    other = OtherLaptop(tmp_path, data_dir)
    other.add_case()
    other.sync(folder)
    other.close()
    notices = Notices()
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, SyncSettingsDialog)
        await type_location(pilot, str(folder))
        await pilot.press("tab", "space", "ctrl+s")  # and sync when the app starts
        await settle(pilot)
        await pilot.press("t")  # the team's caseload: the other officer's case is there
        await settle(pilot)
        table = app.screen.query_one("#caseload-table", DataTable)
        assert OTHER_CASE_ID in table.rows
        assert "Rhea Remote" in [str(cell) for cell in table.get_row(OTHER_CASE_ID)]
    settings = LocalSettings.load(data_dir)
    assert (settings.sync_location, settings.sync_on_start, settings.sync_on_exit) == (
        str(folder),
        True,
        False,
    )
    assert settings.officer_id is None  # settings.json never says who is signed in
    with open_db(data_dir).reading() as session:
        assert session.get(Client, "c11e0000-0000-4000-8000-0000000000b2").surname == "Remote"
    assert notices.any("received")


async def test_a_wrong_location_stays_on_the_form_with_what_is_wrong(
    data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    prepare(data_dir, clock)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert message_beside_location(app).startswith("Type the team store")

        await type_location(pilot, str(tmp_path / "no-such-folder"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SyncSettingsDialog)
        assert app.screen.query_one("#sync-location", Input).value == str(
            tmp_path / "no-such-folder"
        )
        assert "There is no folder" in message_beside_location(app)

        await type_location(pilot, str(a_file))
        await pilot.press("tab")  # said when the field is left, too
        await settle(pilot)
        assert message_beside_location(app).endswith("is a file, not a folder.")

        await type_location(pilot, "https://example.org/store")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "postgresql+psycopg://" in message_beside_location(app)

        # Escape asks before dropping the typed location; Enter keeps it, as does Escape.
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SyncSettingsDialog)
        assert app.screen.query_one("#sync-location", Input).value == "https://example.org/store"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("tab", "enter")  # "Discard"
        await settle(pilot)
        assert not isinstance(app.screen, SyncSettingsDialog)
    assert LocalSettings.load(data_dir).sync_location is None


async def test_one_key_puts_a_lost_value_back_on_the_case(
    data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    laptops_with_a_conflict(data_dir, tmp_path, clock).close()
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the only case of mine
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        conflicts = app.screen.query_one("#case-conflicts")
        assert conflicts.display
        assert [c.field for c in conflicts.conflicts] == ["Must leave on", "Phone"]
        assert app.focused is conflicts.query_one(DataTable)  # ready for the key
        await pilot.press("u")
        await settle(pilot)
        assert [c.field for c in conflicts.conflicts] == ["Phone"]
        await pilot.press("u")
        await settle(pilot)
        assert not conflicts.display  # the section goes with the last conflict
    db = open_db(data_dir)
    with db.reading() as session:
        case = session.get(Case, CASE_ID)
        assert str(case.must_leave_on) == "2026-12-04"
        assert session.get(Client, case.client_id).phone == "07700 900111"
        decided = session.exec(select(SyncConflict.resolution)).all()
    assert decided == ["restored", "restored"]
    assert open_conflicts(db) == []


async def test_the_conflicts_screen_keeps_the_current_value(
    data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    other = laptops_with_a_conflict(data_dir, tmp_path, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"Sync conflicts", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConflictsScreen)
        await pilot.press("down", "k")  # the phone's
        await settle(pilot)
        remaining = app.screen.query_one("#conflicts").conflicts
        assert [c.field for c in remaining] == ["Must leave on"]
        await pilot.press("ctrl+r")  # the decision goes to the other laptop
        await settle(pilot)
    db = open_db(data_dir)
    with db.reading() as session:
        case = session.get(Case, CASE_ID)
        assert session.get(Client, case.client_id).phone == "07700 900222"
    [left] = open_conflicts(db)
    assert left.field == "Must leave on"
    other.sync(store(tmp_path))
    assert [c.field for c in open_conflicts(other.db)] == ["Must leave on"]
    other.close()


async def test_an_unreachable_store_loses_nothing(
    data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    officer = prepare(data_dir, clock)
    use_store(data_dir, tmp_path / "drive-not-connected")
    db = open_db(data_dir)
    with db.writing(officer.id) as session:
        session.add(Client(forenames="Kept", surname="Locally"))
    unsent = status(db).unsent
    notices = Notices()
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert notices.any("Working offline")
        assert not app.team_sync.running
        await pilot.press("ctrl+r")  # and it can be tried again
        await settle(pilot)
        assert sum("Working offline" in notice for notice in notices.shown) == 2
    assert status(db).unsent == unsent
    with db.reading() as session:
        assert session.exec(select(Client).where(Client.surname == "Locally")).one()


async def test_a_second_sync_key_while_one_runs_is_refused(
    data_dir: Path, clock: FixedClock, tmp_path: Path, monkeypatch
) -> None:
    import screens.syncing

    prepare(data_dir, clock)
    use_store(data_dir, store(tmp_path))
    started, release = threading.Event(), threading.Event()
    real_sync = screens.syncing.run_sync

    def slow_sync(*args, **kwargs):
        started.set()
        release.wait(10)
        return real_sync(*args, **kwargs)

    monkeypatch.setattr(screens.syncing, "run_sync", slow_sync)
    notices = Notices()
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        assert started.wait(5)
        await until(pilot, lambda: app.screen.query("SyncLine"))
        assert str(app.screen.query_one("SyncLine").render()) == "Sync: connecting…"
        await pilot.press("ctrl+r")
        await until(pilot, lambda: notices.any("A sync is already running"))
        release.set()
        await settle(pilot)
        assert not app.screen.query("SyncLine")
    assert sum(notice.startswith("Synced with") for notice in notices.shown) == 1


async def test_ctrl_q_again_closes_without_waiting_for_the_sync(
    data_dir: Path, clock: FixedClock, tmp_path: Path, monkeypatch
) -> None:
    import screens.syncing

    prepare(data_dir, clock)
    use_store(data_dir, store(tmp_path), sync_on_exit=True)
    started, release = threading.Event(), threading.Event()
    real_sync = screens.syncing.run_sync

    def stuck_sync(*args, **kwargs):  # a network drive that does not answer
        started.set()
        release.wait(10)
        return real_sync(*args, **kwargs)

    monkeypatch.setattr(screens.syncing, "run_sync", stuck_sync)
    notices = Notices()
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    try:
        async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+q")
            assert started.wait(5)
            await until(pilot, lambda: notices.any("Syncing before closing"))
            assert app.is_running
            await pilot.press("ctrl+q")
            await until(pilot, lambda: not app.is_running)
    finally:
        release.set()


async def test_sync_on_start_and_on_closing(
    data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    officer = prepare(data_dir, clock)
    folder = store(tmp_path)
    use_store(data_dir, folder, sync_on_start=True, sync_on_exit=True)
    other = OtherLaptop(tmp_path, data_dir)
    other.add_case()
    other.sync(folder)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)  # synced on start, no key pressed
        with app.services.db.reading() as session:
            assert session.get(Case, OTHER_CASE_ID) is not None
        with app.services.db.writing(officer.id) as session:
            session.add(Client(forenames="Written", surname="Before Closing"))
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.return_code == 0
    other.sync(folder)
    with other.db.reading() as session:
        assert session.exec(select(Client).where(Client.surname == "Before Closing")).one()
    other.close()


async def test_a_password_typed_in_the_sync_settings_never_reaches_settings_json(
    data_dir: Path, clock: FixedClock, monkeypatch
) -> None:
    """Typed in the dialog, a PostgreSQL address's password goes to the encrypted database
    before settings.json is written: no write of settings.json ever holds it."""
    import storage.private_files
    from storage.sync.store_password import with_password

    prepare(data_dir, clock)
    password = "Pw-typed-in-dialog-7c1"
    bare = "postgresql+psycopg://housing@127.0.0.1:1/team"
    full = bare.replace("housing@", f"housing:{password}@")
    written: list[str] = []
    real = storage.private_files.write_private

    def watched(path: Path, text: str) -> None:  # every write of a private file, as made
        written.append(text)
        real(path, text)

    monkeypatch.setattr(storage.private_files, "write_private", watched)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await type_location(pilot, full)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert LocalSettings.load(data_dir).sync_location == bare
    assert any(bare in text for text in written)  # settings.json was written, without it
    assert not [text for text in written if password in text]
    db = open_db(data_dir)
    try:
        assert with_password(db, bare) == full
    finally:
        db.close()
