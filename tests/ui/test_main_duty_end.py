"""Ending the main housing duty by keyboard, checked in the database: from the case (`s`), a
principal decides the main duty and the applicant is notified; Ctrl+E records the end (the day,
why, what happened), Ctrl+T produces its letter, Ctrl+E again records the day they got it; the
case leaves the main-duty status. And a review recorded as overturning an adverse decision to
the main duty gives the case the main-duty status, on the header and the caseload."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlmodel import select
from textual.widgets import DataTable, Static

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.reference.policy import Role
from screens.case_detail import CaseScreen
from screens.caseload import CaseloadScreen
from screens.decision import DecisionScreen
from screens.main_duty_end_dialog import MainDutyEndDialog
from storage.decisions import MAIN_DUTY_END
from storage.tables import AuditEvent
from tests.ui.helpers import interviewed_case, open_db, paste_into, pick, prepare, settle, signed_in
from tests.ui.test_decision import (
    _application,
    _case_status,
    _documents,
    _letter_words,
    decide_main_duty,
    open_decision,
)
from tests.ui.test_sign_in import add_officer_with_own_passphrase
from tests.unit.test_main_duty_end_storage import notified_adverse_decision

TODAY = date(2026, 11, 23)


async def main_duty_owed(pilot, case_id: str) -> None:
    await open_decision(pilot, case_id)
    await decide_main_duty(pilot)
    await pilot.press("ctrl+t")
    await settle(pilot)
    await paste_into(pilot, "notified_on", "today")
    await pilot.press("ctrl+s")
    await settle(pilot)


def principal_app(data_dir: Path, clock: FixedClock) -> tuple[HousingApp, str]:
    prepare(data_dir, clock)
    principal = add_officer_with_own_passphrase(data_dir, clock, Role.PRINCIPAL)
    case_id = interviewed_case(data_dir, principal.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir, "OO", "olu's own words"))
    return app, case_id


async def test_an_officer_ends_the_main_duty_produces_its_letter_and_records_it_notified(
    data_dir: Path, clock: FixedClock
) -> None:
    app, case_id = principal_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await main_duty_owed(pilot, case_id)
        assert _case_status(data_dir, clock, case_id) == "main_duty"

        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, MainDutyEndDialog)
        await pick(pilot, "main_duty_end_reason", "private rented sector offer accepted")
        await paste_into(pilot, "main_duty_end_note", "They took the tenancy of 4 Elm Road.")
        await pilot.press("ctrl+s")  # the day it ended is today, as the dialog opened with
        await settle(pilot)
        assert isinstance(app.screen, DecisionScreen)
        ended = _application(data_dir, clock)
        assert ended is not None
        assert (ended.main_duty_ended_on, ended.main_duty_end_reason) == (
            TODAY,
            "prs_offer_accepted",
        )
        assert ended.main_duty_end_note == "They took the tenancy of 4 Elm Road."
        assert _case_status(data_dir, clock, case_id) == "open"

        await pilot.press("ctrl+t")  # the letter for the stage reached: the end's
        await settle(pilot)
        assert "main_duty_ended" in _documents(data_dir, clock)
        words, _ = _letter_words(data_dir, clock, "main_duty_ended")
        assert any(
            "because you accepted a private rented sector offer." in paragraph
            for paragraph in words
        ), words
        assert "Your right to ask for a review" in words
        assert "They took the tenancy of 4 Elm Road." in words

        await pilot.press("ctrl+e")  # again: the end as recorded, and the day they got it
        await settle(pilot)
        assert isinstance(app.screen, MainDutyEndDialog)
        await paste_into(pilot, "main_duty_end_notified_on", "today")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DecisionScreen)
        notified = _application(data_dir, clock)
        assert notified is not None
        assert (notified.main_duty_end_letter_on, notified.main_duty_end_notified_on) == (
            TODAY,
            TODAY,
        )

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        shown = str(app.screen.query_one("#case-application").render())
        assert "Stage: main duty ended" in shown, shown
        assert (
            "Main duty ended 23/11/2026: Accepted a private rented sector offer; notified "
            "23/11/2026" in shown
        ), shown
        header = str(app.screen.query_one("#case-summary").render())
        assert "Main housing duty" not in header, header

    db = open_db(data_dir, clock)
    try:
        with db.reading() as session:
            events = session.exec(
                select(AuditEvent).where(AuditEvent.action == MAIN_DUTY_END)
            ).all()
            assert [event.record_id for event in events] == [notified.id]
    finally:
        db.close()


async def test_a_case_not_owed_the_main_duty_has_nothing_to_end(
    data_dir: Path, clock: FixedClock
) -> None:
    app, case_id = principal_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_decision(pilot, case_id)
        await decide_main_duty(pilot)  # decided and signed off, not yet notified
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, DecisionScreen)
        told = [note.message for note in app._notifications]
        assert any("not owed on this case" in message for message in told), told
    assert _application(data_dir, clock).main_duty_ended_on is None  # type: ignore[union-attr]


async def test_escape_in_the_main_duty_end_asks_before_dropping_what_was_typed(
    data_dir: Path, clock: FixedClock
) -> None:
    app, case_id = principal_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await main_duty_owed(pilot, case_id)
        await pilot.press("ctrl+e")
        await settle(pilot)
        await paste_into(pilot, "main_duty_end_note", "They took the tenancy of 4 Elm Road.")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")  # the question's first answer keeps what was typed
        await settle(pilot)
        assert isinstance(app.screen, MainDutyEndDialog)
        assert app.screen.form_text()["main_duty_end_note"] == (
            "They took the tenancy of 4 Elm Road."
        )
        await pick(pilot, "main_duty_end_reason", "private rented sector offer accepted")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert _application(data_dir, clock).main_duty_end_reason == "prs_offer_accepted"  # type: ignore[union-attr]


async def test_a_review_overturning_an_adverse_decision_gives_the_main_duty(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    db = open_db(data_dir, clock)
    try:
        case_id = notified_adverse_decision(db, officer.id, notified_on=TODAY)
    finally:
        db.close()
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_decision(pilot, case_id)
        await paste_into(pilot, "review_requested_on", "today")
        await pick(pilot, "review_outcome", "overturned main")
        await paste_into(pilot, "review_decided_on", "today")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert _case_status(data_dir, clock, case_id) == "main_duty"
        reviewed = _application(data_dir, clock)
        assert reviewed is not None and reviewed.review_outcome == "overturned_main_duty"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        header = str(app.screen.query_one("#case-summary").render())
        assert "Main housing duty" in header, header
        shown = str(app.screen.query_one("#case-application").render())
        assert "Stage: main duty (review overturned the decision)" in shown, shown
        app.pop_screen()  # back to the caseload
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        await pilot.press("t", "m")  # the team's cases owed the main duty
        await settle(pilot)
        assert app.screen.query_one(DataTable).get_row(case_id)
        status = str(app.screen.query_one("#caseload-status", Static).render())
        assert "main housing duty cases: 1–1 of 1" in status, status
