"""`housing-tui devices`: the team's laptops (admins). `list` shows each laptop, who enrolled
it and when, the officers who have signed in on it, and whether it is revoked; `enrol DIR`
makes the laptop whose data folder is DIR one of the team's; `revoke LAPTOP` stops believing
what a lost or retired laptop writes. Each change is audited and travels with the next sync
(docs/security.md, "The team store")."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from housing_tui.startup import StartupError, signed_in_for_command

if TYPE_CHECKING:
    from housing_tui.startup import DataFolder


def run_devices_command(directory: Path, args: argparse.Namespace) -> int:
    from housing_tui.reference.policy import Role
    from storage.errors import StorageError
    from storage.sync import devices
    from storage.sync.officer_laptops import laptops

    folder = signed_in_for_command(directory, args)
    db = folder.db
    try:
        if folder.officer.role is not Role.ADMIN:
            print(
                "Not done: only an admin may list, enrol or revoke the team's laptops.",
                file=sys.stderr,
            )
            return 2
        if args.devices_command == "list":
            for laptop in laptops(db):
                state = (
                    f"REVOKED {laptop.revoked_at:%d %b %Y %H:%M} by {laptop.revoked_by}"
                    if laptop.revoked_at
                    else "enrolled"
                )
                here = " (this laptop)" if laptop.this_laptop else ""
                print(
                    f"{laptop.laptop_id[:8]}{here}: {state}; enrolled by {laptop.enrolled_by} "
                    f"on {laptop.enrolled_at:%d %b %Y %H:%M}; officers seen on it: "
                    f"{', '.join(laptop.officers) or 'none yet'}"
                )
            return 0
        if args.devices_command == "enrol":
            return _enrol(folder, Path(args.folder).expanduser())
        laptop_id = devices.find_laptop(db, args.laptop)
        devices.revoke(db, folder.unlocked, laptop_id)
        print(
            f"Laptop {laptop_id[:8]} is revoked: once they sync, no laptop of the team "
            "believes what it writes from now on. Sync to tell them."
        )
        return 0
    except StorageError as error:
        raise StartupError(f"Not done: {error}") from error
    finally:
        db.close()


def _enrol(folder: DataFolder, new_laptop: Path) -> int:
    from storage.accounts import join_team
    from storage.keys import KEYS_FILE_NAME, KeyRing

    if (new_laptop / KEYS_FILE_NAME).exists():
        print(
            f"Not done: {new_laptop} already has a keys.json (it is a laptop of a team). To "
            "enrol it again, move its data folder aside first.",
            file=sys.stderr,
        )
        return 2
    new_laptop.mkdir(parents=True, exist_ok=True)
    accounts = KeyRing.load(folder.db.path.parent / KEYS_FILE_NAME).accounts
    join_team(new_laptop, folder.unlocked, folder.db, accounts)
    print(
        f"{new_laptop} is enrolled in the team: the team's officers can sign in there, then "
        "sync to bring the team's data. Sync here too, so that the other laptops believe it."
    )
    return 0
