"""The household's weekly and monthly income and spending from the money answers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from housing_tui.casework.interview.questions import QUESTIONS
from housing_tui.money.amounts import (
    Frequency,
    IncomeAndExpenditure,
    RegularAmount,
    income_and_expenditure,
)

INCOME_KEYS = (
    "earnings",
    "universal_credit",
    "housing_benefit",
    "disability_benefits",
    "pension",
    "other_income",
    "partner_income",
)
OUTGOING_KEYS = ("rent", "council_tax", "utilities", "debt_repayments", "living_costs")


def regular_amounts(answers: Mapping[str, str], keys: Iterable[str]) -> list[RegularAmount]:
    lines = []
    for key in keys:
        if answers.get(key):
            amount, frequency = answers[key].split()
            lines.append(RegularAmount(QUESTIONS[key].label, Decimal(amount), Frequency(frequency)))
    return lines


def household_budget(answers: Mapping[str, str]) -> IncomeAndExpenditure:
    """Weekly and monthly totals and the residual, from the money answers given so far."""
    return income_and_expenditure(
        regular_amounts(answers, INCOME_KEYS), regular_amounts(answers, OUTGOING_KEYS)
    )
