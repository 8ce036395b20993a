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

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial

from housing_tui.casework.assessment.facts import InterviewFacts, Tenure
from housing_tui.casework.interview import QUESTIONS, shown
from housing_tui.documents.rendering import bullets, long_date
from housing_tui.money.amounts import (
    PERIOD_SHORT,
    Frequency,
    RegularAmount,
    parse_money,
    parse_regular_amount,
    pounds,
    to_weekly,
)
from housing_tui.money.benefits import BedroomEntitlement, household_entitlement, lha_rate
from housing_tui.reference import fields
from housing_tui.reference.codes import _Coded
from housing_tui.reference.fields import FieldError
from housing_tui.reference.policy import Policy

ZERO = Decimal("0.00")

MOST_WEEKS = 52
"""More weeks than a year of help with a shortfall is a typing mistake: the form refuses it.
The council's own limit (`dhp.max_ongoing_weeks`) is applied to what the form accepts."""


# --- the financial year ---------------------------------------------------------------------------

_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def financial_year(day: date) -> str:
    """The financial year `day` falls in, April to March: 31 March 2027 is in "2026-27",
    1 April 2027 in "2027-28"."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def year_starts(year: str) -> date:
    """1 April of financial year `year` ("2026-27" -> 1 April 2026)."""
    match = _YEAR.match(year)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValueError(f'{year!r} is not a financial year like "2026-27"')
    return date(int(match[1]), 4, 1)


def next_year(year: str, by: int = 1) -> str:
    """The financial year `by` years after `year` (before it, for a negative `by`)."""
    start = year_starts(year)
    return financial_year(start.replace(year=start.year + by))


def year_months(year: str) -> tuple[date, ...]:
    """The first day of each month of financial year `year`, April to March."""
    start = year_starts(year)
    return tuple(
        date(start.year + (start.month + offset - 1) // 12, (start.month + offset - 1) % 12 + 1, 1)
        for offset in range(12)
    )


# --- what the officer types -----------------------------------------------------------------------


class HousingSupport(_Coded):
    """The help with housing costs that opens the way to a DHP."""

    HOUSING_BENEFIT = "housing_benefit", "Housing Benefit"
    UC_HOUSING_ELEMENT = "uc_housing_element", "Universal Credit housing element"


REGULAR_FIELDS = {
    "rent": "Rent",
    "service_charges": "Ineligible charges",
    "housing_benefit": "Housing Benefit",
    "uc_housing_element": "UC housing element",
    "deductions": "Deductions from HB/UC",
    "council_tax_shortfall": "Council tax shortfall",
}
"""Amounts with how often ("650 pcm"), by form key, with their labels."""

ONE_OFF_FIELDS = {
    "rent_in_advance": "Rent in advance",
    "deposit": "Deposit",
    "removal_costs": "Removal costs",
    "letting_fee": "Letting-agent fee",
}
"""Lump sums ("650"), by form key, with their labels."""

FORM_LABELS = {
    **REGULAR_FIELDS,
    "weeks": "Weeks of help",
    **ONE_OFF_FIELDS,
    "officer_reasons": "Your reasons",
}
"""Every field of the DHP check, in the order the form shows them."""


@dataclass(frozen=True)
class DhpInputs:
    """The DHP check as the officer filled it in, already read."""

    rent: RegularAmount
    """The contractual rent, ineligible service charges included."""
    service_charges: RegularAmount | None = None
    """Service charges in the rent that Housing Benefit and UC never pay (meals, heating ...)."""
    housing_benefit: RegularAmount | None = None
    uc_housing_element: RegularAmount | None = None
    deductions: RegularAmount | None = None
    """Taken off the Housing Benefit or UC housing element for a sanction, a suspension or an
    overpayment being recovered: the client gets that much less, and a DHP cannot make it up."""
    council_tax_shortfall: RegularAmount | None = None
    weeks: int = 0
    """Weeks of help with the shortfall asked for."""
    rent_in_advance: Decimal = ZERO
    deposit: Decimal = ZERO
    removal_costs: Decimal = ZERO
    letting_fee: Decimal = ZERO
    officer_reasons: str = ""

    @property
    def support(self) -> tuple[HousingSupport, RegularAmount] | None:
        if self.housing_benefit is not None:
            return HousingSupport.HOUSING_BENEFIT, self.housing_benefit
        if self.uc_housing_element is not None:
            return HousingSupport.UC_HOUSING_ELEMENT, self.uc_housing_element
        return None


def read_check_form(raw: Mapping[str, str]) -> tuple[DhpInputs | None, dict[str, str]]:
    """The DHP check from the form's text (`FORM_LABELS` keys), or a message per field that
    cannot be used. Blank amounts are none; the rent is required."""

    def regular(key: str, text: str) -> RegularAmount | None:
        read = parse_regular_amount(text)
        return RegularAmount(REGULAR_FIELDS[key], *read) if read else None

    parsers: dict[str, Callable[[str], object]] = {
        key: partial(regular, key) for key in REGULAR_FIELDS
    }
    parsers.update(dict.fromkeys(ONE_OFF_FIELDS, lambda text: parse_money(text) or ZERO))
    parsers["weeks"] = _weeks
    parsers["officer_reasons"] = lambda text: fields.parse_optional_text(text) or ""
    reading = fields.read_form(raw, parsers)
    values, errors = reading.values, dict(reading.errors)

    def weekly(key: str) -> Decimal:
        amount = values.get(key)
        return to_weekly(amount.amount, amount.frequency) if amount else ZERO

    if "rent" not in errors and values.get("rent") is None:
        errors["rent"] = "Type the rent and how often, e.g. 650 pcm or 150 pw."
    elif "rent" not in errors and weekly("rent") == 0:
        errors["rent"] = "The rent cannot be nothing: type what the tenancy agreement says."
    rent_read = not errors.keys() & {"rent", "service_charges"}
    if rent_read and weekly("service_charges") > weekly("rent"):
        errors["service_charges"] = "More than the rent itself: check the amount."
    if values.get("housing_benefit") and values.get("uc_housing_element"):
        errors["uc_housing_element"] = (
            "Housing Benefit and the UC housing element are not paid for the same home: "
            "clear one of them."
        )
    if not errors.keys() & {"housing_benefit", "uc_housing_element", "deductions"}:
        support = weekly("housing_benefit") + weekly("uc_housing_element")
        if weekly("deductions") and not support:
            errors["deductions"] = (
                "There is no Housing Benefit or UC housing element to take it from: "
                "type that first."
            )
        elif weekly("deductions") > support:
            errors["deductions"] = (
                f"More than the Housing Benefit or UC housing element ({pounds(support)} a "
                "week) it is taken from: check the amount."
            )
    if errors:
        return None, errors
    return DhpInputs(**values), {}


def _weeks(text: str) -> int:
    cleaned = text.strip()
    if not cleaned:
        return 0
    if not cleaned.isdigit():
        raise FieldError("Type a whole number of weeks, e.g. 13.")
    if int(cleaned) > MOST_WEEKS:
        raise FieldError(f"At most {MOST_WEEKS} weeks (a year): check the number.")
    return int(cleaned)


def form_from_interview(answers: Mapping[str, str]) -> dict[str, str]:
    """The form prefilled from the interview: the rent and Housing Benefit as recorded there.
    The UC housing element is not itemised in the interview, so it is left to type."""
    form = dict.fromkeys(FORM_LABELS, "")
    for key in ("rent", "housing_benefit"):
        form[key] = shown(QUESTIONS[key], answers.get(key, ""))
    return form


# --- the check ------------------------------------------------------------------------------------


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
class Household:
    """The household as the size criteria see it on the day of the check."""

    size: int
    """How many people live in the home, the applicant included."""
    entitlement: BedroomEntitlement
    lha_weekly: Decimal | None
    """The LHA rate for the household's size, for a private tenant; None otherwise."""
    notes: tuple[str, ...]
    """What is missing or assumed, and how the rent compares with the LHA rate."""


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
    """The weekly DHP recommended for the ongoing shortfall (less if the client can pay part)."""
    weeks: int
    """Weeks of help recommended: those asked, up to the council's limit."""
    items: tuple[DhpItem, ...]
    total_asked: Decimal
    total: Decimal
    """The DHP to apply for: the sum of what each item can be paid."""
    cannot_cover: tuple[str, ...]
    household: Household
    left_before: Decimal | None
    """What the household has left each week now, after the outgoings the interview recorded
    (None: no income or spending recorded)."""
    left_after: Decimal | None
    """The same with the weekly DHP added."""
    affordability: tuple[str, ...]
    recommendation: Recommendation | None
    """None while nothing is asked for."""
    reasons: tuple[str, ...]
    warnings: tuple[str, ...]


def _weekly(amount: RegularAmount | None) -> Decimal:
    return to_weekly(amount.amount, amount.frequency) if amount else ZERO


def _as_typed(amount: RegularAmount) -> str:
    """ "£650.00 pcm (£150.00 a week)": as typed, and weekly when that differs."""
    if amount.frequency is Frequency.WEEKLY:
        return f"{pounds(amount.amount)} a week"
    return (
        f"{pounds(amount.amount)} {PERIOD_SHORT[amount.frequency]} "
        f"({pounds(_weekly(amount))} a week)"
    )


def dhp_check(inputs: DhpInputs, *, facts: InterviewFacts, policy: Policy, on: date) -> DhpCheck:
    """Whether a DHP can help, with what and how much, from the check's inputs and the
    interview's household and money, on day `on`."""
    rent, service = _weekly(inputs.rent), _weekly(inputs.service_charges)
    support = inputs.support
    award = _weekly(support[1]) if support else ZERO
    deductions = _weekly(inputs.deductions)
    paid = award - deductions
    shortfall = max(rent - paid, ZERO)
    coverable = max(rent - service - award, ZERO)
    council_tax = _weekly(inputs.council_tax_shortfall)
    eligible = award > 0
    household = _household(facts, rent - service, policy=policy, on=on)
    reasons: list[str] = []
    warnings: list[str] = []

    eligibility = _eligibility(support, award, facts)
    reasons.append(eligibility)
    if eligible:
        reasons.append(
            _shortfall_reason(
                support,
                rent=rent,
                paid=paid,
                shortfall=shortfall,
                coverable=coverable,
                service=service,
                deductions=deductions,
            )
        )

    left_before = _left_before(facts, rent=rent, support=support, paid=paid)
    dhp_weekly = coverable if eligible and inputs.weeks else ZERO
    if left_before is not None and dhp_weekly > 0:
        dhp_weekly, why = _what_they_cannot_pay(dhp_weekly, left_before)
        reasons.extend(why)
    weeks = min(inputs.weeks, policy.dhp.max_ongoing_weeks)
    if eligible and inputs.weeks > weeks:
        warnings.append(
            f"{inputs.weeks} weeks asked: the council's policy is at most {weeks} weeks of help "
            f"with a shortfall, so the request is for {weeks}. Review the case before it ends."
        )

    items = _items(
        inputs,
        eligible=eligible,
        shortfall=shortfall,
        coverable=coverable,
        dhp_weekly=dhp_weekly,
        weeks=weeks,
    )
    if inputs.letting_fee > 0:
        warnings.append(
            f"Letting-agent fee of {pounds(inputs.letting_fee)}: letting fees charged to tenants "
            "are banned (Tenant Fees Act 2019). A DHP will not pay it: tell the landlord or agent "
            "it cannot be charged, and report it to Trading Standards if they insist."
        )
    total_asked = sum((item.asked for item in items), ZERO)
    total = sum((item.covered for item in items), ZERO)
    left_after = None if left_before is None else left_before + dhp_weekly
    affordability = _affordability(facts, left_before, left_after, dhp_weekly)
    if left_before is None:
        warnings.append(
            "No income or spending is recorded in the interview: affordability is not checked. "
            "Record them (interview, Money) before applying."
        )

    recommendation = _recommend(eligible, items, total_asked, total)
    if recommendation is Recommendation.APPLY_FOR_LESS:
        reasons.append(
            f"Asked for {pounds(total_asked)}; a DHP can pay {pounds(total)} of it (see each item)."
        )
    elif recommendation is Recommendation.DO_NOT_APPLY and eligible:
        reasons.append("So a DHP would pay nothing of what is asked.")
    elif recommendation is None and eligible:
        reasons.append("Nothing asked for yet: type the weeks of help or a one-off cost.")
    if left_after is not None and left_after < 0:
        short = f"household is {pounds(-left_after)} a week short"
        reasons.append(
            (
                f"Even with the DHP the {short}: a DHP only buys time."
                if dhp_weekly
                else f"The {short}."
            )
            + " What else to do: "
            + "; ".join(_what_else(inputs, household, rent - service))
            + "."
        )
    if inputs.officer_reasons:
        reasons.append(f"Officer: {inputs.officer_reasons}")
    return DhpCheck(
        checked_on=on,
        inputs=inputs,
        eligible=eligible,
        eligibility=eligibility,
        rent=rent,
        support=support[0] if support else None,
        support_paid=paid,
        shortfall=shortfall,
        coverable=coverable if eligible else ZERO,
        dhp_weekly=dhp_weekly,
        weeks=weeks if dhp_weekly > 0 else 0,
        items=items,
        total_asked=total_asked,
        total=total,
        cannot_cover=_cannot_cover(inputs, service, deductions, council_tax),
        household=household,
        left_before=left_before,
        left_after=left_after,
        affordability=affordability,
        recommendation=recommendation,
        reasons=tuple(reasons),
        warnings=tuple(warnings),
    )


def _what_they_cannot_pay(coverable: Decimal, left: Decimal) -> tuple[Decimal, list[str]]:
    """The weekly DHP: the coverable shortfall, less what the client can pay from their own
    income (`left` is what they have each week after paying the whole rent)."""
    cannot_pay = max(-left, ZERO)
    if cannot_pay >= coverable:
        return coverable, []
    if cannot_pay == 0:
        return ZERO, [
            f"The client can meet the whole shortfall from their income: {pounds(left)} a week "
            "is left after paying it."
        ]
    return cannot_pay, [
        f"The client can pay {pounds(coverable - cannot_pay)} a week of the shortfall "
        f"themselves; a DHP of {pounds(cannot_pay)} a week makes up the rest."
    ]


def _eligibility(
    support: tuple[HousingSupport, RegularAmount] | None, award: Decimal, facts: InterviewFacts
) -> str:
    if award > 0:
        assert support is not None
        return f"Gets {support[0].label}: a DHP can be paid."
    if support is None and facts.uc_housing_element:
        return (
            "A DHP cannot be paid until the UC housing element is entered: the interview says "
            "the client's Universal Credit includes it. Type its amount."
        )
    return (
        "A DHP cannot be paid: the client gets neither Housing Benefit nor the Universal Credit "
        "housing element. Help them claim first; a DHP can be asked for once they get one."
    )


def _shortfall_reason(
    support: tuple[HousingSupport, RegularAmount] | None,
    *,
    rent: Decimal,
    paid: Decimal,
    shortfall: Decimal,
    coverable: Decimal,
    service: Decimal,
    deductions: Decimal,
) -> str:
    assert support is not None
    said = (
        f"The rent ({pounds(rent)} a week) is {pounds(shortfall)} more than the "
        f"{support[0].label} paid ({pounds(paid)})."
        if shortfall
        else f"The {support[0].label} paid ({pounds(paid)} a week) meets the rent "
        f"({pounds(rent)}): there is no shortfall."
    )
    if coverable < shortfall:
        left_out = [
            what
            for what, amount in (
                ("the ineligible service charges", service),
                ("the deductions", deductions),
            )
            if amount
        ]
        said += f" A DHP can cover {pounds(coverable)} a week of it: not {' or '.join(left_out)}."
    return said


def _items(
    inputs: DhpInputs,
    *,
    eligible: bool,
    shortfall: Decimal,
    coverable: Decimal,
    dhp_weekly: Decimal,
    weeks: int,
) -> tuple[DhpItem, ...]:
    items = []
    if inputs.weeks:
        covered = dhp_weekly * weeks
        if not eligible:
            why = "no Housing Benefit or UC housing element"
        elif covered:
            why = f"{pounds(dhp_weekly)} a week for {weeks} weeks"
        elif not coverable:
            why = "no shortfall a DHP can cover"
        else:
            why = "the client can meet it from their income"
        items.append(
            DhpItem(
                "Rent shortfall",
                asked=shortfall * inputs.weeks,
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


def _cannot_cover(
    inputs: DhpInputs, service: Decimal, deductions: Decimal, council_tax: Decimal
) -> tuple[str, ...]:
    lines = []
    if service:
        lines.append(f"Ineligible service charges in the rent: {pounds(service)} a week")
    if deductions:
        lines.append(
            f"Taken off the housing support for a sanction, suspension or overpayment: "
            f"{pounds(deductions)} a week"
        )
    if council_tax:
        lines.append(f"Council tax not met by council tax support: {pounds(council_tax)} a week")
    if inputs.letting_fee:
        lines.append(f"Letting-agent fee: {pounds(inputs.letting_fee)} (banned, never paid)")
    return tuple(lines)


def _recommend(
    eligible: bool, items: tuple[DhpItem, ...], total_asked: Decimal, total: Decimal
) -> Recommendation | None:
    if not eligible:
        return Recommendation.DO_NOT_APPLY
    if not items:
        return None
    if total == 0:
        return Recommendation.DO_NOT_APPLY
    if total < total_asked:
        return Recommendation.APPLY_FOR_LESS
    return Recommendation.APPLY


# --- household and money from the interview -------------------------------------------------------


def _household(
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
                f"{pounds(eligible_rent - rate)} above the LHA {entitlement.category.label} rate "
                f"({pounds(rate)}){sample}: the shortfall will not end on its own."
            )
    elif facts.tenure is None:
        notes.append("The tenure is not recorded in the interview: the LHA rate is not compared.")
    return Household(
        size=max(len(facts.members), 1),
        entitlement=entitlement,
        lha_weekly=rate,
        notes=tuple(notes),
    )


def _left_before(
    facts: InterviewFacts,
    *,
    rent: Decimal,
    support: tuple[HousingSupport, RegularAmount] | None,
    paid: Decimal,
) -> Decimal | None:
    """The interview's weekly income less outgoings, with this check's rent and Housing
    Benefit in place of the interview's. Universal Credit is one amount in the interview (its
    housing element inside it), so it is left as recorded there."""
    if facts.weekly_residual is None:
        return None
    left = facts.weekly_residual + (facts.rent_weekly or ZERO) - rent
    if support is None or support[0] is HousingSupport.HOUSING_BENEFIT:
        left += paid - (facts.housing_benefit_weekly or ZERO)
    return left


def _affordability(
    facts: InterviewFacts,
    left_before: Decimal | None,
    left_after: Decimal | None,
    dhp_weekly: Decimal,
) -> tuple[str, ...]:
    if left_before is None or facts.weekly_residual is None:
        return ("Income and spending are not recorded in the interview.",)
    lines = [
        "Income less the outgoings the interview records (rent, council tax, utilities, debt "
        f"repayments; not food or other living costs): {_left(facts.weekly_residual)}."
    ]
    if left_before != facts.weekly_residual:
        lines.append(
            f"With the rent and Housing Benefit on this check instead: {_left(left_before)}."
        )
    if dhp_weekly and left_after is not None:
        lines.append(f"With a DHP of {pounds(dhp_weekly)} a week: {_left(left_after)}.")
    return tuple(lines)


def _left(weekly: Decimal) -> str:
    """ "£5.00 left a week" or "£10.00 short a week": a minus sign is easy to miss."""
    if weekly < 0:
        return f"{pounds(-weekly)} short a week"
    return f"{pounds(weekly)} left a week"


def _what_else(inputs: DhpInputs, household: Household, eligible_rent: Decimal) -> list[str]:
    """What else could close the gap, from what the check found."""
    steps = [
        "a benefit check, so the household gets all it is entitled to",
        "money and debt advice",
    ]
    rate = household.lha_weekly
    if rate is not None and eligible_rent > rate:
        steps.append(
            f"look for a home within the LHA rate for {household.entitlement.category.label} "
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


# --- the summary for revenues and benefits --------------------------------------------------------


def summary_values(check: DhpCheck) -> dict[str, str]:
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
    if check.total:
        recommendation += f": {pounds(check.total)}"
        if check.weeks:
            recommendation += (
                f", including {pounds(check.dhp_weekly)} a week for {check.weeks} weeks"
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


# --- decisions and payments -----------------------------------------------------------------------


class DhpStatus(_Coded):
    REQUESTED = "requested", "Requested"
    AWARDED = "awarded", "Awarded"
    REFUSED = "refused", "Refused"
    WITHDRAWN = "withdrawn", "Withdrawn"


DECISIONS = (DhpStatus.AWARDED, DhpStatus.REFUSED, DhpStatus.WITHDRAWN)


def read_decision(
    raw: Mapping[str, str], *, today: date, requested_on: date
) -> tuple[dict[str, object] | None, dict[str, str]]:
    """What revenues and benefits decided: status, decided_on and, for an award, the amount
    (an amount typed with a refusal or withdrawal is ignored)."""
    reading = fields.read_form(
        dict(raw),
        {
            "status": _decision,
            "decided_on": partial(
                parse_recorded_day, today=today, not_before=requested_on, what="the request"
            ),
            "amount_awarded": parse_money,
        },
    )
    values, errors = reading.values, dict(reading.errors)
    if values.get("status") == DhpStatus.AWARDED.value:
        if "amount_awarded" not in errors and not values.get("amount_awarded"):
            errors["amount_awarded"] = "Type the amount awarded, e.g. 390.00."
    elif "status" not in errors:
        errors.pop("amount_awarded", None)
        values["amount_awarded"] = None
    if errors:
        return None, errors
    return values, {}


def read_payment(
    raw: Mapping[str, str], *, today: date, decided_on: date, left_to_pay: Decimal
) -> tuple[dict[str, object] | None, dict[str, str]]:
    """A payment made on an award: paid_on, amount (at most what is left to pay) and a note."""
    reading = fields.read_form(
        dict(raw),
        {
            "paid_on": partial(
                parse_recorded_day, today=today, not_before=decided_on, what="the award"
            ),
            "amount": parse_money,
            "note": lambda text: fields.parse_optional_text(text, limit=200) or "",
        },
    )
    values, errors = reading.values, dict(reading.errors)
    amount = values.get("amount")
    if "amount" not in errors:
        if not amount:
            errors["amount"] = "Type the amount paid, e.g. 130.00."
        elif amount > left_to_pay:
            errors["amount"] = (
                f"More than is left to pay on the award ({pounds(left_to_pay)}): check it."
            )
    if errors:
        return None, errors
    return values, {}


def _decision(text: str) -> str:
    if text not in {status.value for status in DECISIONS}:
        raise FieldError("Choose the decision: awarded, refused or withdrawn.")
    return text


def parse_recorded_day(text: str, *, today: date, not_before: date, what: str) -> date:
    """The day something happened: required, not in the future, not before `not_before` (the
    day of `what`, e.g. "the request")."""
    day = fields.parse_date(text, today=today)
    if day is None:
        raise FieldError("Type the date, e.g. 23/11/2026 or today.")
    if day > today:
        raise FieldError("That is in the future: record it once it has happened.")
    if day < not_before:
        raise FieldError(f"That is before {what} ({not_before:%d/%m/%Y}).")
    return day


# --- the DHP budget -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicationsTotal:
    """Applications counted against one year's allocation: one, or all of a status together."""

    status: DhpStatus
    requested: Decimal
    awarded: Decimal = ZERO


@dataclass(frozen=True)
class Paid:
    """Money paid out on awards: one payment, or several on the same day or month."""

    paid_on: date
    amount: Decimal


@dataclass(frozen=True)
class MonthSpend:
    month: date
    """The first day of the month."""
    paid: Decimal


@dataclass(frozen=True)
class DhpBudget:
    """One financial year's DHP allocation and what has happened to it."""

    year: str
    allocation: Decimal | None
    """None when the policy file sets no allocation for the year."""
    awarded: Decimal
    paid: Decimal
    committed: Decimal
    """Awarded and not yet paid."""
    pending: Decimal
    """Asked for and not yet decided: not counted against what remains."""
    by_month: tuple[MonthSpend, ...]
    """April to March."""
    paid_after_year: Decimal
    """Paid after 31 March on awards of this year (shown on its own line, counted in `paid`)."""

    @property
    def remaining(self) -> Decimal | None:
        """The allocation less what is committed and paid (negative: overspent)."""
        return None if self.allocation is None else self.allocation - self.committed - self.paid


def dhp_budget(
    year: str,
    allocation: Decimal | None,
    applications: Iterable[ApplicationsTotal],
    payments: Iterable[Paid],
) -> DhpBudget:
    """The budget of financial year `year`: `applications` are those counted against its
    allocation, `payments` the money paid out on them."""
    months = year_months(year)
    by_month = dict.fromkeys(months, ZERO)
    paid_after = ZERO
    for payment in payments:
        month = payment.paid_on.replace(day=1)
        if month in by_month:
            by_month[month] += payment.amount
        else:
            paid_after += payment.amount
    awarded = pending = ZERO
    for total in applications:
        if total.status is DhpStatus.AWARDED:
            awarded += total.awarded
        elif total.status is DhpStatus.REQUESTED:
            pending += total.requested
    paid = sum(by_month.values(), ZERO) + paid_after
    return DhpBudget(
        year=year,
        allocation=allocation,
        awarded=awarded,
        paid=paid,
        committed=max(awarded - paid, ZERO),
        pending=pending,
        by_month=tuple(MonthSpend(month, amount) for month, amount in by_month.items()),
        paid_after_year=paid_after,
    )


def over_budget(budget: DhpBudget, amount: Decimal) -> str | None:
    """Why a request of `amount` should be flagged against `budget`; None if it fits."""
    if budget.allocation is None:
        return f"No DHP allocation is set for {budget.year} in the policy file: ask the principal."
    remaining = budget.remaining
    assert remaining is not None
    if amount > remaining:
        left = f"only {pounds(remaining)} is left" if remaining > 0 else "nothing is left"
        return (
            f"{pounds(amount)} is more than the budget has: {left} of {budget.year}'s allocation."
        )
    return None
