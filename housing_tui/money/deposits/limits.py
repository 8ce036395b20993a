"""What the law lets a landlord ask up front, with every figure from the policy's [deposits]:
the tenancy deposit cap (5 weeks' rent under £50,000 a year, 6 at or over), the holding
deposit (1 week), rent in advance (the initial rent, for tenancies signed or rent falling due
from 1 May 2026), and no letting fees.

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
    """The most rent in advance, when the Renters' Rights Act limit applies."""
    rent_in_advance_applies: bool | None
    """Whether it applies to this tenancy; None when that depends on dates not recorded."""
    initial_rent: str
    """How the limit is counted, in words: "4 weeks' rent", "1 month's rent"."""

    def deposit_rule(self, rules: DepositsPolicy) -> str:
        """Why the cap is this many weeks, in words."""
        size = "under" if self.annual_rent < rules.annual_rent_threshold else "at least"
        return (
            f"{weeks_of(self.deposit_weeks)} rent, as the annual rent ({pounds(self.annual_rent)}) "
            f"is {size} {pounds(rules.annual_rent_threshold)}"
        )


def up_front_limits(
    amount: Decimal,
    frequency: Frequency,
    *,
    on: date,
    rules: DepositsPolicy,
    signed_on: date | None = None,
    starts_on: date | None = None,
) -> UpFrontLimits:
    """The deposit cap, holding deposit cap and rent in advance limit for this rent, checked
    on `on` for a tenancy signed on `signed_on` and starting on `starts_on` (None: not
    known), each rounded down to the penny (see the module's note)."""
    annual = annual_rent(amount, frequency)
    weeks = (
        rules.cap_weeks_under_threshold
        if annual < rules.annual_rent_threshold
        else rules.cap_weeks_at_or_over_threshold
    )
    applies = rent_in_advance_applies(on, rules, signed_on=signed_on, starts_on=starts_on)
    initial, counted = _initial_rent(amount, frequency, rules)
    return UpFrontLimits(
        annual_rent=annual,
        weekly_rent=to_pence(annual / WEEKS_A_YEAR),
        deposit_weeks=weeks,
        deposit_cap=_round_down(annual * weeks / WEEKS_A_YEAR),
        holding_deposit_cap=_round_down(annual * rules.holding_deposit_weeks / WEEKS_A_YEAR),
        rent_in_advance_limit=_round_down(initial) if applies else None,
        rent_in_advance_applies=applies,
        initial_rent=counted,
    )


def rent_in_advance_applies(
    on: date, rules: DepositsPolicy, *, signed_on: date | None, starts_on: date | None
) -> bool | None:
    """Whether the Renters' Rights Act limit applies: to a tenancy entered into, or whose
    rent falls due, on or after the day it starts (not to the day of the check). A tenancy not
    yet signed will be signed on the day of the check or later. None when it depends on a date
    not recorded."""
    start = rules.rent_in_advance_limit_from
    if any(day is not None and day >= start for day in (signed_on, starts_on)):
        return True
    if signed_on is None:
        return True if on >= start else None
    return None if starts_on is None else False


_PERIOD_DAYS = {Frequency.WEEKLY: 7, Frequency.FORTNIGHTLY: 14, Frequency.FOUR_WEEKLY: 28}
"""Rent periods shorter than a month, in days. A month is at least 28 days, so only its
first period is initial rent."""


def _initial_rent(
    amount: Decimal, frequency: Frequency, rules: DepositsPolicy
) -> tuple[Decimal, str]:
    """The initial rent (Housing Act 1988 s.4B, inserted by the Renters' Rights Act 2025 s.8):
    the rent for the first rent period and for every later one that ends within the initial
    period (28 days beginning with the first day of the first period). Weekly: periods end on
    days 7, 14, 21 and 28, so 4 weeks' rent; fortnightly: 2; four-weekly and monthly: 1."""
    days = _PERIOD_DAYS.get(frequency)
    if days is not None:
        periods = max(1, rules.initial_rent_days // days)
        weeks = periods * days // 7
        return amount * periods, f"{weeks_of(weeks)} rent"
    if frequency is Frequency.MONTHLY:
        return amount, "1 month's rent"
    # A rent period longer than a month is of no effect (Housing Act 1988 s.4A): rent is
    # then due monthly, so the first month's rent.
    return annual_rent(amount, frequency) / MONTHS_A_YEAR, "1 month's rent"


def weeks_of(count: int) -> str:
    return "1 week's" if count == 1 else f"{count} weeks'"


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
        _rent_in_advance(offer.rent_in_advance_asked, limits, rules, offer),
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
    asked: Decimal | None, limits: UpFrontLimits, rules: DepositsPolicy, offer: PropertyOffer
) -> CheckResult:
    start = long_day(rules.rent_in_advance_limit_from)
    if limits.rent_in_advance_applies is None:
        return CheckResult(
            Check.RENT_IN_ADVANCE,
            CheckStatus.NOT_KNOWN,
            f"Record when the tenancy is signed and when it starts: for a tenancy signed, or "
            f"rent falling due, from {start} the landlord may take no rent before it is signed "
            f"and then at most {limits.initial_rent} (Renters' Rights Act 2025 ss.8-9).",
            law=True,
        )
    if limits.rent_in_advance_limit is None:
        signed, starts = offer.tenancy_signed_on, offer.tenancy_starts_on
        return CheckResult(
            Check.RENT_IN_ADVANCE,
            CheckStatus.PASS,
            f"No legal limit: the tenancy was signed on {long_day(signed) if signed else '?'} "
            f"and starts on {long_day(starts) if starts else '?'}, before {start} (Renters' "
            "Rights Act 2025).",
            law=True,
        )
    return _within(
        Check.RENT_IN_ADVANCE,
        asked,
        limits.rent_in_advance_limit,
        f"{limits.initial_rent}, the initial rent, and none before the tenancy is signed: "
        f"Housing Act 1988 s.4B and Tenant Fees Act 2019 Sch 1 para 1(1A), from the Renters' "
        f"Rights Act 2025 ss.8-9, for tenancies signed or rent due from {start}",
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
