"""Sync benchmark: does the cost grow with the changes, not with the history?

    python benchmarks/sync.py                # 100,000 demo clients (~140,000 cases), 7 runs
    python benchmarks/sync.py --clients 20000 --runs 5

Two laptops share a team folder. Laptop A is filled with demo clients and cases and syncs them
all into the folder; laptop B syncs them all out (both timed once: the first sync of a team).
Then, each the median of `--runs` runs, taken round-robin so that noise hits all alike:

* no-op sync: laptop B syncs with nothing to send or receive, the folder holding every case;
  its baseline is the same no-op sync against a team folder with one client in it, so the
  ratio says how much the history costs (1.0x: nothing).
* 10,000 changed records: laptop A changes 10,000 cases (through the app's write path, not
  timed), then A's sync (send) and B's sync (receive and merge) are timed; the baseline is
  SQLite applying the same 10,000 one-field updates with plain `executemany`, the floor for
  writing them at all.

The machine is noisy: read the ratios and medians, not single figures.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from datetime import date
from pathlib import Path

from _common import arguments, machine, median, say, table
from sqlmodel import func, select

from housing_tui.reference.policy import load_policy
from storage.database import DATABASE_FILE_NAME, Database
from storage.demo import load_demo_data
from storage.officers import create_officer
from storage.sync.folder import FolderTransport
from storage.tables import Case, Client
from tests.unit.sync.helpers import sync

CHANGED = 10_000


def _laptop(root: Path, name: str) -> tuple[Database, str]:
    db = Database.open(root / name / DATABASE_FILE_NAME)
    return db, create_officer(db, f"Bench Officer {name.upper()}", name.upper()[:2]).id


def _timed(action) -> float:  # noqa: ANN001
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _change_cases(db: Database, officer: str, round_number: int) -> list[str]:
    with db.writing(officer) as session:
        cases = session.exec(select(Case).order_by(Case.id).limit(CHANGED)).all()
        for case in cases:
            case.detail = f"bench round {round_number}"
    return [case.id for case in cases]


def _plain_sql_updates(path: Path, ids: list[str], round_number: int) -> float:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA synchronous=FULL")
    start = time.perf_counter()
    with connection:
        connection.executemany(
            'UPDATE "case" SET detail = ? WHERE id = ?',
            [(f"plain round {round_number}", case_id) for case_id in ids],
        )
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def main() -> None:
    parser = arguments(__doc__.splitlines()[0], clients=100_000, measured="measurement", json=False)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="housing-tui-bench-sync-"))
    try:
        run(root, args.clients, args.runs)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run(root: Path, clients: int, runs: int) -> None:
    big, small = root / "team-store", root / "small-store"
    big.mkdir()
    small.mkdir()
    a, officer_a = _laptop(root, "a")
    b, _ = _laptop(root, "b")
    say(f"Filling laptop A with {clients:,} demo clients ...")
    load_demo_data(
        a,
        clients=clients,
        officer_id=officer_a,
        today=date(2026, 11, 23),
        seed=2026,  # the same data every run, so runs compare
        policy=load_policy(root).triage,
    )
    with a.reading() as session:
        cases = session.exec(select(func.count()).select_from(Case)).one()
    first_send = _timed(lambda: sync(a, FolderTransport(big)))
    first_receive = _timed(lambda: sync(b, FolderTransport(big)))
    say(f"First sync: A sent in {first_send:.1f} s, B received in {first_receive:.1f} s")

    # The baseline team: one client, on two other laptops.
    c, officer_c = _laptop(root, "c")
    d, _ = _laptop(root, "d")
    with c.writing(officer_c) as session:
        session.add(Client(forenames="Bench", surname="Baseline"))
    for laptop in (c, d, c, d):
        sync(laptop, FolderTransport(small))

    noop, noop_base, send, receive, plain = [], [], [], [], []
    for round_number in range(runs):
        say(f"Round {round_number + 1} of {runs}")
        noop.append(_timed(lambda: sync(b, FolderTransport(big))))
        noop_base.append(_timed(lambda: sync(d, FolderTransport(small))))
        ids = _change_cases(a, officer_a, round_number)
        send.append(_timed(lambda: sync(a, FolderTransport(big))))
        receive.append(_timed(lambda: sync(b, FolderTransport(big))))
        plain.append(_plain_sql_updates(root / "c" / DATABASE_FILE_NAME, ids, round_number))
    print(f"Sync benchmark, {machine()}")
    print(f"Team folder: {clients:,} clients and {cases:,} cases; medians of {runs} runs.")
    print(f"First sync of the team: A sent everything in {first_send:.1f} s; ", end="")
    print(f"B received and merged it in {first_receive:.1f} s.\n")
    rows = [
        (
            "no-op sync, full team folder",
            f"{median(noop) * 1000:.0f} ms",
            f"{median(noop_base) * 1000:.0f} ms (one-client folder)",
            f"{median(noop) / median(noop_base):.2f}x",
        ),
        (
            f"send {CHANGED:,} changed cases",
            f"{median(send) * 1000:.0f} ms",
            f"{median(plain) * 1000:.0f} ms (plain SQL updates)",
            f"{median(send) / median(plain):.1f}x",
        ),
        (
            f"receive and merge {CHANGED:,}",
            f"{median(receive) * 1000:.0f} ms",
            f"{median(plain) * 1000:.0f} ms (plain SQL updates)",
            f"{median(receive) / median(plain):.1f}x",
        ),
    ]
    print(table(["what", "median", "baseline", "ratio"], rows))
    for db in (a, b, c, d):
        db.close()


if __name__ == "__main__":
    main()
