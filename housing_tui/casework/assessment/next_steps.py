"""What must happen, and by when, on what the interview shows: interim accommodation,
referrals, joint assessments, target hardening and the other actions with a deadline.

The interview's assessment states these and the case's due list lists them: both read this
one function, so every "must happen" the officer is told is a due item with its date and rule.
"""

from __future__ import annotations

from datetime import date, timedelta

from housing_tui.calendar.deadlines import Deadline, DeadlineKind, add_council_working_days
from housing_tui.casework.assessment.facts import InterviewFacts
from housing_tui.casework.assessment.homelessness import HomelessStatus, homelessness_status
from housing_tui.casework.assessment.interim_accommodation import interim_accommodation
from housing_tui.prevention.target_hardening import REFERRAL_TASK
from housing_tui.reference.policy import Policy


def must_happen(facts: InterviewFacts, *, today: date, policy: Policy) -> list[Deadline]:
    """The actions the law or the council's protocols require, each with its due date, the
    rule that sets it and a key an officer marks it done by.

    Deadlines run from the day of approach (not the day the interview is finished), so an
    interview completed later shows an action that is already overdue as overdue; the ages
    that call for them are the client's on that day.
    """
    rules = policy.assessment
    approached = facts.approached_on or today
    actions = []
    # Only the homeless can be owed interim accommodation: the other tests are not worked out
    # for the rest (the due list asks this of every open case).
    status = homelessness_status(facts, today=today, policy=policy)
    homeless = status.status is HomelessStatus.HOMELESS
    if homeless and interim_accommodation(facts, today=today, policy=policy).owed:
        # Owed from the day there was reason to believe they were homeless: the approach, or
        # the day they had to leave if that came later. A fixed day, so that marking it done
        # holds (the due list hides a task by its key and date).
        actions.append(
            Deadline(
                "Provide interim accommodation (s.188), tonight if need be",
                max(approached, status.homeless_on or approached),
                "Housing Act 1996 s.188(1): interim accommodation on reason to believe they "
                "may be homeless, eligible and in priority need",
                DeadlineKind.STATUTORY,
                key="interim_accommodation",
            )
        )
    if facts.is_16_or_17(approached):
        n = policy.deadlines.social_care_referral_days
        when = "on the day of approach" if n == 0 else f"within {n} days of the approach"
        actions.append(
            Deadline(
                "Refer to children's social care (16- or 17-year-old)",
                approached + timedelta(days=n),
                f"Joint protocol with children's social care: referral {when}",
                DeadlineKind.PROTOCOL,
                key="social_care_referral",
            )
        )
        n = rules.joint_assessment_working_days
        actions.append(
            Deadline(
                "Joint assessment with children's social care (16- or 17-year-old)",
                add_council_working_days(approached, n, policy),
                "Joint protocol with children's social care: joint assessment within "
                f"{n} working days",
                DeadlineKind.PROTOCOL,
                key="joint_assessment",
            )
        )
    if facts.domestic_abuse:
        actions.append(
            Deadline(
                "Risk check (DASH); refer to MARAC if high risk",
                approached,
                "Council's domestic abuse procedure: DASH risk check on the day of approach, "
                "MARAC referral for high risk",
                DeadlineKind.PROTOCOL,
                key="dash_risk_check",
            )
        )
        if facts.wants_to_stay:
            n = rules.target_hardening_working_days
            actions.append(
                Deadline(
                    "Target-hardening referral so the client can stay at home safely",
                    add_council_working_days(approached, n, policy),
                    f"Council target: target-hardening referral within {n} working days",
                    DeadlineKind.LOCAL_TARGET,
                    key=REFERRAL_TASK,
                )
            )
    age = facts.applicant_age(approached)
    if facts.care_needs and age is not None and age >= rules.older_person_age:
        actions.append(
            Deadline(
                f"Refer to adult social care (aged {age}, with care needs)",
                approached,
                "Council's older persons procedure: adult social care referral on the day of "
                f"approach (aged {rules.older_person_age} or over with care needs)",
                DeadlineKind.PROTOCOL,
                key="adult_social_care_referral",
            )
        )
    return actions
