"""Time as officers see it: stored in UTC, shown and reasoned about in UK local time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

UK_TIME = ZoneInfo("Europe/London")


class Clock:
    """The real clock. Tests hand the app a `FixedClock` so screens and ages are repeatable."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().astimezone(UK_TIME).date()


@dataclass
class FixedClock(Clock):
    at: datetime

    def now(self) -> datetime:
        return self.at


def uk_local(moment: datetime) -> datetime:
    return moment.astimezone(UK_TIME)
