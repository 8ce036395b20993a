"""The rent set against the household's Local Housing Allowance rate, and what the client has
left each week after the move."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from housing_tui.casework.assessment.facts import InterviewFacts
from housing_tui.money.amounts import pounds
from housing_tui.money.benefits import (
    BedroomEntitlement,
    household_entitlement,
    lha_rate,
    rate_name,
)
from housing_tui.money.deposits.limits import UpFrontLimits, long_day
from housing_tui.money.deposits.offer import Check, CheckResult, CheckStatus, PropertyOffer
from housing_tui.money.living_costs import living_costs
from housing_tui.reference.codes import LhaCategory
from housing_tui.reference.policy import Policy


@dataclass(frozen=True)
class RentAgainstLha:
    """The rent set against the Local Housing Allowance and the client's budget."""

    entitlement: BedroomEntitlement
    category: LhaCategory
    """The rate housing support is worked on: the smaller of the household's entitlement and
    the property's bedrooms."""
    lha_weekly: Decimal | None
    """None when the policy file has no rates for the day of the check."""
    shortfall_weekly: Decimal | None
    """Rent above the LHA rate, which housing support will not meet; None when the household
    gets no housing support (they pay the whole rent) or the rate is not known."""
    left_weekly: Decimal | None
    """Money left each week after the move; None when the interview has no income and spending
    (or the LHA rate the sum needs is not known)."""


# --- rent against the Local Housing Allowance, and affordability ---------------------------------


def _signed(amount: Decimal) -> str:
    """A term of a sum: "+ £5.00" or "− £5.00"."""
    return f"− {pounds(-amount)}" if amount < 0 else f"+ {pounds(amount)}"


def rent_against_lha(
    offer: PropertyOffer,
    limits: UpFrontLimits,
    facts: InterviewFacts,
    checked_on: date,
    policy: Policy,
) -> tuple[RentAgainstLha, list[CheckResult], list[str]]:
    entitlement, notes = household_entitlement(facts, checked_on, policy)
    # Housing support is worked on the property's own size when it is smaller.
    order = list(LhaCategory)
    category = min(entitlement.category, LhaCategory.for_bedrooms(offer.bedrooms), key=order.index)
    rate = lha_rate(policy.lha, category, checked_on)
    rent = limits.weekly_rent
    supported = facts.receives_housing_support
    if policy.lha.sample:
        notes.append(
            "The LHA rates are the SAMPLE figures shipped with the app, not your area's: set "
            "them in policy.toml."
        )
    if supported is None:
        notes.append(
            "Housing Benefit or the UC housing element is not recorded in the interview: "
            "taken as none."
        )

    # Affordability. The interview's weekly residual is income less spending, with the current
    # rent counted as spending and any Housing Benefit as income. After the move the client
    # stops paying the current rent and pays the new one; housing support goes up or down by
    # as much as the rent it can meet (the rent up to the LHA rate), because an income taper
    # takes off the same amount whatever the rent. The current home's size is not recorded,
    # so its support is taken on the household's own rate.
    current_rent = facts.rent_weekly or Decimal(0)
    support_change: Decimal | None = Decimal(0)
    if supported:
        current_rate = lha_rate(policy.lha, entitlement.category, checked_on)
        support_change = (
            None
            if rate is None or current_rate is None
            else min(rent, rate) - min(current_rent, current_rate)
        )
    residual = facts.weekly_residual
    # Money for food is not spare: where the interview records no food and living costs, the
    # policy's allowance comes off what is left now, and the note says so.
    living = living_costs(facts, policy=policy, on=checked_on)
    if residual is not None and living.assumed is not None:
        residual -= living.weekly
        notes.append(living.assumed)
    left = None
    if residual is not None and support_change is not None:
        left = residual + current_rent - rent + support_change

    entitled = f"The household is entitled to {rate_name(entitlement.category)}"
    if category is not entitlement.category:
        entitled += f"; the property has {offer.bedrooms}, so {rate_name(category)} applies"
    rent_view = RentAgainstLha(
        entitlement=entitlement,
        category=category,
        lha_weekly=rate,
        shortfall_weekly=max(rent - rate, Decimal(0)) if supported and rate is not None else None,
        left_weekly=left,
    )
    checks = [
        _lha_check(rent, rate, category, f"{entitled}.", supported, checked_on, policy),
        _affordability(left, residual, current_rent, rent, support_change if supported else None),
    ]
    return rent_view, checks, notes


def _lha_check(
    rent: Decimal,
    rate: Decimal | None,
    category: LhaCategory,
    entitled: str,
    supported: bool | None,
    checked_on: date,
    policy: Policy,
) -> CheckResult:
    if rate is None:
        return CheckResult(
            Check.RENT_AGAINST_LHA,
            CheckStatus.NOT_KNOWN,
            f"The policy file has no LHA rates for {long_day(checked_on)}. {entitled}",
        )
    percent = policy.deposits.scheme.max_rent_over_lha_percent
    most = rate * (100 + percent) / 100
    over = rent - rate
    said = f"{pounds(rent)} a week against {rate_name(category)}, {pounds(rate)}"
    gap = (
        f" Housing support will not meet the {pounds(over)} a week above it: the client pays it."
        if supported
        else ""
    )
    if over <= 0:
        status, reason = CheckStatus.PASS, f"{said}: within it. {entitled}"
    elif rent <= most:
        status = CheckStatus.PASS
        reason = (
            f"{said}: {pounds(over)} above it, within the scheme's {percent}% "
            f"({pounds(most)}).{gap} {entitled}"
        )
    else:
        status = CheckStatus.FAIL
        reason = (
            f"{said}: {pounds(over)} above it, more than the scheme's {percent}% allows "
            f"({pounds(most)}).{gap} {entitled}"
        )
    return CheckResult(Check.RENT_AGAINST_LHA, status, reason)


def _affordability(
    left: Decimal | None,
    residual: Decimal | None,
    current_rent: Decimal,
    rent: Decimal,
    support_change: Decimal | None,
) -> CheckResult:
    """`support_change` is None for a household without housing support."""
    if residual is None or left is None:
        reason = (
            "Income and spending are not recorded in the interview: record them to see whether "
            "the rent is affordable."
            if residual is None
            else "The change in housing support needs the LHA rates, which are not known."
        )
        return CheckResult(Check.AFFORDABILITY, CheckStatus.NOT_KNOWN, reason)
    sum_ = f"{pounds(residual)} left now (interview, after food and living) + "
    sum_ += f"{pounds(current_rent)} rent now − "
    sum_ += f"{pounds(rent)} new rent"
    if support_change is not None:
        sum_ += f" {_signed(support_change)} housing support"
    sum_ += f" = {pounds(left)} a week."
    if support_change is not None:
        sum_ += (
            " Housing support is taken to change with the rent it meets, up to the LHA rate: "
            "revenues and benefits confirm the award."
        )
    if left < 0:
        return CheckResult(
            Check.AFFORDABILITY, CheckStatus.FAIL, f"{pounds(-left)} a week short: {sum_}"
        )
    return CheckResult(Check.AFFORDABILITY, CheckStatus.PASS, f"{pounds(left)} a week left: {sum_}")
