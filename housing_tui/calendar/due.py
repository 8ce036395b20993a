"""What is due across a caseload: every case's deadlines (the law's, the council's, what the
interview's assessment says must happen, the plan's steps, the letters not yet sent, repayment
plans in arrears) gathered into overdue, due today
and due this week.

The inputs are plain records the storage layer fills; this module decides what is due and in
what order, so the due screen and the caseload column agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from housing_tui.calendar.deadlines import (
    CaseDates,
    Deadline,
    DueStatus,
    case_deadlines,
    due_status,
)
from housing_tui.casework.assessment.facts import InterviewFacts
from housing_tui.casework.assessment.next_steps import must_happen
from housing_tui.casework.case_summary import urgency
from housing_tui.casework.duties import Duty, letters_needed
from housing_tui.money.repayments import RepaymentPlan, repayment_deadlines
from housing_tui.prevention.actions import PlanAction, action_deadlines
from housing_tui.reference.codes import Urgency
from housing_tui.reference.policy import Policy

SHOWN = ("overdue", "due today", "due this week")
"""The due list's groups, in the order it shows them."""


@dataclass(frozen=True)
class CaseForDue:
    """One case, as the due list needs it."""

    case_id: str
    ref: str
    client_name: str
    officer_initials: str
    facts: InterviewFacts
    """The interview's facts (`case_summary.facts_for_case`): urgency and what must happen."""
    dates: CaseDates
    """From the same facts (`case_summary.case_dates`)."""
    actions: tuple[PlanAction, ...] = ()
    duties: tuple[Duty, ...] = ()
    met: frozenset[str] = frozenset()
    """`Deadline.instance` of every deadline an officer recorded as met."""
    repayments: tuple[RepaymentPlan, ...] = ()
    """The case's active repayment plans, with their payments."""


@dataclass(frozen=True)
class DueItem:
    case_id: str
    ref: str
    client_name: str
    officer_initials: str
    urgency: str
    """An `Urgency` code, from the interview's facts."""
    deadline: Deadline
    status: DueStatus


def case_due(case: CaseForDue, *, today: date, policy: Policy) -> list[Deadline]:
    """Everything with a date on the case, soonest first: the law's and the council's
    deadlines, what the interview's assessment says must happen, the plan's unfinished steps,
    every duty letter not yet produced, and each repayment plan in arrears (until the officer
    records the client was contacted)."""
    found = [
        deadline
        for deadline in (
            *case_deadlines(case.dates, today=today, policy=policy),
            *must_happen(case.facts, today=today, policy=policy),
            *repayment_deadlines(case.repayments, today=today, policy=policy),
        )
        if not deadline.key or deadline.instance not in case.met
    ]
    found += action_deadlines(case.actions, today=today)
    found += [deadline for _duty, _letter, deadline in letters_needed(case.duties, today=today)]
    return sorted(found, key=lambda deadline: deadline.due)


def due_list(cases: Iterable[CaseForDue], *, today: date, policy: Policy) -> list[DueItem]:
    """What is overdue, due today and due this week, in that order; within each, the most
    urgent cases first (homeless tonight before threatened), then by date."""
    items = []
    for case in cases:
        how_urgent: str | None = None  # worked out once, for a case with something due
        for deadline in case_due(case, today=today, policy=policy):
            status = due_status(deadline, today)
            if status in SHOWN:
                if how_urgent is None:
                    how_urgent = urgency(case.facts, today=today, policy=policy).urgency.value
                items.append(
                    DueItem(
                        case_id=case.case_id,
                        ref=case.ref,
                        client_name=case.client_name,
                        officer_initials=case.officer_initials,
                        urgency=how_urgent,
                        deadline=deadline,
                        status=status,
                    )
                )
    return sorted(items, key=_order)


def _order(item: DueItem) -> tuple[int, int, date, str]:
    return (SHOWN.index(item.status), _urgency_rank(item.urgency), item.deadline.due, item.ref)


def _urgency_rank(code: str) -> int:
    try:
        return Urgency(code).rank
    except ValueError:
        return len(Urgency)


def soonest_due(
    case: CaseForDue, *, today: date, policy: Policy
) -> tuple[DueStatus, Deadline] | None:
    """The case's most pressing deadline and how soon it is, for the caseload's Due column:
    the earliest overdue one if any, otherwise the next one coming up."""
    deadlines = case_due(case, today=today, policy=policy)
    if not deadlines:
        return None
    first = deadlines[0]
    return due_status(first, today), first
