"""Small helpers shared by the benchmark scripts (not part of the app)."""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storage.database import Database

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    # So that `python benchmarks/x.py` finds the app's packages even without an install.
    sys.path.insert(0, str(REPO))


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def machine() -> str:
    cpus = os.cpu_count() or "?"
    return (
        f"{datetime.now():%Y-%m-%d %H:%M}, {platform.system()} {platform.machine()}, "
        f"{cpus} CPUs, Python {platform.python_version()}"
    )


def table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], *, right: set[int] | None = None
) -> str:
    """A plain-text table; columns in `right` (by index) are right-aligned."""
    right = right if right is not None else set(range(1, len(headers)))
    cells = [[str(cell) for cell in row] for row in rows]
    widths = [
        max(len(str(headers[i])), *(len(row[i]) for row in cells)) for i in range(len(headers))
    ]

    def line(row: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line([str(h) for h in headers]), rule, *(line(row) for row in cells)])


def say(text: str) -> None:
    """Progress goes to stderr, so that stdout holds only the results."""
    print(text, file=sys.stderr, flush=True)


def arguments(
    description: str, *, clients: int, measured: str, json: bool = True
) -> argparse.ArgumentParser:
    """The options the benchmarks share: how many runs, how many demo clients, and (where the
    script can print it) JSON output."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=7, help=f"runs of each {measured} (default 7)")
    parser.add_argument(
        "--clients",
        type=int,
        default=clients,
        help=f"demo clients in the database (default {clients:,})",
    )
    if json:
        parser.add_argument("--json", action="store_true", help="print results as JSON on stdout")
    return parser


def demo_database(
    data_dir: Path, clients: int, *, progress: Any = None
) -> tuple[Database, str, Any]:
    """A new data folder with a bench officer and `clients` demo clients (seeded, so runs
    compare): the open database, the officer's id and the demo loader's summary."""
    import storage.sync.capture  # noqa: F401  (registers the sync outbox on the write path)
    from housing_tui.calendar.clock import Clock
    from housing_tui.reference.policy import load_policy
    from housing_tui.settings import LocalSettings
    from storage.database import DATABASE_FILE_NAME, Database
    from storage.demo import load_demo_data
    from storage.officers import create_officer

    db = Database.open(data_dir / DATABASE_FILE_NAME)
    officer = create_officer(db, "Bench Officer", "BO")
    LocalSettings(officer_id=officer.id).save(data_dir)
    summary = load_demo_data(
        db,
        clients=clients,
        officer_id=officer.id,
        today=Clock().today(),
        seed=2026,  # the same data every run, so runs compare
        policy=load_policy(data_dir).triage,
        progress=progress,
    )
    return db, officer.id, summary
