"""Money as officers type it, converted between pay periods the way benefits are worked out.

Every amount is a `Decimal` in pounds, to the penny; floats never touch money. Conversions
round to the nearest penny with halves rounded up (`ROUND_HALF_UP`), as a person would by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from housing_tui.reference.codes import _Coded
from housing_tui.reference.fields import FieldError

PENNY = Decimal("0.01")

MAX_AMOUNT = Decimal("100000")
"""More than this for one period (a week, a month, a year) is a typing mistake."""

_NEGATIVE_SIGNS = ("-", "\u2212", "\u2013")  # hyphen-minus, minus sign, en dash
# Whole pounds, either plain (1200) or grouped in thousands (1,200), then optional pence.
_AMOUNT = re.compile(r"^(?P<pounds>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<pence>\d+))?$")


class Frequency(_Coded):
    """How often an amount is paid or received."""

    WEEKLY = "weekly", "Weekly"
    FORTNIGHTLY = "fortnightly", "Fortnightly"
    FOUR_WEEKLY = "four_weekly", "Every four weeks"
    MONTHLY = "monthly", "Monthly"
    YEARLY = "yearly", "Yearly"


# Benefits count a year as 52 weeks or 12 months, so a month is 52/12 weeks.
PERIODS_A_YEAR: dict[Frequency, int] = {
    Frequency.WEEKLY: 52,
    Frequency.FORTNIGHTLY: 26,
    Frequency.FOUR_WEEKLY: 13,
    Frequency.MONTHLY: 12,
    Frequency.YEARLY: 1,
}


def to_pence(amount: Decimal) -> Decimal:
    """`amount` rounded to the nearest penny, halves rounded up (ROUND_HALF_UP)."""
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def parse_money(text: str) -> Decimal | None:
    """An amount of money in pounds, to the penny: `None` when the field is left empty.

    Accepts 450, £450.00, 1,200.50 and 450.5 (read as £450.50). Refuses negative amounts,
    more than two decimal places, words, and anything over `MAX_AMOUNT`, raising `FieldError`
    with a message for the officer.
    """
    cleaned = "".join(text.split())
    if not cleaned:
        return None
    if cleaned.startswith(_NEGATIVE_SIGNS) or cleaned.startswith(
        tuple("£" + sign for sign in _NEGATIVE_SIGNS)
    ):
        raise FieldError("Amounts cannot be negative.")
    cleaned = cleaned.removeprefix("£")
    match = _AMOUNT.match(cleaned)
    if not match or not (match["pounds"] or match["pence"]):
        raise FieldError("Type the amount in figures, e.g. 450, £450.00 or 1,200.50.")
    if match["pence"] is not None and len(match["pence"]) > 2:
        raise FieldError("Pounds and pence have at most 2 decimal places, e.g. 12.34.")
    amount = Decimal(cleaned.replace(",", ""))  # the pattern admits only valid numbers
    if amount > MAX_AMOUNT:
        raise FieldError(f"£{amount:,.2f} is more than £{MAX_AMOUNT:,.0f}: check the amount.")
    return to_pence(amount)


def to_weekly(amount: Decimal, frequency: Frequency) -> Decimal:
    """The weekly equivalent, as benefits work it out, rounded to the penny (ROUND_HALF_UP).

    Fortnightly / 2; four-weekly / 4; monthly x 12 / 52; yearly / 52.
    """
    return to_pence(amount * PERIODS_A_YEAR[Frequency(frequency)] / 52)


def to_monthly(amount: Decimal, frequency: Frequency) -> Decimal:
    """The monthly equivalent, rounded to the penny (ROUND_HALF_UP).

    Weekly x 52 / 12; fortnightly x 26 / 12; four-weekly x 13 / 12; yearly / 12.
    """
    return to_pence(amount * PERIODS_A_YEAR[Frequency(frequency)] / 12)


def pounds(amount: Decimal) -> str:
    """£1,234.56, as every screen and document shows money; -£450.00 for less than nothing
    (the sign before the pound sign, as people write it, never "£-450.00")."""
    pence = to_pence(amount)
    return f"{'-' if pence < 0 else ''}£{abs(pence):,.2f}"  # abs: never "£-0.00" either


HOW_OFTEN = {
    Frequency.WEEKLY: "a week",
    Frequency.FORTNIGHTLY: "every two weeks",
    Frequency.FOUR_WEEKLY: "every four weeks",
    Frequency.MONTHLY: "a month",
    Frequency.YEARLY: "a year",
}
"""How often, in words, as screens and documents say it."""


def per_period(amount: Decimal, frequency: Frequency) -> str:
    """'£20.00 a week', '£5,000.00 a month': an amount and how often, as screens and documents
    show it (a text field shows `show_regular_amount`'s shorter "5000.00 pcm" to edit)."""
    return f"{pounds(amount)} {HOW_OFTEN[Frequency(frequency)]}"


# --- an amount and how often, as officers type it: "450 pcm", "100 pw" --------------------------

_PERIODS: dict[str, Frequency] = {
    **dict.fromkeys(("pw", "w", "week", "weekly", "a week", "per week"), Frequency.WEEKLY),
    **dict.fromkeys(("2w", "pf", "fortnight", "fortnightly", "a fortnight"), Frequency.FORTNIGHTLY),
    **dict.fromkeys(("4w", "4 weekly", "four weekly", "every 4 weeks"), Frequency.FOUR_WEEKLY),
    **dict.fromkeys(
        ("pcm", "pm", "m", "month", "monthly", "a month", "per month"), Frequency.MONTHLY
    ),
    **dict.fromkeys(
        ("pa", "py", "y", "year", "yearly", "a year", "per year", "annual"), Frequency.YEARLY
    ),
}
PERIOD_SHORT = {
    Frequency.WEEKLY: "pw",
    Frequency.FORTNIGHTLY: "2w",
    Frequency.FOUR_WEEKLY: "4w",
    Frequency.MONTHLY: "pcm",
    Frequency.YEARLY: "pa",
}
_MONEY_AND_PERIOD = re.compile(r"^(?P<amount>[-−–]?\s*£?\s*[\d,]*\.?\d*)\s*/?\s*(?P<period>.*)$")


MONEY_FORMS: tuple[tuple[str, str], ...] = (
    *(
        (f"{amount} {PERIOD_SHORT[frequency]}", HOW_OFTEN[frequency])
        for amount, frequency in (
            (450, Frequency.MONTHLY),
            (100, Frequency.WEEKLY),
            (200, Frequency.FORTNIGHTLY),
            (400, Frequency.FOUR_WEEKLY),
            (5200, Frequency.YEARLY),
        )
    ),
    ("0", "nothing: no how often needed"),
)
"""How an amount and how often may be typed: what `parse_regular_amount` reads (a test reads
each) and what F1 shows officers."""


def parse_regular_amount(text: str) -> tuple[Decimal, Frequency] | None:
    """'450 pcm' -> (450.00, monthly), in any of `MONEY_FORMS`. How often is required: a bare
    '450' is ambiguous, but a bare '0' is not (nothing is nothing in every period), so it reads
    as £0.00 a week."""
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        return None
    match = _MONEY_AND_PERIOD.match(cleaned)
    if not match:
        raise FieldError("Type an amount and how often, e.g. 450 pcm, 100 pw, 200 2w.")
    amount = parse_money(match["amount"].strip())
    period = match["period"].strip()
    if amount is None:
        raise FieldError("Type an amount and how often, e.g. 450 pcm, 100 pw, 200 2w.")
    if not period and amount == 0:
        return amount, Frequency.WEEKLY
    if period not in _PERIODS:
        raise FieldError(f"£{amount} how often? Add pw, 2w, 4w, pcm or pa, e.g. {amount} pcm.")
    return amount, _PERIODS[period]


def show_regular_amount(amount: Decimal, frequency: Frequency) -> str:
    """The way an amount and its period go back into a text field: "450.00 pcm"."""
    return f"{amount} {PERIOD_SHORT[Frequency(frequency)]}"


@dataclass(frozen=True)
class RegularAmount:
    """One line of an income and expenditure form: what, how much and how often."""

    label: str
    amount: Decimal
    frequency: Frequency


@dataclass(frozen=True)
class IncomeAndExpenditure:
    """Totals of a household's income and outgoings, weekly and monthly, to the penny.

    Each line is converted and rounded on its own, then the lines are added, so the totals
    equal the sum of the converted lines an officer sees. The residual is income minus
    outgoings: negative means a shortfall.
    """

    weekly_income: Decimal
    weekly_outgoings: Decimal
    monthly_income: Decimal
    monthly_outgoings: Decimal

    @property
    def weekly_residual(self) -> Decimal:
        return self.weekly_income - self.weekly_outgoings

    @property
    def monthly_residual(self) -> Decimal:
        return self.monthly_income - self.monthly_outgoings


def income_and_expenditure(
    income: Iterable[RegularAmount], outgoings: Iterable[RegularAmount]
) -> IncomeAndExpenditure:
    """Weekly and monthly totals of `income` and `outgoings`, and what is left over."""
    income, outgoings = tuple(income), tuple(outgoings)
    zero = Decimal("0.00")
    return IncomeAndExpenditure(
        weekly_income=sum((to_weekly(i.amount, i.frequency) for i in income), zero),
        weekly_outgoings=sum((to_weekly(o.amount, o.frequency) for o in outgoings), zero),
        monthly_income=sum((to_monthly(i.amount, i.frequency) for i in income), zero),
        monthly_outgoings=sum((to_monthly(o.amount, o.frequency) for o in outgoings), zero),
    )
