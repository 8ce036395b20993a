"""What the officer types on the DHP check, read into `DhpInputs`, and the form prefilled from the
interview."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from housing_tui.casework.interview import QUESTIONS, shown
from housing_tui.money.amounts import (
    RegularAmount,
    parse_money,
    parse_regular_amount,
    pounds,
    to_weekly,
)
from housing_tui.reference import fields
from housing_tui.reference.codes import _Coded
from housing_tui.reference.fields import FieldError

ZERO = Decimal("0.00")

MOST_WEEKS = 52
"""More weeks than a year of help with a shortfall is a typing mistake: the form refuses it.
The council's own limit (`dhp.max_ongoing_weeks`) is applied to what the form accepts."""


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
        """The Housing Benefit or UC housing element awarded; an amount of £0.00 is none."""
        for kind, amount in (
            (HousingSupport.HOUSING_BENEFIT, self.housing_benefit),
            (HousingSupport.UC_HOUSING_ELEMENT, self.uc_housing_element),
        ):
            if amount is not None and amount.amount > 0:
                return kind, amount
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
    if weekly("housing_benefit") and weekly("uc_housing_element"):  # £0.00 is none
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


_FROM_INTERVIEW = {
    "rent": "rent",
    "housing_benefit": "housing_benefit",
    "uc_housing_element": "uc_housing_amount",
}
"""Form fields prefilled from the interview, and the question each comes from."""


def form_from_interview(answers: Mapping[str, str]) -> dict[str, str]:
    """The form prefilled from the interview: the rent, Housing Benefit and UC housing element
    as recorded there (an amount of £0.00 is left out: it is none, not a second award)."""
    form = dict.fromkeys(FORM_LABELS, "")
    for key, question in _FROM_INTERVIEW.items():
        stored = answers.get(question, "")
        if stored and Decimal(stored.split()[0]) > 0:
            form[key] = shown(QUESTIONS[question], stored)
    return form
