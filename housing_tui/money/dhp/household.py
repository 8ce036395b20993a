"""The household and its money from the interview: the size criteria and LHA rate, what is left
each week, and what else could close a gap a DHP only covers for a while."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from housing_tui.casework.assessment.facts import InterviewFacts, Tenure
from housing_tui.documents.rendering import long_date
from housing_tui.money.amounts import RegularAmount, pounds
from housing_tui.money.benefits import (
    BedroomEntitlement,
    household_entitlement,
    lha_rate,
    rate_name,
)
from housing_tui.money.dhp.form import ZERO, DhpInputs, HousingSupport
from housing_tui.money.living_costs import LivingCosts
from housing_tui.reference.policy import Policy


@dataclass(frozen=True)
class Household:
    """The household as the size criteria see it on the day of the check."""

    size: int
    """How many people live in the home, the applicant included."""
    entitlement: BedroomEntitlement
    lha_weekly: Decimal | None
    """The LHA rate for the household's size, for a private tenant; None otherwise."""
    notes: tuple[str, ...]
    """What is missing or assumed, and how the rent compares with the LHA rate."""


# --- household and money from the interview -------------------------------------------------------


def household_for(
    facts: InterviewFacts, eligible_rent: Decimal, *, policy: Policy, on: date
) -> Household:
    entitlement, notes = household_entitlement(facts, on, policy)
    rate = None
    if facts.tenure is Tenure.PRIVATE_RENTED:
        rate = lha_rate(policy.lha, entitlement.category, on)
        sample = " (sample rates: set the council's own)" if policy.lha.sample else ""
        if rate is None:
            notes.append(f"No LHA rates in the policy file for {long_date(on)}.")
        elif eligible_rent > rate:
            notes.append(
                f"The rent ({pounds(eligible_rent)} a week, less ineligible charges) is "
                f"{pounds(eligible_rent - rate)} above {rate_name(entitlement.category)} of the "
                f"LHA ({pounds(rate)}){sample}: the shortfall will not end on its own."
            )
    elif facts.tenure is None:
        notes.append("The tenure is not recorded in the interview: the LHA rate is not compared.")
    return Household(
        size=max(len(facts.members), 1),
        entitlement=entitlement,
        lha_weekly=rate,
        notes=tuple(notes),
    )


def weekly_left(
    facts: InterviewFacts,
    living: LivingCosts,
    *,
    rent: Decimal,
    support: tuple[HousingSupport, RegularAmount] | None,
    paid: Decimal,
) -> Decimal | None:
    """The interview's weekly income less outgoings and food and living costs (`living`, where
    the interview has none), with this check's rent and Housing Benefit or UC housing element in
    place of the interview's. The UC housing element is inside the interview's Universal Credit:
    where its amount is not recorded there, the Universal Credit is left as recorded. None while
    no income is recorded."""
    if facts.weekly_residual is None:
        return None
    left = facts.weekly_residual + (facts.rent_weekly or ZERO) - rent
    if living.assumed is not None:
        left -= living.weekly
    if support is None or support[0] is HousingSupport.HOUSING_BENEFIT:
        left += paid - (facts.housing_benefit_weekly or ZERO)
    elif facts.uc_housing_element_weekly is not None:
        left += paid - facts.uc_housing_element_weekly
    return left


def affordability_lines(
    facts: InterviewFacts,
    living: LivingCosts,
    left_before: Decimal | None,
    left_after: Decimal | None,
    dhp_weekly: Decimal,
) -> tuple[str, ...]:
    if left_before is None or facts.weekly_residual is None:
        return ("Income is not recorded in the interview: affordability is not checked.",)
    recorded = "rent, council tax, utilities, debt repayments"
    if living.assumed is None:
        recorded += ", food and living costs"
    lines = [
        f"Income less what the interview records ({recorded}): {_left(facts.weekly_residual)}."
    ]
    if living.assumed is not None:
        lines.append(living.assumed)
    lines.append(
        "With the rent and housing support on this check, after food and living costs: "
        f"{_left(left_before)}."
    )
    if dhp_weekly and left_after is not None:
        lines.append(f"With a DHP of {pounds(dhp_weekly)} a week: {_left(left_after)}.")
    return tuple(lines)


def _left(weekly: Decimal) -> str:
    """ "£5.00 left a week" or "£10.00 short a week": a minus sign is easy to miss."""
    if weekly < 0:
        return f"{pounds(-weekly)} short a week"
    return f"{pounds(weekly)} left a week"


def what_else_could_help(
    inputs: DhpInputs, household: Household, eligible_rent: Decimal
) -> list[str]:
    """What else could close the gap, from what the check found."""
    steps = [
        "a benefit check, so the household gets all it is entitled to",
        "money and debt advice",
    ]
    rate = household.lha_weekly
    if rate is not None and eligible_rent > rate:
        steps.append(
            f"look for a home within {rate_name(household.entitlement.category)} of the LHA "
            f"({pounds(rate)} a week)"
        )
    if inputs.deductions:
        steps.append(
            "ask the DWP or revenues about the deductions (a hardship payment, a lower recovery "
            "rate, or challenging the sanction)"
        )
    if inputs.council_tax_shortfall:
        steps.append("apply for council tax support or a discretionary council tax reduction")
    if inputs.service_charges:
        steps.append("ask the landlord about the service charges")
    return steps
