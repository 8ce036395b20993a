"""A PostgreSQL team store's password never goes into settings.json: `sync --shared URL
--remember` keeps it in the encrypted database and the address without it in settings.json,
and a settings.json from before (address with the password) is cleaned at the next sync."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from housing_tui.cli import main
from housing_tui.settings import SETTINGS_FILE_NAME, LocalSettings
from storage.sync.store_password import with_password
from tests.ui.helpers import laptop, open_db

PASSWORD = "Pw-not-for-settings-9f3"


def _with_a_password(url: str) -> tuple[str, str]:
    """`url` given a password (the tests' server trusts loopback, so any will do), and the
    same address without it."""
    given = make_url(url).set(password=PASSWORD)
    return given.render_as_string(hide_password=False), url


def _settings_bytes(directory: Path) -> str:
    return (directory / SETTINGS_FILE_NAME).read_text("utf-8")


def test_remember_keeps_the_password_in_the_encrypted_database(
    tmp_path: Path, postgres_url: str, passphrase_typed: None
) -> None:
    directory = laptop(tmp_path / "a")
    full, bare = _with_a_password(postgres_url)

    assert main(["sync", "--data-dir", str(directory), "--shared", full, "--remember"]) == 0

    assert PASSWORD not in _settings_bytes(directory)
    assert LocalSettings.load(directory).sync_location == bare
    db = open_db(directory)
    try:
        assert with_password(db, bare) == full
    finally:
        db.close()
    assert PASSWORD.encode() not in (directory / "housing.sqlite3").read_bytes()  # encrypted
    # The remembered store is used without --shared, its password from the database.
    assert main(["sync", "--data-dir", str(directory)]) == 0


def test_a_settings_file_holding_a_password_is_cleaned_at_the_next_sync(
    tmp_path: Path, postgres_url: str, passphrase_typed: None, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = laptop(tmp_path / "a")
    full, bare = _with_a_password(postgres_url)
    # As `--remember` wrote it before passwords were kept apart.
    (directory / SETTINGS_FILE_NAME).write_text(json.dumps({"sync_location": full}), "utf-8")

    assert main(["sync", "--data-dir", str(directory)]) == 0

    assert PASSWORD not in _settings_bytes(directory)
    assert LocalSettings.load(directory).sync_location == bare
    db = open_db(directory)
    try:
        assert with_password(db, bare) == full
    finally:
        db.close()
    assert PASSWORD not in capsys.readouterr().out
