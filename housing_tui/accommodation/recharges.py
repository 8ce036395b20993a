"""Costs the council pays for a household in temporary accommodation (its TA charge, B&B,
storing and removing their belongings) and what it recharges them under the recharging policy
(`[recharging]` in the policy file: the share of each kind recharged, and whether an officer
may waive one with a recorded reason).

A recharge becomes a debt that one of the existing repayment plans
(`housing_tui.money.repayments`) is set against: the plan's amount owed is what the costs set
against it recharge (`plan_recharges_problem`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from housing_tui.accommodation.placements import REASON_LIMIT
from housing_tui.money.amounts import PENNY, parse_money, pounds
from housing_tui.money.repayments.plan import DESCRIPTION_LIMIT, PlanTerms, RechargeKind
from housing_tui.reference import fields
from housing_tui.reference.fields import FieldError

if TYPE_CHECKING:
    from housing_tui.reference.policy import RechargingPolicy

COST_KINDS = (
    RechargeKind.TEMPORARY_ACCOMMODATION,
    RechargeKind.BNB,
    RechargeKind.STORAGE,
    RechargeKind.REMOVAL,
)
"""What is recorded as a cost of temporary accommodation (deposits and rent in advance are
recorded by the rent deposit check)."""

COST_FORM_KEYS = ("kind", "incurred_on", "amount", "description", "waived_reason")


@dataclass(frozen=True)
class RechargeableCost:
    """A cost recorded on a case (`id` empty until saved)."""

    kind: RechargeKind
    incurred_on: date
    amount: Decimal
    """What the council paid."""
    description: str = ""
    waived_reason: str = ""
    """Why the officer waived the recharge; empty: recharged under the policy."""
    plan_id: str | None = None
    """The repayment plan set against it, once agreed."""
    id: str = ""


def recharged_amount(cost: RechargeableCost, policy: RechargingPolicy) -> Decimal:
    """What the client is recharged for the cost: the policy's share of it, to the penny
    (half a penny up), nothing once waived."""
    if cost.waived_reason:
        return Decimal("0.00")
    share = Decimal(policy.percent.get(cost.kind.value, 0)) / 100
    return (cost.amount * share).quantize(PENNY, rounding=ROUND_HALF_UP)


def cost_problems(cost: RechargeableCost, policy: RechargingPolicy) -> dict[str, str]:
    """What the policy refuses in a cost, by field; storage checks again before it saves."""
    found: dict[str, str] = {}
    if cost.kind not in COST_KINDS:
        found["kind"] = "Choose a TA charge, B&B, storage or removals."
    if cost.amount <= 0:
        found["amount"] = "Type what the council paid: more than £0.00."
    if cost.waived_reason and not policy.waivers_allowed:
        found["waived_reason"] = (
            "The recharging policy allows no waiver (policy file, [recharging] "
            "waivers_allowed): leave this empty."
        )
    return found


def read_cost(
    raw: dict[str, str], *, today: date, policy: RechargingPolicy
) -> tuple[RechargeableCost | None, dict[str, str]]:
    """The cost typed on the form, or a message per field (`COST_FORM_KEYS`)."""
    reading = fields.read_form(
        raw,
        {
            "kind": _kind,
            "incurred_on": lambda text: _required_date(text, today),
            "amount": _required_money,
            "description": lambda text: (
                fields.parse_optional_text(text, limit=DESCRIPTION_LIMIT) or ""
            ),
            "waived_reason": lambda text: (
                fields.parse_optional_text(text, limit=REASON_LIMIT) or ""
            ),
        },
    )
    if reading.errors:
        return None, reading.errors
    cost = RechargeableCost(**reading.values)
    if cost.incurred_on > today:
        return None, {"incurred_on": f"{cost.incurred_on:%d/%m/%Y} is in the future."}
    problems = cost_problems(cost, policy)
    return (None, problems) if problems else (cost, {})


def plan_recharges_problem(
    terms: PlanTerms, costs: Iterable[RechargeableCost], policy: RechargingPolicy
) -> str | None:
    """Why a repayment plan with `terms` cannot be set against `costs`, or None if it can:
    each must be recharged and not already on a plan, and the amount owed is what they
    recharge in total."""
    costs = tuple(costs)
    if not costs:
        return None
    for cost in costs:
        if cost.plan_id is not None:
            return f"The {cost.kind.label} cost of {pounds(cost.amount)} is already on a plan."
        if cost.waived_reason:
            return f"The {cost.kind.label} cost of {pounds(cost.amount)} was waived."
    total = sum((recharged_amount(cost, policy) for cost in costs), Decimal("0.00"))
    if terms.amount_owed != total:
        return (
            f"The costs set against this plan recharge {pounds(total)} under the policy: the "
            f"amount owed must be {pounds(total)}, not {pounds(terms.amount_owed)}."
        )
    return None


@dataclass(frozen=True)
class Recharge:
    """What a new repayment plan recovers when it is set against the costs not yet recharged:
    the costs, and the plan's kind, details and amount owed."""

    cost_ids: tuple[str, ...]
    kind: RechargeKind
    description: str
    amount_owed: Decimal


def recharge_of(costs: Iterable[RechargeableCost], policy: RechargingPolicy) -> Recharge | None:
    """The costs still to recharge (not on a plan, not waived, with something to recharge
    under the policy) as one plan's debt; None when there are none."""
    due = [cost for cost in costs if cost.plan_id is None and recharged_amount(cost, policy) > 0]
    if not due:
        return None
    kinds = {cost.kind for cost in due}
    [kind] = kinds if len(kinds) == 1 else {RechargeKind.OTHER}
    labels = ", ".join(k.label for k in COST_KINDS if k in kinds)
    return Recharge(
        cost_ids=tuple(cost.id for cost in due),
        kind=kind,
        description=(f"Temporary accommodation: {labels}" if kind is RechargeKind.OTHER else ""),
        amount_owed=sum((recharged_amount(cost, policy) for cost in due), Decimal("0.00")),
    )


def _kind(text: str) -> RechargeKind:
    try:
        kind = RechargeKind(text.strip())
    except ValueError:
        kind = None
    if kind not in COST_KINDS:
        raise FieldError("Choose a TA charge, B&B, storage or removals.")
    return kind


def _required_date(text: str, today: date) -> date:
    day = fields.parse_date(text, today=today)
    if day is None:
        raise FieldError(f"Give the day the council paid or was charged, e.g. {today:%d/%m/%Y}.")
    return day


def _required_money(text: str) -> Decimal:
    amount = parse_money(text)
    if amount is None:
        raise FieldError("Type what the council paid, e.g. 450 or £450.00.")
    return amount
