"""A screen shows its data as it was at one moment: a sync (here, another window) committing
while the screen's loaders run cannot show a case as it never was."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlmodel import select
from textual.widgets import Static

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from screens.case_detail import CaseScreen
from storage.cases import close_case
from storage.tables import Case
from tests.conftest import TODAY_AT
from tests.ui.helpers import interviewed_case, open_db, prepare, settle, signed_in


@contextmanager
def closed_while_its_interview_is_read(data_dir: Path, officer_id: str, case_id: str) -> Iterator:
    """Another window closes the case, committed, just before the app's first read of
    interview answers: after the case row was read, before the rest of the case was."""
    other_window = open_db(data_dir)
    landed = []

    def land(conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if (
            not landed
            and "FROM interview_answer" in statement
            and "mode=ro" in str(conn.engine.url)
        ):
            landed.append(True)
            close_case(other_window, officer_id=officer_id, case_id=case_id, closed_at=TODAY_AT)

    event.listen(Engine, "before_cursor_execute", land)
    try:
        yield landed
    finally:
        event.remove(Engine, "before_cursor_execute", land)
        other_window.close()


async def test_the_case_screen_does_not_mix_a_sync_landing_while_it_loads(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        with closed_while_its_interview_is_read(data_dir, officer.id, case_id) as landed:
            await pilot.press("enter")  # the only case on the caseload
            await settle(pilot)
        assert landed, "the other window's change did not land during the load"
        assert isinstance(app.screen, CaseScreen)
        summary = str(app.screen.query_one("#case-summary", Static).render())
        due = str(app.screen.query_one("#case-due", Static).render())
    db = open_db(data_dir)
    with db.reading() as session:
        status = session.exec(select(Case.status).where(Case.id == case_id)).one()
    db.close()
    assert status == "closed"  # the change is in the database
    # The screen read the case before the change: open, with its deadlines, not "open" above
    # and "closed" in the due list.
    assert "Open" in summary
    assert "the case is closed" not in due
