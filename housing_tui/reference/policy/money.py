"""The money sections: [benefits] (size criteria), [lha] (Local Housing Allowance rates), [dhp],
[deposits] with [deposits.scheme], and [repayments] (`housing_tui.money`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from housing_tui.reference.codes import LhaCategory
from housing_tui.reference.policy.reading import Section, pounds


@dataclass(frozen=True)
class BenefitsPolicy:
    """The size criteria's ages and cap (`housing_tui.money.benefits`)."""

    shared_rate_under_age: int
    care_leaver_exempt_under_age: int
    hostel_exempt_from_age: int
    hostel_exempt_months: int
    domestic_abuse_exempt_from: date
    modern_slavery_exempt_from: date
    max_bedrooms: int


@dataclass(frozen=True)
class LhaRates:
    """One set of weekly Local Housing Allowance rates and the day it applies from."""

    applies_from: date
    weekly: dict[LhaCategory, Decimal]


@dataclass(frozen=True)
class LhaPolicy:
    area: str
    """The Broad Rental Market Area the rates are for."""
    sample: bool
    """True while the shipped sample figures are in use: screens say so."""
    rates: tuple[LhaRates, ...]
    """Oldest first."""

    def rates_on(self, when: date) -> LhaRates | None:
        """The set of rates in force on `when`: the latest that applies from it or before."""
        found = None
        for rates in self.rates:
            if rates.applies_from <= when:
                found = rates
        return found


@dataclass(frozen=True)
class DhpPolicy:
    allocations: dict[str, Decimal]
    """The council's allocation by financial year, "2026-27"."""
    max_ongoing_weeks: int
    living_costs_single_monthly: Decimal
    """Food and living costs assumed for one adult when the interview records none."""
    living_costs_couple_monthly: Decimal
    living_costs_each_child_monthly: Decimal


@dataclass(frozen=True)
class DepositSchemePolicy:
    """The council's rent deposit scheme: who and what it helps (`housing_tui.money.deposits`)."""

    max_deposit: Decimal
    requires_duty: bool
    requires_local_connection: bool
    max_rent_over_lha_percent: int
    requires_safety_checks: bool
    recharged: bool


@dataclass(frozen=True)
class DepositsPolicy:
    """What the law lets a landlord ask for up front, and the council's scheme."""

    cap_weeks_under_threshold: int
    cap_weeks_at_or_over_threshold: int
    annual_rent_threshold: Decimal
    holding_deposit_weeks: int
    initial_rent_days: int
    """Rent in advance: the first rent period and any other ending within this many days of
    its first day (the "initial rent", Housing Act 1988 s.4B)."""
    rent_in_advance_limit_from: date
    protection_days: int
    minimum_epc_rating: str
    scheme: DepositSchemePolicy


@dataclass(frozen=True)
class RepaymentsPolicy:
    """Limits on repayment plans for recharged costs (`housing_tui.money.repayments`)."""

    min_weekly: Decimal
    max_weekly: Decimal
    affordable_share_percent: int
    max_weeks: int
    grace_days: int


def read_benefits(raw: Section) -> BenefitsPolicy:
    return BenefitsPolicy(
        shared_rate_under_age=raw.whole("shared_rate_under_age", most=120),
        care_leaver_exempt_under_age=raw.whole("care_leaver_exempt_under_age", most=120),
        hostel_exempt_from_age=raw.whole("hostel_exempt_from_age", most=120),
        hostel_exempt_months=raw.whole("hostel_exempt_months", most=120),
        domestic_abuse_exempt_from=raw.day("domestic_abuse_exempt_from"),
        modern_slavery_exempt_from=raw.day("modern_slavery_exempt_from"),
        max_bedrooms=raw.whole("max_bedrooms", least=1, most=10),
    )


_FINANCIAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def read_lha(raw: dict[str, Any]) -> LhaPolicy:
    section = Section(raw, "lha")
    entries = raw["rates"]
    if not isinstance(entries, list) or not entries:
        raise ValueError("lha.rates must list at least one set of rates ([[lha.rates]])")
    sets = []
    for number, entry in enumerate(entries, start=1):
        rates = Section(entry, f"lha.rates (set {number})")
        unknown = set(entry) - {"applies_from", *LhaCategory}
        if unknown:
            raise ValueError(
                f"lha.rates (set {number}): unknown keys {sorted(unknown)}; the rates are "
                f"{[str(c) for c in LhaCategory]}"
            )
        sets.append(
            LhaRates(
                applies_from=rates.day("applies_from"),
                weekly={category: rates.money(category.value) for category in LhaCategory},
            )
        )
    sets.sort(key=lambda rates: rates.applies_from)
    if len({rates.applies_from for rates in sets}) != len(sets):
        raise ValueError("lha.rates: two sets of rates apply from the same day")
    return LhaPolicy(area=section.text("area"), sample=section.switch("sample"), rates=tuple(sets))


def read_dhp(raw: Section) -> DhpPolicy:
    allocations = raw.raw["allocations"]
    if not isinstance(allocations, dict):
        raise ValueError('dhp.allocations must be a table, e.g. { "2026-27" = "150000.00" }')
    years = {}
    for year, amount in allocations.items():
        match = _FINANCIAL_YEAR.match(year)
        if not match or (int(match[1]) + 1) % 100 != int(match[2]):
            raise ValueError(f'dhp.allocations: {year!r} is not a financial year like "2026-27"')
        years[year] = pounds(amount, f"dhp.allocations.{year}")
    return DhpPolicy(
        allocations=years,
        max_ongoing_weeks=raw.whole("max_ongoing_weeks", least=1),
        living_costs_single_monthly=raw.money("living_costs_single_monthly"),
        living_costs_couple_monthly=raw.money("living_costs_couple_monthly"),
        living_costs_each_child_monthly=raw.money("living_costs_each_child_monthly"),
    )


_EPC_RATINGS = "ABCDEFG"


def read_deposits(raw: dict[str, Any]) -> DepositsPolicy:
    law, scheme = Section(raw, "deposits"), Section(raw["scheme"], "deposits.scheme")
    epc = law.text("minimum_epc_rating").upper()
    if len(epc) != 1 or epc not in _EPC_RATINGS:
        raise ValueError(f"deposits.minimum_epc_rating must be one letter, A to G (got {epc!r})")
    return DepositsPolicy(
        cap_weeks_under_threshold=law.whole("cap_weeks_under_threshold", least=1),
        cap_weeks_at_or_over_threshold=law.whole("cap_weeks_at_or_over_threshold", least=1),
        annual_rent_threshold=law.money("annual_rent_threshold"),
        holding_deposit_weeks=law.whole("holding_deposit_weeks"),
        initial_rent_days=law.whole("initial_rent_days", least=1, most=366),
        rent_in_advance_limit_from=law.day("rent_in_advance_limit_from"),
        protection_days=law.whole("protection_days"),
        minimum_epc_rating=epc,
        scheme=DepositSchemePolicy(
            max_deposit=scheme.money("max_deposit"),
            requires_duty=scheme.switch("requires_duty"),
            requires_local_connection=scheme.switch("requires_local_connection"),
            max_rent_over_lha_percent=scheme.whole("max_rent_over_lha_percent", most=100),
            requires_safety_checks=scheme.switch("requires_safety_checks"),
            recharged=scheme.switch("recharged"),
        ),
    )


def read_repayments(raw: Section) -> RepaymentsPolicy:
    least, most = raw.money("min_weekly"), raw.money("max_weekly")
    if least <= 0 or most < least:
        raise ValueError(
            "repayments.min_weekly must be more than 0 and repayments.max_weekly at least as much"
        )
    return RepaymentsPolicy(
        min_weekly=least,
        max_weekly=most,
        affordable_share_percent=raw.whole("affordable_share_percent", least=1, most=100),
        max_weeks=raw.whole("max_weeks", least=1),
        grace_days=raw.whole("grace_days"),
    )
