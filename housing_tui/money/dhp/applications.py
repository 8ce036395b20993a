"""Recording what revenues and benefits decided on an application, and the payments made."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from functools import partial

from housing_tui.money.amounts import parse_money, pounds
from housing_tui.reference import fields
from housing_tui.reference.codes import _Coded
from housing_tui.reference.fields import FieldError


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
        raw,
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
        raw,
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
