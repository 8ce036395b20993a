"""The financial year (April to March) and the council's DHP budget for it: the allocation
(policy file), awarded, paid, committed, awaiting decisions and what remains."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from housing_tui.money.amounts import pounds
from housing_tui.money.dhp.applications import DhpStatus
from housing_tui.money.dhp.form import ZERO

_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def financial_year(day: date) -> str:
    """The financial year `day` falls in, April to March: 31 March 2027 is in "2026-27",
    1 April 2027 in "2027-28"."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def year_starts(year: str) -> date:
    """1 April of financial year `year` ("2026-27" -> 1 April 2026)."""
    match = _YEAR.match(year)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValueError(f'{year!r} is not a financial year like "2026-27"')
    return date(int(match[1]), 4, 1)


def next_year(year: str, by: int = 1) -> str:
    """The financial year `by` years after `year` (before it, for a negative `by`)."""
    start = year_starts(year)
    return financial_year(start.replace(year=start.year + by))


def year_months(year: str) -> tuple[date, ...]:
    """The first day of each month of financial year `year`, April to March."""
    start = year_starts(year)
    return tuple(
        date(start.year + (start.month + offset - 1) // 12, (start.month + offset - 1) % 12 + 1, 1)
        for offset in range(12)
    )


# --- the DHP budget -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicationsTotal:
    """Applications counted against one year's allocation: one, or all of a status together."""

    status: DhpStatus
    requested: Decimal
    awarded: Decimal = ZERO


@dataclass(frozen=True)
class Paid:
    """Money paid out on awards: one payment, or several on the same day or month."""

    paid_on: date
    amount: Decimal


@dataclass(frozen=True)
class MonthSpend:
    month: date
    """The first day of the month."""
    paid: Decimal


@dataclass(frozen=True)
class DhpBudget:
    """One financial year's DHP allocation and what has happened to it."""

    year: str
    allocation: Decimal | None
    """None when the policy file sets no allocation for the year."""
    awarded: Decimal
    paid: Decimal
    committed: Decimal
    """Awarded and not yet paid."""
    pending: Decimal
    """Asked for and not yet decided: not counted against what remains."""
    by_month: tuple[MonthSpend, ...]
    """April to March."""
    paid_after_year: Decimal
    """Paid after 31 March on awards of this year (shown on its own line, counted in `paid`)."""

    @property
    def remaining(self) -> Decimal | None:
        """The allocation less what is committed and paid (negative: overspent)."""
        return None if self.allocation is None else self.allocation - self.committed - self.paid


def dhp_budget(
    year: str,
    allocation: Decimal | None,
    applications: Iterable[ApplicationsTotal],
    payments: Iterable[Paid],
) -> DhpBudget:
    """The budget of financial year `year`: `applications` are those counted against its
    allocation, `payments` the money paid out on them."""
    months = year_months(year)
    by_month = dict.fromkeys(months, ZERO)
    paid_after = ZERO
    for payment in payments:
        month = payment.paid_on.replace(day=1)
        if month in by_month:
            by_month[month] += payment.amount
        else:
            paid_after += payment.amount
    awarded = pending = ZERO
    for total in applications:
        if total.status is DhpStatus.AWARDED:
            awarded += total.awarded
        elif total.status is DhpStatus.REQUESTED:
            pending += total.requested
    paid = sum(by_month.values(), ZERO) + paid_after
    return DhpBudget(
        year=year,
        allocation=allocation,
        awarded=awarded,
        paid=paid,
        committed=max(awarded - paid, ZERO),
        pending=pending,
        by_month=tuple(MonthSpend(month, amount) for month, amount in by_month.items()),
        paid_after_year=paid_after,
    )


def over_budget(budget: DhpBudget, amount: Decimal) -> str | None:
    """Why a request of `amount` should be flagged against `budget`; None if it fits."""
    if budget.allocation is None:
        return f"No DHP allocation is set for {budget.year} in the policy file: ask the principal."
    remaining = budget.remaining
    assert remaining is not None
    if amount > remaining:
        left = f"only {pounds(remaining)} is left" if remaining > 0 else "nothing is left"
        return (
            f"{pounds(amount)} is more than the budget has: {left} of {budget.year}'s allocation."
        )
    return None
