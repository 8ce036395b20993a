"""The DHP check: what a DHP could pay for each thing asked (the ongoing shortfall for N weeks,
rent in advance, a deposit, removal costs; never a letting fee), less what the client can pay,
and the recommendation with its reasons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from housing_tui.casework.assessment.facts import InterviewFacts
from housing_tui.money.amounts import pounds
from housing_tui.money.dhp.eligibility import (
    Shortfall,
    arrears_reason,
    eligibility_reason,
    shortfall_reason,
    weekly_shortfall,
    what_a_dhp_cannot_cover,
)
from housing_tui.money.dhp.form import ONE_OFF_FIELDS, ZERO, DhpInputs, HousingSupport
from housing_tui.money.dhp.household import (
    Household,
    affordability_lines,
    household_for,
    weekly_left,
    what_else_could_help,
)
from housing_tui.money.living_costs import living_costs
from housing_tui.reference.codes import _Coded
from housing_tui.reference.policy import Policy


class Recommendation(_Coded):
    APPLY = "apply", "Apply for a DHP"
    APPLY_FOR_LESS = "apply_for_less", "Apply for a DHP, for less than asked"
    DO_NOT_APPLY = "do_not_apply", "Do not apply for a DHP"


@dataclass(frozen=True)
class DhpItem:
    """One thing the DHP would be for: what was asked, what a DHP can pay, and why."""

    what: str
    asked: Decimal
    covered: Decimal
    why: str
    weekly: Decimal = ZERO
    """For the rent shortfall: the DHP a week, paid for `weeks` weeks."""
    weeks: int = 0


@dataclass(frozen=True)
class DhpCheck:
    """The DHP check worked out: all amounts in pounds, weekly unless named otherwise."""

    checked_on: date
    inputs: DhpInputs
    eligible: bool
    eligibility: str
    """In plain words: why a DHP can or cannot be paid."""
    rent: Decimal
    support: HousingSupport | None
    support_paid: Decimal
    """The Housing Benefit or UC housing element less what is taken off it."""
    shortfall: Decimal
    """Rent less the housing support actually paid: what the client must find each week."""
    coverable: Decimal
    """The part of the shortfall a DHP can cover: not service charges or deductions."""
    dhp_weekly: Decimal
    """The weekly DHP applied for towards the ongoing shortfall: all a DHP can cover of it."""
    advised_weekly: Decimal
    """The weekly DHP the check advises: less where the client can pay part themselves."""
    weeks: int
    """Weeks of help applied for: those asked, up to the council's limit."""
    items: tuple[DhpItem, ...]
    total_asked: Decimal
    total: Decimal
    """The DHP applied for: the sum of what a DHP can pay of each item. The officer decides to
    apply; the check's advice (`advised_total`, `recommendation`) goes with the application."""
    advised_total: Decimal
    """What the check advises applying for, after what the client can pay themselves."""
    cannot_cover: tuple[str, ...]
    household: Household
    left_before: Decimal | None
    """What the household has left each week after the outgoings the interview recorded and
    food and living costs (None: no income recorded)."""
    left_after: Decimal | None
    """The same with the weekly DHP advised added."""
    affordability: tuple[str, ...]
    recommendation: Recommendation | None
    """None while nothing is asked for."""
    reasons: tuple[str, ...]
    warnings: tuple[str, ...]


def dhp_check(inputs: DhpInputs, *, facts: InterviewFacts, policy: Policy, on: date) -> DhpCheck:
    """Whether a DHP can help, with what and how much, from the check's inputs and the
    interview's household and money, on day `on`."""
    money = weekly_shortfall(inputs)
    household = household_for(facts, money.eligible_rent, policy=policy, on=on)
    eligibility = eligibility_reason(money, facts)
    reasons = [eligibility, shortfall_reason(money)] if money.eligible else [eligibility]
    living = living_costs(facts, policy=policy, on=on)
    left_before = weekly_left(
        facts, living, rent=money.rent, support=money.support, paid=money.paid
    )
    dhp_weekly = money.coverable if money.eligible and inputs.weeks else ZERO
    advised_weekly = dhp_weekly
    if left_before is not None and dhp_weekly > 0:
        advised_weekly, why = _what_they_cannot_pay(dhp_weekly, left_before)
        reasons.extend(why)
    weeks = min(inputs.weeks, policy.dhp.max_ongoing_weeks)
    items = _items(inputs, money, dhp_weekly=dhp_weekly, weeks=weeks)
    total_asked = sum((item.asked for item in items), ZERO)
    total = sum((item.covered for item in items), ZERO)
    advised_total = total - (dhp_weekly - advised_weekly) * weeks
    left_after = None if left_before is None else left_before + advised_weekly
    recommendation = _recommend(money.eligible, items, total_asked, advised_total)
    reasons.extend(
        _why_recommended(recommendation, money.eligible, total_asked, total, advised_total)
    )
    if left_after is not None and left_after < 0:
        what_else = what_else_could_help(inputs, household, money.eligible_rent)
        reasons.append(_still_short(left_after, advised_weekly, what_else))
    arrears = arrears_reason(facts)
    if arrears:
        reasons.append(arrears)
    if inputs.officer_reasons:
        reasons.append(f"Officer: {inputs.officer_reasons}")
    return DhpCheck(
        checked_on=on,
        inputs=inputs,
        eligible=money.eligible,
        eligibility=eligibility,
        rent=money.rent,
        support=money.support[0] if money.support else None,
        support_paid=money.paid,
        shortfall=money.shortfall,
        coverable=money.coverable if money.eligible else ZERO,
        dhp_weekly=dhp_weekly,
        advised_weekly=advised_weekly,
        weeks=weeks if dhp_weekly > 0 else 0,
        items=items,
        total_asked=total_asked,
        total=total,
        advised_total=advised_total,
        cannot_cover=what_a_dhp_cannot_cover(inputs, money),
        household=household,
        left_before=left_before,
        left_after=left_after,
        affordability=affordability_lines(facts, living, left_before, left_after, advised_weekly),
        recommendation=recommendation,
        reasons=tuple(reasons),
        warnings=_warnings(inputs, eligible=money.eligible, weeks=weeks, left_before=left_before),
    )


def _why_recommended(
    recommendation: Recommendation | None,
    eligible: bool,
    total_asked: Decimal,
    total: Decimal,
    advised: Decimal,
) -> list[str]:
    said = []
    if recommendation is Recommendation.APPLY_FOR_LESS:
        said.append(
            f"Asked for {pounds(total_asked)}; a DHP can pay {pounds(total)} of it (see each "
            "item)" + (f", and the check advises {pounds(advised)}." if advised != total else ".")
        )
    if recommendation is Recommendation.DO_NOT_APPLY and eligible:
        said.append(
            "So the check advises against applying."
            if total
            else "So a DHP can pay nothing of what is asked."
        )
    if eligible and total and advised != total:
        said.append(
            f"The officer decides: applying asks for {pounds(total)}, all a DHP can pay of what "
            "is asked, with this advice."
        )
    if said:
        return said
    if recommendation is None and eligible:
        return ["Nothing asked for yet: type the weeks of help or a one-off cost."]
    return []


def _still_short(left_after: Decimal, dhp_weekly: Decimal, what_else: list[str]) -> str:
    """Why a household still short each week with the DHP needs more than a DHP."""
    short = f"household is {pounds(-left_after)} a week short"
    return (
        (f"Even with the DHP the {short}: a DHP only buys time." if dhp_weekly else f"The {short}.")
        + " What else to do: "
        + "; ".join(what_else)
        + "."
    )


def _warnings(
    inputs: DhpInputs, *, eligible: bool, weeks: int, left_before: Decimal | None
) -> tuple[str, ...]:
    warnings = []
    if eligible and inputs.weeks > weeks:
        warnings.append(
            f"{inputs.weeks} weeks asked: the council's policy is at most {weeks} weeks of help "
            f"with a shortfall, so the request is for {weeks}. Review the case before it ends."
        )
    if inputs.letting_fee > 0:
        warnings.append(
            f"Letting-agent fee of {pounds(inputs.letting_fee)}: letting fees charged to tenants "
            "are banned (Tenant Fees Act 2019). A DHP will not pay it: tell the landlord or agent "
            "it cannot be charged, and report it to Trading Standards if they insist."
        )
    if left_before is None:
        warnings.append(
            "No income or spending is recorded in the interview: affordability is not checked. "
            "Record them (interview, Money) before applying."
        )
    return tuple(warnings)


def _what_they_cannot_pay(coverable: Decimal, left: Decimal) -> tuple[Decimal, list[str]]:
    """The weekly DHP advised: the coverable shortfall, less what the client can pay from their
    own income (`left` is what they have each week after paying the whole rent and food and
    living costs)."""
    cannot_pay = max(-left, ZERO)
    if cannot_pay >= coverable:
        return coverable, []
    if cannot_pay == 0:
        return ZERO, [
            f"The client can meet the whole shortfall from their income: {pounds(left)} a week "
            "is left after paying it and food and living costs."
        ]
    return cannot_pay, [
        f"The client can pay {pounds(coverable - cannot_pay)} a week of the shortfall "
        f"themselves; a DHP of {pounds(cannot_pay)} a week makes up the rest."
    ]


def _items(
    inputs: DhpInputs, money: Shortfall, *, dhp_weekly: Decimal, weeks: int
) -> tuple[DhpItem, ...]:
    eligible = money.eligible
    items = []
    if inputs.weeks:
        covered = dhp_weekly * weeks
        if not eligible:
            why = "no Housing Benefit or UC housing element"
        elif covered:
            why = f"{pounds(dhp_weekly)} a week for {weeks} weeks"
        else:
            why = "no shortfall a DHP can cover"
        items.append(
            DhpItem(
                "Rent shortfall",
                asked=money.shortfall * inputs.weeks,
                covered=covered,
                why=why,
                weekly=dhp_weekly if covered else ZERO,
                weeks=weeks if covered else 0,
            )
        )
    for key in ("rent_in_advance", "deposit", "removal_costs"):
        amount = getattr(inputs, key)
        if amount:
            items.append(
                DhpItem(
                    ONE_OFF_FIELDS[key],
                    asked=amount,
                    covered=amount if eligible else ZERO,
                    why="a DHP can pay it"
                    if eligible
                    else "no Housing Benefit or UC housing element",
                )
            )
    if inputs.letting_fee:
        items.append(
            DhpItem(
                ONE_OFF_FIELDS["letting_fee"],
                asked=inputs.letting_fee,
                covered=ZERO,
                why="banned by the Tenant Fees Act 2019",
            )
        )
    return tuple(items)


def _recommend(
    eligible: bool, items: tuple[DhpItem, ...], total_asked: Decimal, advised: Decimal
) -> Recommendation | None:
    """The advice: apply for what is asked, for less (what a DHP cannot pay, or what the
    client can pay themselves), or not at all."""
    if not eligible:
        return Recommendation.DO_NOT_APPLY
    if not items:
        return None
    if advised == 0:
        return Recommendation.DO_NOT_APPLY
    if advised < total_asked:
        return Recommendation.APPLY_FOR_LESS
    return Recommendation.APPLY
