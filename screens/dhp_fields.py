"""The DHP check's fields, in the order of the form (`check_fields`): what to type in each,
shown while it is empty (`HINTS`); amounts are shown back as read once the field is left
("650 pcm" -> "650.00 pcm"). The rules that read them are the domain's
(`money.dhp.read_check_form`), run by the screen as each field is left.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from housing_tui.money.amounts import parse_money, parse_regular_amount
from housing_tui.money.dhp import FORM_LABELS, ONE_OFF_FIELDS, REGULAR_FIELDS
from screens.forms import Form
from screens.widgets.form_field import FormField, money_field, regular_amount_field

HINTS = {
    "rent": "e.g. 650 pcm or 150 pw",
    "service_charges": "e.g. 10 pw (meals, heating)",
    "housing_benefit": "the award, e.g. 120 pw",
    "uc_housing_element": "the award, e.g. 520 pcm",
    "deductions": "sanctions, overpayments: 15 pw",
    "council_tax_shortfall": "not met by council tax support",
    "weeks": "of the shortfall, e.g. 13",
    "rent_in_advance": "one-off, e.g. 650",
    "deposit": "one-off, e.g. 750",
    "removal_costs": "one-off, e.g. 180",
    "letting_fee": "banned: a DHP never pays it",
    "officer_reasons": "optional, on the summary",
}
"""What to type in each field, shown while it is empty: short enough for 30 columns."""


def check_fields(form: Form[None]) -> Iterator[FormField[Any]]:
    """A field for each line of the check, each held to `form`'s rules as it is left."""
    for key, label in FORM_LABELS.items():
        hint = HINTS[key]
        if key in REGULAR_FIELDS:
            parse = form.checked(key, parse_regular_amount)
            yield regular_amount_field(label, key, parse=parse, placeholder=hint)
        elif key in ONE_OFF_FIELDS:
            yield money_field(label, key, parse=form.checked(key, parse_money), placeholder=hint)
        else:
            yield FormField(label, key, parse=form.checked(key, _typed), placeholder=hint)


def _typed(text: str) -> str | None:
    """A field's text once the form's rules accept it (None when blank)."""
    return text.strip() or None
