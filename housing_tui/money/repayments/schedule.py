"""The schedule: instalments dated from the first date (months keep their day, clamped at month
end), each moved off weekends, bank holidays and closure days to the next working day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from housing_tui.calendar.deadlines import add_working_days
from housing_tui.money.amounts import Frequency

if TYPE_CHECKING:
    pass
from housing_tui.money.repayments.plan import STEP, PlanTerms


def instalment_count(amount_owed: Decimal, instalment: Decimal) -> int:
    """How many payments repay `amount_owed`: whole instalments, and one more for what is left."""
    owed, each = int(amount_owed * 100), int(instalment * 100)  # whole pence: exact
    return -(-owed // each)


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
    step, closed = STEP[Frequency(frequency)], frozenset(closures)
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
