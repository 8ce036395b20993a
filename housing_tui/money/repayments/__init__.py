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

from housing_tui.money.amounts import per_period  # the repayment screens' name for it
from housing_tui.money.repayments.affordability import Affordability, affordability, instalment_for
from housing_tui.money.repayments.agreement import agreement_values
from housing_tui.money.repayments.arrears import (
    ARREARS_KEY,
    PlanBalance,
    balance_of,
    in_arrears_if_unpaid,
    plan_balance,
    repayment_deadlines,
)
from housing_tui.money.repayments.forms import (
    PAYMENT_FORM_KEYS,
    PLAN_FORM_KEYS,
    first_due_warning,
    payment_problems,
    plan_problems,
    read_payment,
    read_plan,
    status_problem,
)
from housing_tui.money.repayments.plan import (
    DESCRIPTION_LIMIT,
    FIRST_DUE_AHEAD_DAYS,
    FIRST_DUE_PAST_DAYS,
    NOTE_LIMIT,
    PLAN_FREQUENCIES,
    Payment,
    PlanStatus,
    PlanTerms,
    RechargeKind,
    RepaymentPlan,
)
from housing_tui.money.repayments.schedule import (
    Instalment,
    instalment_count,
    plan_schedule,
    repayment_schedule,
)

__all__ = [
    "ARREARS_KEY",
    "Affordability",
    "DESCRIPTION_LIMIT",
    "FIRST_DUE_AHEAD_DAYS",
    "FIRST_DUE_PAST_DAYS",
    "Instalment",
    "NOTE_LIMIT",
    "PAYMENT_FORM_KEYS",
    "PLAN_FORM_KEYS",
    "PLAN_FREQUENCIES",
    "Payment",
    "PlanBalance",
    "PlanStatus",
    "PlanTerms",
    "RechargeKind",
    "RepaymentPlan",
    "affordability",
    "agreement_values",
    "balance_of",
    "first_due_warning",
    "in_arrears_if_unpaid",
    "instalment_count",
    "instalment_for",
    "payment_problems",
    "per_period",
    "plan_balance",
    "plan_problems",
    "plan_schedule",
    "read_payment",
    "read_plan",
    "repayment_deadlines",
    "repayment_schedule",
    "status_problem",
]
