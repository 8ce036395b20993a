"""Reading the policy file's values: typed reads that name the key in every message."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any


class PolicyError(ValueError):
    """The policy file cannot be used; the message says which key and why."""


def whole_days(value: Any, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{key} must be a whole number of days, 0 or more (got {value!r})")
    return value


_GROUND = re.compile(r"^\d{1,2}[A-Z]{0,3}$")


# --- money and benefits sections -----------------------------------------------------------------


class Section:
    """Typed reads from one table of the policy file, with messages that name the key."""

    def __init__(self, raw: dict[str, Any], name: str) -> None:
        self.raw, self.name = raw, name

    def whole(self, key: str, *, least: int = 0, most: int | None = None) -> int:
        value = self.raw[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise ValueError(
                f"{self.name}.{key} must be a whole number, {least} or more (got {value!r})"
            )
        if most is not None and value > most:
            raise ValueError(f"{self.name}.{key} must be at most {most} (got {value})")
        return value

    def money(self, key: str) -> Decimal:
        return pounds(self.raw[key], f"{self.name}.{key}")

    def switch(self, key: str) -> bool:
        value = self.raw[key]
        if not isinstance(value, bool):
            raise ValueError(f"{self.name}.{key} must be true or false (got {value!r})")
        return value

    def day(self, key: str) -> date:
        value = self.raw[key]
        if not isinstance(value, date) or isinstance(value, datetime):
            raise ValueError(
                f"{self.name}.{key} must be a date like 2026-05-01, no quotes (got {value!r})"
            )
        return value

    def text(self, key: str) -> str:
        value = self.raw[key]
        if not isinstance(value, str) or not value.strip():
            raise ValueError(
                f'{self.name}.{key} must be text in quotes, e.g. "..." (got {value!r})'
            )
        return value.strip()


def pounds(value: Any, key: str) -> Decimal:
    """An amount in pounds: quoted text ("150.00") keeps it exact; a plain number is read as
    it is written. Never negative, at most two decimal places."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f'{key} must be an amount in pounds in quotes, e.g. "150.00"')
    try:
        amount = Decimal(str(value).strip().removeprefix("£").replace(",", ""))
    except InvalidOperation:
        raise ValueError(
            f'{key} must be an amount in pounds, e.g. "150.00" (got {value!r})'
        ) from None
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"{key} must be pounds and pence, 0 or more (got {value!r})")
    return amount.quantize(Decimal("0.01"))
