"""`housing-tui retention`, `subject-access` and `erase`: keeping records no longer than the
council's retention schedule says, and the rights of the people they are about.

Each signs in as the officer named by `--as` and is reserved by role (the policy file's
[security.roles]: purges and erasures for admins, subject access for principals and admins).
Purges and erasures are audited row by row and travel with the next sync
(storage/retention.py); a subject access export is audited before it is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from housing_tui.reference.policy import ReservedAction

if TYPE_CHECKING:
    from housing_tui.startup import DataFolder
    from storage.retention import DueForPurge

_FOR_ADMINS = "For admins (the policy file's [security.roles] says who)."


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> list[argparse.ArgumentParser]:
    """The three commands' parsers, added to the `housing-tui` command."""
    retention = commands.add_parser(
        "retention",
        help="list or purge cases past their retention date (admins)",
        description=(
            "A closed case is kept until the same day [retention] years_after_closure years "
            "later (policy.toml; 6 unless the council changes it), then purged with everything "
            "under it; a client goes once none of their cases is kept. The purge is audited "
            "and reaches the other laptops with the next sync. " + _FOR_ADMINS
        ),
    )
    what = retention.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--list", action="store_true", help="list the cases and clients due to be purged"
    )
    what.add_argument(
        "--purge", action="store_true", help="remove them for good (asks first unless --yes)"
    )
    retention.add_argument("--yes", action="store_true", help="purge without asking")

    access = commands.add_parser(
        "subject-access",
        help="export everything held about a client, for a subject access request "
        "(principals and admins)",
        description=(
            "Write everything held about the client into a new or empty folder: their details, "
            "every case and everything under it (notes, interview answers, household, plan, "
            "duties, letters with their text, DHP, deposits, repayments) and the audit trail "
            "about them, one CSV file per kind with a README.txt index. The files are readable "
            "by you only. The export is audited. For principals and admins (the policy file's "
            "[security.roles] says who)."
        ),
    )
    access.add_argument("client_id", metavar="CLIENT_ID", help="the client's ID")
    access.add_argument(
        "--out", required=True, type=Path, metavar="DIR", help="the folder to write into"
    )

    erase = commands.add_parser(
        "erase",
        help="erase a client and their cases, where the law allows (admins)",
        description=(
            "Erase the client and all their cases, for good, on this laptop and (with the next "
            "sync) on every laptop of the team. The right to erasure is not absolute: "
            "statutory records are kept for their retention period, so this is refused while "
            "a case is open or within its retention period, unless --override-retention gives "
            "the reason the law requires the erasure even so. " + _FOR_ADMINS
        ),
    )
    erase.add_argument("client_id", metavar="CLIENT_ID", help="the client's ID")
    erase.add_argument(
        "--reason", required=True, metavar="TEXT", help="why (kept in the audit trail)"
    )
    erase.add_argument(
        "--override-retention",
        metavar="REASON",
        help="erase even though a case is open or still kept, for this reason (audited)",
    )
    erase.add_argument("--yes", action="store_true", help="erase without asking")
    return [retention, access, erase]


_RESERVED = {
    "retention": ReservedAction.PURGE_RECORDS,
    "subject-access": ReservedAction.SUBJECT_ACCESS,
    "erase": ReservedAction.ERASE_CLIENT,
}


def run_rights_command(directory: Path, args: argparse.Namespace) -> int:
    from housing_tui.casework.roles import refusal
    from housing_tui.startup import signed_in_for_command
    from storage.errors import StorageError

    if args.command == "subject-access" and (problem := _unusable_folder(args.out)):
        print(problem, file=sys.stderr)
        return 2
    folder = signed_in_for_command(directory, args)
    officer_id = folder.officer.id
    try:
        if refused := refusal(folder.officer.role, _RESERVED[args.command], folder.policy.security):
            print(f"Not done: {refused}", file=sys.stderr)
            return 1
        if args.command == "retention":
            return _retention(folder, officer_id, args)
        if args.command == "subject-access":
            return _subject_access(folder, officer_id, args.client_id, args.out)
        return _erase(folder, officer_id, args)
    except (StorageError, OSError) as error:
        print(f"Nothing was done: {error}", file=sys.stderr)
        return 1
    finally:
        folder.db.close()


def _retention(folder: DataFolder, officer_id: str, args: argparse.Namespace) -> int:
    from storage.audit import VIEW, record_event
    from storage.retention import due_for_purge, purge, remove_case_documents

    db, policy = folder.db, folder.policy.retention
    today = db.clock.today()
    due = due_for_purge(db, today=today, policy=policy)
    print(_listing(due, policy.years_after_closure))
    if not args.purge:
        record_event(
            db,
            officer_id,
            VIEW,
            table_name="retention",
            details={"cases": len(due.cases), "clients": len(due.clients)},
        )
        return 0
    if not due:
        return 0
    question = (
        f"Purge these {len(due.cases):,} case(s) and {len(due.clients):,} client(s) for good, "
        "on every laptop of the team? Type yes to purge: "
    )
    if not args.yes and not _confirmed(question):
        print("Nothing was purged.")
        return 1
    removed = purge(db, officer_id, due, today=today, policy=policy)
    remove_case_documents(db, removed)
    print(f"Purged {removed.describe()}. The next sync sends the purge to the other laptops.")
    return 0


def _listing(due: DueForPurge, years: int) -> str:
    if not due:
        return f"Nothing is due to be purged (cases are kept {years} years after closure)."
    lines = [f"{len(due.cases):,} case(s) past their retention date ({years} years after closure):"]
    lines += [
        f"  {case.ref}  closed {case.closed_on:%d %b %Y}, kept until {case.kept_until:%d %b %Y}"
        f"  client {case.client_id}"
        for case in due.cases
    ]
    lines.append(f"{len(due.clients):,} client(s) with no case left to keep:")
    lines += [f"  {client}" for client in due.clients]
    return "\n".join(lines)


def _confirmed(question: str) -> bool:
    try:
        return input(question).strip().lower() == "yes"
    except EOFError:  # no one to answer (a script without --yes)
        print(file=sys.stderr)
        return False


def _unusable_folder(out: Path) -> str | None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        return f"{out} is not an empty folder: give a new or empty folder with --out."
    if not out.parent.is_dir():
        return f"The folder {out.parent} does not exist."
    return None


def _subject_access(folder: DataFolder, officer_id: str, client_id: str, out: Path) -> int:
    from storage.audit import EXPORT, record_event
    from storage.export import private_file, write_csv
    from storage.subject_access import subject_access

    db = folder.db
    sheets = subject_access(db, client_id)
    if sheets is None:
        print(f"There is no client {client_id} on this laptop.", file=sys.stderr)
        return 1
    # Recorded first, so that no export happens unrecorded.
    record_event(
        db,
        officer_id,
        EXPORT,
        table_name="client",
        record_id=client_id,
        details={"subject_access": str(out), "files": len(sheets)},
    )
    out.mkdir(mode=0o700, exist_ok=True)
    index = [
        f"Everything held about client {client_id}, exported on {db.clock.today():%d %B %Y}.",
        "One file per kind of record; each row is one record, each column one field as stored.",
        "",
    ]
    for sheet in sheets:
        write_csv(out / f"{sheet.name}.csv", sheet.headings, sheet.rows, len(sheet.rows))
        index.append(f"{sheet.name}.csv: {sheet.title} ({len(sheet.rows):,} rows)")
    with private_file(out / "README.txt") as readme:
        readme.write("\n".join(index) + "\n")
    print(f"Wrote {len(sheets)} file(s) and README.txt to {out}")
    return 0


def _erase(folder: DataFolder, officer_id: str, args: argparse.Namespace) -> int:
    from storage.retention import ErasureRefused, erase_client, remove_case_documents

    db = folder.db
    question = (
        f"Erase client {args.client_id} and all their cases for good, on every laptop of the "
        "team? Type yes to erase: "
    )
    if not args.yes and not _confirmed(question):
        print("Nothing was erased.")
        return 1
    try:
        removed = erase_client(
            db,
            officer_id,
            args.client_id,
            reason=args.reason,
            override_retention=args.override_retention,
            today=db.clock.today(),
            policy=folder.policy.retention,
        )
    except ErasureRefused as refusal:
        print(refusal, file=sys.stderr)
        return 1
    remove_case_documents(db, removed)
    print(f"Erased {removed.describe()}. The next sync sends the erasure to the other laptops.")
    return 0
