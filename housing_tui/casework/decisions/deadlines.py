"""The application's deadlines, one rule group of `calendar.deadlines.case_deadlines`: the
decision due 33 working days (the policy's) from the application until the applicant is
notified, the reply to a "minded to" letter, the 21-day window to ask for a review of a
notified adverse decision, and the review decision due 8 weeks from the request; once the main
duty ended, its letter until they are notified, then the window to ask for a review of the
end (the same rule as the decision's)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from housing_tui.calendar.deadlines import (
    Deadline,
    DeadlineKind,
    add_working_days,
    day_words,
)
from housing_tui.casework.decisions.application import (
    minded_to_reply_by,
    review_decision_due,
    review_request_last_day,
)

if TYPE_CHECKING:
    from housing_tui.calendar.deadlines import CaseDates
    from housing_tui.reference.policy import Policy


def decision_deadlines(facts: CaseDates, policy: Policy) -> list[Deadline]:
    found: list[Deadline] = []
    applied = facts.application_on
    rules = policy.decisions
    if applied is not None and facts.decision_notified_on is None:
        n = policy.deadlines.decision_working_days
        found.append(
            Deadline(
                f"Decision on the homelessness application of {day_words(applied)}, in writing "
                "with reasons, signed off by the principal",
                add_working_days(applied, n, policy.deadlines.closure_days),
                f"Council target: decision within {n} working days",
                DeadlineKind.LOCAL_TARGET,
                key="decision",
            )
        )
    told = facts.minded_to_told_on
    if told is not None and facts.decision_notified_on is None and not facts.minded_to_replied:
        found.append(
            Deadline(
                f"Reply to the minded-to letter of {day_words(told)} due: decide after it, or "
                "record their reply",
                minded_to_reply_by(told, rules),
                f"Council policy: {rules.minded_to_reply_days} days to reply to a minded-to letter",
                DeadlineKind.KEY_DATE,
                to_client="The last day to tell us what you think before we decide",
            )
        )
    notified = facts.adverse_decision_notified_on
    if notified is not None and facts.review_requested_on is None:
        found.append(
            Deadline(
                f"Last day to ask for a review of the decision notified {day_words(notified)}",
                review_request_last_day(notified, rules),
                f"Housing Act 1996 s.202(3): {rules.review_request_days} days beginning with "
                "the day they were notified",
                DeadlineKind.KEY_DATE,
                to_client="The last day to ask us to review our decision",
            )
        )
    ended = facts.main_duty_ended_on
    end_notified = facts.main_duty_end_notified_on
    if ended is not None and end_notified is None:
        found.append(
            Deadline(
                f"Letter that the main duty ended {day_words(ended)}, with the right to a "
                "review: produce it, then record the day they were notified",
                ended,
                "Housing Act 1996 s.184(3), s.202(1)(b): every end of the main duty is "
                "notified in writing with the reasons and the right to a review",
                DeadlineKind.STATUTORY,
                key="main_duty_end_letter",
            )
        )
    if end_notified is not None:
        found.append(
            Deadline(
                "Last day to ask for a review of the end of the main duty notified "
                f"{day_words(end_notified)}",
                review_request_last_day(end_notified, rules),
                f"Housing Act 1996 s.202(3): {rules.review_request_days} days beginning with "
                "the day they were notified",
                DeadlineKind.KEY_DATE,
                to_client="The last day to ask us to review the end of the main duty",
            )
        )
    requested = facts.review_requested_on
    if requested is not None and facts.review_decided_on is None:
        weeks = rules.review_decision_weeks
        found.append(
            Deadline(
                f"Review decision (s.202) on the request of {day_words(requested)}, by someone "
                "senior not involved in the decision",
                review_decision_due(requested, rules),
                f"Homelessness (Review Procedure etc.) Regulations 2018 reg 9: {weeks} weeks "
                "beginning with the day the review was asked for",
                DeadlineKind.STATUTORY,
                key="review_decision",
            )
        )
    return found
