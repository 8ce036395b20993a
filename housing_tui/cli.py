"""The `housing-tui` command: start the app, or run one job (demo data, export, sync, audit,
officers, devices) and exit. A job signs in first: `--as INITIALS`, and the passphrase asked without
echo (read as one line from standard input when that is not a terminal)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from housing_tui import __version__
from housing_tui.settings import DEMO_CLIENTS_ON_START

if TYPE_CHECKING:
    from housing_tui.startup import DataFolder


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="housing-tui",
        description=(
            "Casework for Housing Options officers: caseload, client search and triage of new "
            "approaches, kept in a local database on this computer. "
            "With no command, starts the app."
        ),
        epilog=(
            "Data lives in --data-dir, else $HOUSING_TUI_DATA_DIR, else your user data folder. "
            "A council's policy.toml placed there overrides the shipped policy defaults."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help="folder for the database, settings and policy.toml"
    )
    _add_plain(parser)
    parser.add_argument(
        "--demo",
        action="store_true",
        help=f"if the database has no clients yet, fill it with {DEMO_CLIENTS_ON_START} "
        "synthetic demo clients and their cases",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    from housing_tui.rights_commands import add_commands

    added = [
        add(commands)
        for add in (_add_demo_data, _add_export, _add_sync, _add_audit, _add_officers, _add_devices)
    ]
    for command in [*added, *add_commands(commands)]:
        _add_common(command)
    return parser


def _add_common(command: argparse.ArgumentParser) -> None:
    """What every command takes: the data folder, who signs in, --plain."""
    command.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="as for the app"
    )
    command.add_argument(
        "--as",
        dest="as_initials",
        metavar="INITIALS",
        default=argparse.SUPPRESS,
        help="who you are (your initials); asked for your passphrase",
    )
    _add_plain(command)


def _add_plain(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--plain",
        action="store_true",
        default=argparse.SUPPRESS,
        help="keep a plain (unencrypted) case database plain; warns at every start. Only for "
        "IT, on a laptop whose disk is encrypted otherwise",
    )


_Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
"""What `add_subparsers` returns (argparse names the class privately)."""


def _add_demo_data(commands: _Commands) -> argparse.ArgumentParser:
    demo = commands.add_parser("demo-data", help="add synthetic demo clients and cases, then exit")
    demo.add_argument(
        "--clients",
        type=int,
        default=1000,
        metavar="N",
        help="how many clients (1 to 100,000; default 1,000)",
    )
    demo.add_argument(
        "--seed",
        type=int,
        help="make reproducible data: the same seed gives the same people, ids and all "
        "(without it, new people each time)",
    )
    return demo


def _add_export(commands: _Commands) -> argparse.ArgumentParser:
    export = commands.add_parser("export", help="write clients or cases to a CSV file, then exit")
    export.add_argument("kind", choices=("clients", "cases"), help="what to export")
    export.add_argument(
        "--csv",
        required=True,
        metavar="FILE",
        type=Path,
        help="the CSV file to write (UTF-8, opens in Excel)",
    )
    return export


def _add_sync(commands: _Commands) -> argparse.ArgumentParser:
    sync = commands.add_parser(
        "sync",
        help="exchange changes with the team store (a shared folder or PostgreSQL), then exit",
        description=(
            "Send this laptop's changes to the team store and bring in everyone else's. The "
            "store is the location saved in the settings, unless --shared gives another."
        ),
    )
    sync.add_argument(
        "--shared",
        metavar="LOCATION",
        help="the team store: a folder on the network drive, or a postgresql+psycopg:// URL",
    )
    sync.add_argument(
        "--remember",
        action="store_true",
        help="save --shared as this laptop's team store for later syncs and the app",
    )
    what = sync.add_mutually_exclusive_group()
    what.add_argument(
        "--status",
        action="store_true",
        help="say what is waiting to be sent and when the last sync was (needs no network)",
    )
    what.add_argument(
        "--compact",
        action="store_true",
        help="after syncing, write a snapshot and remove this laptop's batches every "
        "device has already applied",
    )
    what.add_argument(
        "--reseal",
        action="store_true",
        help="(admins, on a laptop that was up to date when it was upgraded) after syncing, "
        "publish a sealed snapshot and remove the plain files from before the store was "
        "sealed, so that laptops enrolled again start from it",
    )
    what.add_argument(
        "--move-to",
        metavar="URL",
        help="copy every operation of the team store into another store (e.g. PostgreSQL); "
        "safe to repeat",
    )
    return sync


def _add_audit(commands: _Commands) -> argparse.ArgumentParser:
    audit = commands.add_parser(
        "audit",
        help="check the audit trail, or export what it holds about a client or an officer",
        description=(
            "The audit trail records every change, view, export and sync, each row chained to "
            "the one before by its hash, so that a row changed, removed or added outside the "
            "app is found."
        ),
    )
    what = audit.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--verify",
        action="store_true",
        help="check every chain; exit 1 naming the first broken row of each broken chain",
    )
    what.add_argument(
        "--client",
        metavar="ID",
        help="every row about this client, their cases and all under them (a subject "
        "access request); needs --csv",
    )
    what.add_argument("--officer", metavar="ID", help="every row of this officer; needs --csv")
    audit.add_argument(
        "--csv", metavar="FILE", type=Path, help="the CSV file to write (UTF-8, opens in Excel)"
    )
    return audit


def _add_officers(commands: _Commands) -> argparse.ArgumentParser:
    officers = commands.add_parser(
        "officers",
        help="list the team's officers, add one, reset a passphrase, set a role, deactivate "
        "(admins)",
        description="Managing the team's accounts; every change travels with the next sync.",
    )
    what = officers.add_subparsers(dest="officers_command", metavar="ACTION", required=True)
    _add_common(
        what.add_parser("list", help="every officer, their role and whether they can sign in")
    )
    add = what.add_parser(
        "add", help="add an officer with a one-time passphrase they change at first sign-in"
    )
    add.add_argument("name", help="the officer's full name, in quotes")
    add.add_argument("initials", help="the initials they sign in with")
    add.add_argument("--role", choices=_ROLES, default="officer")
    reset = what.add_parser(
        "reset-passphrase", help="set a one-time passphrase the officer changes at sign-in"
    )
    reset.add_argument("initials")
    role = what.add_parser("set-role", help="make an officer an officer, principal or admin")
    role.add_argument("initials")
    role.add_argument("role", choices=_ROLES)
    gone = what.add_parser("deactivate", help="the officer can no longer sign in anywhere")
    gone.add_argument("initials")
    for action in (add, reset, role, gone):
        _add_common(action)
    return officers


_ROLES = ("officer", "principal", "admin")


def _add_devices(commands: _Commands) -> argparse.ArgumentParser:
    devices = commands.add_parser(
        "devices",
        help="the team's laptops: list them, enrol a new one, revoke a lost one (admins)",
        description=(
            "Only enrolled laptops' batches are believed by the team; a revoked laptop's are "
            "not, from the moment each laptop syncs the revocation."
        ),
    )
    what = devices.add_subparsers(dest="devices_command", metavar="ACTION", required=True)
    _add_common(
        what.add_parser(
            "list", help="each laptop, who enrolled it and when, its officers, revoked or not"
        )
    )
    enrol = what.add_parser("enrol", help="make a new laptop's data folder one of the team's")
    enrol.add_argument("folder", metavar="DIR", help="the new laptop's data folder")
    revoke = what.add_parser("revoke", help="stop believing what a lost or retired laptop writes")
    revoke.add_argument("laptop", metavar="LAPTOP", help="its id, or its start as listed")
    for action in (enrol, revoke):
        _add_common(action)
    return devices


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from housing_tui.error_log import keep_error_log_in, record_unexpected
    from housing_tui.settings import data_dir
    from housing_tui.startup import StartupError

    directory = data_dir(args.data_dir)
    if os.name == "posix":
        # Everything this process writes (the database, letters, exports, logs) is the
        # officer's alone, wherever it goes: files 0600, folders 0700.
        os.umask(0o077)
    keep_error_log_in(directory)
    try:
        return _run(args, directory)
    except StartupError as error:
        print(error, file=sys.stderr)
    except Exception as error:  # the details go to the error log, not over the officer's screen
        print(f"\n{record_unexpected(error)}", file=sys.stderr)
    return 1


def _run(args: argparse.Namespace, directory: Path) -> int:
    plain = getattr(args, "plain", False)
    if plain:
        print(
            "Warning: --plain: the case database is not encrypted. Anyone who gets this "
            "laptop's disk can read every client's data.",
            file=sys.stderr,
        )
    if args.command is None:
        from housing_tui.app import HousingApp

        app = HousingApp(directory, demo=args.demo, plain=plain)
        app.run()
        if app.start_failure:
            # Printed here, after the screen is given back, so that it stays to be read.
            print(app.start_failure, file=sys.stderr)
        return app.return_code or 0
    if args.command == "demo-data":
        return _demo_data(directory, args)
    if args.command == "sync":
        from housing_tui.sync_command import run_sync_command

        return run_sync_command(directory, args)
    if args.command == "audit":
        return _audit(directory, args)
    if args.command == "officers":
        from housing_tui.officers_command import run_officers_command

        return run_officers_command(directory, args)
    if args.command == "devices":
        from housing_tui.devices_command import run_devices_command

        return run_devices_command(directory, args)
    if args.command in ("retention", "subject-access", "erase"):
        from housing_tui.rights_commands import run_rights_command

        return run_rights_command(directory, args)
    return _export(directory, args)


def _demo_data(directory: Path, args: argparse.Namespace) -> int:
    from housing_tui.startup import signed_in_for_command
    from storage.demo import MAX_DEMO_CLIENTS, load_demo_data

    clients, seed = args.clients, args.seed
    if not 1 <= clients <= MAX_DEMO_CLIENTS:
        print(f"--clients must be between 1 and {MAX_DEMO_CLIENTS:,}", file=sys.stderr)
        return 2
    folder = signed_in_for_command(directory, args)
    try:
        summary = load_demo_data(
            folder.db,
            clients=clients,
            officer_id=folder.officer.id,
            today=folder.db.clock.today(),  # the clock the rows are stamped with
            policy=folder.policy.triage,
            seed=seed,
            progress=_progress("clients"),
        )
    except ValueError as error:  # the same seed's data is already there
        print(f"\nNo demo data added: {error}.", file=sys.stderr)
        return 2
    finally:
        folder.db.close()
    print(f"\nAdded {summary.clients:,} demo clients and {summary.cases:,} cases to {directory}")
    return 0


def _export(directory: Path, args: argparse.Namespace) -> int:
    from housing_tui.startup import signed_in_for_command
    from storage.errors import StorageError
    from storage.export import export_csv

    kind, target = args.kind, args.csv
    if problem := _no_database(directory, "nothing to export") or _no_folder_for(target):
        print(problem, file=sys.stderr)
        return 2
    folder = signed_in_for_command(directory, args)
    if refused := _refused(folder, "export"):
        print(refused, file=sys.stderr)
        return 2
    try:
        written = export_csv(
            folder.db,
            kind,
            target,
            progress=_progress(kind),
            officer_id=folder.officer.id,
        )
    except (StorageError, OSError) as error:
        print(f"\nNot exported: {error}", file=sys.stderr)
        return 1
    finally:
        folder.db.close()
    print(f"\nWrote {written:,} {kind} to {target}")
    return 0


def _no_database(directory: Path, consequence: str) -> str | None:
    """Why there is nothing to work on in `directory`, if there is not."""
    from storage.database import DATABASE_FILE_NAME

    # A data folder that is a file is left to open_data_folder to explain.
    if not directory.is_file() and not (directory / DATABASE_FILE_NAME).exists():
        return f"There is no case database in {directory}: {consequence}."
    return None


def _no_folder_for(target: Path) -> str | None:
    if not target.parent.is_dir():
        return f"The folder {target.parent} does not exist."
    return None


def _refused(folder: DataFolder, action: str) -> str | None:
    """Why the signed-in officer may not do `action` (who can), closing the database; or None."""
    from housing_tui.casework.roles import refusal
    from housing_tui.reference.policy import ReservedAction

    refused = refusal(folder.officer.role, ReservedAction(action), folder.policy.security)
    if refused:
        folder.db.close()
    return f"Not done: {refused}" if refused else None


def _audit(directory: Path, args: argparse.Namespace) -> int:
    from housing_tui.startup import signed_in_for_command
    from storage.audit import (
        EXPORT,
        audit_for_client,
        audit_for_officer,
        record_event,
        verify_audit_trail,
    )
    from storage.errors import StorageError
    from storage.export import AUDIT_HEADINGS, audit_csv_rows, write_csv

    if problem := _no_database(directory, "there is no audit trail to read"):
        print(problem, file=sys.stderr)
        return 2
    if not args.verify:
        if args.csv is None:
            print("Give the file to write with --csv FILE.", file=sys.stderr)
            return 2
        if problem := _no_folder_for(args.csv):
            print(problem, file=sys.stderr)
            return 2
    folder = signed_in_for_command(directory, args)
    if not args.verify and (refused := _refused(folder, "export")):
        print(refused, file=sys.stderr)
        return 2
    db = folder.db
    try:
        if args.verify:
            verification = verify_audit_trail(db)
            print(verification.describe())
            return 0 if verification.intact else 1
        about = {"client": args.client} if args.client else {"officer": args.officer}
        entries = (
            audit_for_client(db, args.client)
            if args.client
            else audit_for_officer(db, args.officer)
        )
        # Reading the trail about someone is itself an export of their data: recorded first,
        # so that no export happens unrecorded.
        record_event(
            db,
            folder.officer.id,
            EXPORT,
            table_name="audit_event",
            details={**about, "rows": len(entries), "file": str(args.csv)},
        )
        written = write_csv(args.csv, AUDIT_HEADINGS, audit_csv_rows(entries), len(entries))
    except (StorageError, OSError) as error:
        print(f"Not exported: {error}", file=sys.stderr)
        return 1
    finally:
        db.close()
    print(f"Wrote {written:,} audit rows to {args.csv}")
    return 0


def _progress(what: str):  # noqa: ANN202
    def report(done: int, total: int) -> None:
        print(f"\r{done:,} of {total:,} {what}", end="", file=sys.stderr, flush=True)

    return report
