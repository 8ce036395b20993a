"""Column types SQLite lacks: timezone-aware UTC timestamps, and money to the penny."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC (SQLite keeps no zone); always handed back aware, in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; give it a time zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Pence(TypeDecorator[Decimal]):
    """Money: a `Decimal` in pounds in Python, whole pence (an integer) in the database.

    SQLite has no decimal type (SQLAlchemy's Numeric would store a float there), and whole
    pence add up exactly in SQL as well as in Python. An amount with a fraction of a penny is
    refused: the domain rounds before it stores (`housing_tui.money.amounts.to_pence`).
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Any) -> int | None:
        if value is None:
            return None
        pence = Decimal(value) * 100
        if pence != pence.to_integral_value():
            raise ValueError(f"£{value} has a fraction of a penny: round it before storing")
        return int(pence)

    def process_result_value(self, value: int | None, dialect: Any) -> Decimal | None:
        return None if value is None else (Decimal(value) / 100).quantize(Decimal("0.01"))
