"""The rent deposit check: what a landlord may lawfully ask a tenant for up front, whether the
property's papers are in order, whether the client can afford the rent, and whether the
council's rent deposit scheme can help.

The law, with every figure from the policy file's [deposits] section:

- Tenant Fees Act 2019: a tenancy deposit is capped at 5 weeks' rent where the annual rent is
  under £50,000, and at 6 weeks' rent where it is £50,000 or more; a holding deposit at 1
  week's rent; letting fees charged to tenants are banned.
- Renters' Rights Act 2025: rent in advance at most 1 month's rent, from 1 May 2026.
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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from housing_tui.casework.assessment.facts import Answer, InterviewFacts
from housing_tui.casework.assessment.local_connection import local_connection
from housing_tui.casework.duties import Duty
from housing_tui.money.amounts import (
    PENNY,
    PERIODS_A_YEAR,
    Frequency,
    parse_money,
    parse_regular_amount,
    pounds,
    to_pence,
)
from housing_tui.money.benefits import BedroomEntitlement, household_entitlement, lha_rate
from housing_tui.reference import fields
from housing_tui.reference.codes import LhaCategory, _Coded
from housing_tui.reference.fields import FieldError
from housing_tui.reference.policy import DepositsPolicy, Policy

WEEKS_A_YEAR = 52
MONTHS_A_YEAR = 12

MAX_WEEKLY_RENT = Decimal("5000")
"""A rent above this a week (£260,000 a year) is a typing mistake for a home the council would
help a client into: usually the wrong period, "650 pw" for "650 pcm"."""

MAX_BEDROOMS = 10
EPC_RATINGS = "ABCDEFG"
"""Best first: a rating is good enough when it comes no later than the policy's minimum."""


# --- what the officer records --------------------------------------------------------------------


class CheckAnswer(_Coded):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = "not_known", "Not known"


class Check(_Coded):
    """Everything the deposit check looks at, in the order the officer reads it. The labels
    fit a form's label column."""

    DEPOSIT = "deposit", "Deposit"
    HOLDING_DEPOSIT = "holding_deposit", "Holding deposit"
    RENT_IN_ADVANCE = "rent_in_advance", "Rent in advance"
    LETTING_FEES = "letting_fees", "Letting fees"
    GAS_SAFETY = "gas_safety", "Gas safety cert."
    ELECTRICAL_SAFETY = "electrical_safety", "Electrical (EICR)"
    EPC_RATING = "epc_rating", "EPC rating"
    HOW_TO_RENT = "how_to_rent", "How to Rent guide"
    DEPOSIT_PROTECTION = "deposit_protection", "Deposit protection"
    LANDLORD_CHECKS = "landlord_checks", "Landlord checks"
    RENT_AGAINST_LHA = "rent_against_lha", "Rent against LHA"
    AFFORDABILITY = "affordability", "Affordability"


ANSWERED_CHECKS = (
    Check.GAS_SAFETY,
    Check.ELECTRICAL_SAFETY,
    Check.HOW_TO_RENT,
    Check.DEPOSIT_PROTECTION,
    Check.LANDLORD_CHECKS,
)
"""The checks the officer answers yes, no or not known (the landlord's papers and the landlord)."""

SAFETY_CHECKS = frozenset(
    (Check.GAS_SAFETY, Check.ELECTRICAL_SAFETY, Check.EPC_RATING, Check.HOW_TO_RENT)
)
"""The checks the scheme needs passed, not merely not known, when the policy's
`requires_safety_checks` is on."""


@dataclass(frozen=True)
class _Wording:
    yes: str
    no: str
    not_known: str
    law: bool
    """The landlord must by law: a "no" means the letting as offered breaks it."""


_WORDING = {
    Check.GAS_SAFETY: _Wording(
        yes="A current gas safety certificate has been seen (or there is no gas supply).",
        no="No current gas safety certificate: every gas appliance must be checked each year "
        "and the certificate given to the tenant before they move in (Gas Safety "
        "(Installation and Use) Regulations 1998).",
        not_known="Ask the landlord for the current gas safety certificate.",
        law=True,
    ),
    Check.ELECTRICAL_SAFETY: _Wording(
        yes="A satisfactory electrical safety report (EICR) less than 5 years old has been seen.",
        no="No satisfactory electrical safety report: one is needed every 5 years and given to "
        "the tenant before they move in (Electrical Safety Standards Regulations 2020).",
        not_known="Ask the landlord for the electrical safety report (EICR).",
        law=True,
    ),
    Check.HOW_TO_RENT: _Wording(
        yes="The landlord gives the client the government's How to Rent guide.",
        no="The landlord must give the tenant the government's How to Rent guide.",
        not_known="Check that the landlord will give the How to Rent guide.",
        law=True,
    ),
    Check.DEPOSIT_PROTECTION: _Wording(
        yes="The landlord will protect the deposit in a government scheme within {days} days "
        "and give the client the scheme's details.",
        no="The landlord will not protect the deposit: the law requires it, in a government "
        "scheme, within {days} days (Housing Act 2004 s.213).",
        not_known="Ask which government scheme will protect the deposit (within {days} days).",
        law=True,
    ),
    Check.LANDLORD_CHECKS: _Wording(
        yes="The landlord or agent has been checked: identity, ownership, not banned, licensed "
        "where the area needs it.",
        no="The landlord checks failed: do not place the client until the landlord's identity, "
        "ownership, licence and any banning order are cleared.",
        not_known="Check the landlord or agent: identity, ownership (Land Registry), the "
        "database of rogue landlords, and a licence where the area needs one.",
        law=False,
    ),
}


@dataclass(frozen=True)
class PropertyOffer:
    """A property offered to the client, as read from the deposit check form."""

    address: str
    landlord: str
    """The landlord or letting agent, as the officer deals with them ("" if not given)."""
    rent: Decimal
    rent_frequency: Frequency
    bedrooms: int
    deposit_asked: Decimal | None = None
    """None: not known yet (0 is "no deposit")."""
    rent_in_advance_asked: Decimal | None = None
    holding_deposit: Decimal | None = None
    fees_asked: Decimal | None = None
    epc_rating: str | None = None
    answers: Mapping[Check, CheckAnswer] | None = None
    """A check left out is not known."""

    def answer(self, check: Check) -> CheckAnswer:
        return (self.answers or {}).get(check, CheckAnswer.NOT_KNOWN)


# --- reading the form -----------------------------------------------------------------------------


RENT_EXAMPLE = "Type the rent and how often, e.g. 650 pcm or 150 pw."


def parse_rent(text: str) -> tuple[Decimal, Frequency]:
    """The rent and how often ("650 pcm"): required, more than £0, and not absurd."""
    if not any(character.isdigit() for character in text):
        raise FieldError(RENT_EXAMPLE)  # empty, or words with no amount: say what to type
    read = parse_regular_amount(text)
    assert read is not None  # there is an amount
    amount, frequency = read
    if amount <= 0:
        raise FieldError("The rent must be more than £0: type what the landlord asks.")
    weekly = to_pence(annual_rent(amount, frequency) / WEEKS_A_YEAR)
    if weekly > MAX_WEEKLY_RENT:
        raise FieldError(
            f"{pounds(weekly)} a week is more than {pounds(MAX_WEEKLY_RENT)}: check the amount "
            "and how often (pw, pcm)."
        )
    return amount, frequency


def parse_bedrooms(text: str) -> int:
    cleaned = text.strip()
    if not cleaned.isdigit() or not 1 <= int(cleaned) <= MAX_BEDROOMS:
        raise FieldError(
            f"Bedrooms: a whole number from 1 to {MAX_BEDROOMS} (a studio flat counts as 1)."
        )
    return int(cleaned)


def parse_address(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise FieldError("The property's address is needed.")
    if len(cleaned) > 500:
        raise FieldError(f"Keep the address under 500 characters (it has {len(cleaned)}).")
    return cleaned


def parse_landlord(text: str) -> str:
    return fields.parse_optional_text(text, limit=200) or ""


def parse_epc_rating(text: str) -> str | None:
    cleaned = text.strip().upper()
    if not cleaned:
        return None
    if len(cleaned) != 1 or cleaned not in EPC_RATINGS:
        raise FieldError("EPC rating: one letter, A (best) to G; leave it empty if not known.")
    return cleaned


def parse_check_answer(text: str) -> CheckAnswer:
    if not text:
        return CheckAnswer.NOT_KNOWN
    try:
        return CheckAnswer(text)
    except ValueError:
        raise FieldError("Choose yes, no or not known.") from None


MONEY_KEYS = ("deposit_asked", "rent_in_advance_asked", "holding_deposit", "fees_asked")

PARSERS = {
    "address": parse_address,
    "landlord": parse_landlord,
    "rent": parse_rent,
    "bedrooms": parse_bedrooms,
    **dict.fromkeys(MONEY_KEYS, parse_money),
    "epc_rating": parse_epc_rating,
    **dict.fromkeys((check.value for check in ANSWERED_CHECKS), parse_check_answer),
}
"""Each field of the form and what reads it: also the order the form shows them in."""


@dataclass(frozen=True)
class PropertyReading:
    offer: PropertyOffer | None
    """What can be worked out from the form so far: None until the rent and bedrooms are
    readable. A field that cannot be read is left out of it (and is in `errors`)."""
    errors: dict[str, str]
    """A message for each field that cannot be used, by field name. Save only when empty."""


def read_property(raw: Mapping[str, str]) -> PropertyReading:
    """The property offered, from the form's raw text by field name (`PARSERS`' keys)."""
    reading = fields.read_form(raw, PARSERS)
    values, errors = reading.values, reading.errors
    if "rent" in errors or "bedrooms" in errors:
        return PropertyReading(None, errors)
    rent, frequency = values["rent"]
    offer = PropertyOffer(
        address=values.get("address", ""),
        landlord=values.get("landlord", ""),
        rent=rent,
        rent_frequency=frequency,
        bedrooms=values["bedrooms"],
        **{key: values.get(key) for key in MONEY_KEYS},
        epc_rating=values.get("epc_rating"),
        answers={
            check: values.get(check.value, CheckAnswer.NOT_KNOWN) for check in ANSWERED_CHECKS
        },
    )
    return PropertyReading(offer, errors)


# --- what the law allows up front -----------------------------------------------------------------


def annual_rent(amount: Decimal, frequency: Frequency) -> Decimal:
    """The rent for a year: weekly x 52, fortnightly x 26, four-weekly x 13, monthly x 12."""
    return amount * PERIODS_A_YEAR[Frequency(frequency)]


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
            f"{_weeks(self.deposit_weeks)} rent, as the annual rent ({pounds(self.annual_rent)}) "
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


def _weeks(count: int) -> str:
    return "1 week's" if count == 1 else f"{count} weeks'"


def _months(count: int) -> str:
    return "1 month's" if count == 1 else f"{count} months'"


def _long(when: date) -> str:
    return f"{when.day} {when:%B %Y}"


# --- the result ----------------------------------------------------------------------------------


class CheckStatus(_Coded):
    PASS = "pass", "OK"
    FAIL = "fail", "Fail"
    NOT_KNOWN = "not_known", "Not known"


@dataclass(frozen=True)
class CheckResult:
    check: Check
    status: CheckStatus
    reason: str
    law: bool = False
    """A legal requirement: failing it means the letting, as offered, breaks the law."""

    @property
    def what(self) -> str:
        return self.check.label

    @property
    def breaks_the_law(self) -> bool:
        return self.law and self.status is CheckStatus.FAIL


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


@dataclass(frozen=True)
class SchemeAnswer:
    can_help: bool
    deposit: Decimal | None
    """What the scheme would put up; None when it cannot help."""
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class DepositCheckResult:
    checked_on: date
    limits: UpFrontLimits
    rent: RentAgainstLha
    checks: tuple[CheckResult, ...]
    """Breaches of the law first, then the rest in `Check`'s order."""
    scheme: SchemeAnswer
    notes: tuple[str, ...]
    """What the officer should know about the figures (sample LHA rates, assumptions)."""

    def result_of(self, check: Check) -> CheckResult:
        return next(result for result in self.checks if result.check is check)

    @property
    def summary(self) -> str:
        """The result in plain text, as it is kept with the saved check."""
        scheme = self.scheme
        lines = [
            f"Rent deposit check on {_long(self.checked_on)}.",
            (
                f"The scheme can help: deposit {pounds(scheme.deposit)}."
                if scheme.can_help and scheme.deposit is not None
                else "The scheme cannot help."
            ),
            *(f"  {reason}" for reason in scheme.reasons),
            *(f"[{check.status.label}] {check.what}: {check.reason}" for check in self.checks),
            *self.notes,
        ]
        return "\n".join(lines)


# --- the rules -----------------------------------------------------------------------------------


def check_property(
    offer: PropertyOffer,
    *,
    facts: InterviewFacts,
    duties: Sequence[Duty],
    checked_on: date,
    policy: Policy,
) -> DepositCheckResult:
    """Everything the officer needs to decide on `offer` for the client whose interview is
    `facts` and whose case has `duties`, on `checked_on`."""
    rules = policy.deposits
    limits = up_front_limits(offer.rent, offer.rent_frequency, on=checked_on, rules=rules)
    rent, rent_checks, notes = _rent_against_lha(offer, limits, facts, checked_on, policy)
    checks = [*_money_checks(offer, limits, rules), *_paper_checks(offer, rules), *rent_checks]
    # Breaches of the law first: the officer raises them with the landlord before anything.
    order = list(Check)
    checks.sort(key=lambda result: (not result.breaks_the_law, order.index(result.check)))
    return DepositCheckResult(
        checked_on=checked_on,
        limits=limits,
        rent=rent,
        checks=tuple(checks),
        scheme=_scheme(offer, checks, facts, duties, checked_on, policy),
        notes=tuple(notes),
    )


def _money_checks(
    offer: PropertyOffer, limits: UpFrontLimits, rules: DepositsPolicy
) -> list[CheckResult]:
    return [
        _deposit(offer.deposit_asked, limits, rules),
        _within(
            Check.HOLDING_DEPOSIT,
            offer.holding_deposit,
            limits.holding_deposit_cap,
            f"{_weeks(rules.holding_deposit_weeks)} rent, Tenant Fees Act 2019",
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
    start = _long(rules.rent_in_advance_limit_from)
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
        f"{_months(rules.rent_in_advance_max_months)} rent, Renters' Rights Act 2025, from {start}",
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


_ANSWER_STATUS = {
    CheckAnswer.YES: CheckStatus.PASS,
    CheckAnswer.NO: CheckStatus.FAIL,
    CheckAnswer.NOT_KNOWN: CheckStatus.NOT_KNOWN,
}


def _paper_checks(offer: PropertyOffer, rules: DepositsPolicy) -> list[CheckResult]:
    results = [_epc(offer.epc_rating, rules.minimum_epc_rating)]
    for check in ANSWERED_CHECKS:
        wording, answer = _WORDING[check], offer.answer(check)
        text = {
            CheckAnswer.YES: wording.yes,
            CheckAnswer.NO: wording.no,
            CheckAnswer.NOT_KNOWN: wording.not_known,
        }[answer]
        results.append(
            CheckResult(
                check,
                _ANSWER_STATUS[answer],
                text.format(days=rules.protection_days),
                law=wording.law,
            )
        )
    return results


def _epc(rating: str | None, minimum: str) -> CheckResult:
    if rating is None:
        status = CheckStatus.NOT_KNOWN
        reason = f"Ask for the Energy Performance Certificate: {minimum} or better is needed."
    elif EPC_RATINGS.index(rating) > EPC_RATINGS.index(minimum):
        status = CheckStatus.FAIL
        reason = (
            f"Rated {rating}: below {minimum}, the lowest a home may be let with (minimum "
            "energy efficiency standard) unless the landlord has registered an exemption."
        )
    else:
        status, reason = CheckStatus.PASS, f"Rated {rating}: {minimum} or better is needed."
    return CheckResult(Check.EPC_RATING, status, reason, law=True)


# --- rent against the Local Housing Allowance, and affordability ---------------------------------


def rate_name(category: LhaCategory) -> str:
    """'the 2 bedrooms rate', 'the shared accommodation rate'."""
    if category is LhaCategory.SHARED:
        return "the shared accommodation rate"
    return f"the {category.label} rate"


def _money(amount: Decimal) -> str:
    """£16.15, or −£30.00 for a shortfall (never "£-30.00")."""
    return f"−{pounds(-amount)}" if amount < 0 else pounds(amount)


def _signed(amount: Decimal) -> str:
    """A term of a sum: "+ £5.00" or "− £5.00"."""
    return f"− {pounds(-amount)}" if amount < 0 else f"+ {pounds(amount)}"


def _rent_against_lha(
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
            f"The policy file has no LHA rates for {_long(checked_on)}. {entitled}",
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
    sum_ = f"{_money(residual)} left now (interview) + {pounds(current_rent)} rent now − "
    sum_ += f"{pounds(rent)} new rent"
    if support_change is not None:
        sum_ += f" {_signed(support_change)} housing support"
    sum_ += f" = {_money(left)} a week."
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


# --- the council's rent deposit scheme -----------------------------------------------------------


def _scheme(
    offer: PropertyOffer,
    checks: Sequence[CheckResult],
    facts: InterviewFacts,
    duties: Sequence[Duty],
    checked_on: date,
    policy: Policy,
) -> SchemeAnswer:
    """Whether the scheme can put up the deposit, on the policy's [deposits.scheme] rules: a
    duty owed, a local connection, no check failing (so the rent is within the LHA rate plus
    the scheme's margin, affordable, and nothing the law forbids is asked), the rent and its
    affordability known, the safety papers seen, and a deposit it can cover."""
    rules = policy.deposits.scheme
    reasons: list[str] = []
    if rules.requires_duty and not any(
        duty.started_on <= checked_on and (duty.ended_on is None or duty.ended_on > checked_on)
        for duty in duties
    ):
        reasons.append(
            "No prevention or relief duty is open on the case: the scheme helps only where "
            "one is owed."
        )
    if rules.requires_local_connection:
        connection = local_connection(facts, policy=policy).answer
        if connection is Answer.NO:
            reasons.append("No local connection with the area: the scheme needs one.")
        elif connection is Answer.MAYBE:
            reasons.append(
                "Local connection not established: record residence, work or family in the "
                "interview."
            )
    failing = [result.what for result in checks if result.status is CheckStatus.FAIL]
    if failing:
        reasons.append(f"To put right first: {', '.join(failing)}.")
    unknown = {result.check for result in checks if result.status is CheckStatus.NOT_KNOWN}
    needed = {Check.RENT_AGAINST_LHA, Check.AFFORDABILITY}
    if rules.requires_safety_checks:
        needed |= SAFETY_CHECKS
    if unknown & needed:
        names = [check.label for check in Check if check in unknown & needed]
        reasons.append(f"Not known yet: {', '.join(names)}.")
    deposit = offer.deposit_asked
    if deposit is None:
        reasons.append("Type the deposit asked: the scheme needs to know what it would cover.")
    elif deposit == 0:
        reasons.append("No deposit is asked: there is nothing for the scheme to put up.")
    elif deposit > rules.max_deposit:
        reasons.append(
            f"The deposit, {pounds(deposit)}, is more than the scheme puts up "
            f"({pounds(rules.max_deposit)})."
        )
    if reasons or deposit is None:
        return SchemeAnswer(can_help=False, deposit=None, reasons=tuple(reasons))
    helps = [f"The scheme can put up the deposit of {pounds(deposit)}."]
    still = [result.what for result in checks if result.status is CheckStatus.NOT_KNOWN]
    if still:
        helps.append(f"Still to check before it is paid: {', '.join(still)}.")
    if rules.recharged:
        helps.append(
            f"The deposit is recharged: the client signs a repayment agreement for "
            f"{pounds(deposit)} before it is paid."
        )
    return SchemeAnswer(can_help=True, deposit=deposit, reasons=tuple(helps))
