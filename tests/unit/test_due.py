"""The due list, worked by hand from Mon 23 Nov 2026: overdue, today and this week, the most
urgent case first, with the plan's steps and the letters not yet sent."""

from __future__ import annotations

from datetime import date

from housing_tui.calendar.deadlines import CaseDates, DeadlineKind
from housing_tui.calendar.due import CaseForDue, case_due, due_list, soonest_due
from housing_tui.casework.assessment.facts import (
    ImmigrationStatus,
    InterviewFacts,
    Member,
    Relationship,
)
from housing_tui.casework.duties import Duty, DutyKind
from housing_tui.prevention.actions import ActionOwner, ActionStatus, PlanAction
from housing_tui.reference.policy import load_policy

TODAY = date(2026, 11, 23)
POLICY = load_policy(None)


APPLICANT = (Member(Relationship.APPLICANT),)


def _case(ref: str, facts: InterviewFacts | None = None, **more) -> CaseForDue:
    defaults = {"case_id": ref.lower(), "ref": ref, "client_name": f"Client {ref}"}
    facts = facts or InterviewFacts(members=APPLICANT, approached_on=TODAY)
    return CaseForDue(officer_initials="OO", facts=facts, **defaults, **more)


def _step(title: str, due_on: date, status: ActionStatus = ActionStatus.AGREED) -> PlanAction:
    return PlanAction(
        id=title,
        title=title,
        owner=ActionOwner.COUNCIL,
        due_on=due_on,
        status=status,
        option_key=None,
        prevention_activity=None,
        relief_activity=None,
        outcome=None,
        outcome_on=None,
        accommodation_secured=None,
    )


def test_a_plan_step_an_unsent_letter_and_inactivity_are_all_due() -> None:
    case = _case(
        "AAAA0001",
        dates=CaseDates(last_activity_on=date(2026, 11, 2)),  # + 14 days = Mon 16 Nov: overdue
        actions=(_step("Phone the landlord", date(2026, 11, 25)),),
        duties=(
            Duty(
                id="d1",
                kind=DutyKind.PREVENTION,
                started_on=date(2026, 11, 20),
                ended_on=None,
                end_reason=None,
                start_letter_on=None,
                end_letter_on=None,
            ),
        ),
    )
    found = {deadline.what: deadline for deadline in case_due(case, today=TODAY, policy=POLICY)}
    inactive = next(d for what, d in found.items() if what.startswith("No activity"))
    assert inactive.due == date(2026, 11, 16)
    letter = next(d for what, d in found.items() if "letter" in what or "notice" in what)
    assert letter.due == date(2026, 11, 20) and letter.kind is DeadlineKind.STATUTORY
    step = next(d for d in found.values() if d.kind is DeadlineKind.PLAN_STEP)
    assert step.due == date(2026, 11, 25)


def test_finished_steps_and_sent_letters_are_not_due() -> None:
    case = _case(
        "AAAA0002",
        dates=CaseDates(),
        actions=(_step("Mediation", date(2026, 11, 20), ActionStatus.SUCCEEDED),),
        duties=(
            Duty(
                id="d1",
                kind=DutyKind.PREVENTION,
                started_on=date(2026, 11, 20),
                ended_on=None,
                end_reason=None,
                start_letter_on=date(2026, 11, 20),
                end_letter_on=None,
            ),
        ),
    )
    # The prevention duty is recorded on the case dates by storage; here only the letter
    # and the step could be due, and neither is.
    assert case_due(case, today=TODAY, policy=POLICY) == []


def test_groups_then_urgency_then_date() -> None:
    # Urgency from the interview's facts: must leave Fri 22 Jan 2027, 60 days away (more than
    # 56: "later"); the other is homeless tonight.
    later_case = _case(
        "BBBB0001",
        InterviewFacts(members=APPLICANT, approached_on=TODAY, must_leave_on=date(2027, 1, 22)),
        dates=CaseDates(),
        actions=(_step("Overdue for a later case", date(2026, 11, 20)),),
    )
    tonight = _case(
        "BBBB0002",
        InterviewFacts(
            members=APPLICANT,
            approached_on=TODAY,
            homeless_tonight=True,
            immigration_status=ImmigrationStatus.BRITISH_OR_IRISH,
        ),
        dates=CaseDates(),
        actions=(
            _step("Overdue for tonight", date(2026, 11, 21)),
            _step("Due today", TODAY),
            _step("Due Sunday", date(2026, 11, 29)),
            _step("Due Tuesday week", date(2026, 12, 1)),  # 8 days: not this week
            _step("Next week", date(2026, 12, 7)),
        ),
    )
    items = due_list([later_case, tonight], today=TODAY, policy=POLICY)
    assert [(item.status, item.deadline.what.split(": ", 1)[1]) for item in items] == [
        # Overdue first; the homeless-tonight case before the later one despite its date.
        ("overdue", "Overdue for tonight"),
        ("overdue", "Overdue for a later case"),
        ("due today", "Due today"),
        ("due this week", "Due Sunday"),
    ]
    assert [item.urgency for item in items] == [
        "homeless_tonight",
        "later",
        "homeless_tonight",
        "homeless_tonight",
    ]


def test_soonest_due_is_the_earliest_deadline() -> None:
    case = _case(
        "CCCC0001",
        dates=CaseDates(),
        actions=(_step("B", date(2026, 12, 9)), _step("A", date(2026, 11, 24))),
    )
    status, deadline = soonest_due(case, today=TODAY, policy=POLICY)
    assert (status, deadline.due) == ("due this week", date(2026, 11, 24))
    assert soonest_due(_case("CCCC0002", dates=CaseDates()), today=TODAY, policy=POLICY) is None


def test_a_deadline_marked_met_leaves_the_list_but_the_next_one_comes() -> None:
    # A 16/17-year-old approached Mon 2 Nov 2026: referral due that day, joint assessment
    # within 10 working days = Mon 16 Nov 2026.
    dates = CaseDates(approached_on=date(2026, 11, 2), aged_16_17=True)
    young = InterviewFacts(members=APPLICANT, approached_on=date(2026, 11, 2), aged_16_17=True)
    due = case_due(_case("DDDD0001", young, dates=dates), today=TODAY, policy=POLICY)
    assert [(d.key, d.due) for d in due] == [
        ("social_care_referral", date(2026, 11, 2)),
        ("joint_assessment", date(2026, 11, 16)),
    ]
    met = frozenset({"social_care_referral@2026-11-02"})
    left = case_due(_case("DDDD0001", young, dates=dates, met=met), today=TODAY, policy=POLICY)
    assert [d.key for d in left] == ["joint_assessment"]
    # A plan review marked met on one date does not hide the review of a later plan.
    reviewed = frozenset({"php_review@2026-11-30"})
    plan = CaseDates(php_issued_on=date(2026, 11, 23))  # + 28 days = Mon 21 Dec 2026
    [review] = case_due(_case("DDDD0002", dates=plan, met=reviewed), today=TODAY, policy=POLICY)
    assert review.instance == "php_review@2026-12-21"


def test_every_must_happen_of_the_interview_is_due_with_its_rule() -> None:
    # Approached Mon 16 Nov 2026. Aged 67 (born 3 Mar 1959) with care needs: adult social care
    # that day. Domestic abuse: the DASH risk check that day, and (wanting to stay) target
    # hardening within 5 working days: 17-20 Nov = 1-4, Mon 23 Nov 2026 = 5.
    approached = date(2026, 11, 16)
    facts = InterviewFacts(
        members=(Member(Relationship.APPLICANT, date_of_birth=date(1959, 3, 3)),),
        approached_on=approached,
        care_needs=True,
        domestic_abuse=True,
        wants_to_stay=True,
    )
    due = case_due(_case("EEEE0001", facts, dates=CaseDates()), today=TODAY, policy=POLICY)
    by_key = {d.key: d for d in due}
    assert by_key["adult_social_care_referral"].due == approached
    assert "aged 67" in by_key["adult_social_care_referral"].what
    assert "older persons" in by_key["adult_social_care_referral"].rule
    assert by_key["dash_risk_check"].due == approached
    assert "MARAC" in by_key["dash_risk_check"].what
    assert by_key["target_hardening"].due == date(2026, 11, 23)
