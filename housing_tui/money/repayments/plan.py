"""What a repayment plan is: the kinds of cost recharged, the plan's terms, status and payments,
and how often instalments fall."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from housing_tui.money.amounts import Frequency, per_period
from housing_tui.reference.codes import _Coded

if TYPE_CHECKING:
    pass


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
    TEMPORARY_ACCOMMODATION = "ta", "TA charge"
    STORAGE = "storage", "Storage"
    REMOVAL = "removal", "Removals"
    OTHER = "other", "Other"


WHAT_IT_PAID_FOR = {
    RechargeKind.DEPOSIT: "your rent deposit",
    RechargeKind.RENT_IN_ADVANCE: "your rent in advance",
    RechargeKind.BNB: "your bed and breakfast accommodation",
    RechargeKind.TEMPORARY_ACCOMMODATION: "your temporary accommodation",
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

WEEKS_IN = {
    Frequency.WEEKLY: Fraction(1),
    Frequency.FORTNIGHTLY: Fraction(2),
    Frequency.FOUR_WEEKLY: Fraction(4),
    # A month is 52/12 weeks, as benefits count it (housing_tui.money.amounts.to_weekly).
    Frequency.MONTHLY: Fraction(52, 12),
}
"""The weeks each payment covers; a Fraction, so that 24 months are exactly 104 weeks."""

STEP = {
    Frequency.WEEKLY: relativedelta(weeks=1),
    Frequency.FORTNIGHTLY: relativedelta(weeks=2),
    Frequency.FOUR_WEEKLY: relativedelta(weeks=4),
    Frequency.MONTHLY: relativedelta(months=1),
}


def a_week(amount: Decimal) -> str:
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
