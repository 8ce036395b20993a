"""Working days: Monday to Friday, less England and Wales bank holidays (the `holidays`
package, with substitute days) and any council closure days the caller passes in."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache
from typing import Any


@cache
def _bank_holidays() -> Any:
    import holidays  # imported on first use: the app starts without it

    # England's bank holidays (England and Wales share them), with substitute days when one
    # falls at a weekend, such as Mon 28 Dec 2026 for Boxing Day.
    return holidays.country_holidays("GB", subdiv="ENG")


def is_working_day(day: date, closures: Iterable[date] = ()) -> bool:
    """Monday to Friday, not a bank holiday in England, not a council closure day."""
    return day.weekday() < 5 and day not in _bank_holidays() and day not in set(closures)


def add_working_days(start: date, n: int, closures: Iterable[date] = ()) -> date:
    """The date `n` working days after `start`. `start` is day 0 and is not counted, so
    "within 10 working days" of a Monday with no holidays is the Monday two weeks later;
    `n=0` on a day that is not a working day rolls forward to the next working day."""
    if n < 0:
        raise ValueError(f"a number of working days cannot be negative (got {n})")
    closed = frozenset(closures)
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        if is_working_day(day, closed):
            counted += 1
    while not is_working_day(day, closed):
        day += timedelta(days=1)
    return day


def working_days_between(a: date, b: date, closures: Iterable[date] = ()) -> int:
    """How many working days there are after `a`, up to and including `b` (0 if b <= a)."""
    closed = frozenset(closures)
    return sum(
        1
        for offset in range(1, (b - a).days + 1)
        if is_working_day(a + timedelta(days=offset), closed)
    )
