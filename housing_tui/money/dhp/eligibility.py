"""Who a DHP can be paid to (someone getting Housing Benefit or the UC housing element), the
weekly shortfall between the rent and that support, and the part a DHP can cover: never
ineligible service charges, council tax or deductions for a sanction, suspension or overpayment."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from housing_tui.casework.assessment.facts import InterviewFacts
from housing_tui.money.amounts import RegularAmount, pounds, to_weekly
from housing_tui.money.dhp.form import ZERO, DhpInputs, HousingSupport


def weekly_amount(amount: RegularAmount | None) -> Decimal:
    return to_weekly(amount.amount, amount.frequency) if amount else ZERO


@dataclass(frozen=True)
class Shortfall:
    """The rent against the housing support, all weekly."""

    support: tuple[HousingSupport, RegularAmount] | None
    rent: Decimal
    service: Decimal
    """Ineligible service charges in the rent."""
    award: Decimal
    """The Housing Benefit or UC housing element awarded, before deductions."""
    deductions: Decimal
    council_tax: Decimal

    @property
    def eligible(self) -> bool:
        """A DHP can be paid only to someone getting Housing Benefit or the UC housing element."""
        return self.award > 0

    @property
    def paid(self) -> Decimal:
        """The support actually paid: the award less what is taken off it."""
        return self.award - self.deductions

    @property
    def shortfall(self) -> Decimal:
        """Rent less the support actually paid: what the client must find each week."""
        return max(self.rent - self.paid, ZERO)

    @property
    def coverable(self) -> Decimal:
        """The part of the shortfall a DHP can cover: not service charges or deductions."""
        return max(self.rent - self.service - self.award, ZERO)

    @property
    def eligible_rent(self) -> Decimal:
        """The rent less ineligible service charges, as the LHA rate is compared with it."""
        return self.rent - self.service


def weekly_shortfall(inputs: DhpInputs) -> Shortfall:
    support = inputs.support
    return Shortfall(
        support=support,
        rent=weekly_amount(inputs.rent),
        service=weekly_amount(inputs.service_charges),
        award=weekly_amount(support[1]) if support else ZERO,
        deductions=weekly_amount(inputs.deductions),
        council_tax=weekly_amount(inputs.council_tax_shortfall),
    )


def eligibility_reason(money: Shortfall, facts: InterviewFacts) -> str:
    if money.eligible:
        assert money.support is not None
        return f"Gets {money.support[0].label}: a DHP can be paid."
    if money.support is None and facts.uc_housing_element:
        return (
            "A DHP cannot be paid until the UC housing element is entered: the interview says "
            "the client's Universal Credit includes it. Type its amount."
        )
    return (
        "A DHP cannot be paid: the client gets neither Housing Benefit nor the Universal Credit "
        "housing element. Help them claim first; a DHP can be asked for once they get one."
    )


def shortfall_reason(money: Shortfall) -> str:
    assert money.support is not None
    support, rent, paid = money.support[0].label, pounds(money.rent), pounds(money.paid)
    said = (
        f"The rent ({rent} a week) is {pounds(money.shortfall)} more than the "
        f"{support} paid ({paid})."
        if money.shortfall
        else f"The {support} paid ({paid} a week) meets the rent ({rent}): there is no shortfall."
    )
    if money.coverable < money.shortfall:
        left_out = [
            what
            for what, amount in (
                ("the ineligible service charges", money.service),
                ("the deductions", money.deductions),
            )
            if amount
        ]
        said += (
            f" A DHP can cover {pounds(money.coverable)} a week of it: not {' or '.join(left_out)}."
        )
    return said


def arrears_reason(facts: InterviewFacts) -> str | None:
    """What a DHP can do about the rent arrears the interview records: cover those that built up
    while the client got Housing Benefit or the UC housing element, for that period only (DWP,
    Discretionary Housing Payments guidance manual, May 2022, "What DHPs can cover"; a DHP
    meets a shortfall in a period of entitlement: R (Gargett) v Lambeth LBC [2008] EWCA Civ
    1450)."""
    if not facts.arrears_total:
        return None
    return (
        f"Rent arrears of {pounds(facts.arrears_total)} (interview): a DHP can also cover arrears "
        "that built up while the client got Housing Benefit or the UC housing element, for that "
        'period only (DWP DHP guidance manual, "What DHPs can cover"). Work out the shortfall '
        "in those weeks and ask for it as a one-off."
    )


def what_a_dhp_cannot_cover(inputs: DhpInputs, money: Shortfall) -> tuple[str, ...]:
    lines = []
    if money.service:
        lines.append(f"Ineligible service charges in the rent: {pounds(money.service)} a week")
    if money.deductions:
        lines.append(
            f"Taken off the housing support for a sanction, suspension or overpayment: "
            f"{pounds(money.deductions)} a week"
        )
    if money.council_tax:
        lines.append(
            f"Council tax not met by council tax support: {pounds(money.council_tax)} a week"
        )
    if inputs.letting_fee:
        lines.append(f"Letting-agent fee: {pounds(inputs.letting_fee)} (banned, never paid)")
    return tuple(lines)
