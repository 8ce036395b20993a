"""Money in the database: whole pence in a real SQLite file, Decimal pounds in Python."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, func, select
from sqlalchemy.exc import StatementError

from storage.types import Pence

_METADATA = MetaData()
_AMOUNTS = Table(
    "amounts",
    _METADATA,
    Column("id", Integer, primary_key=True),
    Column("amount", Pence, nullable=True),
)


@pytest.fixture
def engine(tmp_path: Path):
    engine = create_engine(f"sqlite:///{tmp_path / 'money.sqlite3'}")
    _METADATA.create_all(engine)
    yield engine
    engine.dispose()


def test_amounts_go_in_as_pence_and_come_back_as_pounds(engine) -> None:
    with engine.begin() as connection:
        connection.execute(
            _AMOUNTS.insert(),
            [{"amount": Decimal("0.10")}, {"amount": Decimal("0.20")}, {"amount": None}],
        )
    with engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT amount FROM amounts ORDER BY id").all()
        back = connection.execute(select(_AMOUNTS.c.amount).order_by(_AMOUNTS.c.id)).all()
        total = connection.execute(select(func.sum(_AMOUNTS.c.amount))).scalar_one()
    assert [row[0] for row in stored] == [10, 20, None]
    assert [row[0] for row in back] == [Decimal("0.10"), Decimal("0.20"), None]
    # 0.1 + 0.2 in floats is 0.30000000000000004; in pence it is exactly 30.
    assert total == Decimal("0.30")


def test_a_fraction_of_a_penny_is_refused_not_rounded(engine) -> None:
    with engine.begin() as connection, pytest.raises(StatementError, match="fraction of a penny"):
        connection.execute(_AMOUNTS.insert(), [{"amount": Decimal("1.005")}])


@given(pence=st.integers(min_value=0, max_value=10**12))
def test_every_amount_in_pence_survives_the_round_trip(pence: int) -> None:
    column = Pence()
    pounds = Decimal(pence) / 100
    assert column.process_bind_param(pounds, None) == pence
    assert column.process_result_value(pence, None) == pounds
