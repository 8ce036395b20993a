"""A laptop that starts from a snapshot takes on the snapshot's clock: its next change is
stamped later than every change it has seen, even when another laptop's clock runs ahead of
its own (otherwise a concurrent edit by a third laptop could beat a change made after it)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from housing_tui.calendar.clock import Clock
from storage.tables import Client
from tests.unit.sync.laptops import Laptop, Ledger, sync_until_quiet


class HourFast(Clock):
    def now(self) -> datetime:
        return super().now() + timedelta(hours=1)


def test_a_change_made_after_loading_a_snapshot_wins_over_a_clock_that_ran_ahead(
    tmp_path: Path,
) -> None:
    store = tmp_path / "store"
    store.mkdir()
    ledger = Ledger()
    ann = Laptop.new("ann", tmp_path / "ann.sqlite3", ledger)
    [client] = ann.add_clients(ledger, 1)
    # Ann's laptop clock is an hour fast when she types the phone number.
    ann.db.clock = HourFast()
    ann.edit(ledger, [client], "phone")
    ann.db.clock = Clock()
    assert ann.sync(store, compact=True).sent

    cal = Laptop.new("cal", tmp_path / "cal.sqlite3", ledger)
    assert cal.sync(store).snapshot_loaded
    cal.edit(ledger, [client], "phone")  # on top of Ann's number, with a right clock
    # The clock rule itself: Cal's change is stamped later than Ann's, which it was made after.
    assert last_op_clock(cal) > last_op_clock(ann)
    typed = ledger.typed[(client, "phone")]["cal"]
    assert typed != ledger.typed[(client, "phone")]["ann"]
    sync_until_quiet([cal, ann], store)
    for laptop in (ann, cal):
        with laptop.db.reading() as session:
            assert session.get(Client, client).phone == typed
    ann.close()
    cal.close()


def last_op_clock(laptop: Laptop) -> str:
    with laptop.db.engine.connect() as connection:
        return connection.exec_driver_sql("SELECT hlc FROM sync_op ORDER BY seq DESC").scalar()
