"""Time as officers see it: stored in UTC, shown and reasoned about in UK local time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from functools import cache


@cache
def uk_time() -> tzinfo:
    """Europe/London; loaded on first use, since zoneinfo costs start-up time."""
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/London")


class Clock:
    """The real clock. Tests hand the app a `FixedClock` so screens and ages are repeatable."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().astimezone(uk_time()).date()


@dataclass
class FixedClock(Clock):
    at: datetime

    def now(self) -> datetime:
        return self.at


def uk_local(moment: datetime) -> datetime:
    return moment.astimezone(uk_time())
