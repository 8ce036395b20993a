"""Every bad start, in the app and in every command, run as an officer would run it (a real
`housing-tui` process on a real folder): one line on stderr naming the file and what to do, a
non-zero exit, no traceback, and every file in the data folder left byte for byte as it was."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from housing_tui.settings import LocalSettings
from storage.database import DATABASE_FILE_NAME, Database
from storage.officers import create_officer

COMMANDS = {
    "the app": [],
    "demo-data": ["demo-data", "--clients", "3"],
    "export": ["export", "clients", "--csv", "{tmp}/clients.csv"],
    "sync": ["sync", "--shared", "{tmp}/team"],
    "sync --status": ["sync", "--status"],
}

_LEAVE_FULL_SCREEN = "\x1b[?1049l"
_TERMINAL_CONTROL = re.compile(r"\x1b(\[[0-9;?<>=]*[A-Za-z~]|\][^\x07\x1b]*(\x07|\x1b\\)|.)")


@pytest.fixture(scope="module")
def good_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder as a laptop leaves it: an officer, a client, settings (no WAL left)."""
    folder = tmp_path_factory.mktemp("good") / "data"
    db = Database.open(folder / DATABASE_FILE_NAME)
    officer = create_officer(db, "Olu Officer", "OO")
    db.close()
    LocalSettings(officer_id=officer.id).save(folder)
    assert sorted(path.name for path in folder.iterdir()) == [DATABASE_FILE_NAME, "settings.json"]
    return folder


def _overwrite(path: Path, at: int, data: bytes) -> None:
    with path.open("r+b") as file:
        file.seek(at)
        file.write(data)


def _damaged_pages(database: Path) -> None:
    # Two whole pages in the middle of the file overwritten, as a failing disk leaves them.
    page = 4096
    middle = (database.stat().st_size // page // 2) * page
    _overwrite(database, middle, bytes(range(256)) * (2 * page // 256))


def _newer(database: Path) -> None:
    import sqlite3

    connection = sqlite3.connect(database)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.execute("PRAGMA user_version = 2003004")  # what housing-tui 2.3.4 records
    connection.commit()
    connection.close()


def _utf16_policy_with_a_syntax_error(folder: Path) -> None:
    (folder / "policy.toml").write_bytes("[triage]\nthreatened_within_days = \n".encode("utf-16"))


# name: (how to spoil a copy of the good folder, words the one line must contain)
BAD_FOLDERS: dict[str, tuple[Callable[[Path], None], str]] = {
    "a damaged page": (lambda f: _damaged_pages(f / DATABASE_FILE_NAME), "is damaged"),
    "a truncated database": (
        lambda f: os.truncate(f / DATABASE_FILE_NAME, (f / DATABASE_FILE_NAME).stat().st_size // 2),
        "is cut short",
    ),
    "a damaged header": (
        lambda f: _overwrite(f / DATABASE_FILE_NAME, 0, b"half copied file"),
        "is not a case database",
    ),
    "a 0-byte database": (lambda f: (f / DATABASE_FILE_NAME).write_bytes(b""), "is empty"),
    "a database from a newer version": (
        lambda f: _newer(f / DATABASE_FILE_NAME),
        "was made by housing-tui 2.3.4 (database revision 9999), newer than this one",
    ),
    "a damaged settings.json": (
        lambda f: (f / "settings.json").write_text('{"officer_id": "ab', "utf-8"),
        "settings.json cannot be read",
    ),
    "a policy.toml syntax error": (
        lambda f: (f / "policy.toml").write_text("[triage]\nthreatened_within_days = \n"),
        "policy.toml: not valid TOML",
    ),
    "a policy.toml syntax error in UTF-16": (
        _utf16_policy_with_a_syntax_error,
        "policy.toml: not valid TOML",
    ),
    "a policy.toml wrong type": (
        lambda f: (f / "policy.toml").write_text('[triage]\nthreatened_within_days = "56"\n'),
        "triage.threatened_within_days must be a whole number",
    ),
    "a policy.toml section that is not a section": (
        lambda f: (f / "policy.toml").write_text("triage = 56\n"),
        "triage must be a [triage] section",
    ),
}


def _contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}


def _run(args: list[str], folder: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    command = [arg.format(tmp=tmp_path) for arg in args]
    return subprocess.run(
        [sys.executable, "-m", "housing_tui", "--data-dir", str(folder), *command],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "COLUMNS": "100", "LINES": "30"},
    )


def _officer_line(stderr: str) -> str:
    """What stays on the officer's terminal: what was written after the app (if it drew
    anything) left its full-screen mode, terminal control taken out."""
    after_the_app = stderr.rpartition(_LEAVE_FULL_SCREEN)[2]
    return _TERMINAL_CONTROL.sub("", after_the_app).split("\r")[-1].strip("\n")


def _assert_one_clear_line(completed: subprocess.CompletedProcess[str], *words: str) -> None:
    assert completed.returncode == 1, completed.stderr[-2000:]
    assert "Traceback" not in completed.stderr
    line = _officer_line(completed.stderr)
    assert "\n" not in line, line
    for word in words:
        assert word in line


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("bad", BAD_FOLDERS)
def test_a_bad_data_folder_gives_one_line_and_changes_nothing(
    bad: str, command: str, good_folder: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(good_folder, folder)
    spoil, words = BAD_FOLDERS[bad]
    spoil(folder)
    before = _contents(folder)

    completed = _run(COMMANDS[command], folder, tmp_path)

    _assert_one_clear_line(completed, words, str(folder))
    assert _contents(folder) == before
    assert not (tmp_path / "clients.csv").exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_data_folder_that_is_a_file(command: str, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.write_text("a file where the folder should be")

    completed = _run(COMMANDS[command], folder, tmp_path)

    _assert_one_clear_line(completed, f"{folder} is a file, not a folder", "--data-dir")
    assert folder.read_text() == "a file where the folder should be"


@pytest.fixture
def read_only_folder(good_folder: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the good folder no file can be made in (chmod; for root, which ignores
    permissions, the immutable attribute instead)."""
    folder = tmp_path / "data"
    shutil.copytree(good_folder, folder)
    folder.chmod(0o555)
    immutable = False
    if os.geteuid() == 0:
        immutable = subprocess.run(["chattr", "+i", str(folder)], check=False).returncode == 0
        if not immutable:
            folder.chmod(0o755)
            pytest.skip("running as root without chattr: no folder here is read-only")
    yield folder
    if immutable:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    folder.chmod(0o755)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_read_only_data_folder(command: str, read_only_folder: Path, tmp_path: Path) -> None:
    before = _contents(read_only_folder)

    completed = _run(COMMANDS[command], read_only_folder, tmp_path)

    _assert_one_clear_line(completed, f"{read_only_folder} cannot be written to", "write access")
    assert _contents(read_only_folder) == before


def test_a_read_only_folder_is_reported_even_when_saving_the_team_store(
    read_only_folder: Path, tmp_path: Path
) -> None:
    (tmp_path / "team").mkdir()
    completed = _run(["sync", "--shared", "{tmp}/team", "--remember"], read_only_folder, tmp_path)
    _assert_one_clear_line(completed, "cannot be written to")
    assert not (read_only_folder / "settings.json.partial").exists()


# --- the settings file on its own ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["[1, 2]", '{"officer_id": 7}', "\xff not text"])
def test_settings_that_are_not_what_the_app_writes_are_refused_naming_the_file(
    tmp_path: Path, text: str
) -> None:
    from housing_tui.settings import SettingsError

    (tmp_path / "settings.json").write_bytes(text.encode("latin-1"))
    with pytest.raises(SettingsError, match=re.escape(str(tmp_path / "settings.json"))):
        LocalSettings.load(tmp_path)


def test_settings_that_cannot_be_saved_say_why_and_leave_nothing_behind(tmp_path: Path) -> None:
    from housing_tui.settings import SettingsError

    folder = tmp_path / "data"
    folder.write_text("a file where the folder should be")
    with pytest.raises(SettingsError, match="settings.json cannot be saved"):
        LocalSettings(officer_id="x").save(folder)
    assert folder.read_text() == "a file where the folder should be"


def test_the_database_records_the_newest_app_version_that_opened_it(tmp_path: Path) -> None:
    import sqlite3

    from housing_tui import __version__

    Database.open(tmp_path / DATABASE_FILE_NAME).close()
    connection = sqlite3.connect(tmp_path / DATABASE_FILE_NAME)
    recorded = connection.execute("PRAGMA user_version").fetchone()[0]
    # A newer version's number is kept when this one opens the database again.
    connection.execute("PRAGMA user_version = 2003004")
    connection.commit()
    connection.close()
    Database.open(tmp_path / DATABASE_FILE_NAME).close()
    connection = sqlite3.connect(tmp_path / DATABASE_FILE_NAME)
    kept = connection.execute("PRAGMA user_version").fetchone()[0]
    connection.close()
    major, minor, patch = (int(part) for part in __version__.split("."))
    assert recorded == major * 1_000_000 + minor * 1_000 + patch
    assert kept == 2_003_004


def test_a_newer_database_that_records_no_version_says_a_newer_version(tmp_path: Path) -> None:
    from storage.errors import StorageError

    Database.open(tmp_path / DATABASE_FILE_NAME).close()
    _newer(tmp_path / DATABASE_FILE_NAME)
    import sqlite3

    connection = sqlite3.connect(tmp_path / DATABASE_FILE_NAME)
    connection.execute("PRAGMA user_version = 0")
    connection.commit()
    connection.close()
    with pytest.raises(
        StorageError, match=r"made by a newer version of housing-tui \(database revision 9999\)"
    ):
        Database.open(tmp_path / DATABASE_FILE_NAME)


def test_opening_the_database_again_in_one_process_keeps_the_first_ones_locks(
    tmp_path: Path,
) -> None:
    """The start-up checks must not open the healthy file with anything but SQLite: closing
    any handle on it drops every SQLite lock this process holds (POSIX locks are per process),
    and another program closing it then took itself for the last user and removed the
    write-ahead log under the app, losing its latest saves."""
    database = tmp_path / DATABASE_FILE_NAME
    first = Database.open(database)
    officer = create_officer(first, name="Wal Keeper", initials="WK")
    with first.reading() as session:
        session.exec(text("SELECT 1")).all()  # a pooled connection stays open, as in the app
    Database.open(database).close()  # another window of the app, in the same process
    # Another program reads and closes: it must not take itself for the last user.
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('SELECT count(*) FROM sqlite_master').fetchone(); c.close()",
            str(database),
        ],
        check=True,
    )
    assert (tmp_path / f"{DATABASE_FILE_NAME}-wal").exists()
    with first.reading() as session:
        assert session.exec(text("SELECT name FROM officer")).all() == [(officer.name,)]
    first.close()
