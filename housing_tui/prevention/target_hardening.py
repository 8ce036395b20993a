"""Target hardening (a sanctuary scheme) for a survivor of domestic abuse who can safely stay at
home: the referral, the property check, the landlord's agreement, the works and what they cost,
and when they were ordered and completed (seed 001, "target hardening within 5 working days",
"£1,000 limit").

The rules: works costing up to the policy's limit (`[target_hardening] cost_limit`) go ahead;
above it a principal officer approves them first, and until then they cannot be ordered or
completed. The works are due `[assessment] target_hardening_working_days` council working days
after the referral: that one rule dates the referral (from the approach, in
`casework.assessment.next_steps`, until a referral is recorded) and then the works (here, in
the case's deadlines). Recorded target hardening is a step in the client's plan, with the
catalogue option's H-CLIC activity, so the statutory return counts it once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from housing_tui.calendar.deadlines import (
    CaseDates,
    Deadline,
    DeadlineKind,
    add_council_working_days,
    council_working_days_between,
)
from housing_tui.money.amounts import parse_money, pounds
from housing_tui.prevention.actions import ActionOwner, ActionStatus, Outcome
from housing_tui.reference import fields
from housing_tui.reference.codes import _Coded
from housing_tui.reference.fields import FieldError

if TYPE_CHECKING:
    from housing_tui.casework.assessment.facts import InterviewFacts
    from housing_tui.prevention.catalogue import PreventionOption
    from housing_tui.reference.policy import Policy

OPTION_KEY = "target_hardening"
"""The prevention option (prevention_options.toml) whose plan step recorded works are."""

REFERRAL_TASK = "target_hardening"
"""The key of the referral's deadline (`next_steps.must_happen`), which recording the referral
meets."""

WHAT_LIMIT = 120
"""One piece of work is one line: "Door chain and London bar"."""

WORKS_MOST = 20


class Agreement(_Coded):
    """The landlord's agreement to the works."""

    NEEDED = "needed", "Needed: not yet given"
    GIVEN = "given", "Given"
    REFUSED = "refused", "Refused"
    NOT_NEEDED = "not_needed", "Not needed: owner-occupier"

    @property
    def lets_works_go_ahead(self) -> bool:
        return self in (Agreement.GIVEN, Agreement.NOT_NEEDED)


@dataclass(frozen=True)
class Work:
    """One piece of work and what it costs, in pounds to the penny."""

    what: str
    cost: Decimal


@dataclass(frozen=True)
class Approval:
    """A principal officer's approval of works over the limit, up to `total`."""

    by: str
    """The approving officer's name, as the record shows it."""
    at: datetime
    total: Decimal
    """The total approved: works that come to more need approving again."""


@dataclass(frozen=True)
class TargetHardening:
    """The target hardening recorded on a case."""

    referred_on: date
    checked_on: date | None = None
    checked_by: str = ""
    """Who checked the property (the surveyor, the scheme's assessor)."""
    agreement: Agreement = Agreement.NEEDED
    agreement_on: date | None = None
    """The day the landlord agreed or refused."""
    works: tuple[Work, ...] = ()
    ordered_on: date | None = None
    completed_on: date | None = None
    approval: Approval | None = None

    @property
    def total(self) -> Decimal:
        return total_cost(self.works)


def total_cost(works: Iterable[Work]) -> Decimal:
    return sum((work.cost for work in works), Decimal("0.00"))


def over_limit(total: Decimal, policy: Policy) -> bool:
    """Works up to the limit go ahead; only more than it needs a principal's approval."""
    return total > policy.target_hardening.cost_limit


def approved_for(total: Decimal, approval: Approval | None, policy: Policy) -> bool:
    """The works may go ahead: within the limit, or approved for at least this much."""
    return not over_limit(total, policy) or (approval is not None and total <= approval.total)


def works_due_on(referred_on: date, policy: Policy) -> date:
    """The day the works are due: the policy's working days after the referral, counting
    bank holidays and the council's closure days out."""
    return add_council_working_days(
        referred_on, policy.assessment.target_hardening_working_days, policy
    )


def working_days_late(record: TargetHardening, *, today: date, policy: Policy) -> int:
    """How many working days past the due date the works were completed (or, not yet
    completed, are by today); 0 when on time."""
    due = works_due_on(record.referred_on, policy)
    return council_working_days_between(due, record.completed_on or today, policy)


def refusal(facts: InterviewFacts) -> str | None:
    """Why target hardening cannot be recorded on this case, or None."""
    if facts.domestic_abuse:
        return None
    return (
        "Target hardening is for domestic abuse cases, and this case has none recorded: if "
        "the client is a victim of domestic abuse, answer 'Victim of domestic abuse' in the "
        "interview first."
    )


# --- the case's deadline -------------------------------------------------------------------------


def target_hardening_deadlines(facts: CaseDates, policy: Policy) -> list[Deadline]:
    """The works, from the recorded referral until they are completed (an overdue one stays,
    to show as late). Done by recording the completion, so it has no key to mark it met."""
    referred = facts.target_hardening_referred_on
    if referred is None or facts.target_hardening_completed_on is not None:
        return []
    n = policy.assessment.target_hardening_working_days
    return [
        Deadline(
            f"Target-hardening works completed (referred {referred:%a} {referred.day} "
            f"{referred:%b %Y})",
            works_due_on(referred, policy),
            f"Council target: target-hardening works within {n} working days of the referral",
            DeadlineKind.LOCAL_TARGET,
        )
    ]


def referral_met(deadlines: Iterable[Deadline]) -> str | None:
    """The referral deadline among the case's (`Deadline.instance`), for recording the
    referral to meet, so it leaves the due list as the works' own date takes over; None when
    there is none (the interview did not ask for one, or it was met already)."""
    return next((d.instance for d in deadlines if d.key == REFERRAL_TASK), None)


# --- the form ------------------------------------------------------------------------------------

DATE_KEYS = ("referred_on", "checked_on", "agreement_on", "ordered_on", "completed_on")


@dataclass(frozen=True)
class Reading:
    """The form as read: what to save (None while anything is wrong) and a message per field."""

    record: TargetHardening | None
    errors: dict[str, str]
    total: Decimal | None
    """The works' total, once every line of them can be read."""


def read_target_hardening(
    raw: dict[str, str], *, today: date, policy: Policy, approval: Approval | None = None
) -> Reading:
    """The target-hardening form: referred_on, checked_on, checked_by, agreement, agreement_on,
    works (one per line: "what: cost"), ordered_on, completed_on. `approval` is the one on
    record, which the form does not change."""

    def day(text: str) -> date | None:
        found = fields.parse_date(text, today=today)
        if found is not None and found > today:
            raise FieldError(f"{found:%d/%m/%Y} is in the future: record what has happened.")
        return found

    parsers: dict[str, Any] = {
        **dict.fromkeys(DATE_KEYS, day),
        "checked_by": lambda text: fields.parse_optional_text(text, limit=100) or "",
        "agreement": _agreement,
        "works": parse_works,
    }
    reading = fields.read_form(raw, parsers)
    values, errors = reading.values, dict(reading.errors)
    works = values.get("works")
    total = total_cost(works) if works is not None else None
    errors.update(_problems(values, errors, total, approval, policy))
    if errors:
        return Reading(None, errors, total)
    return Reading(
        TargetHardening(
            referred_on=values["referred_on"],
            checked_on=values["checked_on"],
            checked_by=values["checked_by"],
            agreement=values["agreement"],
            agreement_on=values["agreement_on"],
            works=values["works"],
            ordered_on=values["ordered_on"],
            completed_on=values["completed_on"],
            approval=approval,
        ),
        {},
        total,
    )


def _agreement(text: str) -> Agreement:
    try:
        return Agreement(text.strip())
    except ValueError:
        raise FieldError("Landlord's agreement: choose one from the list.") from None


_WORK_LINE = re.compile(r"^(?P<what>.*?)\s*[:\-–]?\s*(?P<cost>£?\s*[\d,]+(?:\.\d*)?)$")


def parse_works(text: str) -> tuple[Work, ...]:
    """One piece of work a line, its cost at the end: "Door chain and London bar: 85.50"."""
    works = []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > WORKS_MOST:
        raise FieldError(f"At most {WORKS_MOST} lines of work: put like works on one line.")
    for number, line in enumerate(lines, start=1):
        match = _WORK_LINE.match(line)
        if match is None or not match["what"]:
            raise FieldError(
                f"Line {number} ({line[:30]}): write what the work is, then its cost, e.g. "
                "'Door chain and London bar: 85.50'."
            )
        what = " ".join(match["what"].split())
        if len(what) > WHAT_LIMIT:
            raise FieldError(f"Line {number}: keep each work to {WHAT_LIMIT} characters.")
        try:
            cost = parse_money(match["cost"])
        except FieldError as error:
            raise FieldError(f"Line {number} ({what[:30]}): {error}") from None
        assert cost is not None  # the pattern needs a figure
        works.append(Work(what, cost))
    return tuple(works)


def _problems(
    values: dict[str, Any],
    errors: dict[str, str],
    total: Decimal | None,
    approval: Approval | None,
    policy: Policy,
) -> dict[str, str]:
    """What the scheme's rules refuse, each beside the field to put right."""
    problems: dict[str, str] = {}
    referred = values.get("referred_on")
    if referred is None and "referred_on" not in errors:
        problems["referred_on"] = "Give the day of the referral: the works are due from it."
    for key, what in (
        ("checked_on", "The property check"),
        ("agreement_on", "The landlord's answer"),
        ("ordered_on", "Ordering the works"),
        ("completed_on", "Completing the works"),
    ):
        when = values.get(key)
        if isinstance(referred, date) and isinstance(when, date) and when < referred:
            problems[key] = f"{what} cannot come before the referral ({referred:%d/%m/%Y})."
    agreement = values.get("agreement")
    answered = agreement in (Agreement.GIVEN, Agreement.REFUSED)
    if answered and values.get("agreement_on") is None and "agreement_on" not in errors:
        problems["agreement_on"] = "Give the day the landlord answered."
    if agreement in (Agreement.NEEDED, Agreement.NOT_NEEDED) and values.get("agreement_on"):
        problems.setdefault(
            "agreement_on", "Only a landlord's answer has a date: clear it, or say what they said."
        )
    ordered, completed = values.get("ordered_on"), values.get("completed_on")
    if completed is not None and ordered is None and "ordered_on" not in errors:
        problems["ordered_on"] = "Give the day the works were ordered before they were completed."
    if isinstance(ordered, date) and isinstance(completed, date) and completed < ordered:
        problems.setdefault(
            "completed_on", "The works cannot be completed before they were ordered."
        )
    going_ahead = [key for key in ("ordered_on", "completed_on") if values.get(key)]
    if not going_ahead:
        return problems
    if isinstance(agreement, Agreement) and not agreement.lets_works_go_ahead:
        for key in going_ahead:
            problems.setdefault(
                key,
                f"The landlord's agreement is '{agreement.label.lower()}': works go ahead only "
                "with it given, or for an owner-occupier.",
            )
    if total is not None and not values.get("works"):
        problems.setdefault(
            "works", "List the works (one a line, with the cost) before they are ordered."
        )
    if total is not None and not approved_for(total, approval, policy):
        for key in going_ahead:
            problems.setdefault(key, over_limit_message(total, policy))
    return problems


def over_limit_message(total: Decimal, policy: Policy) -> str:
    return (
        f"The works come to {pounds(total)}, over the {pounds(policy.target_hardening.cost_limit)} "
        "limit: a principal officer must approve them (Ctrl+A) before they are ordered or "
        "completed."
    )


def show_works(works: Iterable[Work]) -> str:
    """The works as the form's field holds them, one a line."""
    return "\n".join(f"{work.what}: {work.cost:.2f}" for work in works)


# --- the plan step -------------------------------------------------------------------------------


def plan_step(record: TargetHardening, option: PreventionOption) -> dict[str, object]:
    """The plan step the works are, as `storage.plans` writes one: the catalogue option's
    wording and H-CLIC activities; in progress from the referral; succeeded, the client
    staying in their home, from the day the works were completed. No due date of its own:
    the works' date is the rule's (`target_hardening_deadlines`), so it is listed once."""
    completed = record.completed_on
    return {
        "title": option.title,
        "owner": ActionOwner.COUNCIL,
        "due_on": None,
        "status": ActionStatus.SUCCEEDED if completed else ActionStatus.IN_PROGRESS,
        "outcome": Outcome.STAYED if completed else None,
        "outcome_on": completed,
        "option_key": option.key,
        "council_step": option.council_step,
        "applicant_step": option.applicant_step,
        "prevention_activity": option.prevention_activity,
        "relief_activity": option.relief_activity,
    }
