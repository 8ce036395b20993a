"""Discretionary Housing Payments: whether a DHP can help a client, with what and how much, the
summary the revenues and benefits service reads, and the council's DHP budget for the year.

A DHP is paid from the council's yearly government allocation, only to someone entitled to
Housing Benefit or the Universal Credit housing element. It can cover a rent shortfall, rent in
advance, a deposit or removal costs. It cannot cover ineligible service charges, council tax, or
a shortfall caused by a benefit sanction, a suspension or the recovery of an overpayment. Letting
fees charged to tenants are banned (Tenant Fees Act 2019): a DHP never pays one.

Every amount is worked out weekly the way benefits are (a month is 12/52 of a week), each
conversion rounded to the penny with halves rounded up (`money.to_pence`); weekly amounts are
then multiplied by whole weeks and added, so the totals are exact sums of what is shown.
"""

from __future__ import annotations

from housing_tui.money.dhp.applications import (
    DECISIONS,
    DhpStatus,
    parse_recorded_day,
    read_decision,
    read_payment,
)
from housing_tui.money.dhp.award import DhpCheck, DhpItem, Recommendation, dhp_check
from housing_tui.money.dhp.budget import (
    ApplicationsTotal,
    DhpBudget,
    MonthSpend,
    Paid,
    dhp_budget,
    financial_year,
    next_year,
    over_budget,
    year_months,
    year_starts,
)
from housing_tui.money.dhp.form import (
    FORM_LABELS,
    MOST_WEEKS,
    ONE_OFF_FIELDS,
    REGULAR_FIELDS,
    ZERO,
    DhpInputs,
    HousingSupport,
    form_from_interview,
    read_check_form,
)
from housing_tui.money.dhp.household import Household
from housing_tui.money.dhp.summary import summary_values

__all__ = [
    "ApplicationsTotal",
    "DECISIONS",
    "DhpBudget",
    "DhpCheck",
    "DhpInputs",
    "DhpItem",
    "DhpStatus",
    "FORM_LABELS",
    "Household",
    "HousingSupport",
    "MOST_WEEKS",
    "MonthSpend",
    "ONE_OFF_FIELDS",
    "Paid",
    "REGULAR_FIELDS",
    "Recommendation",
    "ZERO",
    "dhp_budget",
    "dhp_check",
    "financial_year",
    "form_from_interview",
    "next_year",
    "over_budget",
    "parse_recorded_day",
    "read_check_form",
    "read_decision",
    "read_payment",
    "summary_values",
    "year_months",
    "year_starts",
]
