"""The rent deposit check: what a landlord may lawfully ask a tenant for up front, whether the
property's papers are in order, whether the client can afford the rent, and whether the
council's rent deposit scheme can help.

The law, with every figure from the policy file's [deposits] section:

- Tenant Fees Act 2019: a tenancy deposit is capped at 5 weeks' rent where the annual rent is
  under £50,000, and at 6 weeks' rent where it is £50,000 or more; a holding deposit at 1
  week's rent; letting fees charged to tenants are banned.
- Renters' Rights Act 2025: for a tenancy signed, or rent falling due, from 1 May 2026, no
  rent before it is signed and then only the initial rent: 1 month's rent for a monthly
  tenancy, 28 days' rent (4 weeks) for a weekly one (`limits`).
- Housing Act 2004 s.213: the landlord protects the deposit in a government scheme within 30
  days. A gas safety certificate, an electrical safety report (EICR), an Energy Performance
  Certificate rated E or better and the How to Rent guide are the landlord's to give.

How the limits are worked out (the government's guidance on the Tenant Fees Act): the annual
rent is the rent times the periods in a year (weekly x 52, fortnightly x 26, four-weekly x 13,
monthly x 12); a week's rent is the annual rent / 52; a month's rent the annual rent / 12. So
£750 pcm is £9,000 a year and 5 weeks' rent is 9,000 x 5 / 52 = £865.3846...

Each limit is then ROUNDED DOWN to the penny, never to the nearest: the figure shown is what a
landlord may ask, so asking exactly that figure must never be over the legal limit. Rounding to
the nearest would break that: 6 weeks of £4,166.67 pcm is £5,769.2353..., and £5,769.24 would
be more than the law allows by a fraction of a penny. (Likewise a holding deposit on £750 pcm
is at most £173.07: a week's rent is £173.0769..., so the £173.08 the guidance prints as the
weekly rent would be over it.) Everything else (a week's rent set against the Local Housing
Allowance, money left each week) is rounded to the nearest penny, as benefits are
(`housing_tui.money.amounts`).
"""

from __future__ import annotations

from housing_tui.money.benefits import rate_name
from housing_tui.money.deposits.affordability import RentAgainstLha
from housing_tui.money.deposits.check import DepositCheckResult, check_property
from housing_tui.money.deposits.limits import UpFrontLimits, up_front_limits
from housing_tui.money.deposits.offer import (
    ANSWERED_CHECKS,
    DATE_KEYS,
    EPC_RATINGS,
    MAX_BEDROOMS,
    MAX_WEEKLY_RENT,
    MONEY_KEYS,
    MONTHS_A_YEAR,
    RENT_EXAMPLE,
    SAFETY_CHECKS,
    WEEKS_A_YEAR,
    Check,
    CheckAnswer,
    CheckResult,
    CheckStatus,
    PropertyOffer,
    PropertyReading,
    annual_rent,
    form_parsers,
    parse_address,
    parse_bedrooms,
    parse_check_answer,
    parse_epc_rating,
    parse_landlord,
    parse_rent,
    read_property,
)
from housing_tui.money.deposits.scheme import SchemeAnswer

__all__ = [
    "ANSWERED_CHECKS",
    "Check",
    "CheckAnswer",
    "CheckResult",
    "CheckStatus",
    "DepositCheckResult",
    "EPC_RATINGS",
    "MAX_BEDROOMS",
    "MAX_WEEKLY_RENT",
    "MONEY_KEYS",
    "MONTHS_A_YEAR",
    "DATE_KEYS",
    "PropertyOffer",
    "PropertyReading",
    "RENT_EXAMPLE",
    "RentAgainstLha",
    "SAFETY_CHECKS",
    "SchemeAnswer",
    "UpFrontLimits",
    "WEEKS_A_YEAR",
    "annual_rent",
    "check_property",
    "form_parsers",
    "parse_address",
    "parse_bedrooms",
    "parse_check_answer",
    "parse_epc_rating",
    "parse_landlord",
    "parse_rent",
    "rate_name",
    "read_property",
    "up_front_limits",
]
