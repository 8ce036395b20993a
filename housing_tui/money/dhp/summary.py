"""The DHP summary the revenues and benefits service reads (the "dhp_summary" document)."""

from __future__ import annotations

from housing_tui.documents.rendering import bullets, long_date
from housing_tui.money.amounts import Frequency, RegularAmount, per_period, pounds
from housing_tui.money.dhp.award import DhpCheck
from housing_tui.money.dhp.eligibility import weekly_amount


def _as_typed(amount: RegularAmount) -> str:
    """ "£650.00 a month (£150.00 a week)": as typed, and weekly when that differs."""
    if amount.frequency is Frequency.WEEKLY:
        return per_period(amount.amount, amount.frequency)
    return f"{per_period(amount.amount, amount.frequency)} ({pounds(weekly_amount(amount))} a week)"


# --- the summary for revenues and benefits --------------------------------------------------------


def summary_values(check: DhpCheck) -> dict[str, object]:
    """The values of the "dhp_summary" template (`documents.PLACEHOLDERS`) for a check that
    asks for something; raises ValueError for one with no recommendation yet."""
    if check.recommendation is None:
        raise ValueError("nothing is asked for yet: there is no application to summarise")
    inputs, household = check.inputs, check.household
    entitlement = household.entitlement
    people = [f"People in the household: {household.size}"]
    people.append(f"Bedrooms under the size criteria: {entitlement.bedrooms}")
    people.extend(entitlement.reasons)
    if household.lha_weekly is not None:
        people.append(
            f"LHA rate ({entitlement.category.label}): {pounds(household.lha_weekly)} a week"
        )
    people.extend(household.notes)

    costs = [f"Rent: {_as_typed(inputs.rent)}"]
    if inputs.service_charges:
        costs.append(f"Ineligible service charges in it: {_as_typed(inputs.service_charges)}")
    if inputs.support is not None:
        kind, amount = inputs.support
        costs.append(f"{kind.label}: {_as_typed(amount)}")
    else:
        costs.append("Housing Benefit or UC housing element: none")
    if inputs.deductions:
        costs.append(
            f"Taken off it (sanction, suspension or overpayment): {_as_typed(inputs.deductions)}"
        )
        costs.append(f"Paid: {pounds(check.support_paid)} a week")
    if inputs.council_tax_shortfall:
        costs.append(f"Council tax shortfall: {_as_typed(inputs.council_tax_shortfall)}")

    shortfall = f"Weekly shortfall: {pounds(check.shortfall)}."
    if check.coverable != check.shortfall:
        shortfall += f" A DHP can cover {pounds(check.coverable)} a week of it."
    requested = [
        f"{item.what}: {pounds(item.covered)}"
        + (f" ({pounds(item.weekly)} a week for {item.weeks} weeks)" if item.weeks else "")
        for item in check.items
        if item.covered
    ]
    recommendation = check.recommendation.label
    if check.advised_total:
        recommendation += f": {pounds(check.advised_total)}"
        if check.weeks and check.advised_weekly:
            recommendation += (
                f", including {pounds(check.advised_weekly)} a week for {check.weeks} weeks"
            )
    return {
        "written_on": long_date(check.checked_on),
        "household": bullets(people),
        "housing_costs": bullets(costs),
        "shortfall": shortfall,
        "requested_items": bullets(requested, "Nothing a DHP can pay."),
        "total_requested": pounds(check.total),
        "cannot_cover": bullets(check.cannot_cover, "Nothing."),
        "affordability": bullets(check.affordability),
        "recommendation": recommendation + ".",
        "reasons": bullets([*check.reasons, *check.warnings]),
    }
