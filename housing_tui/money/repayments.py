"""Recharging: money the council paid for a client (a deposit, rent in advance, B&B, storage,
removals) and the repayment plan that recovers it, under the council's 100% recharging policy.

The officer and the client work out an affordable instalment from the interview's income and
expenditure (`affordability`), within the policy's minimum and maximum; the plan's instalments
fall on dated working days (`repayment_schedule`); the client signs a repayment agreement
(`agreement_values` fills its template); payments are recorded against the plan; and a payment
missed or short for longer than the policy's grace days puts the plan in arrears
(`plan_balance`), which the due list shows until the client is contacted
(`repayment_deadlines`).

Money is `Decimal` pounds to the penny. The limits come from the policy file (`[repayments]`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from housing_tui.calendar.deadlines import Deadline, DeadlineKind, add_working_days
from housing_tui.documents.rendering import bullets, long_date
from housing_tui.money.amounts import (
    PENNY,
    Frequency,
    IncomeAndExpenditure,
    parse_money,
    pounds,
    to_pence,
    to_weekly,
)
from housing_tui.reference import fields
from housing_tui.reference.codes import _Coded
from housing_tui.reference.fields import FieldError

if TYPE_CHECKING:
    from housing_tui.reference.policy import Policy, RepaymentsPolicy

DESCRIPTION_LIMIT = 200
"""What the money was for, in a few words: one line of the agreement."""

NOTE_LIMIT = 500

FIRST_DUE_PAST_DAYS = 28
"""A first payment up to 4 weeks back is a plan signed on paper and typed in later; further back
is a typing mistake."""

FIRST_DUE_AHEAD_DAYS = 91
"""A first payment more than 13 weeks away is a typing mistake: repayments start soon after
the plan is agreed."""


class RechargeKind(_Coded):
    """What the council paid for and now recharges. The same plan serves every kind."""

    DEPOSIT = "deposit", "Rent deposit"
    RENT_IN_ADVANCE = "rent_in_advance", "Rent in advance"
    BNB = "bnb", "B&B"
    STORAGE = "storage", "Storage"
    REMOVAL = "removal", "Removals"
    OTHER = "other", "Other"


_WHAT_IT_PAID_FOR = {
    RechargeKind.DEPOSIT: "your rent deposit",
    RechargeKind.RENT_IN_ADVANCE: "your rent in advance",
    RechargeKind.BNB: "your bed and breakfast accommodation",
    RechargeKind.STORAGE: "storing your belongings",
    RechargeKind.REMOVAL: "your removal",
}
"""How the agreement names each kind to the client ("The council has paid for ...")."""


class PlanStatus(_Coded):
    """Where a repayment plan stands."""

    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Paid in full"
    CANCELLED = "cancelled", "Cancelled"
    LEGAL = "legal", "Passed to legal"

    @property
    def takes_payments(self) -> bool:
        """Money can still come in: a plan passed to legal is still owed, and what the court
        recovers is recorded against it."""
        return self in (PlanStatus.ACTIVE, PlanStatus.LEGAL)


PLAN_FREQUENCIES = (
    Frequency.WEEKLY,
    Frequency.FORTNIGHTLY,
    Frequency.FOUR_WEEKLY,
    Frequency.MONTHLY,
)
"""How often a client may pay (not yearly)."""

_WEEKS_IN = {
    Frequency.WEEKLY: Fraction(1),
    Frequency.FORTNIGHTLY: Fraction(2),
    Frequency.FOUR_WEEKLY: Fraction(4),
    # A month is 52/12 weeks, as benefits count it (housing_tui.money.amounts.to_weekly).
    Frequency.MONTHLY: Fraction(52, 12),
}
"""The weeks each payment covers; a Fraction, so that 24 months are exactly 104 weeks."""

_STEP = {
    Frequency.WEEKLY: relativedelta(weeks=1),
    Frequency.FORTNIGHTLY: relativedelta(weeks=2),
    Frequency.FOUR_WEEKLY: relativedelta(weeks=4),
    Frequency.MONTHLY: relativedelta(months=1),
}

_HOW_OFTEN = {
    Frequency.WEEKLY: "a week",
    Frequency.FORTNIGHTLY: "every two weeks",
    Frequency.FOUR_WEEKLY: "every four weeks",
    Frequency.MONTHLY: "a month",
}


def per_period(amount: Decimal, frequency: Frequency) -> str:
    """'£20.00 a week', '£86.67 a month'."""
    return f"{pounds(amount)} {_HOW_OFTEN[Frequency(frequency)]}"


def _a_week(amount: Decimal) -> str:
    return per_period(amount, Frequency.WEEKLY)


# --- the plan ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanTerms:
    """What the officer and the client agreed: what for, how much, how often, from when."""

    kind: RechargeKind
    description: str
    amount_owed: Decimal
    instalment: Decimal
    frequency: Frequency
    first_due_on: date

    @property
    def what_for(self) -> str:
        """'Rent deposit: 12 High Street'."""
        if self.kind is RechargeKind.OTHER:
            return self.description
        return f"{self.kind.label}: {self.description}" if self.description else self.kind.label

    @property
    def short_name(self) -> str:
        """'Rent deposit': the kind, or what an 'other' cost was, for a narrow column."""
        return self.description if self.kind is RechargeKind.OTHER else self.kind.label


@dataclass(frozen=True)
class Payment:
    paid_on: date
    amount: Decimal
    note: str = ""


@dataclass(frozen=True)
class RepaymentPlan:
    """A plan as recorded, with every payment made towards it."""

    id: str
    terms: PlanTerms
    agreed_on: date
    status: PlanStatus
    payments: tuple[Payment, ...] = ()

    @property
    def paid(self) -> Decimal:
        return sum((payment.amount for payment in self.payments), Decimal("0.00"))

    @property
    def outstanding(self) -> Decimal:
        return self.terms.amount_owed - self.paid


# --- the affordability calculation ---------------------------------------------------------------


@dataclass(frozen=True)
class Affordability:
    """The weekly instalment suggested from the client's income and expenditure, and why."""

    suggested_weekly: Decimal
    reasons: tuple[str, ...]
    """How it was worked out, line by line, for the officer and for the agreement."""
    warning: str | None
    """What the officer should do before agreeing it, when the budget does not bear it."""


def affordability(budget: IncomeAndExpenditure | None, policy: RepaymentsPolicy) -> Affordability:
    """The policy's share of what the client has left each week, rounded to the penny (halves
    up), kept between the policy's weekly minimum and maximum. `budget` is None when the
    interview has no income or outgoings yet: the minimum is suggested, with a warning."""
    least, most, share = policy.min_weekly, policy.max_weekly, policy.affordable_share_percent
    if budget is None:
        return Affordability(
            suggested_weekly=least,
            reasons=(f"No income or outgoings recorded: the policy minimum, {_a_week(least)}.",),
            warning=(
                "Record their income and outgoings in the interview first, and agree an amount "
                "they can afford."
            ),
        )
    left = budget.weekly_residual
    income = (
        f"Income {_a_week(budget.weekly_income)}, outgoings {_a_week(budget.weekly_outgoings)}: "
    )
    if left <= 0:
        short = f"{pounds(-left)} a week short." if left < 0 else "nothing left over."
        return Affordability(
            suggested_weekly=least,
            reasons=(
                income + short,
                f"Nothing is left over: the policy minimum, {_a_week(least)}.",
            ),
            warning=(
                "They have nothing left over each week: go through their income and "
                "expenditure with them and refer them for debt advice before agreeing any "
                "repayment."
            ),
        )
    afforded = to_pence(left * share / 100)
    reasons = [
        income + f"{pounds(left)} a week left over.",
        f"{share}% of what is left over is {_a_week(afforded)}.",
    ]
    warning = None
    suggested = afforded
    if afforded < least:
        suggested = least
        reasons.append(f"That is below the policy minimum, so {_a_week(least)}.")
        warning = (
            f"The policy minimum is more than {share}% of what they have left: check they can "
            "afford it."
        )
    elif afforded > most:
        suggested = most
        reasons.append(f"That is above the policy maximum, so {_a_week(most)}.")
    return Affordability(suggested_weekly=suggested, reasons=tuple(reasons), warning=warning)


def instalment_for(weekly: Decimal, frequency: Frequency) -> Decimal:
    """A weekly amount as an instalment paid at `frequency`, to the penny (halves up): £20 a
    week is £86.67 a month (x 52 / 12)."""
    weeks = _WEEKS_IN[Frequency(frequency)]
    return to_pence(weekly * weeks.numerator / weeks.denominator)


# --- reading and checking the plan form ----------------------------------------------------------

PLAN_FORM_KEYS = ("kind", "description", "amount_owed", "instalment", "frequency", "first_due_on")
"""The plan form's fields in the order they are shown, which is also the order errors take
focus."""


def read_plan(
    raw: dict[str, str], *, today: date, policy: RepaymentsPolicy
) -> tuple[PlanTerms | None, dict[str, str]]:
    """The plan typed on the form, or a message per field (keys as `PLAN_FORM_KEYS`)."""
    reading = fields.read_form(
        raw,
        {
            "kind": lambda text: _one_of(text, RechargeKind, "Choose what the council paid for."),
            "description": _description,
            "amount_owed": lambda text: _required_money(text, "the amount owed"),
            "instalment": lambda text: _required_money(text, "the instalment agreed"),
            "frequency": _frequency,
            "first_due_on": lambda text: _required_date(
                text, today, "the day the first payment is due", "or +7"
            ),
        },
    )
    if reading.errors:
        return None, reading.errors
    terms = PlanTerms(**reading.values)
    problems = plan_problems(terms, today=today, policy=policy)
    return (None, problems) if problems else (terms, {})


def plan_problems(terms: PlanTerms, *, today: date, policy: RepaymentsPolicy) -> dict[str, str]:
    """What the policy refuses in a plan, by field: storage checks again before it saves."""
    if terms.frequency not in PLAN_FREQUENCIES:
        return {"frequency": "Choose how often they pay."}
    found = {
        "first_due_on": _first_due_problem(terms.first_due_on, today),
        "description": (
            "Say what the council paid for, e.g. 'Replacement locks'."
            if terms.kind is RechargeKind.OTHER and not terms.description.strip()
            else None
        ),
        "amount_owed": _amount_problem(terms.amount_owed, policy),
    }
    # How long it takes means nothing until the amount owed is right.
    found["instalment"] = _instalment_problem(
        terms, policy, count_weeks=found["amount_owed"] is None
    )
    return {key: message for key, message in found.items() if message}


def _first_due_problem(first: date, today: date) -> str | None:
    if first < today - timedelta(days=FIRST_DUE_PAST_DAYS):
        weeks = FIRST_DUE_PAST_DAYS // 7
        return f"{first:%d/%m/%Y} is more than {weeks} weeks ago: check the date."
    if first > today + timedelta(days=FIRST_DUE_AHEAD_DAYS):
        return (
            f"{first:%d/%m/%Y} is more than {FIRST_DUE_AHEAD_DAYS // 7} weeks away: repayments "
            "start soon after the plan is agreed. Check the date."
        )
    return None


def _amount_problem(owed: Decimal, policy: RepaymentsPolicy) -> str | None:
    most = policy.max_weekly * policy.max_weeks
    if owed <= 0:
        return "The amount owed must be more than £0.00."
    if owed > most:
        return (
            f"{pounds(owed)} is more than a plan can recover under the policy: "
            f"{_a_week(policy.max_weekly)} for {policy.max_weeks} weeks is {pounds(most)}. "
            "Check the amount, or ask the principal housing officer how to recover it."
        )
    return None


def _instalment_problem(
    terms: PlanTerms, policy: RepaymentsPolicy, *, count_weeks: bool
) -> str | None:
    """The instalment's weekly equivalent (benefits' rounding: `money.to_weekly`) within the
    policy's minimum and maximum, and the plan no longer than the policy's weeks."""
    owed, instalment, frequency = terms.amount_owed, terms.instalment, terms.frequency
    weekly = to_weekly(instalment, frequency)
    as_weekly = "" if frequency is Frequency.WEEKLY else f" ({pounds(weekly)} a week)"
    if instalment <= 0:
        return f"The instalment must be at least {_a_week(policy.min_weekly)}."
    if weekly < policy.min_weekly:
        return (
            f"{per_period(instalment, frequency)}{as_weekly} is less than the policy minimum "
            f"of {_a_week(policy.min_weekly)}."
        )
    if weekly > policy.max_weekly:
        return (
            f"{per_period(instalment, frequency)}{as_weekly} is more than the policy maximum "
            f"of {_a_week(policy.max_weekly)}."
        )
    if not count_weeks:
        return None
    count = instalment_count(owed, instalment)
    weeks = count * _WEEKS_IN[frequency]
    if weeks <= policy.max_weeks:
        return None
    most_instalments = int(policy.max_weeks / _WEEKS_IN[frequency])
    # Rounded up, not to the nearest penny: a penny less would need one more payment.
    least = (owed / most_instalments).quantize(PENNY, rounding=ROUND_CEILING)
    return (
        f"At {per_period(instalment, frequency)}, {pounds(owed)} takes {count} payments "
        f"({round(weeks)} weeks); the policy allows at most {policy.max_weeks} weeks. "
        f"Agree at least {per_period(least, frequency)}."
    )


def instalment_count(amount_owed: Decimal, instalment: Decimal) -> int:
    """How many payments repay `amount_owed`: whole instalments, and one more for what is left."""
    owed, each = int(amount_owed * 100), int(instalment * 100)  # whole pence: exact
    return -(-owed // each)


def _one_of(text: str, codes: type[_Coded], message: str) -> _Coded:
    try:
        return codes(text.strip())
    except ValueError:
        raise FieldError(message) from None


def _description(text: str) -> str:
    cleaned = " ".join(text.split())
    if len(cleaned) > DESCRIPTION_LIMIT:
        raise FieldError(
            f"Keep it to {DESCRIPTION_LIMIT} characters (it has {len(cleaned)}): it is one line "
            "of the agreement."
        )
    return cleaned


def _required_money(text: str, what: str) -> Decimal:
    amount = parse_money(text)
    if amount is None:
        raise FieldError(f"Type {what}, e.g. 450 or £450.00.")
    return amount


def _frequency(text: str) -> Frequency:
    try:
        frequency = Frequency(text.strip())
    except ValueError:
        frequency = None
    if frequency not in PLAN_FREQUENCIES:
        raise FieldError("Choose how often they pay.")
    return frequency


# --- the schedule --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Instalment:
    number: int
    """1 for the first payment."""
    due_on: date
    amount: Decimal


def repayment_schedule(
    amount_owed: Decimal,
    instalment: Decimal,
    frequency: Frequency,
    first_due_on: date,
    closures: Iterable[date] = (),
) -> tuple[Instalment, ...]:
    """Every payment and the working day it is due, until `amount_owed` is repaid.

    Each date is counted from the first (weekly: + k weeks; monthly: + k months, the same day
    of the month or the month's last day, so a plan from 31 January falls on 28 February and
    then 31 March, never drifting to the 28th). A date on a weekend, a bank holiday or one of
    the council's `closures` moves to the next working day, and never onto or before the
    previous payment's day (a long Christmas closure would otherwise put two on one day).
    Every payment is `instalment` but the last, which is what is left; they add up to
    `amount_owed` exactly. Check the plan (`plan_problems`) first: this does not limit its
    length.
    """
    if amount_owed <= 0 or instalment <= 0:
        raise ValueError(f"amounts must be more than 0 (owed {amount_owed}, each {instalment})")
    step, closed = _STEP[Frequency(frequency)], frozenset(closures)
    count = instalment_count(amount_owed, instalment)
    found: list[Instalment] = []
    for k in range(count):
        nominal = first_due_on + step * k
        if found:
            nominal = max(nominal, found[-1].due_on + timedelta(days=1))
        amount = instalment if k < count - 1 else amount_owed - instalment * (count - 1)
        found.append(Instalment(k + 1, add_working_days(nominal, 0, closed), amount))
    return tuple(found)


def plan_schedule(terms: PlanTerms, closures: Iterable[date] = ()) -> tuple[Instalment, ...]:
    return repayment_schedule(
        terms.amount_owed, terms.instalment, terms.frequency, terms.first_due_on, closures
    )


# --- payments and arrears ------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanBalance:
    """Where a plan stands on a given day."""

    owed: Decimal
    paid: Decimal
    arrears: Decimal
    """What should have been paid by now (every instalment whose grace days have run out) less
    what has been paid; 0 when up to date."""
    behind_since: date | None
    """In arrears: the due date of the oldest payment not made in full."""
    fell_behind_on: date | None
    """In arrears: the day the latest missed payment's grace days ran out, when the client
    is to be contacted (a further missed payment brings a new day)."""
    next_due: Instalment | None
    """The oldest payment not yet made in full, with what is left to pay on it."""

    @property
    def outstanding(self) -> Decimal:
        return self.owed - self.paid

    @property
    def paid_in_full(self) -> bool:
        return self.outstanding <= 0


def in_arrears_if_unpaid(instalment: Instalment, *, today: date, grace_days: int) -> bool:
    """The payment's grace days have run out: if it is not paid in full, it is in arrears."""
    return instalment.due_on + timedelta(days=grace_days) <= today


def plan_balance(
    schedule: tuple[Instalment, ...],
    payments: Iterable[Payment],
    *,
    today: date,
    grace_days: int,
) -> PlanBalance:
    """What is paid, what is owed, and whether the plan is in arrears on `today`.

    A payment is in arrears `grace_days` after its due date if it has not been paid in full
    by then. Payments are counted against the oldest instalment first, whatever day they
    came, so a late or larger payment clears arrears.
    """
    paid = sum((p.amount for p in payments if p.paid_on <= today), Decimal("0.00"))
    owed = sum((i.amount for i in schedule), Decimal("0.00"))
    overdue = [i for i in schedule if in_arrears_if_unpaid(i, today=today, grace_days=grace_days)]
    arrears = max(sum((i.amount for i in overdue), Decimal("0.00")) - paid, Decimal("0.00"))
    next_due, left = None, paid
    for instalment in schedule:
        if left < instalment.amount:
            next_due = replace(instalment, amount=instalment.amount - left)
            break
        left -= instalment.amount
    return PlanBalance(
        owed=owed,
        paid=paid,
        arrears=arrears,
        behind_since=next_due.due_on if arrears and next_due else None,
        fell_behind_on=overdue[-1].due_on + timedelta(days=grace_days) if arrears else None,
        next_due=next_due,
    )


def balance_of(plan: RepaymentPlan, *, today: date, policy: Policy) -> PlanBalance:
    """`plan_balance` of a recorded plan, on the council's calendar and grace days."""
    return plan_balance(
        plan_schedule(plan.terms, policy.deadlines.closure_days),
        plan.payments,
        today=today,
        grace_days=policy.repayments.grace_days,
    )


ARREARS_KEY = "repayment_arrears"
"""The start of an arrears deadline's key; the plan's id follows, so each plan is marked
done on its own."""


def repayment_deadlines(
    plans: Iterable[RepaymentPlan], *, today: date, policy: Policy
) -> list[Deadline]:
    """One deadline per active plan in arrears, from the day it fell behind: contact the
    client (the recharging policy). Marking it done records the contact; the next missed
    payment brings it back with a new date."""
    grace = policy.repayments.grace_days
    found = []
    for plan in plans:
        if plan.status is not PlanStatus.ACTIVE:
            continue
        balance = balance_of(plan, today=today, policy=policy)
        if not balance.arrears:
            continue
        assert balance.fell_behind_on is not None and balance.behind_since is not None
        found.append(
            Deadline(
                what=(
                    f"Repayment plan ({plan.terms.kind.label}) in arrears: "
                    f"{pounds(balance.arrears)} behind since {balance.behind_since:%d/%m/%Y} "
                    "— contact the client"
                ),
                due=balance.fell_behind_on,
                rule=(
                    f"Recharging policy: contact the client when a payment is not made in full "
                    f"within {grace} days of its due date; pass it to legal if they do not pay"
                ),
                kind=DeadlineKind.LOCAL_TARGET,
                key=f"{ARREARS_KEY}:{plan.id}",
            )
        )
    return sorted(found, key=lambda deadline: deadline.due)


# --- recording payments and changing the status -------------------------------------------------

PAYMENT_FORM_KEYS = ("amount", "paid_on", "note")


def read_payment(
    raw: dict[str, str], *, plan: RepaymentPlan, today: date
) -> tuple[Payment | None, dict[str, str]]:
    """A payment from the payment form, or a message per field (keys as `PAYMENT_FORM_KEYS`)."""
    reading = fields.read_form(
        raw,
        {
            "amount": lambda text: _required_money(text, "the amount paid"),
            "paid_on": lambda text: _required_date(text, today, "the day it was paid", "or today"),
            "note": lambda text: fields.parse_optional_text(text, limit=NOTE_LIMIT) or "",
        },
    )
    if reading.errors:
        return None, reading.errors
    payment = Payment(**reading.values)
    problems = payment_problems(plan, payment, today=today)
    return (None, problems) if problems else (payment, {})


def payment_problems(plan: RepaymentPlan, payment: Payment, *, today: date) -> dict[str, str]:
    """What cannot be recorded, by field: nothing, a refund, or a date that cannot be right."""
    problems = {}
    if payment.amount <= 0:
        problems["amount"] = "Type the amount paid: more than £0.00."
    elif payment.amount > plan.outstanding:
        problems["amount"] = (
            f"{pounds(payment.amount)} is more than the {pounds(plan.outstanding)} still owed "
            "on this plan: check the amount."
        )
    started = min(plan.agreed_on, plan.terms.first_due_on)
    if payment.paid_on > today:
        problems["paid_on"] = (
            f"{payment.paid_on:%d/%m/%Y} is in the future: record a payment once it is made."
        )
    elif payment.paid_on < started:
        problems["paid_on"] = (
            f"{payment.paid_on:%d/%m/%Y} is before the plan started ({started:%d/%m/%Y}): "
            "check the date."
        )
    return problems


def _required_date(text: str, today: date, what: str, shorthand: str) -> date:
    day = fields.parse_date(text, today=today)
    if day is None:
        raise FieldError(f"Give {what}, e.g. {today:%d/%m/%Y} {shorthand}.")
    return day


def status_problem(plan: RepaymentPlan, status: PlanStatus) -> str | None:
    """Why the plan cannot be given `status`, or None if it can. A plan is completed only by
    being paid in full, and a plan paid in full stays completed."""
    if status is plan.status:
        return f"The plan is already {status.label.lower()}."
    if plan.status is PlanStatus.COMPLETED:
        return "The plan is paid in full: there is nothing left to recover."
    if status is PlanStatus.COMPLETED and plan.outstanding > 0:
        return (
            f"{pounds(plan.outstanding)} is still owed: a plan is completed when it is paid "
            "in full (cancel it if the council writes the debt off)."
        )
    return None


# --- the repayment agreement ---------------------------------------------------------------------


def agreement_values(
    terms: PlanTerms,
    schedule: tuple[Instalment, ...],
    afforded: Affordability,
    *,
    written_on: date,
    grace_days: int,
) -> dict[str, str]:
    """The values the repayment agreement template needs beyond the client and the council
    (`housing_tui.documents.rendering.PLACEHOLDERS["repayment_agreement"]`)."""
    first, last = schedule[0], schedule[-1]
    what_for = _WHAT_IT_PAID_FOR.get(terms.kind, "")
    if terms.description:
        what_for = f"{what_for} ({terms.description})" if what_for else terms.description
    payments = f"{len(schedule)} payment{'s' if len(schedule) != 1 else ''} in all"
    if last.amount != terms.instalment:
        payments += f", the last one {pounds(last.amount)}"
    return {
        "written_on": long_date(written_on),
        "what_for": what_for,
        "amount_owed": pounds(terms.amount_owed),
        "instalment": f"{per_period(terms.instalment, terms.frequency)} ({payments})",
        "first_due_on": long_date(first.due_on),
        "last_due_on": long_date(last.due_on),
        "schedule": "\n".join(
            f"{i.number}. {long_date(i.due_on)}: {pounds(i.amount)}" for i in schedule
        ),
        "affordability": bullets(
            [*afforded.reasons, f"We agreed {per_period(terms.instalment, terms.frequency)}."]
        ),
        "grace_days": str(grace_days),
    }
