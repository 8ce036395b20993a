"""The property offered as the officer records it (the rent, what is asked up front, the papers)
and reading it from the form; the checks and how each came out."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from housing_tui.money.amounts import (
    PERIODS_A_YEAR,
    Frequency,
    parse_money,
    parse_regular_amount,
    pounds,
    to_pence,
)
from housing_tui.reference import fields
from housing_tui.reference.codes import _Coded
from housing_tui.reference.fields import FieldError

WEEKS_A_YEAR = 52
MONTHS_A_YEAR = 12


def annual_rent(amount: Decimal, frequency: Frequency) -> Decimal:
    """The rent for a year: weekly x 52, fortnightly x 26, four-weekly x 13, monthly x 12."""
    return amount * PERIODS_A_YEAR[Frequency(frequency)]


MAX_WEEKLY_RENT = Decimal("5000")
"""A rent above this a week (£260,000 a year) is a typing mistake for a home the council would
help a client into: usually the wrong period, "650 pw" for "650 pcm"."""

MAX_BEDROOMS = 10
EPC_RATINGS = "ABCDEFG"
"""Best first: a rating is good enough when it comes no later than the policy's minimum."""


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
class PropertyOffer:
    """A property offered to the client, as read from the deposit check form."""

    address: str
    landlord: str
    """The landlord or letting agent, as the officer deals with them ("" if not given)."""
    rent: Decimal
    rent_frequency: Frequency
    bedrooms: int
    tenancy_signed_on: date | None = None
    """When the tenancy is (or will be) entered into; None: not signed yet, or not known."""
    tenancy_starts_on: date | None = None
    """The tenancy's first day: the first rent falls due then."""
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
DATE_KEYS = ("tenancy_signed_on", "tenancy_starts_on")


def form_parsers(today: date) -> dict[str, Callable[[str], Any]]:
    """Each field of the form and what reads it, in the order the form shows them; dates as
    officers type them ("today", "+14" counted from `today`)."""
    return {
        "address": parse_address,
        "landlord": parse_landlord,
        "rent": parse_rent,
        "bedrooms": parse_bedrooms,
        **dict.fromkeys(DATE_KEYS, partial(fields.parse_date, today=today)),
        **dict.fromkeys(MONEY_KEYS, parse_money),
        "epc_rating": parse_epc_rating,
        **dict.fromkeys((check.value for check in ANSWERED_CHECKS), parse_check_answer),
    }


@dataclass(frozen=True)
class PropertyReading:
    offer: PropertyOffer | None
    """What can be worked out from the form so far: None until the rent and bedrooms are
    readable. A field that cannot be read is left out of it (and is in `errors`)."""
    errors: dict[str, str]
    """A message for each field that cannot be used, by field name. Save only when empty."""


def read_property(raw: Mapping[str, str], *, today: date) -> PropertyReading:
    """The property offered, from the form's raw text by field name (`form_parsers`' keys)."""
    reading = fields.read_form(raw, form_parsers(today))
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
        **{key: values.get(key) for key in (*DATE_KEYS, *MONEY_KEYS)},
        epc_rating=values.get("epc_rating"),
        answers={
            check: values.get(check.value, CheckAnswer.NOT_KNOWN) for check in ANSWERED_CHECKS
        },
    )
    return PropertyReading(offer, errors)


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
