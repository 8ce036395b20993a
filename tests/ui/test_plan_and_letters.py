"""The Personal Housing Plan and the duty letters by keyboard, at 80x24, on a real data folder:
what is issued is in the (encrypted) database and nowhere else until the officer saves a copy
where they choose (Ctrl+E), and an end notice is never produced without the officer's
reasons."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import docx
from sqlmodel import select
from textual.widgets import Markdown, TextArea

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.casework.duties import DutyKind
from housing_tui.documents.build_templates import build
from housing_tui.documents.rendering import long_date
from housing_tui.prevention.actions import ActionOwner, ActionStatus
from housing_tui.reference.policy import load_policy
from screens.letter import LetterScreen
from screens.plan import DRAFT, PlanScreen
from storage.cases import close_case
from storage.interviews import save_answer
from storage.plans import add_actions, end_duty, start_duty
from storage.rows import OfficerRow, case_ref
from storage.tables import Case, CaseDocument, Client, Duty
from tests.ui.helpers import open_db, prepare, settle, signed_in

APPROACHED = datetime(2026, 11, 2, 10, 30, tzinfo=UTC)  # Monday 2 November 2026
TODAY = date(2026, 11, 23)  # the tests' clock (tests/conftest.py)
SIZE = (80, 24)


def make_case(data_dir: Path, officer: OfficerRow, *, duty: bool = True) -> str:
    """Jo Bloggs's case, with a step for each side and, unless `duty` is False, the
    prevention duty from the day she approached."""
    db = open_db(data_dir)
    with db.writing(officer.id) as session:
        client = Client(
            forenames="Jo",
            surname="Bloggs",
            address="1 Example Street, Exampletown",
            postcode="EX1 1AA",
        )
        session.add(client)
        session.flush()
        case = Case(
            client_id=client.id,
            officer_id=officer.id,
            approached_at=APPROACHED,
            channel="phone",
            urgency="threatened",
            presenting_problem="family_friends",
        )
        session.add(case)
    add_actions(
        db,
        officer_id=officer.id,
        case_id=case.id,
        actions=[
            {
                "title": "Family mediation",
                "owner": ActionOwner.COUNCIL,
                "due_on": date(2026, 11, 30),
                "status": ActionStatus.AGREED,
                "council_step": "We will book a family mediation session",
                "applicant_step": "You will go to the mediation session",
            },
            {
                "title": "Bring your bank statements for the last three months",
                "owner": ActionOwner.APPLICANT,
                "due_on": date(2026, 12, 4),
                "status": ActionStatus.AGREED,
            },
        ],
    )
    if duty:
        start_duty(
            db,
            officer_id=officer.id,
            case_id=case.id,
            kind=DutyKind.PREVENTION,
            started_on=APPROACHED.date(),
        )
    db.close()
    return case.id


async def open_screen(pilot, screen: PlanScreen | LetterScreen) -> None:
    await settle(pilot)  # the database is open and the officer known
    pilot.app.push_screen(screen)
    await settle(pilot)


def documents(data_dir: Path, case_id: str) -> list[CaseDocument]:
    with open_db(data_dir).reading() as session:
        return list(
            session.exec(
                select(CaseDocument)
                .where(CaseDocument.case_id == case_id)
                .order_by(CaseDocument.plan_version)
            )
        )


def duty_row(data_dir: Path, case_id: str) -> Duty:
    with open_db(data_dir).reading() as session:
        return session.exec(select(Duty).where(Duty.case_id == case_id)).one()


def set_duty_deleted(data_dir: Path, duty_id: str, officer: OfficerRow, *, deleted: bool) -> None:
    """The duty withdrawn (or put back) from another window of the app."""
    db = open_db(data_dir)
    with db.writing(officer.id) as session:
        duty = session.get(Duty, duty_id)
        assert duty is not None
        duty.deleted_at = datetime(2026, 11, 23, 9, tzinfo=UTC) if deleted else None
    db.close()


def shown(app: HousingApp, markdown_id: str) -> str:
    return app.screen.query_one(f"#{markdown_id}", Markdown).source


def heading(app: HousingApp, static_id: str) -> str:
    return str(app.screen.query_one(f"#{static_id}").render())


# --- the plan ------------------------------------------------------------------------------------


async def test_issuing_the_plan_keeps_version_1_then_version_2(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = make_case(data_dir, officer)
    review_on = TODAY + timedelta(days=load_policy(data_dir).deadlines.php_review_days)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, PlanScreen(case_id))
        assert "Draft of version 1, not issued" in heading(app, "plan-heading")
        draft = shown(app, "plan-text")
        assert "We will book a family mediation session" in draft

        await pilot.press("ctrl+s")
        await settle(pilot)
        # The issued version is selected, ready for a copy to print or email.
        assert "Ctrl+E saves a copy" in heading(app, "plan-heading")
        assert shown(app, "plan-text") == draft

        await pilot.press("up")  # back to the draft, now of version 2
        await settle(pilot)
        assert app.screen.selected == DRAFT
        assert "Draft of version 2" in heading(app, "plan-heading")
        await pilot.press("ctrl+s")
        await settle(pilot)

    [v1, v2] = documents(data_dir, case_id)
    assert (v1.kind, v1.plan_version, v1.issued_on, v1.review_on) == (
        "personal_housing_plan",
        1,
        TODAY,
        review_on,
    )
    assert (v2.kind, v2.plan_version) == ("personal_housing_plan", 2)
    text = v1.body
    assert text == draft  # saved exactly as previewed
    council = load_policy(data_dir).council.name
    assert council in text
    assert "We will book a family mediation session, by Monday 30 November 2026" in text
    assert "You will go to the mediation session, by Monday 30 November 2026" in text
    assert "Bring your bank statements for the last three months, by Friday 4 December" in text
    assert f"We will review this plan by {long_date(review_on)}" in text
    assert "The help we owe you" in text
    assert "This version replaces version 1" in v2.body
    assert v1.file_name == f"{case_ref(case_id)}-personal-housing-plan-v01-2026-11-23.docx"


async def test_a_case_never_owed_a_duty_gets_written_advice_without_duties(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = make_case(data_dir, officer, duty=False)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, PlanScreen(case_id))
        assert heading(app, "plan-heading").startswith("Written advice: Jo Bloggs")
        await pilot.press("ctrl+s")
        await settle(pilot)

    [advice] = documents(data_dir, case_id)
    assert (advice.kind, advice.plan_version, advice.review_on) == ("written_advice", 1, None)
    text = advice.body
    assert "Your written housing advice" in text
    assert "The help we owe you" not in text
    assert "We will book a family mediation session" in text


async def test_a_closed_case_gets_written_advice_even_after_a_duty(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = make_case(data_dir, officer)
    close_case(open_db(data_dir), officer_id=officer.id, case_id=case_id, closed_at=APPROACHED)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, PlanScreen(case_id))
        assert "(the case is closed)" in heading(app, "plan-heading")
        await pilot.press("ctrl+s")
        await settle(pilot)
    [advice] = documents(data_dir, case_id)
    assert (advice.kind, advice.review_on) == ("written_advice", None)
    assert "The help we owe you" not in advice.body


async def test_a_council_template_that_cannot_be_used_stops_issuing_and_says_why(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = make_case(data_dir, officer)
    (data_dir / "templates").mkdir()
    (data_dir / "templates" / "personal_housing_plan.docx").write_bytes(
        build("Dear {{ client_nmae }}\n")
    )
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, PlanScreen(case_id))
        problem = str(app.screen.query_one("#plan-problem").render())
        assert "{{ client_nmae }}" in problem and "personal_housing_plan.docx" in problem
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert documents(data_dir, case_id) == []
    assert not (data_dir / "documents").exists()


# --- the letters ---------------------------------------------------------------------------------


async def test_producing_the_prevention_start_letter_takes_it_off_the_list(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = make_case(data_dir, officer)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, LetterScreen(case_id))
        screen = app.screen
        assert [letter.kind.value for letter in screen.view.needed] == ["prevention_start"]
        assert not screen.query_one("#letter-reasons-field").display  # no reasons to give
        assert "Dear Jo Bloggs" in shown(app, "letter-text")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.view.needed == ()
        assert "Ctrl+E saves a copy" in heading(app, "letter-heading")

    assert duty_row(data_dir, case_id).start_letter_on == TODAY
    [letter] = documents(data_dir, case_id)
    assert (letter.kind, letter.duty_id) == ("prevention_start", duty_row(data_dir, case_id).id)
    assert "Monday 2 November 2026" in letter.body  # the day the duty started


async def test_an_end_notice_needs_reasons_and_keeps_them_when_saving_fails(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = make_case(data_dir, officer)
    db = open_db(data_dir)
    duty_id = duty_row(data_dir, case_id).id
    end_duty(
        db,
        officer_id=officer.id,
        duty_id=duty_id,
        ended_on=date(2026, 11, 20),
        end_reason="contact_lost",
    )
    db.close()
    reasons = "We wrote to you on 9 and 16 November and phoned twice, and you did not reply."
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, LetterScreen(case_id))
        screen = app.screen
        await pilot.press("down")  # past the start letter, to the end notice
        await settle(pilot)
        assert screen.query_one("#letter-reasons-field").display

        await pilot.press("ctrl+s")  # no reasons: refused, with the message beside the field
        await settle(pilot)
        message = screen.query_one("#letter-reasons-error")
        assert message.display and "reasons" in str(message.render())
        assert screen.focused is screen.query_one("#letter-reasons", TextArea)
        assert documents(data_dir, case_id) == []

        await pilot.press(*reasons)
        assert not message.display
        set_duty_deleted(data_dir, duty_id, officer, deleted=True)  # as a sync from elsewhere
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "not produced" in str(screen.query_one("#letter-problem").render())
        assert screen.query_one("#letter-reasons", TextArea).text == reasons
        assert reasons in shown(app, "letter-text")  # the preview is what was to be saved
        assert documents(data_dir, case_id) == []

        set_duty_deleted(data_dir, duty_id, officer, deleted=False)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [letter.kind.value for letter in screen.view.needed] == ["prevention_start"]

    assert duty_row(data_dir, case_id).end_letter_on == TODAY
    [notice] = documents(data_dir, case_id)
    assert (notice.kind, notice.duty_id) == ("prevention_end", duty_id)
    text = notice.body
    assert reasons in text
    assert "Friday 20 November 2026" in text  # the day the duty ended
    # The circumstance (H-CLIC "contact lost"), told to the client.
    assert "The reason: we lost contact with you." in text
    assert "You must ask by Sunday 13 December 2026" in text  # 21 days from 23 November
    # The .docx produced is the same notice, as Word opens it.
    assert notice.docx is not None
    words = [paragraph.text for paragraph in docx.Document(io.BytesIO(notice.docx)).paragraphs]
    assert reasons in words and "The reason: we lost contact with you." in words


async def test_the_issued_plan_tells_the_client_their_family_asked_them_to_leave(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = make_case(data_dir, officer)
    db = open_db(data_dir)
    for key, value in (("notice", "family_friends"), ("notice_expires_on", "2026-12-07")):
        save_answer(db, officer_id=officer.id, case_id=case_id, key=key, value=value)
    db.close()
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, PlanScreen(case_id))
        await pilot.press("ctrl+s")
        await settle(pilot)
    [plan] = documents(data_dir, case_id)
    assert (
        "Your family or friends have asked you to leave, and it ends on Monday 7 December 2026."
        in plan.body
    )
    assert "Your notice ends: the day you have been told to leave by" in plan.body
    assert "asked them to leave" not in plan.body and "the client" not in plan.body
