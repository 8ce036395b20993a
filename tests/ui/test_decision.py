"""The Decision screen (`s` on a case), by keyboard, checked in the database: open the
application, the inquiries, minded to, the decision; an admin's sign-off refused with who can;
a principal signs off, produces the letter, records the day notified (issue 17 items 1 and 2)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
from sqlmodel import col, select
from textual.widgets import DataTable, OptionList, Static

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.reference.policy import Role
from screens.case_detail import CaseScreen
from screens.caseload import CaseloadScreen
from screens.decision import DecisionScreen
from screens.due import DueScreen
from storage.decisions import SIGN_OFF
from storage.tables import AuditEvent, Case, CaseDocument, HomelessnessApplication
from tests.ui.helpers import (
    interviewed_case,
    open_db,
    paste_into,
    pick,
    prepare,
    settle,
    signed_in,
)
from tests.ui.test_sign_in import add_officer_with_own_passphrase

TODAY = date(2026, 11, 23)


def _application(data_dir: Path, clock: FixedClock) -> HomelessnessApplication | None:
    db = open_db(data_dir, clock)
    try:
        with db.reading() as session:
            return session.exec(select(HomelessnessApplication)).first()
    finally:
        db.close()


def _documents(data_dir: Path, clock: FixedClock) -> list[str]:
    db = open_db(data_dir, clock)
    try:
        with db.reading() as session:
            return [doc.kind for doc in session.exec(select(CaseDocument))]
    finally:
        db.close()


def _letter_words(data_dir: Path, clock: FixedClock, kind: str) -> tuple[list[str], str]:
    """The paragraphs of the letter `kind` kept on the case, as Word opens its .docx, and the
    text the app shows of it."""
    db = open_db(data_dir, clock)
    try:
        with db.reading() as session:
            kept = session.exec(select(CaseDocument).where(CaseDocument.kind == kind)).one()
            assert kept.docx is not None
            word = docx.Document(io.BytesIO(kept.docx))
            return [paragraph.text for paragraph in word.paragraphs], kept.body
    finally:
        db.close()


async def open_decision(pilot, case_id: str) -> DecisionScreen:
    await settle(pilot)
    pilot.app.push_screen(CaseScreen(case_id))
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DecisionScreen)
    return screen


async def fill_in_minded_to(pilot) -> None:
    """Reason to believe; homeless, not in priority need; minded to say so, told today."""
    await pick(pilot, "ground", "reason")
    await pick(pilot, "eligibility", "yes")
    await pick(pilot, "homeless", "yes")
    await pick(pilot, "priority_need", "no")
    await paste_into(pilot, "priority_need_notes", "No medical evidence of vulnerability")
    await pick(pilot, "minded_to_outcome", "homeless")
    await paste_into(pilot, "reasons", "Not vulnerable compared with an ordinary person.")
    await paste_into(pilot, "minded_to_told_on", "today")


async def decide_main_duty(pilot) -> None:
    """On the Decision screen, as a principal: the inquiries found for the main duty, the
    decision made today and saved, and signed off."""
    await pick(pilot, "ground", "reason")
    for inquiry, finding in (
        ("eligibility", "yes"),
        ("homeless", "yes"),
        ("priority_need", "yes"),
        ("intentionality", "no"),
    ):
        await pick(pilot, inquiry, finding)
    await pick(pilot, "outcome", "main")
    await paste_into(pilot, "decided_on", "today")
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.press("ctrl+g")
    await settle(pilot)


async def test_application_to_notified_through_minded_to_and_a_principals_sign_off(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)  # Test Officer: the team's admin, not a principal
    case_id = interviewed_case(data_dir, officer.id)
    add_officer_with_own_passphrase(data_dir, clock, Role.PRINCIPAL)

    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_decision(pilot, case_id)
        await fill_in_minded_to(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = _application(data_dir, clock)
        assert saved is not None
        assert (saved.opened_on, saved.ground) == (TODAY, "reason_to_believe")
        assert (saved.homeless, saved.priority_need) == ("yes", "no")
        assert saved.minded_to_outcome == "no_priority_need"
        assert saved.minded_to_told_on == TODAY

        await pilot.press("ctrl+t")  # the minded-to letter
        await settle(pilot)
        assert _documents(data_dir, clock) == ["minded_to"]

        # Deciding today, inside the 7 days to reply, is refused beside the date until their
        # reply is recorded; nothing typed is lost.
        await pick(pilot, "outcome", "homeless")
        await paste_into(pilot, "decided_on", "today")
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = [str(message.render()) for message in app.screen.query("FieldMessage")]
        assert any("until 30/11/2026 to reply" in message for message in shown), shown
        assert _application(data_dir, clock).outcome is None  # type: ignore[union-attr]
        await paste_into(pilot, "minded_to_reply", "Nothing more to add")
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = _application(data_dir, clock)
        assert saved is not None and saved.outcome == "no_priority_need"
        assert saved.decided_on == TODAY and saved.minded_to_reply == "Nothing more to add"

        await pilot.press("ctrl+g")  # an admin may not sign off
        await settle(pilot)
        told = [note.message for note in app._notifications]
        assert any("Only a principal officer may sign off" in message for message in told)
        assert _application(data_dir, clock).signed_off_on is None  # type: ignore[union-attr]
        await pilot.press("ctrl+t")  # nor can its letter be produced before the sign-off
        await settle(pilot)
        assert _documents(data_dir, clock) == ["minded_to"]

    principal = HousingApp(
        data_dir, clock=clock, unlocked=signed_in(data_dir, "OO", "olu's own words")
    )
    async with principal.run_test(size=(80, 24)) as pilot:
        await open_decision(pilot, case_id)
        await pilot.press("ctrl+g")
        await settle(pilot)
        signed = _application(data_dir, clock)
        assert signed is not None and signed.signed_off_on == TODAY
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert sorted(_documents(data_dir, clock)) == ["decision_no_priority_need", "minded_to"]
        # Kept as the Word letter: the reasons typed, and the right to a review by the 21st
        # day counting the letter's day (Monday 23 November 2026: Sunday 13 December 2026).
        words, shown = _letter_words(data_dir, clock, "decision_no_priority_need")
        assert "Not vulnerable compared with an ordinary person." in words
        assert "Your right to ask for a review" in words
        assert any("by Sunday 13 December 2026" in paragraph for paragraph in words)
        assert "Sunday 13 December 2026" in shown
        minded_to, _ = _letter_words(data_dir, clock, "minded_to")
        assert "Homeless, not in priority need" in minded_to
        await paste_into(pilot, "notified_on", "today")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")  # saved: back to the case without a question
        await settle(pilot)
        assert isinstance(principal.screen, CaseScreen)
        shown = str(principal.screen.query_one("#case-application").render())
        assert "Stage: decision notified" in shown
        assert "H-CLIC main duty decision: Homeless + no priority need" in shown
        await pilot.press("l")  # the letters screen lists them, to read and copy
        await settle(pilot)
        listed = [str(option.prompt) for option in principal.screen.query_one(OptionList).options]
        assert any("Decision: not in priority need" in option for option in listed), listed
        assert any("Minded to" in option for option in listed), listed

    done = _application(data_dir, clock)
    assert done is not None
    assert (done.letter_on, done.notified_on) == (TODAY, TODAY)
    db = open_db(data_dir, clock)
    try:
        with db.reading() as session:
            events = session.exec(select(AuditEvent).where(AuditEvent.action == SIGN_OFF)).all()
            assert [(event.record_id, event.officer_id) for event in events] == [
                (done.id, done.signed_off_by)
            ]
            # Each officer who was shown the saved application is in its trail.
            viewed = session.exec(
                select(AuditEvent.officer_id).where(
                    AuditEvent.action == "view",
                    AuditEvent.table_name == "homelessness_application",
                )
            ).all()
            assert done.signed_off_by in viewed and len(set(viewed)) == 2
    finally:
        db.close()


async def test_main_duty_notified_is_the_cases_status_and_each_letter_a_version(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    principal = add_officer_with_own_passphrase(data_dir, clock, Role.PRINCIPAL)
    case_id = interviewed_case(data_dir, principal.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir, "OO", "olu's own words"))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_decision(pilot, case_id)
        await decide_main_duty(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("ctrl+t")  # produced again: the first is kept, this is version 2
        await settle(pilot)
        # Signed off with its letter, not yet notified: the duty is not owed yet.
        assert _case_status(data_dir, clock, case_id) == "open"
        await paste_into(pilot, "notified_on", "today")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert _case_status(data_dir, clock, case_id) == "main_duty"

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        header = str(app.screen.query_one("#case-summary").render())
        assert "Main housing duty" in header, header
        shown = str(app.screen.query_one("#case-documents").render())
        assert "Decision: main housing duty owed v2" in shown, shown
        assert "-decision-main-duty-v02-2026-11-23.docx" in shown, shown
        await pilot.press("l")  # the letters screen lists both versions
        await settle(pilot)
        listed = [str(option.prompt) for option in app.screen.query_one(OptionList).options]
        assert [o for o in listed if "main housing duty owed" in o] == [
            "Sent 23/11/2026 OO: Decision: main housing duty owed v2",
            "Sent 23/11/2026 OO: Decision: main housing duty owed v1",
        ], listed

        # Still on the caseload with the open cases, and alone on it with m.
        app.pop_screen()
        app.pop_screen()
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert app.screen.query_one(DataTable).get_row(case_id)
        await pilot.press("m")
        await settle(pilot)
        status = str(app.screen.query_one("#caseload-status", Static).render())
        assert status.startswith("My main housing duty cases: 1–1 of 1"), status
        await pilot.press("u")  # and on the due list
        await settle(pilot)
        assert isinstance(app.screen, DueScreen)
        due = str(app.screen.query_one(DataTable).get_row_at(0))
        assert "Tenant" in due, due

    kept = _versions(data_dir, clock, "decision_main_duty")
    assert [(version, name[-29:]) for version, name in kept] == [
        (1, "main-duty-v01-2026-11-23.docx"),
        (2, "main-duty-v02-2026-11-23.docx"),
    ]


def _case_status(data_dir: Path, clock: FixedClock, case_id: str) -> str:
    db = open_db(data_dir, clock)
    try:
        with db.reading() as session:
            return session.exec(select(Case.status).where(Case.id == case_id)).one()
    finally:
        db.close()


def _versions(data_dir: Path, clock: FixedClock, kind: str) -> list[tuple[int, str]]:
    db = open_db(data_dir, clock)
    try:
        with db.reading() as session:
            rows = session.exec(
                select(CaseDocument)
                .where(CaseDocument.kind == kind)
                .order_by(col(CaseDocument.plan_version))
            )
            return [(row.plan_version, row.file_name) for row in rows]
    finally:
        db.close()
