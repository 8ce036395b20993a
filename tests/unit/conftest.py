"""Shared fixtures for the unit tests: a fixed 'today' and real SQLite databases in tmp_path."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from housing_tui.calendar.clock import FixedClock
from tests.conftest import TODAY_AT

NOW = TODAY_AT
TODAY = FixedClock(NOW).today()
"""Monday 23 November 2026; every worked example in these tests is written from this day."""


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def db(tmp_path: Path, clock: FixedClock):
    from storage.database import Database

    database = Database.open(tmp_path / "housing.sqlite3", clock=clock)
    yield database
    database.close()


@pytest.fixture
def officer(db):
    from storage.officers import create_officer

    return create_officer(db, "Olu Officer", "oo")


@pytest.fixture
def policy():
    from housing_tui.reference.policy import load_policy

    return load_policy().triage
