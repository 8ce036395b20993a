"""`housing-tui officers`: list the team's accounts, or (admins) add an officer, reset a
passphrase, set a role, deactivate. Each change travels with the next sync."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from housing_tui.startup import StartupError, signed_in_for_command


def run_officers_command(directory: Path, args: argparse.Namespace) -> int:
    from housing_tui.casework.roles import refusal
    from housing_tui.reference import fields
    from housing_tui.reference.policy import ReservedAction, Role
    from storage import accounts
    from storage.errors import StorageError

    folder = signed_in_for_command(directory, args)
    db, security = folder.db, folder.policy.security
    try:
        everyone = accounts.list_accounts(db)
        if args.officers_command == "list":
            for account in everyone:
                officer = account.officer
                state = (
                    "deactivated"
                    if not account.active
                    else "no passphrase yet"
                    if not account.has_passphrase
                    else "must change passphrase"
                    if account.must_change_passphrase
                    else "can sign in"
                )
                print(f"{officer.initials:6} {officer.name:30} {officer.role.label:18} {state}")
            return 0
        if refused := refusal(folder.officer.role, ReservedAction.MANAGE_OFFICERS, security):
            print(f"Not done: {refused}", file=sys.stderr)
            return 2
        if args.officers_command == "add":
            try:
                name = fields.parse_name(args.name, what="The name")
                initials = fields.parse_initials(args.initials)
            except fields.FieldError as error:
                print(f"Not added: {error}", file=sys.stderr)
                return 2
            officer, passphrase = accounts.add_officer(
                db,
                folder.unlocked,
                security.argon2,
                name=name,
                initials=initials,
                role=Role(args.role),
            )
            print(
                f"Added {officer.name} ({officer.initials}) as {officer.role.label}. Their "
                f"one-time passphrase: {passphrase}\nGive it to them in person; they choose "
                "their own at their first sign-in. Sync to let them sign in on other laptops."
            )
            return 0
        wanted = args.initials.strip().upper()
        found = next((a.officer for a in everyone if a.officer.initials == wanted), None)
        if found is None:
            print(f"No officer has the initials {wanted}.", file=sys.stderr)
            return 2
        if args.officers_command == "reset-passphrase":
            passphrase = accounts.reset_passphrase(db, folder.unlocked, security.argon2, found.id)
            print(
                f"{found.name}'s one-time passphrase: {passphrase}\nThey choose their own at "
                "their next sign-in."
            )
        elif args.officers_command == "set-role":
            accounts.set_role(db, folder.officer.id, found.id, Role(args.role))
            print(f"{found.name} is now {Role(args.role).label}.")
        else:
            accounts.deactivate(db, folder.officer.id, found.id)
            print(f"{found.name} can no longer sign in (on other laptops once they sync).")
        return 0
    except StorageError as error:
        raise StartupError(f"Not done: {error}") from error
    finally:
        db.close()
