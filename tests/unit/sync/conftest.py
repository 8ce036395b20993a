"""A real PostgreSQL server for the team-store tests, and a fresh empty database per test.

The server is `HOUSING_TUI_TEST_POSTGRES_URL` (an SQLAlchemy URL of a user that may create
databases and roles) if set, else a throwaway one started here (`tests.postgres_server`).
Without either the tests are skipped on a developer's machine but fail in CI, where a skipped
store would pass unnoticed.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests import postgres_server

if TYPE_CHECKING:
    from tests.unit.sync.laptops import Laptop, Ledger

SERVER_URL_VARIABLE = "HOUSING_TUI_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    given = os.environ.get(SERVER_URL_VARIABLE)
    if given:
        yield given
        return
    # Not pytest's tmp_path: its parents are private to root, and the server runs as postgres.
    directory = Path(tempfile.mkdtemp(prefix="housing-tui-postgres-"))
    try:
        url = postgres_server.start(directory)
    except postgres_server.ServerUnavailable as error:
        postgres_server.stop(directory)
        message = (
            f"No PostgreSQL for the team-store tests ({error}): install PostgreSQL (initdb) "
            f"or set {SERVER_URL_VARIABLE}."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    yield url
    postgres_server.stop(directory)


@pytest.fixture
def new_postgres_database(postgres_server_url: str) -> Iterator[Callable[[], str]]:
    """Makes new, empty databases (returning their URLs), all dropped after the test."""
    admin = create_engine(postgres_server_url, isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def make() -> str:
        name = f"housing_tui_test_{uuid.uuid4().hex[:12]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        url = make_url(postgres_server_url).set(database=name)
        return url.render_as_string(hide_password=False)

    yield make
    with admin.connect() as connection:
        for name in made:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def postgres_url(new_postgres_database: Callable[[], str]) -> str:
    """The URL of a new, empty database, dropped after the test."""
    return new_postgres_database()


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[tuple[Laptop, Laptop, Path, Ledger]]:
    """Ann and Ben, two laptops that have synced twice through a new team folder."""
    from tests.unit.sync.laptops import Laptop, Ledger, sync_until_quiet

    store = tmp_path / "store"
    store.mkdir()
    ledger = Ledger()
    ann = Laptop.new("ann", tmp_path / "ann.sqlite3", ledger)
    ben = Laptop.new("ben", tmp_path / "ben.sqlite3", ledger)
    sync_until_quiet([ann, ben], store, rounds=2)
    yield ann, ben, store, ledger
    ann.close()
    ben.close()
