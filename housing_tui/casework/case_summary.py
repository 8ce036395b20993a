"""What the case header, the caseload and the due list say about a case, each fact read from
the same `InterviewFacts` the interview's assessment reads, by one function per fact: how
urgent it is, the day they must leave, the household, and the dates that set deadlines.

`facts_for_case` builds those facts from what is stored on a case: the triage's facts count
until the interview answers the same question, and the duties the council recorded stand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date

from housing_tui.accommodation import Placement
from housing_tui.calendar.deadlines import CaseDates
from housing_tui.casework.assessment.facts import (
    Household,
    InterviewFacts,
    Member,
    NoticeType,
    Relationship,
)
from housing_tui.casework.assessment.homelessness import HomelessStatus, homelessness_status
from housing_tui.casework.decisions.application import Application
from housing_tui.casework.duties import Duty, DutyKind
from housing_tui.casework.interview import (
    MemberAnswer,
    RecordedOnTheCase,
    answers_from_triage,
    facts_from_answers,
)
from housing_tui.casework.triage import TriageFacts, UrgencyAssessment
from housing_tui.reference.codes import Urgency
from housing_tui.reference.fields import age_on
from housing_tui.reference.policy import Policy

ADULT_AGE = 16
"""Counted as an adult from 16 unless a dependent child (the size criteria count a bedroom for
each person aged 16 or over)."""


def facts_for_case(
    triage: TriageFacts,
    answers: Mapping[str, str],
    members: Iterable[MemberAnswer],
    *,
    approached_on: date,
    channel: str,
    duties: Iterable[Duty] = (),
) -> InterviewFacts:
    """The interview's facts for a stored case: triage's answers until the interview gives
    its own, the household as recorded (triage's count until then), and the open duties."""
    seeded = answers_from_triage(
        homeless_tonight=triage.homeless_tonight,
        must_leave_on=triage.must_leave_on,
        flags=[flag.value for flag in triage.flags],
    )
    open_duties = {duty.kind: duty.started_on for duty in duties if duty.is_open}
    return facts_from_answers(
        {**seeded, **answers},
        members,
        applicant_born=triage.date_of_birth,
        approached_on=approached_on,
        channel=channel,
        recorded=RecordedOnTheCase(
            household_at_triage=Household(triage.adults, triage.children, triage.pregnant),
            prevention_duty_from=open_duties.get(DutyKind.PREVENTION),
            relief_duty_from=open_duties.get(DutyKind.RELIEF),
        ),
    )


def urgency(facts: InterviewFacts, *, today: date, policy: Policy) -> UrgencyAssessment:
    """How soon they may be without a home, and why: the interview's homelessness assessment
    (`homelessness_status`) in the caseload's four words."""
    status = homelessness_status(facts, today=today, policy=policy)
    return UrgencyAssessment(_URGENCY[status.status], status.reason)


_URGENCY = {
    HomelessStatus.HOMELESS: Urgency.HOMELESS_TONIGHT,
    HomelessStatus.THREATENED: Urgency.THREATENED,
    HomelessStatus.NOT_YET_THREATENED: Urgency.LATER,
    HomelessStatus.NOT_HOMELESS: Urgency.ADVICE_ONLY,
}


def must_leave_on(facts: InterviewFacts, *, today: date, policy: Policy) -> date | None:
    """The day they are likely to have to leave (the eviction, the date they must go, a notice
    that counts), as the homelessness assessment finds it; None when they are homeless now
    or no date is known."""
    status = homelessness_status(facts, today=today, policy=policy)
    if status.status is HomelessStatus.HOMELESS:
        return None
    return status.homeless_on


def household(facts: InterviewFacts, *, today: date) -> Household:
    """Adults, children and pregnancy: as the interview records the household once it has any
    member or its H-CLIC household type, as triage counted it until then."""
    recorded = len(facts.members) > 1 or facts.hclic_household_type is not None
    if not recorded and facts.household_at_triage is not None:
        return facts.household_at_triage
    children = sum(1 for member in facts.members if _is_child(member, today))
    return Household(
        adults=len(facts.members) - children,
        children=children,
        pregnant=any(member.pregnant for member in facts.members),
    )


def _is_child(member: Member, today: date) -> bool:
    if member.dependent_child:
        return True
    born = member.date_of_birth
    return (
        member.relationship is not Relationship.APPLICANT
        and born is not None
        and age_on(born, today) < ADULT_AGE
    )


def household_summary(facts: InterviewFacts, *, today: date) -> str:
    """'1 adult, 2 children, pregnancy'."""
    counted = household(facts, today=today)
    return (
        f"{counted.adults} adult{'s' if counted.adults != 1 else ''}, "
        f"{counted.children} child{'ren' if counted.children != 1 else ''}"
        f"{', pregnancy' if counted.pregnant else ''}"
    )


def case_dates(
    facts: InterviewFacts,
    *,
    php_issued_on: date | None,
    last_activity_on: date | None,
    target_hardening_referred_on: date | None = None,
    target_hardening_completed_on: date | None = None,
    application: Application | None = None,
    placements: Iterable[Placement] = (),
) -> CaseDates:
    """The dates on the case that set deadlines (`deadlines.case_deadlines`), from the facts,
    the recorded duties, the plan, the target hardening, the homelessness application and the
    temporary accommodation placements, as recorded."""
    approached = facts.approached_on
    counted = household(facts, today=approached) if approached else None
    dates = CaseDates(
        approached_on=approached,
        prevention_duty_from=facts.prevention_duty_from,
        relief_duty_from=facts.relief_duty_from,
        aged_16_17=facts.is_16_or_17(approached) if approached else facts.aged_16_17,
        household_has_children_or_pregnancy=bool(
            counted and (counted.children > 0 or counted.pregnant)
        ),
        must_leave_on=facts.must_leave_on,
        # Only a notice's own date: "No notice" has none (a date they must leave is not one).
        notice_expires_on=(
            facts.notice_expires_on if facts.notice is not NoticeType.NONE else None
        ),
        hearing_on=facts.hearing_on,
        eviction_on=facts.eviction_on,
        php_issued_on=php_issued_on,
        discharge_or_release_on=facts.leaves_institution_on,
        last_activity_on=last_activity_on,
        target_hardening_referred_on=target_hardening_referred_on,
        target_hardening_completed_on=target_hardening_completed_on,
        placements=tuple(placements),
    )
    return dates if application is None else _with_application(dates, application)


def _with_application(dates: CaseDates, application: Application) -> CaseDates:
    """The application's dates that set deadlines: the decision target runs from the day it was
    opened until they are notified; a notified adverse decision, and a notified end of the main
    duty, open a review window."""
    adverse = application.outcome is not None and application.outcome.adverse
    return replace(
        dates,
        application_on=application.opened_on,
        minded_to_told_on=application.minded_to_told_on,
        minded_to_replied=bool(application.minded_to_reply),
        decision_notified_on=application.notified_on,
        adverse_decision_notified_on=application.notified_on if adverse else None,
        review_requested_on=application.review_requested_on,
        review_decided_on=application.review_decided_on,
        main_duty_ended_on=application.main_duty_ended_on,
        main_duty_end_notified_on=application.main_duty_end_notified_on,
    )
