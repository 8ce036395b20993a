"""Issued documents stay in the encrypted database: issuing a plan or a letter writes no file
in the data folder, and Ctrl+E writes a copy only where the officer says (never in the data
folder; an existing file is kept unless they say to replace it), 0600, audited as an export."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import docx
from sqlmodel import select
from textual.pilot import Pilot
from textual.widgets import Static

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from screens.dialogs import ConfirmDialog
from screens.letter import LetterScreen
from screens.plan import PlanScreen
from screens.save_copy import SaveCopyDialog
from storage.audit import EXPORT
from storage.tables import AuditEvent, CaseDocument
from tests.ui.helpers import open_db, prepare, settle, signed_in
from tests.ui.test_plan_and_letters import SIZE, make_case, open_screen


def files_under(folder: Path) -> list[Path]:
    return [Path(root) / name for root, _, names in os.walk(folder) for name in names]


def issued(data_dir: Path, case_id: str) -> list[CaseDocument]:
    with open_db(data_dir).reading() as session:
        return list(session.exec(select(CaseDocument).where(CaseDocument.case_id == case_id)))


def exports(data_dir: Path) -> list[AuditEvent]:
    with open_db(data_dir).reading() as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.action == EXPORT)))


async def save_copy_to(pilot: Pilot, path: Path) -> None:
    """Ctrl+E, the offered path rubbed out, `path` typed, Enter."""
    await pilot.press("ctrl+e")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SaveCopyDialog)
    await pilot.press("ctrl+u", *str(path), "enter")
    await settle(pilot)


def assert_nothing_written_in(data_dir: Path, body: str) -> None:
    """No file in the data folder holds the document, as a file or in plain text."""
    assert not (data_dir / "documents").exists()
    words = [line for line in body.splitlines() if "Jo Bloggs" in line]
    assert words  # the client's name is in the document
    for path in files_under(data_dir):
        assert b"Bloggs" not in path.read_bytes(), path


async def test_issuing_a_plan_writes_no_file_and_ctrl_e_saves_a_copy_where_asked(
    data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    officer = prepare(data_dir, clock)
    case_id = make_case(data_dir, officer)
    copy = tmp_path / "out" / "plan for Jo.docx"
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, PlanScreen(case_id))
        await pilot.press("ctrl+s")
        await settle(pilot)
        [plan] = issued(data_dir, case_id)
        assert_nothing_written_in(data_dir, plan.body)

        await save_copy_to(pilot, copy)
        assert isinstance(app.screen, PlanScreen)

    # The copy is the .docx issued, as the database keeps it: Word opens it, the client's
    # name in it.
    assert plan.docx is not None and copy.read_bytes() == plan.docx
    words = [paragraph.text for paragraph in docx.Document(str(copy)).paragraphs]
    assert "Dear Jo Bloggs," in words
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    [export] = exports(data_dir)
    assert (export.officer_id, export.table_name, export.record_id) == (
        officer.id,
        "case_document",
        plan.id,
    )
    assert json.loads(export.changes) == {"case_id": case_id, "file": str(copy)}


async def test_a_letter_copy_is_refused_inside_the_data_folder_and_kept_if_the_file_exists(
    data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    officer = prepare(data_dir, clock)
    case_id = make_case(data_dir, officer)
    there = tmp_path / "letter.md"
    there.write_text("the officer's own file")
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, LetterScreen(case_id))
        await pilot.press("ctrl+s")
        await settle(pilot)
        [letter] = issued(data_dir, case_id)
        assert_nothing_written_in(data_dir, letter.body)

        await save_copy_to(pilot, data_dir / "letters" / "letter.md")
        dialog = app.screen
        assert isinstance(dialog, SaveCopyDialog)  # still asking, with why
        assert "data folder" in " ".join(
            str(message.render()) for message in dialog.query("FieldMessage")
        )
        await pilot.press("escape")  # asks before dropping what was typed
        await settle(pilot)
        await pilot.press("right", "enter")  # "Discard"
        await settle(pilot)
        assert isinstance(app.screen, LetterScreen)

        await save_copy_to(pilot, there)
        await pilot.press("enter")  # "Keep it", the first answer
        await settle(pilot)

    assert not (data_dir / "letters").exists()
    assert there.read_text() == "the officer's own file"
    assert exports(data_dir) == []


async def test_plain_copies_from_before_are_shown_at_sign_in_and_kept_unless_removed(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    old = data_dir / "documents" / "HOC-0001"
    old.mkdir(parents=True)
    for name in ("plan.md", "letter.md"):
        (old / name).write_text("Dear Jo Bloggs")
    for answer, kept in ((["enter"], True), (["right", "enter"], False)):  # Keep, then Remove
        app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ConfirmDialog)
            said = " ".join(str(text.render()) for text in dialog.query(Static))
            assert "2 unencrypted copies of letters, plans and agreements" in said
            assert str(data_dir / "documents") in said
            await pilot.press(*answer)
            await settle(pilot)
            assert not isinstance(app.screen, ConfirmDialog)
        assert (data_dir / "documents").exists() is kept

    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:  # none left: nothing asked
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmDialog)


async def test_an_old_markdown_template_is_named_at_sign_in_as_no_longer_used(
    data_dir: Path, clock: FixedClock
) -> None:
    # A council's letterhead.md from before documents were .docx would otherwise be ignored
    # without a word: the officer is told which file, and that docs/letters.md says what to do.
    prepare(data_dir, clock)
    (data_dir / "templates").mkdir()
    old = data_dir / "templates" / "letterhead.md"
    old.write_text("EXAMPLE BOROUGH COUNCIL\n")
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        told = [n.message for n in app._notifications if n.title == "Letter templates"]
    assert len(told) == 1
    assert f"{old}: a Markdown template, no longer used" in told[0]
    assert "docs/letters.md" in told[0]
    assert old.read_text() == "EXAMPLE BOROUGH COUNCIL\n"  # the council's file is left alone
