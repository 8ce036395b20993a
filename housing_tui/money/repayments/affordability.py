"""The affordability calculation: the policy's share of what the client has left each week,
kept between the policy's minimum and maximum instalment."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from housing_tui.money.amounts import Frequency, IncomeAndExpenditure, pounds, to_pence

if TYPE_CHECKING:
    from housing_tui.reference.policy import RepaymentsPolicy
from housing_tui.money.repayments.plan import WEEKS_IN, a_week


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
            reasons=(f"No income or outgoings recorded: the policy minimum, {a_week(least)}.",),
            warning=(
                "Record their income and outgoings in the interview first, and agree an amount "
                "they can afford."
            ),
        )
    left = budget.weekly_residual
    income = f"Income {a_week(budget.weekly_income)}, outgoings {a_week(budget.weekly_outgoings)}: "
    if left <= 0:
        short = f"{pounds(-left)} a week short." if left < 0 else "nothing left over."
        return Affordability(
            suggested_weekly=least,
            reasons=(
                income + short,
                f"Nothing is left over: the policy minimum, {a_week(least)}.",
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
        f"{share}% of what is left over is {a_week(afforded)}.",
    ]
    warning = None
    suggested = afforded
    if afforded < least:
        suggested = least
        reasons.append(f"That is below the policy minimum, so {a_week(least)}.")
        warning = (
            f"The policy minimum is more than {share}% of what they have left: check they can "
            "afford it."
        )
    elif afforded > most:
        suggested = most
        reasons.append(f"That is above the policy maximum, so {a_week(most)}.")
    return Affordability(suggested_weekly=suggested, reasons=tuple(reasons), warning=warning)


def instalment_for(weekly: Decimal, frequency: Frequency) -> Decimal:
    """A weekly amount as an instalment paid at `frequency`, to the penny (halves up): £20 a
    week is £86.67 a month (x 52 / 12)."""
    weeks = WEEKS_IN[Frequency(frequency)]
    return to_pence(weekly * weeks.numerator / weeks.denominator)
