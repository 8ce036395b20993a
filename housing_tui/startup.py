"""Opening the data folder, the same way for the app and every command: this laptop's
settings, the council's files and the case database, all checked before any work starts.
When one cannot be used, StartupError is the one line the officer reads: which file, what is
wrong with it, and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from housing_tui.calendar.clock import Clock
    from housing_tui.documents.rendering import Templates
    from housing_tui.prevention.catalogue import Catalogue
    from housing_tui.reference.policy import Policy
    from housing_tui.settings import LocalSettings
    from storage.database import Database


class StartupError(Exception):
    """The data folder cannot be used; the message is meant for the officer (and IT)."""


@dataclass(frozen=True)
class DataFolder:
    """What the app and the commands work with, read from the data folder."""

    settings: LocalSettings
    policy: Policy
    catalogue: Catalogue
    templates: Templates
    db: Database


def open_data_folder(directory: Path, *, clock: Clock | None = None) -> DataFolder:
    """Read and check everything in `directory`, opening (or creating) the case database last;
    StartupError if anything cannot be used. Nothing is changed in a folder that is refused.
    The database stamps changes with `clock` (the real clock if none is given)."""
    import storage.sync.capture  # noqa: F401  (registers the sync outbox on the write path)
    from housing_tui.documents.rendering import TemplateError, load_templates
    from housing_tui.prevention.catalogue import CatalogueError, load_catalogue
    from housing_tui.reference.policy import PolicyError, load_policy
    from housing_tui.settings import LocalSettings, SettingsError
    from storage.database import DATABASE_FILE_NAME, Database
    from storage.errors import StorageError

    try:
        settings = LocalSettings.load(directory)
        policy = load_policy(directory)
        catalogue = load_catalogue(directory)
        # Letter templates are checked when a letter is made, so that one broken template
        # stops only that letter; here only a file that cannot be read at all is refused.
        templates = load_templates(directory)
        db = Database.open(directory / DATABASE_FILE_NAME, clock=clock)
    except (PolicyError, CatalogueError, TemplateError) as error:
        raise StartupError(
            f"housing-tui cannot start: {error}. Nothing was changed; ask IT to correct that "
            "file, or to remove it to go back to the shipped defaults."
        ) from error
    except (SettingsError, StorageError) as error:
        raise StartupError(f"housing-tui cannot start: {error}") from error
    return DataFolder(settings, policy, catalogue, templates, db)
