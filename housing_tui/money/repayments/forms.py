"""Reading and checking the forms: a new plan (what was paid for, the amount, the instalment: a
plan may not run longer than the policy allows; the first payment date), a payment, and a
change of status (to legal, cancelled or resumed)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING

from housing_tui.money.amounts import PENNY, Frequency, parse_money, per_period, pounds, to_weekly
from housing_tui.reference import fields
from housing_tui.reference.codes import _Coded
from housing_tui.reference.fields import FieldError

if TYPE_CHECKING:
    from housing_tui.reference.policy import RepaymentsPolicy
from housing_tui.money.repayments.plan import (
    DESCRIPTION_LIMIT,
    FIRST_DUE_AHEAD_DAYS,
    FIRST_DUE_PAST_DAYS,
    NOTE_LIMIT,
    PLAN_FREQUENCIES,
    WEEKS_IN,
    Payment,
    PlanStatus,
    PlanTerms,
    RechargeKind,
    RepaymentPlan,
    a_week,
)
from housing_tui.money.repayments.schedule import instalment_count

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
        values = reading.values
        if {"amount_owed", "instalment", "frequency"} <= values.keys():
            # How long the plan takes is said as soon as its money reads, not once every
            # other field is right: the officer agrees the instalment from it.
            money = _money_problems(
                values["amount_owed"], values["instalment"], values["frequency"], policy
            )
            return None, {**money, **reading.errors}
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
    }
    found.update(_money_problems(terms.amount_owed, terms.instalment, terms.frequency, policy))
    return {key: message for key, message in found.items() if message}


def _money_problems(
    owed: Decimal, instalment: Decimal, frequency: Frequency, policy: RepaymentsPolicy
) -> dict[str, str]:
    """The amount owed and the instalment against the policy, by field."""
    if frequency not in PLAN_FREQUENCIES:
        return {}
    found = {"amount_owed": _amount_problem(owed, policy)}
    # How long it takes means nothing until the amount owed is right.
    found["instalment"] = _instalment_problem(
        owed, instalment, frequency, policy, count_weeks=found["amount_owed"] is None
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


def first_due_warning(first: date, today: date) -> str | None:
    """What to check when the first payment is due before today (within the weeks back a plan
    agreed on paper may be typed in later, `FIRST_DUE_PAST_DAYS`; further back is refused):
    that payment is due already, and missed once the grace days pass."""
    if first >= today:
        return None
    return (
        f"{first:%d/%m/%Y} is in the past: the first payment is due already and counts as "
        "missed once the grace days pass. Right for a plan agreed on paper earlier; "
        "otherwise give a later date."
    )


def _amount_problem(owed: Decimal, policy: RepaymentsPolicy) -> str | None:
    most = policy.max_weekly * policy.max_weeks
    if owed <= 0:
        return "The amount owed must be more than £0.00."
    if owed > most:
        return (
            f"{pounds(owed)} is more than a plan can recover under the policy: "
            f"{a_week(policy.max_weekly)} for {policy.max_weeks} weeks is {pounds(most)}. "
            "Check the amount, or ask the principal housing officer how to recover it."
        )
    return None


def _instalment_problem(
    owed: Decimal,
    instalment: Decimal,
    frequency: Frequency,
    policy: RepaymentsPolicy,
    *,
    count_weeks: bool,
) -> str | None:
    """The instalment's weekly equivalent (benefits' rounding: `money.to_weekly`) within the
    policy's minimum and maximum, and the plan no longer than the policy's weeks."""
    weekly = to_weekly(instalment, frequency)
    as_weekly = "" if frequency is Frequency.WEEKLY else f" ({pounds(weekly)} a week)"
    if instalment <= 0:
        return f"The instalment must be at least {a_week(policy.min_weekly)}."
    if weekly < policy.min_weekly:
        return (
            f"{per_period(instalment, frequency)}{as_weekly} is less than the policy minimum "
            f"of {a_week(policy.min_weekly)}."
        )
    if weekly > policy.max_weekly:
        return (
            f"{per_period(instalment, frequency)}{as_weekly} is more than the policy maximum "
            f"of {a_week(policy.max_weekly)}."
        )
    if not count_weeks:
        return None
    count = instalment_count(owed, instalment)
    weeks = count * WEEKS_IN[frequency]
    if weeks <= policy.max_weeks:
        return None
    most_instalments = int(policy.max_weeks / WEEKS_IN[frequency])
    # Rounded up, not to the nearest penny: a penny less would need one more payment.
    least = (owed / most_instalments).quantize(PENNY, rounding=ROUND_CEILING)
    return (
        f"At {per_period(instalment, frequency)}, {pounds(owed)} takes {count} payments "
        f"({round(weeks)} weeks); the policy allows at most {policy.max_weeks} weeks. "
        f"Agree at least {per_period(least, frequency)}."
    )


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
