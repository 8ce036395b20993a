"""What must happen, and by when, on what the interview shows: referrals, joint assessments,
target hardening and the other actions with a working-day deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from housing_tui.calendar.deadlines import add_council_working_days
from housing_tui.casework.assessment.facts import InterviewFacts
from housing_tui.casework.assessment.interim_accommodation import interim_accommodation
from housing_tui.reference.policy import Policy


@dataclass(frozen=True)
class Action:
    """Something that must happen, by when, and the rule that says so."""

    what: str
    due: date
    rule: str


def must_happen(facts: InterviewFacts, *, today: date, policy: Policy) -> list[Action]:
    """The actions the law or the council's protocols require, each with its due date.

    Deadlines run from the day of approach (not the day the interview is finished), so an
    interview completed later shows an action that is already overdue as overdue.
    """
    rules = policy.assessment
    approached = facts.approached_on or today
    actions = []
    if interim_accommodation(facts, today=today, policy=policy).owed:
        actions.append(
            Action("Provide interim accommodation (s.188)", today, "tonight, if need be")
        )
    if facts.is_16_or_17(today):
        n = rules.joint_assessment_working_days
        actions.append(
            Action("Refer to children's social care", approached, "on the day of approach")
        )
        actions.append(
            Action(
                "Joint assessment with children's social care",
                add_council_working_days(approached, n, policy),
                f"within {n} working days",
            )
        )
    if facts.domestic_abuse:
        actions.append(
            Action(
                "Risk check (DASH); refer to MARAC if high risk",
                approached,
                "on the day of approach",
            )
        )
        if facts.wants_to_stay:
            n = rules.target_hardening_working_days
            actions.append(
                Action(
                    "Target-hardening referral so they can stay safely",
                    add_council_working_days(approached, n, policy),
                    f"within {n} working days",
                )
            )
    age = facts.applicant_age(today)
    if facts.care_needs and age is not None and age >= rules.older_person_age:
        actions.append(
            Action(
                f"Refer to adult social care (aged {age}, with care needs)",
                approached,
                "on the day of approach",
            )
        )
    return actions
