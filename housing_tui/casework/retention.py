"""How long a case is kept, and when the person it is about may be erased.

Closing a case starts its retention clock: a case closed on a day is kept until the same day
`RetentionPolicy.years_after_closure` years later (`keep_until`), and is purged after that
(`housing-tui retention --purge`). A client is kept while any of their cases is.

The right to erasure is not absolute (UK GDPR Article 17(3)): records the council must keep
to carry out its statutory duties, or to answer a claim, are kept for their retention period.
`erasure_refusal` says why an erasure is refused, in words an officer can act on.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime

from housing_tui.calendar.clock import uk_local
from housing_tui.reference.policy import RetentionPolicy


def closed_on(closed_at: datetime) -> date:
    """The day a case closed, as the officers' calendar has it (UK time): its clock starts
    then."""
    return uk_local(closed_at).date()


def keep_until(closed_on: date, policy: RetentionPolicy) -> date:
    """The last day a case closed on `closed_on` is kept: the same day `years_after_closure`
    years on. Closed on 29 February, it is kept until 28 February in a year without a 29th
    (the period ends on the last day of the month when the month has no such day, as a
    29 February birthday falls on 28 February in `reference.fields.age_on`)."""
    year = closed_on.year + policy.years_after_closure
    if (closed_on.month, closed_on.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 2, 28)
    return closed_on.replace(year=year)


def past_retention(closed_on: date, *, today: date, policy: RetentionPolicy) -> bool:
    """Whether a case closed on `closed_on` is no longer kept on `today`."""
    return today > keep_until(closed_on, policy)


@dataclass(frozen=True)
class CaseForErasure:
    """What an erasure needs to know of one of the person's cases."""

    ref: str
    closed_on: date | None
    """None while the case is open."""


def erasure_refusal(
    cases: list[CaseForErasure], *, today: date, policy: RetentionPolicy
) -> str | None:
    """Why the person these cases are about cannot be erased today, or None if they can:
    an open case, or a closed one still within its retention period."""
    reasons = []
    for case in cases:
        if case.closed_on is None:
            reasons.append(f"case {case.ref} is open (close it first)")
        elif not past_retention(case.closed_on, today=today, policy=policy):
            kept = keep_until(case.closed_on, policy)
            reasons.append(f"case {case.ref} is kept until {kept:%d %b %Y}")
    if not reasons:
        return None
    return (
        "Not erased: "
        + "; ".join(reasons)
        + ". Statutory records are kept for their retention period; if the law requires the "
        "erasure even so, give --override-retention with the reason."
    )
