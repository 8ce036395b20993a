"""The [decisions] section: the time limits around a homelessness decision and its review
(`housing_tui.casework.decisions`). The 33-working-day decision target itself is
`DeadlinesPolicy.decision_working_days`."""

from __future__ import annotations

from dataclasses import dataclass

from housing_tui.reference.policy.reading import Section


@dataclass(frozen=True)
class DecisionsPolicy:
    minded_to_reply_days: int
    """Days the applicant has to reply to a "minded to" letter before an adverse decision is
    made (no period is fixed in law: a council choice)."""
    review_request_days: int
    """Housing Act 1996 s.202(3): the days, beginning with the day notified, to ask for a
    review."""
    review_decision_weeks: int
    """Review Regulations 2018 reg 9: the weeks, beginning with the day the review was asked
    for, to decide it (s.184 decisions, local connection referrals)."""


def read_decisions(raw: Section) -> DecisionsPolicy:
    return DecisionsPolicy(
        minded_to_reply_days=raw.whole("minded_to_reply_days", least=1),
        review_request_days=raw.whole("review_request_days", least=1),
        review_decision_weeks=raw.whole("review_decision_weeks", least=1),
    )
