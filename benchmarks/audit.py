"""The audit trail's cost: a write (a case note, audited) with the hash chain against the same
write with its audit row inserted plainly, as before the chain (same run, same database,
alternated, medians); and `verify_audit_trail` over 100,000 audit rows.

    python benchmarks/audit.py [--rows 100000] [--writes 300]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from _common import REPO, machine, median  # noqa: F401  (REPO puts the app on sys.path)

import storage.database
import storage.sync.capture  # noqa: F401  (registers the sync outbox on the write path)
from housing_tui.calendar.clock import FixedClock
from storage.audit import AuditNote, append_events, verify_audit_trail
from storage.cases import add_note
from storage.database import Database
from storage.officers import create_officer
from storage.tables import Case, Client

NOW = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)


def unchained(connection, notes, now) -> None:  # noqa: ANN001
    """The audit rows as written before the chain: a plain insert, no head, no hash."""
    import uuid

    from storage.audit import stored_time

    stamp = stored_time(now)
    connection.exec_driver_sql(
        "INSERT INTO audit_event (id, created_at, updated_at, created_by, updated_by, version, "
        "officer_id, table_name, record_id, action, changes) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, "
        "?, ?)",
        [
            (str(uuid.uuid4()), stamp, stamp, n.officer_id, n.officer_id, n.officer_id)
            + (n.table_name, n.record_id, n.action, n.changes)
            for n in notes
        ],
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--writes", type=int, default=300)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="audit-bench-"))
    db = Database.open(folder / "housing.sqlite3", clock=FixedClock(NOW))
    officer = create_officer(db, "Bench Officer", "BO").id
    with db.writing(officer) as session:
        client = Client(forenames="Sam", surname="Carter")
        session.add(client)
        session.flush()
        case = Case(
            client_id=client.id,
            officer_id=officer,
            approached_at=NOW,
            channel="drop_in",
            urgency="threatened",
            presenting_problem="family_friends",
        )
        session.add(case)
    with db.engine.begin() as connection:  # the trail of a busy laptop
        note = AuditNote(officer, "case", case.id, "view")
        for _ in range(0, args.rows, 10_000):
            append_events(connection, [note] * 10_000, NOW)

    chained_times, plain_times = [], []
    for _ in range(args.writes):
        for times, writer in ((chained_times, append_events), (plain_times, unchained)):
            storage.database.append_events = writer
            started = time.perf_counter()
            add_note(db, officer_id=officer, case_id=case.id, body="Rang the landlord")
            times.append(time.perf_counter() - started)
    storage.database.append_events = append_events

    verify_times = []
    for _ in range(3):
        started = time.perf_counter()
        found = verify_audit_trail(db)
        verify_times.append(time.perf_counter() - started)
    # The unchained rows written for the comparison are reported as breaks; the chain's rows
    # are all checked all the same.
    db.close()
    chained, plain = median(chained_times), median(plain_times)
    print(machine())
    print(
        f"A case note written, audited: {chained * 1000:.2f} ms with the chain, "
        f"{plain * 1000:.2f} ms without (median of {args.writes} each, alternated): "
        f"{chained / plain:.2f}x"
    )
    print(
        f"verify_audit_trail over {found.rows:,} rows: {median(verify_times):.2f} s (median of 3)"
    )


if __name__ == "__main__":
    main()
