"""Opening the data folder, the same way for the app and every command: this laptop's
settings, the council's files and the case database, all checked before any work starts.
When one cannot be used, StartupError is the one line the officer reads: which file, what is
wrong with it, and what to do."""

from __future__ import annotations

import argparse
import sys
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
    from storage.keys import KeyRing, Unlocked
    from storage.rows import OfficerRow


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
    unlocked: Unlocked
    """The signed-in officer's keys (storage.keys): the team store will need the team key."""
    officer: OfficerRow
    """Who is signed in, with their role as the officer table has it."""


def read_policy(directory: Path) -> Policy:
    """The policy alone (sign-in needs its [security] before anything else is opened)."""
    from housing_tui.reference.policy import PolicyError, load_policy

    try:
        return load_policy(directory)
    except PolicyError as error:
        raise StartupError(_file_refused(error)) from error


def open_data_folder(
    directory: Path,
    unlocked: Unlocked,
    *,
    clock: Clock | None = None,
    plain: bool = False,
) -> DataFolder:
    """Read and check everything in `directory`, opening the case database last with the
    signed-in officer's keys; StartupError if anything cannot be used. A plain database is
    encrypted first, unless `plain` (`--plain`) keeps it so. Nothing is changed in a folder
    that is refused. The database stamps changes with `clock` (the real clock if none)."""
    import storage.sync.capture  # noqa: F401  (registers the sync outbox on the write path)
    from housing_tui.documents.rendering import TemplateError, load_templates
    from housing_tui.prevention.catalogue import CatalogueError, load_catalogue
    from housing_tui.reference.policy import PolicyError, load_policy
    from housing_tui.settings import LocalSettings, SettingsError
    from storage.database import DATABASE_FILE_NAME, Database
    from storage.encryption import encrypt_if_plain
    from storage.errors import StorageError
    from storage.keys import KeysFileError
    from storage.officers import get_officer

    try:
        settings = LocalSettings.load(directory)
        policy = load_policy(directory)
        catalogue = load_catalogue(directory, policy=policy)
        # Letter templates are checked when a letter is made, so that one broken template
        # stops only that letter; here only a file that cannot be read at all is refused.
        templates = load_templates(directory)
        if not plain:
            unlocked = encrypt_if_plain(directory, unlocked)
        db = Database.open(directory / DATABASE_FILE_NAME, key=unlocked.database_key, clock=clock)
    except (PolicyError, CatalogueError, TemplateError) as error:
        raise StartupError(_file_refused(error)) from error
    except (SettingsError, StorageError, KeysFileError) as error:
        raise StartupError(f"housing-tui cannot start: {error}") from error
    officer = get_officer(db, unlocked.officer_id) or _joined(directory, unlocked)
    if officer is None or not officer.active:
        db.close()
        raise StartupError(
            "housing-tui cannot start: your account is not active on this laptop's database. "
            "Ask an admin."
        )
    return DataFolder(settings, policy, catalogue, templates, db, unlocked, officer)


def _joined(directory: Path, unlocked: Unlocked) -> OfficerRow | None:
    """The officer as keys.json has them, on a laptop that joined the team and has not synced
    yet (its officer table does not have them until the first sync)."""
    from storage.keys import KEYS_FILE_NAME, KeyRing
    from storage.rows import OfficerRow

    account = KeyRing.load(directory / KEYS_FILE_NAME).account(unlocked.officer_id)
    if account is None:
        return None
    return OfficerRow(
        account.officer_id, account.name, account.initials, account.role, account.active
    )


def _file_refused(error: Exception) -> str:
    return (
        f"housing-tui cannot start: {error}. Nothing was changed; ask IT to correct that "
        "file, or to remove it to go back to the shipped defaults."
    )


@dataclass(frozen=True)
class Door:
    """What the app shows before anything else: the sign-in (`keys` read from keys.json),
    or the making of the team's first admin (no keys.json yet): on an empty folder, or for
    a plain database from before accounts, whose officer (`known`, from settings.json) becomes
    the admin."""

    policy: Policy
    keys: KeyRing | None
    known: OfficerRow | None
    plain_database: bool


def find_door(directory: Path) -> Door:
    """Read keys.json (or find there is none); StartupError if it cannot be used. Opens a
    plain database from before accounts (bringing its schema up to date) to find its officer."""
    # Only what keys.json needs: the sign-in screen shows before SQLAlchemy is imported.
    from housing_tui.settings import LocalSettings, SettingsError
    from storage.database_file import (
        DATABASE_FILE_NAME,
        check_data_folder,
        check_database_file,
        is_plain_sqlite,
    )
    from storage.errors import StorageError
    from storage.keys import KEYS_FILE_NAME, KeyRing, KeysFileError

    keys_file = directory / KEYS_FILE_NAME
    database = directory / DATABASE_FILE_NAME
    try:
        check_data_folder(directory)
        policy = read_policy(directory)
        if keys_file.exists():
            return Door(policy, KeyRing.load(keys_file), None, False)
        if not database.exists():
            return Door(policy, None, None, False)
        if database.stat().st_size == 0:
            check_database_file(database)  # says it is empty, and what to do
        if not is_plain_sqlite(database):
            raise StartupError(
                f"housing-tui cannot start: {database} is not a case database this laptop "
                f"can open: it is damaged, or it is encrypted and {keys_file} is missing. "
                "Nothing was changed; ask IT to restore them from the laptop's backup."
            )
        from storage.database import Database
        from storage.officers import get_officer

        officer_id = LocalSettings.load(directory).officer_id
        db = Database.open(database)
        try:
            known = get_officer(db, officer_id) if officer_id else None
        finally:
            db.close()
    except (KeysFileError, StorageError, SettingsError) as error:
        raise StartupError(f"housing-tui cannot start: {error}") from error
    return Door(policy, None, known, True)


def signed_in_for_command(directory: Path, args: argparse.Namespace) -> DataFolder:
    """For a command: sign in as `--as` (or the only officer who can), asking the passphrase,
    and open the data folder with their keys; StartupError (one line for the officer) if not."""
    from housing_tui.calendar.clock import Clock
    from storage.accounts import record_sign_in
    from storage.keys import KeysFileError, SignInRefused, sign_in

    door = find_door(directory)
    if door.keys is None:
        raise StartupError(
            f"Nobody can sign in on {directory} yet: start the app (housing-tui) to make the "
            "team's first admin."
        )
    able = [a for a in door.keys.accounts if a.can_sign_in]
    as_initials = getattr(args, "as_initials", None)
    if as_initials:
        account = door.keys.find(as_initials)
        if account is None:
            raise StartupError(
                f"No officer on this laptop has the initials {as_initials.upper()}: "
                f"they are {', '.join(a.initials for a in able)}."
            )
    elif len(able) == 1:
        account = able[0]
    else:
        raise StartupError("Say who you are: --as YOUR-INITIALS.")
    passphrase = _ask_passphrase(f"Passphrase for {account.label}: ")
    security = door.policy.security
    try:
        signed = sign_in(directory, account.officer_id, passphrase, security, Clock().now())
    except (SignInRefused, KeysFileError) as error:
        raise StartupError(f"Not signed in: {error}") from error
    folder = open_data_folder(directory, signed.unlocked, plain=getattr(args, "plain", False))
    record_sign_in(folder.db, signed, passphrase, security)
    return folder


def _ask_passphrase(prompt: str) -> str:
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    # A script (or a test) gives it on standard input: one line, never an argument, which
    # other users could read in the process list.
    return sys.stdin.readline().rstrip("\n")
