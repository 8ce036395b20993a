"""Shared fixtures for the unit tests: a fixed 'today' and real SQLite databases in tmp_path."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

TODAY = date(2026, 11, 23)
"""A Monday in late 2026; every worked example in these tests is written from this day."""

NOW = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def db(tmp_path: Path):
    from storage.database import Database

    database = Database.open(tmp_path / "housing.sqlite3")
    yield database
    database.close()


@pytest.fixture
def officer(db):
    from storage.officers import create_officer

    return create_officer(db, "Olu Officer", "oo")


@pytest.fixture
def policy():
    from housing_tui.policy import load_policy

    return load_policy().triage
