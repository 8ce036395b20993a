"""What the law lets a landlord ask up front, with every figure from the policy's [deposits]:
the tenancy deposit cap (5 weeks' rent under £50,000 a year, 6 at or over), the holding
deposit (1 week), rent in advance (1 month from 1 May 2026), and no letting fees.

Each limit is rounded DOWN to the penny, so asking exactly the figure shown is never over
the law (see `housing_tui.money.deposits`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from housing_tui.money.amounts import PENNY, Frequency, pounds, to_pence
from housing_tui.money.deposits.offer import (
    MONTHS_A_YEAR,
    WEEKS_A_YEAR,
    Check,
    CheckResult,
    CheckStatus,
    PropertyOffer,
    annual_rent,
)
from housing_tui.reference.policy import DepositsPolicy


def _round_down(amount: Decimal) -> Decimal:
    """To the penny below: a legal limit shown must never let a landlord ask more."""
    return amount.quantize(PENNY, rounding=ROUND_FLOOR)


@dataclass(frozen=True)
class UpFrontLimits:
    """The most a landlord may ask before the tenancy starts, for one rent."""

    annual_rent: Decimal
    weekly_rent: Decimal
    """Annual rent / 52, to the nearest penny: for setting against the LHA rate."""
    deposit_weeks: int
    deposit_cap: Decimal
    holding_deposit_cap: Decimal
    rent_in_advance_limit: Decimal | None
    """None on a day before the Renters' Rights Act limit applies."""

    def deposit_rule(self, rules: DepositsPolicy) -> str:
        """Why the cap is this many weeks, in words."""
        size = "under" if self.annual_rent < rules.annual_rent_threshold else "at least"
        return (
            f"{weeks_of(self.deposit_weeks)} rent, as the annual rent ({pounds(self.annual_rent)}) "
            f"is {size} {pounds(rules.annual_rent_threshold)}"
        )


def up_front_limits(
    amount: Decimal, frequency: Frequency, *, on: date, rules: DepositsPolicy
) -> UpFrontLimits:
    """The deposit cap, holding deposit cap and rent in advance limit for this rent on `on`,
    each rounded down to the penny (see the module's note)."""
    annual = annual_rent(amount, frequency)
    weeks = (
        rules.cap_weeks_under_threshold
        if annual < rules.annual_rent_threshold
        else rules.cap_weeks_at_or_over_threshold
    )
    in_force = on >= rules.rent_in_advance_limit_from
    return UpFrontLimits(
        annual_rent=annual,
        weekly_rent=to_pence(annual / WEEKS_A_YEAR),
        deposit_weeks=weeks,
        deposit_cap=_round_down(annual * weeks / WEEKS_A_YEAR),
        holding_deposit_cap=_round_down(annual * rules.holding_deposit_weeks / WEEKS_A_YEAR),
        rent_in_advance_limit=(
            _round_down(annual * rules.rent_in_advance_max_months / MONTHS_A_YEAR)
            if in_force
            else None
        ),
    )


def weeks_of(count: int) -> str:
    return "1 week's" if count == 1 else f"{count} weeks'"


def months_of(count: int) -> str:
    return "1 month's" if count == 1 else f"{count} months'"


def long_day(when: date) -> str:
    return f"{when.day} {when:%B %Y}"


def money_checks(
    offer: PropertyOffer, limits: UpFrontLimits, rules: DepositsPolicy
) -> list[CheckResult]:
    return [
        _deposit(offer.deposit_asked, limits, rules),
        _within(
            Check.HOLDING_DEPOSIT,
            offer.holding_deposit,
            limits.holding_deposit_cap,
            f"{weeks_of(rules.holding_deposit_weeks)} rent, Tenant Fees Act 2019",
        ),
        _rent_in_advance(offer.rent_in_advance_asked, limits, rules),
        _fees(offer.fees_asked),
    ]


def _deposit(asked: Decimal | None, limits: UpFrontLimits, rules: DepositsPolicy) -> CheckResult:
    why = limits.deposit_rule(rules)
    if asked is None:
        return CheckResult(
            Check.DEPOSIT,
            CheckStatus.NOT_KNOWN,
            f"Type the deposit asked: the most a landlord may ask is "
            f"{pounds(limits.deposit_cap)} ({why}).",
            law=True,
        )
    return _within(Check.DEPOSIT, asked, limits.deposit_cap, f"{why}; Tenant Fees Act 2019")


def _within(check: Check, asked: Decimal | None, limit: Decimal, rule: str) -> CheckResult:
    """An amount the law caps at `limit` (`rule` says why): none asked, within it, or over."""
    most = pounds(limit)
    if not asked:
        status, reason = CheckStatus.PASS, f"None asked; the most allowed is {most} ({rule})."
    elif asked > limit:
        status, reason = (
            CheckStatus.FAIL,
            f"{pounds(asked)} asked is more than the law allows: at most {most} ({rule}). The "
            f"landlord must lower it; the client must not pay the extra {pounds(asked - limit)}.",
        )
    else:
        status, reason = CheckStatus.PASS, f"{pounds(asked)} asked: at most {most} ({rule})."
    return CheckResult(check, status, reason, law=True)


def _rent_in_advance(
    asked: Decimal | None, limits: UpFrontLimits, rules: DepositsPolicy
) -> CheckResult:
    start = long_day(rules.rent_in_advance_limit_from)
    if limits.rent_in_advance_limit is None:
        return CheckResult(
            Check.RENT_IN_ADVANCE,
            CheckStatus.PASS,
            f"No legal limit on rent in advance before {start}.",
            law=True,
        )
    return _within(
        Check.RENT_IN_ADVANCE,
        asked,
        limits.rent_in_advance_limit,
        f"{months_of(rules.rent_in_advance_max_months)} rent, "
        f"Renters' Rights Act 2025, from {start}",
    )


def _fees(asked: Decimal | None) -> CheckResult:
    if not asked:
        status = CheckStatus.PASS
        reason = "None asked (letting fees charged to tenants are banned)."
    else:
        # A warning, never a payment: nothing the scheme puts up ever includes a fee.
        status = CheckStatus.FAIL
        reason = (
            f"{pounds(asked)} in letting fees asked: fees charged to tenants are banned (Tenant "
            "Fees Act 2019). The client should not pay it and the council will not; tell the "
            "landlord or agent, and Trading Standards if they insist."
        )
    return CheckResult(Check.LETTING_FEES, status, reason, law=True)
