"""A second laptop and a team folder store for the sync tests, written with the storage APIs
(as another officer's app would), and a conflict on the app's case made by two real syncs."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from housing_tui.calendar.clock import Clock, FixedClock
from housing_tui.settings import LocalSettings
from storage.database import Database
from storage.officers import create_officer
from storage.sync.folder import FolderTransport
from storage.tables import Case, Client
from tests.conftest import TODAY_AT
from tests.ui.helpers import interviewed_case, laptop, open_db, prepare
from tests.unit.sync.helpers import sync

OTHER_CLIENT_ID = "c11e0000-0000-4000-8000-0000000000b2"
OTHER_CASE_ID = "ca5e0000-0000-4000-8000-0000000000b2"
CASE_ID = "ca5e0000-0000-4000-8000-000000000001"
"""The app's own case (tests.ui.helpers.interviewed_case)."""

LOST_AT = datetime(2026, 11, 23, 9, 15, tzinfo=UTC)
"""When this laptop's losing change is made: earlier on the tests' day (tests.conftest.TODAY_AT,
10:30), when the other laptop's winning change is made."""


def store(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    folder.mkdir(exist_ok=True)
    return folder


def use_store(data_dir: Path, folder: Path, **options: bool) -> None:
    """This laptop syncs with `folder` (as the sync settings dialog would save it)."""
    settings = LocalSettings.load(data_dir)
    replace(settings, sync_location=str(folder), **options).save(data_dir)


class OtherLaptop:
    """Another officer's laptop of the app laptop's team (enrolled by its admin, Test
    Officer, signed in on the app's laptop `data_dir` at `enrolled_on`'s time), on the tests'
    clock."""

    def __init__(
        self,
        tmp_path: Path,
        data_dir: Path,
        clock: Clock | None = None,
        *,
        enrolled_on: Clock | None = None,
    ) -> None:
        directory = laptop(tmp_path / "other", joins=data_dir, clock=enrolled_on)
        self.db = open_db(directory, clock or FixedClock(TODAY_AT))
        self.officer = create_officer(self.db, "Olu Other", "OO").id

    def sync(self, folder: Path) -> None:
        sync(self.db, FolderTransport(folder))

    def add_case(self) -> None:
        """A client and an open case of this laptop's officer: Rhea Remote."""
        with self.db.writing(self.officer) as session:
            session.add(
                Client(id=OTHER_CLIENT_ID, forenames="Rhea", surname="Remote", postcode="ZZ99 3CC")
            )
            session.flush()
            session.add(
                Case(
                    id=OTHER_CASE_ID,
                    client_id=OTHER_CLIENT_ID,
                    officer_id=self.officer,
                    approached_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
                    channel="phone",
                    urgency="threatened",
                    presenting_problem="rent_arrears",
                    next_action_on=date(2026, 11, 30),
                )
            )

    def close(self) -> None:
        self.db.close()


def laptops_with_a_conflict(data_dir: Path, tmp_path: Path, clock: FixedClock) -> OtherLaptop:
    """The app's laptop (officer "Test Officer", its interviewed case) and another laptop both
    change the case's must-leave date and the client's phone without seeing each other's change:
    the app's laptop at LOST_AT, the other later, at `clock`'s time, so the other's changes win
    and the app's are kept as conflicts."""
    earlier = FixedClock(LOST_AT)
    officer = prepare(data_dir, earlier)
    interviewed_case(data_dir, officer.id, clock=earlier)
    folder = store(tmp_path)
    use_store(data_dir, folder)
    mine, other = (
        open_db(data_dir, earlier),
        OtherLaptop(
            tmp_path,
            data_dir,
            clock,
            enrolled_on=earlier,  # the app laptop's changes are earlier
        ),
    )
    sync(mine, FolderTransport(folder))
    other.sync(folder)
    _edit(mine, officer.id, must_leave_on=date(2026, 12, 4), phone="07700 900111")
    _edit(other.db, other.officer, must_leave_on=date(2026, 12, 11), phone="07700 900222")
    other.sync(folder)
    sync(mine, FolderTransport(folder))
    mine.close()
    return other


def _edit(db: Database, officer_id: str, *, must_leave_on: date, phone: str) -> None:
    with db.writing(officer_id) as session:
        case = session.get(Case, CASE_ID)
        case.must_leave_on = must_leave_on
        session.get(Client, case.client_id).phone = phone
