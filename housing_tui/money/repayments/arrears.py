"""Payments against the schedule, and arrears: a payment not made in full by the end of the
policy's grace days puts the plan in arrears until the client is contacted."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from housing_tui.calendar.deadlines import Deadline, DeadlineKind
from housing_tui.money.amounts import pounds

if TYPE_CHECKING:
    from housing_tui.reference.policy import Policy
from housing_tui.money.repayments.plan import Payment, PlanStatus, RepaymentPlan
from housing_tui.money.repayments.schedule import Instalment, plan_schedule


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
