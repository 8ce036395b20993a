"""Every time the app writes comes from the database's clock, never the real one: row stamps,
audit events, soft deletes, a conflict's times and its decision, the demo loader, sync
bookkeeping and the sync clock (HLC) of every change. Two laptops on fixed clocks far from any
real date do all of those; afterwards every time in either database is one of the clocks'."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import SQLModel

from housing_tui.calendar.clock import FixedClock
from housing_tui.casework.interview import MemberAnswer
from housing_tui.reference.policy import load_policy
from storage.database import Database
from storage.demo import load_demo_data
from storage.interviews import remove_member, save_member
from storage.officers import create_officer
from storage.sync.conflicts import keep_current, open_conflicts
from storage.sync.folder import FolderTransport
from storage.sync.ops import Hlc
from storage.tables import Case, Client, SyncOp, SyncState
from tests.unit.sync.helpers import sync

ANN_AT = datetime(2031, 5, 5, 9, 0, tzinfo=UTC)
"""Ann's laptop clock: years from the day these tests were written or are run."""
BOB_AT = ANN_AT + timedelta(hours=1)
"""Bob's, an hour later: his change to the phone number wins."""

STAMPS = ("created_at", "updated_at", "deleted_at", "resolved_at", "losing_at", "last_sync_at")
"""The columns the app fills with the time of a change (the others hold dates officers give)."""


def test_every_time_written_is_the_database_clocks(tmp_path: Path) -> None:
    store = FolderTransport(tmp_path / "store")
    (tmp_path / "store").mkdir()
    ann = Database.open(tmp_path / "ann.sqlite3", clock=FixedClock(ANN_AT))
    bob = Database.open(tmp_path / "bob.sqlite3", clock=FixedClock(BOB_AT))
    officer_a = create_officer(ann, "Ann Officer", "AO").id
    officer_b = create_officer(bob, "Bob Officer", "BO").id
    load_demo_data(
        ann, clients=3, officer_id=officer_a, today=ANN_AT.date(), policy=load_policy().triage
    )
    with ann.writing(officer_a) as session:
        client = Client(forenames="Jo", surname="Bloggs", phone="01632 960000")
        session.add(client)
        session.flush()
        case = Case(
            client_id=client.id,
            officer_id=officer_a,
            approached_at=ANN_AT,
            channel="phone",
            urgency="threatened",
            presenting_problem="family_friends",
        )
        session.add(case)
    member = save_member(
        ann,
        officer_id=officer_a,
        case_id=case.id,
        member_id=None,
        member=MemberAnswer("Kim", "child", None, False, None, True),
    )
    sync(ann, store)
    sync(bob, store)
    for db, officer, phone in ((ann, officer_a, "01632 960001"), (bob, officer_b, "01632 960002")):
        with db.writing(officer) as session:
            session.get(Client, client.id).phone = phone
    remove_member(ann, officer_id=officer_a, member_id=member)
    sync(bob, store)
    sync(ann, store)
    [conflict] = open_conflicts(ann)
    keep_current(ann, officer_a, conflict.id)
    sync(ann, store)
    sync(bob, store)

    for db in (ann, bob):
        assert _times_written(db) == {ANN_AT, BOB_AT}
        with db.reading() as session:
            assert session.get(Client, client.id).phone == "01632 960002"
    ann.close()
    bob.close()


def _times_written(db: Database) -> set[datetime]:
    """Every stamp in every table, and the time part of every sync clock value."""
    found: set[datetime] = set()
    with db.reading() as session:
        for table in SQLModel.metadata.sorted_tables:
            for name in STAMPS:
                if name in table.c:
                    column = table.c[name]
                    values = session.execute(sa.select(column).where(column.is_not(None)))
                    found.update(values.scalars())
        clocks = session.execute(sa.select(SyncOp.hlc)).scalars().all()
        clocks.append(session.execute(sa.select(SyncState.hlc)).scalar_one())
    found.update(datetime.fromtimestamp(Hlc.parse(hlc).millis / 1000, UTC) for hlc in clocks)
    return found
