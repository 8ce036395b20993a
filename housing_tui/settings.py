"""Where data lives, and what this laptop remembers about its officer."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.database import Database

DATA_DIR_VARIABLE = "HOUSING_TUI_DATA_DIR"
SETTINGS_FILE_NAME = "settings.json"
DEMO_CLIENTS_ON_START = 300
"""How many synthetic clients `--demo` puts into an empty database."""


def data_dir(given: str | Path | None = None) -> Path:
    """`--data-dir` if given, else $HOUSING_TUI_DATA_DIR, else the user's data directory."""
    if given:
        return Path(given).expanduser().resolve()
    if os.environ.get(DATA_DIR_VARIABLE):
        return Path(os.environ[DATA_DIR_VARIABLE]).expanduser().resolve()
    from platformdirs import user_data_path

    return user_data_path("housing-tui", appauthor=False)


@dataclass(frozen=True)
class LocalSettings:
    """Settings of this laptop only (they never sync)."""

    officer_id: str | None = None
    """Who used this laptop before accounts: read once, to make them the team's first admin
    (housing_tui.startup.find_door). Never who is signed in: signing in says that."""
    sync_location: str | None = None
    """The team store: a folder on the network drive, or a postgresql+psycopg:// URL."""
    sync_on_start: bool = False
    """Sync when the app starts, if the team store can be reached."""
    sync_on_exit: bool = False
    """Sync when the app is closed, if the team store can be reached."""

    @classmethod
    def load(cls, directory: Path) -> LocalSettings:
        """The saved settings, or the defaults if none are saved yet; SettingsError if the
        file cannot be read or is not what this app writes."""
        path = directory / SETTINGS_FILE_NAME
        if not path.is_file():
            return cls()
        try:
            raw = json.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise SettingsError(f"{path} cannot be read ({error}). {_REPAIR}") from error
        if not isinstance(raw, dict):
            raise SettingsError(f"{path} is not a set of settings. {_REPAIR}")
        for name in ("officer_id", "sync_location"):
            if not isinstance(raw.get(name), str | None):
                raise SettingsError(f"{path}: {name} is {raw[name]!r}, not text. {_REPAIR}")
        return cls(
            officer_id=raw.get("officer_id"),
            sync_location=raw.get("sync_location"),
            sync_on_start=bool(raw.get("sync_on_start", False)),
            sync_on_exit=bool(raw.get("sync_on_exit", False)),
        )

    def save(self, directory: Path) -> None:
        """Write the settings whole, readable by this user only (storage.private_files)."""
        from storage.private_files import make_private_folder, write_private

        path = directory / SETTINGS_FILE_NAME
        try:
            make_private_folder(directory)
            write_private(path, json.dumps(asdict(self), indent=2))
        except OSError as error:
            raise SettingsError(
                f"{path} cannot be saved ({error.strerror}). Nothing was changed; ask IT to "
                f"give you write access to {directory}."
            ) from error


def keep_store_password_apart(db: Database, officer_id: str, directory: Path) -> None:
    """Move a password out of the saved team store address into the encrypted database
    (a settings.json written before passwords were kept apart: storage.sync.store_password)."""
    from storage.sync.store_password import keep_password_apart

    settings = LocalSettings.load(directory)
    if settings.sync_location:
        bare = keep_password_apart(db, officer_id, settings.sync_location)
        if bare != settings.sync_location:
            replace(settings, sync_location=bare).save(directory)


_REPAIR = (
    "Ask IT to repair or remove it (without it you are asked who you are again, and the team "
    "store must be set again)."
)


class SettingsError(ValueError):
    """This laptop's settings file cannot be read or saved; the message names it and says
    what to do."""
