"""The case follows the interview (issue 14): what an officer enters in the interview changes
the case header, the caseload's urgency and Due column and the due list at once, each read
through the same facts the interview's assessment reads, and each checked against the
database the keys wrote to.

Dates are worked by hand from the tests' clock, Mon 23 Nov 2026, and an approach on Mon 16 Nov
2026 (10:00 UTC, 10:00 in the UK).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import col, select
from textual.widgets import DataTable, Static

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.casework.duties import DutyKind
from screens.case_detail import CaseScreen
from screens.due import DueScreen
from storage.interviews import load_interview
from storage.plans import start_duty
from storage.tables import Case, Client, DeadlineMet, HouseholdMember, InterviewAnswer
from tests.ui.helpers import choose, open_db, paste_into, prepare, settle, signed_in
from tests.ui.test_interview import assessment_text, type_and_leave

CASE_ID = "ca5e0000-0000-4000-8000-000000000014"
APPROACHED_AT = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)


def _case(data_dir: Path, officer_id: str, *, born: date, **triage: object) -> str:
    """A case as triage left it (nothing ticked, no date they must leave, 1 adult, no
    children, "Advice only"), approached Mon 16 Nov 2026."""
    db = open_db(data_dir)
    with db.writing(officer_id) as session:
        client = Client(
            id="c11e0000-0000-4000-8000-000000000014",
            forenames="Sam",
            surname="Carter",
            date_of_birth=born,
        )
        session.add(client)
        session.flush()
        session.add(
            Case(
                id=CASE_ID,
                client_id=client.id,
                officer_id=officer_id,
                approached_at=APPROACHED_AT,
                channel="drop_in",
                urgency="advice_only",
                urgency_reason=(
                    "No date they must leave: advice only, unless a notice or a date comes "
                    "to light."
                ),
                presenting_problem="family_friends",
                next_action_on=date(2026, 11, 30),
                **triage,
            )
        )
    db.close()
    return CASE_ID


def _summary(app: HousingApp) -> str:
    return str(app.screen.query_one("#case-summary", Static).render())


def _due_on_case(app: HousingApp) -> str:
    return str(app.screen.query_one("#case-due", Static).render())


def _caseload_row(app: HousingApp) -> list[str]:
    table = app.screen.query_one("#caseload-table", DataTable)
    return [str(cell) for cell in table.get_row_at(0)]


async def _open_case(pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CaseScreen)


async def _interview(pilot) -> None:
    await pilot.press("i")
    await settle(pilot)
    await settle(pilot)


async def _back(pilot) -> None:
    await pilot.press("escape")
    await settle(pilot)
    await settle(pilot)


async def test_a_17_year_old_with_relief_recorded_is_not_advice_only(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    # Born 1 Jun 2009: 17 on the approach. The relief duty was recorded on Mon 16 Nov.
    case_id = _case(data_dir, officer.id, born=date(2009, 6, 1))
    start_duty(
        open_db(data_dir),
        officer_id=officer.id,
        case_id=case_id,
        kind=DutyKind.RELIEF,
        started_on=date(2026, 11, 16),
    )
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(130, 50)) as pilot:
        await settle(pilot)
        assert _caseload_row(app)[3] == "Homeless tonight"
        await _open_case(pilot)
        summary = _summary(app)
        assert "Advice only" not in summary and "No date they must leave" not in summary
        assert summary.startswith("Homeless tonight")
        assert "The relief duty is owed from Mon 16 Nov 2026" in summary
        assert "Must leave  homeless now" in summary
        # The relief duty: 56 days beginning Mon 16 Nov 2026 (day 1) end on day 56, 16 Nov +
        # 55 days = Sun 10 Jan 2027. The duty's line and the due list give that one day.
        duties = str(app.screen.query_one("#case-duties", Static).render())
        assert "runs at least to 10/01/2027" in duties
        due = _due_on_case(app)
        assert "10/01/2027  Relief duty: the 56 days beginning Mon 16 Nov 2026 are up" in due
        # 16 or 17 on the day of approach: children's social care that day (overdue now).
        assert "Overdue 16/11/2026  Refer to children's social care" in due
    with open_db(data_dir).reading() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.must_leave_on is None and not case.homeless_tonight


async def test_the_household_the_interview_records_is_the_case_s(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = _case(data_dir, officer.id, born=date(1990, 1, 1))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(130, 50)) as pilot:
        await _open_case(pilot)
        assert "Household   1 adult, 0 children" in _summary(app)
        await _interview(pilot)
        for name, born in (("Kit Carter", "01/06/2020"), ("Lou Carter", "02/03/2018")):
            await pilot.press("ctrl+a")
            await settle(pilot)
            await paste_into(pilot, "name", name)
            await choose(pilot, "relationship", "Son")
            await paste_into(pilot, "date_of_birth", born)
            await choose(pilot, "dependent_child", "Yes")
            await pilot.press("ctrl+s")
            await settle(pilot)
            await settle(pilot)
        await _back(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert "Household   1 adult, 2 children" in _summary(app)
    with open_db(data_dir).reading() as session:
        members = session.exec(
            select(HouseholdMember).where(col(HouseholdMember.case_id) == case_id)
        ).all()
    assert sorted((m.name, m.dependent_child) for m in members) == [
        ("Kit Carter", True),
        ("Lou Carter", True),
    ]


async def test_must_leave_in_10_days_makes_the_case_threatened_everywhere_at_once(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = _case(data_dir, officer.id, born=date(1990, 1, 1))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(130, 50)) as pilot:
        assert (await _settled_row(pilot))[3] == "Advice only"
        await _open_case(pilot)
        assert "Must leave  —" in _summary(app)
        await _interview(pilot)
        await pilot.press("f4")
        await settle(pilot)
        # "+10" from Mon 23 Nov 2026: Thu 3 Dec 2026, 10 days away, within 56: threatened.
        await type_and_leave(pilot, "must_leave_on", "+10")
        assert "DUTY: Threatened with homelessness" in assessment_text(app)
        await _back(pilot)
        # The case opened before the interview: its header and its due list have followed.
        summary = _summary(app)
        assert summary.startswith("Threatened within 56 days")
        assert "Must leave on Thu 3 Dec 2026, in 10 days" in summary
        assert "Must leave  03/12/2026" in summary
        assert "Later 03/12/2026  Must leave: the day they have to go" in _due_on_case(app)
        await _back(pilot)
        assert _caseload_row(app)[3] == "Within 56 days"
    answers = load_interview(open_db(data_dir), case_id).answers
    assert answers["must_leave_on"] == "2026-12-03"


async def _settled_row(pilot) -> list[str]:
    await settle(pilot)
    return _caseload_row(pilot.app)


async def test_the_caseload_due_column_and_the_due_list_agree(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = _case(data_dir, officer.id, born=date(1990, 1, 1))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(130, 50)) as pilot:
        assert (await _settled_row(pilot))[5] == ""
        await _open_case(pilot)
        await _interview(pilot)
        await pilot.press("f9")
        await settle(pilot)
        # Domestic abuse: the DASH risk check is due on the day of approach, Mon 16 Nov 2026,
        # so overdue on Mon 23 Nov; nothing else is due yet.
        await choose(pilot, "domestic_abuse", "Yes")
        await _back(pilot)
        assert "Overdue 16/11/2026  Risk check (DASH); refer to MARAC if high risk" in (
            _due_on_case(app)
        )
        await _back(pilot)
        assert _caseload_row(app)[5] == "7d late"
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, DueScreen)
        status = str(app.screen.query_one("#due-status", Static).render())
        assert status.startswith("On my open cases: 1 overdue, 0 due today")
    with open_db(data_dir).reading() as session:
        answer = session.exec(
            select(InterviewAnswer).where(
                InterviewAnswer.case_id == case_id, InterviewAnswer.key == "domestic_abuse"
            )
        ).one()
    assert answer.value == "yes"


async def test_a_prison_leaver_with_no_notice_has_no_notice_date(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    # Triage recorded the release day as the day they must leave: Fri 4 Dec 2026.
    case_id = _case(data_dir, officer.id, born=date(1990, 1, 1), must_leave_on=date(2026, 12, 4))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(130, 50)) as pilot:
        await _open_case(pilot)
        await _interview(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await choose(pilot, "notice", "No notice")
        await choose(pilot, "leaving_institution", "Prison")
        await type_and_leave(pilot, "leaves_institution_on", "4/12/2026")
        await _back(pilot)
        due = _due_on_case(app)
        assert "Notice expires" not in due
        # Relief cannot be recorded ahead: the release day is the task of starting it.
        assert "04/12/2026  Start the relief duty on the day they leave (Fri 4 Dec 2026)" in due
    answers = load_interview(open_db(data_dir), case_id).answers
    assert (answers["notice"], answers["leaves_institution_on"]) == ("none", "2026-12-04")


async def test_asked_to_leave_by_his_mother_and_on_a_friends_sofa_is_homeless(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    # 17 (born 1 Jun 2009); "Homeless tonight" not ticked at triage. His mother asked him to
    # leave; he has slept on a friend's sofa since last night: no accommodation he is entitled
    # to occupy (Housing Act 1996 s.175(1)), 16 or 17 so in priority need (Priority Need Order
    # 2002 art. 3): homeless, the relief duty (s.189B).
    case_id = _case(data_dir, officer.id, born=date(2009, 6, 1))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(130, 50)) as pilot:
        await _open_case(pilot)
        assert _summary(app).startswith("Advice only")
        await _interview(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await choose(pilot, "tenure", "No fixed")
        await pilot.press("f4")
        await settle(pilot)
        await choose(pilot, "notice", "Family or friends")
        text = assessment_text(app)
        assert "DUTY: Homeless: relief duty" in text
        assert "PRIORITY NEED: Yes" in text
        await _back(pilot)
        assert _summary(app).startswith("Homeless tonight")
        assert "Must leave  homeless now" in _summary(app)
    answers = load_interview(open_db(data_dir), case_id).answers
    assert (answers["tenure"], answers["notice"], answers["homeless_tonight"]) == (
        "no_accommodation",
        "family_friends",
        "no",
    )


async def test_every_must_happen_the_interview_states_is_due_and_can_be_marked_done(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    # 67 on the approach (born 3 Mar 1959) with care needs: adult social care on the day of
    # approach, Mon 16 Nov 2026 (the council's older person's age is 55), so overdue today.
    case_id = _case(data_dir, officer.id, born=date(1959, 3, 3))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(130, 50)) as pilot:
        await _open_case(pilot)
        await _interview(pilot)
        await pilot.press("f9")
        await settle(pilot)
        await choose(pilot, "care_needs", "Yes")
        said = "Refer to adult social care (aged 67, with care needs)"
        assert f"• {said} by 16/11/2026" in assessment_text(app)
        await _back(pilot)
        assert f"Overdue 16/11/2026  {said}" in _due_on_case(app)
        await _back(pilot)
        await pilot.press("u")
        await settle(pilot)
        items = list(app.screen._items.values())
        [item] = [item for item in items if item.deadline.what == said]
        assert (item.status, item.deadline.key) == ("overdue", "adult_social_care_referral")
        table = app.screen.query_one("#due-table", DataTable)
        table.move_cursor(row=items.index(item))
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("enter")  # "Done today"
        await settle(pilot)
        assert said not in [i.deadline.what for i in app.screen._items.values()]
    with open_db(data_dir).reading() as session:
        [met] = session.exec(select(DeadlineMet)).all()
    assert (met.case_id, met.deadline) == (case_id, "adult_social_care_referral@2026-11-16")
