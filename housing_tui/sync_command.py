"""`housing-tui sync`: sync, report status, compact, or move the team to another store."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from housing_tui.settings import LocalSettings

if TYPE_CHECKING:
    from storage.database import Database
    from storage.sync.engine import SyncSummary
    from storage.sync.sealing import TeamSeal
    from storage.sync.transport import Transport


def run_sync_command(directory: Path, args: argparse.Namespace) -> int:
    from housing_tui.reference.policy import Role
    from housing_tui.startup import signed_in_for_command

    folder = signed_in_for_command(directory, args)
    try:
        if args.reseal and folder.officer.role is not Role.ADMIN:
            print("Not done: only an admin may reseal the team store.", file=sys.stderr)
            return 2
        return _run(
            directory, folder.settings, folder.db, folder.officer.id, folder.unlocked.team_key, args
        )
    finally:
        folder.db.close()


def _run(
    directory: Path,
    settings: LocalSettings,
    db: Database,
    officer_id: str,
    team_key: bytes,
    args: argparse.Namespace,
) -> int:
    location = args.shared or settings.sync_location
    if args.status:
        return _status(db, location)
    if not location:
        print(
            "No team store is set. Give one with --shared (a folder on the network drive, or "
            "a postgresql+psycopg:// URL); add --remember to keep it.",
            file=sys.stderr,
        )
        return 2
    from storage.sync.location import (
        describe_location,
        location_problem,
        open_transport,
        tidy_location,
    )
    from storage.sync.transport import SyncError

    if args.shared and (problem := location_problem(args.shared)):
        print(f"Not synced: {problem}", file=sys.stderr)
        return 1
    from housing_tui.settings import keep_store_password_apart
    from storage.sync.store_password import keep_password_apart, with_password

    # The password of a PostgreSQL address goes into the encrypted database, not settings.json.
    keep_store_password_apart(db, officer_id, directory)
    if args.remember and args.shared:
        remembered = keep_password_apart(db, officer_id, tidy_location(args.shared))
        replace(settings, sync_location=remembered).save(directory)
    location = with_password(db, location)

    from storage.sync.devices import team_seal

    try:
        seal = team_seal(db, team_key)
    except SyncError as error:
        print(f"Not synced: {error}", file=sys.stderr)
        return 1
    transport = open_transport(location)
    try:
        if args.move_to:
            return _move(transport, seal, args.move_to, describe_location(args.move_to))
        from storage.sync.engine import sync

        summary = sync(
            db,
            transport,
            progress=_progress,
            compact=args.compact,
            officer_id=officer_id,
            seal=seal,
        )
        print(f"\n{summary.describe()}")
        if args.reseal:
            return _reseal(db, transport, seal, summary, officer_id)
    except SyncError as error:
        print(f"\nNot synced: {error}", file=sys.stderr)
        return 1
    finally:
        transport.close()
    if summary.compacted:
        print(f"Compacted: {summary.compacted:,} old batch file(s) of this laptop removed.")
    return 0 if not (summary.damaged or summary.waiting_for_upgrade) else 3


def _reseal(
    db: Database, transport: Transport, seal: TeamSeal, summary: SyncSummary, officer_id: str
) -> int:
    """Only on a laptop the sync left with nothing waiting or refused: its snapshot must hold
    everything the plain files held that the team believes."""
    if summary.refused or summary.waiting_for_others or summary.waiting_for_upgrade:
        print(
            "Not resealed: this laptop is not up to date (see above). Run housing-tui sync "
            "--reseal on a laptop that was up to date when it was upgraded.",
            file=sys.stderr,
        )
        return 3
    from storage.sync.compaction import reseal

    removed = reseal(db, transport, seal, officer_id)
    print(
        f"Resealed: a sealed snapshot published and {removed:,} plain file(s) from before "
        "sealing removed. Laptops that were refused plain batches can now be enrolled again "
        "(housing-tui devices enrol) and start from the snapshot."
    )
    return 0


def _status(db: Database, location: str | None) -> int:
    from storage.sync.engine import status
    from storage.sync.location import describe_location

    state = status(db)
    print(f"Team store: {describe_location(location) if location else 'not set'}")
    if state.device_id is None:
        print("This laptop has not synced yet and has no changes recorded.")
        return 0
    print(f"This laptop: {state.device_id}" + (f", team {state.team_id}" if state.team_id else ""))
    print(f"Waiting to be sent: {state.unsent:,} change(s)")
    if state.last_sync_at is None:
        print("Last sync: never")
    else:
        print(f"Last sync: {state.last_sync_at.astimezone():%a %d %b %Y %H:%M}")
        print(f"  {state.last_summary}")
    return 0


def _move(source, seal, target_url: str, shown: str) -> int:  # noqa: ANN001  (a Transport, a TeamSeal)
    from storage.sync.location import open_transport
    from storage.sync.move import copy_store

    target = open_transport(target_url)
    try:
        report = copy_store(source, target, seal, progress=_progress)
    finally:
        target.close()
    print(f"\n{report.describe()}")
    if not report.complete:
        print("Not every batch could be copied: keep syncing with the folder for now.")
        return 3
    print(
        f"Every laptop can now sync with {shown}: "
        f"housing-tui sync --shared '<the URL with its password>' --remember"
    )
    return 0


def _progress(what: str, done: int, total: int) -> None:
    line = f"{what}: {done:,} of {total:,}" if total else f"{what}: {done:,}"
    print(f"\r{line}".ljust(60), end="", file=sys.stderr, flush=True)
