"""Working days and a case's deadlines.

Working days: Monday to Friday, less England and Wales bank holidays (the `holidays` package,
with substitute days) and any council closure days the caller passes in (a council lists its
own in the policy file: `closures=policy.deadlines.closure_days`).

Deadlines: `case_deadlines` turns the dates on a case into what must happen by when, each with
the rule that set it, in plain English; the time limits come from the policy file
(`[deadlines]`, `[assessment]` for the 16/17 joint assessment and target hardening, and
`[accommodation]` for temporary accommodation). Rule groups of more than a few lines live in
their own modules (`housing_tui.accommodation.suitability`, `housing_tui.casework.decisions`,
`housing_tui.prevention.target_hardening`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from housing_tui.accommodation import Placement
    from housing_tui.reference.policy import Policy


@cache
def _bank_holidays() -> Any:
    import holidays  # imported on first use: the app starts without it

    # England's bank holidays (England and Wales share them), with substitute days when one
    # falls at a weekend, such as Mon 28 Dec 2026 for Boxing Day.
    return holidays.country_holidays("GB", subdiv="ENG")


def is_working_day(day: date, closures: Iterable[date] = ()) -> bool:
    """Monday to Friday, not a bank holiday in England, not a council closure day."""
    return day.weekday() < 5 and day not in _bank_holidays() and day not in set(closures)


def add_working_days(start: date, n: int, closures: Iterable[date] = ()) -> date:
    """The date `n` working days after `start`. `start` is day 0 and is not counted, so
    "within 10 working days" of a Monday with no holidays is the Monday two weeks later;
    `n=0` on a day that is not a working day rolls forward to the next working day."""
    if n < 0:
        raise ValueError(f"a number of working days cannot be negative (got {n})")
    closed = frozenset(closures)
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        if is_working_day(day, closed):
            counted += 1
    while not is_working_day(day, closed):
        day += timedelta(days=1)
    return day


def working_days_between(a: date, b: date, closures: Iterable[date] = ()) -> int:
    """How many working days there are after `a`, up to and including `b` (0 if b <= a)."""
    closed = frozenset(closures)
    return sum(
        1
        for offset in range(1, (b - a).days + 1)
        if is_working_day(a + timedelta(days=offset), closed)
    )


def previous_working_day(day: date, closures: Iterable[date] = ()) -> date:
    """`day` if it is a working day, otherwise the last working day before it."""
    closed = frozenset(closures)
    while not is_working_day(day, closed):
        day -= timedelta(days=1)
    return day


# --- the council's calendar ----------------------------------------------------------------------


def is_council_working_day(day: date, policy: Policy) -> bool:
    """`is_working_day` with the council's closure days from the policy file."""
    return is_working_day(day, policy.deadlines.closure_days)


def add_council_working_days(start: date, n: int, policy: Policy) -> date:
    """`add_working_days` with the council's closure days from the policy file."""
    return add_working_days(start, n, policy.deadlines.closure_days)


def council_working_days_between(a: date, b: date, policy: Policy) -> int:
    """`working_days_between` with the council's closure days from the policy file."""
    return working_days_between(a, b, policy.deadlines.closure_days)


# --- a case's deadlines --------------------------------------------------------------------------


def last_of_days_beginning(start: date, days: int) -> date:
    """The last of `days` days *beginning with* `start`. The Act counts the duties so: "a period
    of 56 days beginning with the day that the authority is first satisfied" (Housing Act 1996
    s.195(8)(b), s.189B(4) and (7)(b)), and a period "beginning with" a day includes that day.
    So the start is day 1, and 56 days beginning Sun 6 Dec 2026 end on Sat 30 Jan 2027 (6 Dec
    + 55 days); the duty can end for "56 days elapsed" from Sun 31 Jan 2027."""
    return start + timedelta(days=days - 1)


class DeadlineKind(StrEnum):
    """Where a deadline comes from, so an officer knows which ones the law sets."""

    STATUTORY = "statutory"
    """Set by an Act or statutory instrument."""
    LOCAL_TARGET = "local target"
    """The council's own target or choice, set in the policy file."""
    PROTOCOL = "protocol"
    """A protocol agreed with partners (children's social care, hospitals, prisons)."""
    KEY_DATE = "key date"
    """A date someone else set (a notice, the court, a release date): not the council's action
    deadline, but the day things happen."""
    PLAN_STEP = "plan step"
    """A step agreed in the Personal Housing Plan."""


@dataclass(frozen=True)
class Deadline:
    what: str
    """What must happen, in plain English."""
    due: date
    rule: str
    """The rule that set the date, e.g. "Housing Act 1996 s.195: prevention duty, 56 days"."""
    kind: DeadlineKind
    key: str = ""
    """What sort of task this is ("joint_assessment"), for the ones an officer marks as done;
    empty for key dates and for tasks done some other way (plan steps, letters)."""
    to_client: str = ""
    """The date as the client's plan gives it, to them ("Your notice ends"): every key date,
    and a task on a day the client must know (the day they leave prison); `what` is the
    officer's wording."""

    @property
    def instance(self) -> str:
        """This task on this date: marking it done does not hide the next one (a plan issued
        again brings a new review date, and that review is due in its turn)."""
        return f"{self.key}@{self.due.isoformat()}"


@dataclass(frozen=True)
class CaseDates:
    """The dates (and the few facts) on a case that set deadlines; any may be unknown."""

    approached_on: date | None = None
    prevention_duty_from: date | None = None
    relief_duty_from: date | None = None
    application_on: date | None = None
    """The homelessness application (the decision target runs from it)."""
    minded_to_told_on: date | None = None
    minded_to_replied: bool = False
    decision_notified_on: date | None = None
    """The applicant was notified of the decision: the decision target is met."""
    adverse_decision_notified_on: date | None = None
    """As `decision_notified_on`, for a decision against them: the review window runs from it."""
    review_requested_on: date | None = None
    review_decided_on: date | None = None
    main_duty_ended_on: date | None = None
    main_duty_end_notified_on: date | None = None
    """They were notified the main duty ended: the review window runs from it."""
    aged_16_17: bool = False
    placements: tuple[Placement, ...] = ()
    """The case's temporary accommodation placements, past and current."""
    household_has_children_or_pregnancy: bool = False
    must_leave_on: date | None = None
    """The day they will actually have to leave, when known apart from any notice."""
    notice_expires_on: date | None = None
    """The day a notice (or family or friends' request) says to leave by; None with no notice."""
    hearing_on: date | None = None
    eviction_on: date | None = None
    php_issued_on: date | None = None
    """The Personal Housing Plan was issued (or last reviewed) on this day."""
    discharge_or_release_on: date | None = None
    """The day the client leaves hospital or prison."""
    last_activity_on: date | None = None
    target_hardening_referred_on: date | None = None
    """Domestic abuse: the recorded target-hardening referral (the works are due from it)."""
    target_hardening_completed_on: date | None = None


def day_words(when: date) -> str:
    """'Mon 18 Jan 2027'."""
    return f"{when:%a} {when.day} {when:%b %Y}"


def case_deadlines(facts: CaseDates, *, today: date, policy: Policy) -> list[Deadline]:
    """Everything due on the case, soonest first (ties keep the order below).

    Key dates (notice, hearing, eviction, release) that are already past are left out: they
    are events, not tasks. Action deadlines that are past stay in, to show as overdue.
    """
    # Imported here: these rule groups build on this module's Deadline and CaseDates.
    from housing_tui.accommodation.suitability import placement_deadlines
    from housing_tui.casework.decisions.deadlines import decision_deadlines
    from housing_tui.prevention.target_hardening import target_hardening_deadlines

    found = [
        *placement_deadlines(facts, today, policy),
        *_duties(facts, policy),
        *decision_deadlines(facts, policy),
        *_plan_and_release(facts, policy),
        *_key_dates(facts, today),
        *_inactivity(facts, policy),
        *target_hardening_deadlines(facts, policy),
    ]
    return sorted(found, key=lambda deadline: deadline.due)


def _duties(facts: CaseDates, policy: Policy) -> list[Deadline]:
    rules = policy.deadlines
    found = []
    # The prevention duty ended when the relief duty began.
    relief_began = facts.relief_duty_from
    prevention = facts.prevention_duty_from
    if prevention is not None and (relief_began is None or relief_began < prevention):
        n = rules.prevention_duty_days
        found.append(
            Deadline(
                f"Prevention duty: the {n} days beginning {day_words(prevention)} are up on this "
                "day; review the case (the duty ends only by written notice, s.195(5))",
                last_of_days_beginning(prevention, n),
                f"Housing Act 1996 s.195(8)(b): prevention duty, {n} days beginning with the "
                "day it started",
                DeadlineKind.STATUTORY,
                key="prevention_duty_review",
            )
        )
    if relief_began is not None:
        n = rules.relief_duty_days
        found.append(
            Deadline(
                f"Relief duty: the {n} days beginning {day_words(relief_began)} are up on this "
                "day; decide which duty follows and tell the applicant in writing (with review "
                "rights)",
                last_of_days_beginning(relief_began, n),
                f"Housing Act 1996 s.189B(4) and (7)(b): relief duty, {n} days beginning with "
                "the day it started",
                DeadlineKind.STATUTORY,
                key="relief_duty_review",
            )
        )
    return found


def _plan_and_release(facts: CaseDates, policy: Policy) -> list[Deadline]:
    rules = policy.deadlines
    found = []
    if facts.php_issued_on is not None:
        n = rules.php_review_days
        found.append(
            Deadline(
                f"Review the Personal Housing Plan (issued or last reviewed "
                f"{day_words(facts.php_issued_on)})",
                facts.php_issued_on + timedelta(days=n),
                f"Council choice: review the plan every {n} days (Housing Act 1996 s.189A(9): "
                "keep it under review)",
                DeadlineKind.LOCAL_TARGET,
                key="php_review",
            )
        )
    leaving = facts.discharge_or_release_on
    if leaving is not None:
        n = rules.protocol_contact_days_before
        # "At least n days before": a contact day that is not a working day moves earlier,
        # never later, so the client still gets the full notice.
        found.append(
            Deadline(
                f"Contact the client and the discharge or release lead before they leave on "
                f"{day_words(leaving)}; refer to partners and find accommodation",
                previous_working_day(leaving - timedelta(days=n), rules.closure_days),
                f"Hospital discharge and prison release protocol: contact {n} days before the "
                "date (the working day before, if that day is not a working day)",
                DeadlineKind.PROTOCOL,
                key="protocol_contact",
            )
        )
        # A duty is recorded on the day it starts, never ahead: the day they leave is the day
        # to record the relief duty (s.189B(2)), unless they have somewhere to go by then.
        if facts.relief_duty_from is None:
            found.append(
                Deadline(
                    f"Start the relief duty on the day they leave ({day_words(leaving)}), with its "
                    "letter, unless somewhere suitable has been found by then",
                    leaving,
                    "Housing Act 1996 s.189B(2): the relief duty is owed once they are homeless "
                    "and eligible; record a duty on the day it starts",
                    DeadlineKind.STATUTORY,
                    key="relief_on_leaving",
                    to_client=_LEAVING_TO_CLIENT,
                )
            )
    return found


_LEAVING_TO_CLIENT = "You leave hospital or prison: you need somewhere to live from this day"


def _key_dates(facts: CaseDates, today: date) -> list[Deadline]:
    """Dates someone else set, from today on."""
    dates = (
        (
            # Once the relief duty is owed; before, the day is the task to start it.
            "Leaves hospital or prison: somewhere to live needed from this day",
            facts.discharge_or_release_on if facts.relief_duty_from is not None else None,
            "Release or discharge date given by the prison or hospital",
            _LEAVING_TO_CLIENT,
        ),
        (
            "Must leave: the day they have to go",
            facts.must_leave_on if facts.must_leave_on != facts.notice_expires_on else None,
            "Date they must leave, recorded at triage or in the interview",
            "The day you have been told you must leave",
        ),
        (
            "Notice expires: the day the landlord says the client must leave",
            facts.notice_expires_on,
            "Date on the landlord's notice",
            "Your notice ends: the day you have been told to leave by",
        ),
        (
            "Possession hearing",
            facts.hearing_on,
            "Date set by the court",
            "The court hearing about your home",
        ),
        (
            "Eviction by the bailiffs: somewhere to live needed from this day",
            facts.eviction_on,
            "Date set by the court (warrant of possession)",
            "The bailiffs' eviction date: you need somewhere to live from this day",
        ),
    )
    return [
        Deadline(what, due, rule, DeadlineKind.KEY_DATE, to_client=to_client)
        for what, due, rule, to_client in dates
        if due is not None and due >= today
    ]


def _inactivity(facts: CaseDates, policy: Policy) -> list[Deadline]:
    if facts.last_activity_on is None:
        return []
    n = policy.deadlines.inactivity_days
    return [
        Deadline(
            f"No activity on the case since {day_words(facts.last_activity_on)}: contact the "
            "client or record why not",
            facts.last_activity_on + timedelta(days=n),
            f"Council target: no case left without activity for more than {n} days",
            DeadlineKind.LOCAL_TARGET,
            key="inactivity",
        )
    ]


DueStatus = Literal["overdue", "due today", "due this week", "later"]


def due_status(deadline: Deadline, today: date) -> DueStatus:
    """How soon `deadline` is due: "overdue" (before today), "due today", "due this week"
    (within the next 7 calendar days: tomorrow up to and including today + 7, not the
    calendar week) or "later"."""
    days = (deadline.due - today).days
    if days < 0:
        return "overdue"
    if days == 0:
        return "due today"
    if days <= 7:
        return "due this week"
    return "later"
