"""Saves while another program holds the database's write lock (a first sync holds it for
many seconds): nothing typed is lost, the officer sees it is not saved yet, it lands once the
lock is let go, and closing waits for it or says what is unsaved. Also: what is pasted or
typed is kept as typed, and a typed member is not thrown away without asking."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlmodel import select
from textual import events
from textual.widgets import Input, TextArea

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from screens.action_dialog import ActionDialog
from screens.dialogs import ConfirmDialog
from screens.interview import InterviewScreen
from screens.member_dialog import MemberDialog
from screens.note_dialog import NoteDialog
from storage.database import DATABASE_FILE_NAME
from storage.interviews import load_interview
from storage.tables import Case, CaseAction, CaseNote
from tests.ui.helpers import open_db, open_interview, prepare, settle, signed_in, type_into

# A second process that takes SQLite's write lock and keeps it until told to let go (with the
# database key: the file is SQLCipher).
HOLD_THE_LOCK = """
import sqlcipher3, sys
connection = sqlcipher3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA key = \\"x'%s'\\"" % sys.argv[2])
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
connection.execute("ROLLBACK")
connection.close()
"""


@contextmanager
def write_lock_held(data_dir: Path) -> Iterator[Callable[[], None]]:
    """Hold the database's write lock from another process; yields `release`."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            HOLD_THE_LOCK,
            str(data_dir / DATABASE_FILE_NAME),
            signed_in(data_dir).database_key.hex(),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline().strip() == "locked"

    def release() -> None:
        if holder.poll() is None:
            holder.stdin.write("\n")
            holder.stdin.flush()
            holder.wait(10)

    try:
        yield release
    finally:
        release()


async def until(pilot, condition: Callable[[], bool], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await pilot.pause(0.1)


def saved_answers(data_dir: Path, case_id: str) -> dict[str, str]:
    db = open_db(data_dir)
    try:
        return load_interview(db, case_id).answers
    finally:
        db.close()


def beside(app: HousingApp, key: str) -> str:
    message = app.screen.query_one(f"#saving-{key}")
    return str(message.render()) if message.display else ""


async def test_an_answer_left_while_the_database_is_locked_is_saved_once_it_is_free(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        case_id = await open_interview(pilot)
        await pilot.press("f8")  # local connection
        await settle(pilot)
        with write_lock_held(data_dir) as release:
            app.screen.query_one("#months_resident_of_last_12", Input).focus()
            await pilot.press("7", "tab")
            await until(
                pilot, lambda: "not saved yet" in beside(app, "months_resident_of_last_12").lower()
            )
            assert "months_resident_of_last_12" not in saved_answers(data_dir, case_id)
            release()
            # No key pressed: the save is tried again and lands.
            await until(
                pilot,
                lambda: saved_answers(data_dir, case_id).get("months_resident_of_last_12") == "7",
            )
            await until(pilot, lambda: beside(app, "months_resident_of_last_12") == "")


async def test_quitting_while_locked_says_what_is_unsaved_and_closes_once_saved(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock, demo_clients=20)
    notices: list[str] = []
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))

    def hook(message) -> None:
        if type(message).__name__ == "Notify":
            notices.append(message.notification.message)

    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        case_id = await open_interview(pilot)
        await pilot.press("f8")
        await settle(pilot)
        with write_lock_held(data_dir) as release:
            app.screen.query_one("#special_circumstances", Input).focus()
            await pilot.press(*"Cares for her mother", "ctrl+q")  # quit while in the field
            await until(pilot, lambda: any("Special circumstances" in n for n in notices))
            assert app.is_running
            assert "special_circumstances" not in saved_answers(data_dir, case_id)
            # Ctrl+Q again asks, naming what would be lost; the default keeps waiting.
            await pilot.press("ctrl+q")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            dialog_text = " ".join(str(s.render()) for s in app.screen.query("Static"))
            assert "Special circumstances" in dialog_text
            await pilot.press("enter")  # "Keep waiting"
            assert app.is_running
            release()
            await until(pilot, lambda: not app.is_running)
    assert saved_answers(data_dir, case_id)["special_circumstances"] == "Cares for her mother"


async def test_a_refused_answer_is_not_retried_and_says_why_beside_the_field(
    data_dir: Path, clock: FixedClock
) -> None:
    from datetime import UTC, datetime

    from storage.tables import Case

    officer = prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        case_id = await open_interview(pilot)
        await pilot.press("f8")
        await settle(pilot)
        db = open_db(data_dir)  # another window removes the case meanwhile
        with db.writing(officer.id) as session:
            session.get(Case, case_id).deleted_at = datetime(2026, 11, 20, tzinfo=UTC)
        db.close()
        app.screen.query_one("#months_resident_of_last_12", Input).focus()
        await pilot.press("7", "tab")
        await settle(pilot)
        assert "no longer on record" in beside(app, "months_resident_of_last_12")
        assert app.screen.query_one("#months_resident_of_last_12", Input).value == "7"
        assert not app.saves.unsaved


def change_case(data_dir: Path, officer_id: str, case_id: str, **values: object) -> None:
    """What another window does meanwhile: close, remove or restore the case."""
    db = open_db(data_dir)
    with db.writing(officer_id) as session:
        case = session.get(Case, case_id)
        for name, value in values.items():
            setattr(case, name, value)
    db.close()


def rows_of(data_dir: Path, table: type, case_id: str) -> list:
    db = open_db(data_dir)
    try:
        with db.reading() as session:
            return list(session.exec(select(table).where(table.case_id == case_id)))
    finally:
        db.close()


async def test_a_refused_note_stays_in_its_dialog_with_the_reason_until_it_can_be_saved(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        case_id = app.screen.case_id
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Rang the landlord")
        change_case(data_dir, officer.id, case_id, deleted_at=clock.now())  # removed meanwhile
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        assert app.screen.query_one(TextArea).text == "Rang the landlord"
        problem = str(app.screen.query_one("#saving-problem").render())
        assert problem == "The note was not saved: That case is no longer on record."
        assert not app.saves.unsaved
        assert rows_of(data_dir, CaseNote, case_id) == []
        change_case(data_dir, officer.id, case_id, deleted_at=None)  # put back
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, NoteDialog)
    assert [note.body for note in rows_of(data_dir, CaseNote, case_id)] == ["Rang the landlord"]


async def test_a_refused_plan_step_stays_in_its_dialog_with_the_reason_until_it_can_be_saved(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        case_id = app.screen.case_id
        steps_before = len(rows_of(data_dir, CaseAction, case_id))
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ActionDialog)
        await pilot.press(*"Ring the landlord about arrears")
        await type_into(pilot, "due_on", "+7")
        # Closed meanwhile, in another window.
        change_case(data_dir, officer.id, case_id, status="closed", closed_at=clock.now())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ActionDialog)
        assert app.screen.query_one("#title", Input).value == "Ring the landlord about arrears"
        problem = str(app.screen.query_one("#saving-problem").render())
        assert problem == (
            "The plan step was not saved: That case is closed: its plan can no longer change."
        )
        assert not app.saves.unsaved
        assert len(rows_of(data_dir, CaseAction, case_id)) == steps_before
        change_case(data_dir, officer.id, case_id, status="open", closed_at=None)  # reopened
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ActionDialog)
    titles = [step.title for step in rows_of(data_dir, CaseAction, case_id)]
    assert len(titles) == steps_before + 1
    assert "Ring the landlord about arrears" in titles


async def test_pasted_lines_are_kept_in_a_one_line_field(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        case_id = await open_interview(pilot)
        await pilot.press("f8")
        await settle(pilot)
        field = app.screen.query_one("#special_circumstances", Input)
        field.focus()
        await pilot.press(*"Cares for ")
        field.post_message(events.Paste("Smith\nJones"))  # as the terminal sends a paste
        await settle(pilot)
        assert field.value == "Cares for Smith Jones"
        await pilot.press("tab")
        await settle(pilot)
    assert saved_answers(data_dir, case_id)["special_circumstances"] == "Cares for Smith Jones"


async def test_an_answer_that_cannot_be_read_is_there_with_its_message_when_reopened(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        case_id = await open_interview(pilot)
        await pilot.press("f4")  # threat or loss of home
        await settle(pilot)
        app.screen.query_one("#notice_served_on", Input).focus()
        await pilot.press(*"31/02/2027", "tab")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert app.screen.query_one("#notice_served_on", Input).value == "31/02/2027"
        message = app.screen.query_one("#field-notice_served_on FieldMessage")
        assert message.display and str(message.render())
    db = open_db(data_dir)
    record = load_interview(db, case_id)
    db.close()
    # Kept as typed, and not an answer the assessment can use.
    assert record.typed["notice_served_on"] == "31/02/2027"
    assert record.answers["notice_served_on"] == ""


async def test_escape_in_the_member_form_asks_before_discarding_a_typed_member(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_interview(pilot)
        await pilot.press("ctrl+a")
        await settle(pilot)
        assert isinstance(app.screen, MemberDialog)
        await pilot.press(*"Sam Smith", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the default keeps the member being typed
        await settle(pilot)
        assert isinstance(app.screen, MemberDialog)
        assert app.screen.query_one("#name", Input).value == "Sam Smith"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("tab", "enter")  # "Discard"
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
