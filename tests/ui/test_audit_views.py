"""The audit trail from the officer's side: opening a case, the client's details, a note
written, each recorded in the database as the officer's; the client's trail read from the
case's command palette, with what was done on another laptop and which; a tampered trail
reported at start-up."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from textual.widgets import DataTable, Static

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from screens.audit_trail import AuditTrailScreen
from screens.case_detail import CaseScreen
from screens.client_dialog import ClientDetailsDialog
from storage.audit import audit_for_client
from storage.rows import case_ref
from tests.ui.helpers import (
    choose,
    interviewed_case,
    open_db,
    prepare,
    raw_connection,
    settle,
    signed_in,
)
from tests.ui.test_sync import Notices
from tests.unit.sync.test_audit_travels import synced_team
from tests.unit.test_audit_trail import audit


def audit_rows(data_dir: Path, record_id: str) -> list[tuple[str, str, str, dict]]:
    with raw_connection(data_dir) as connection:
        rows = connection.execute(
            "SELECT officer_id, table_name, action, changes FROM audit_event "
            "WHERE record_id = ? ORDER BY chain_seq",
            (record_id,),
        ).fetchall()
    return [
        (officer, table, action, json.loads(changes)) for officer, table, action, changes in rows
    ]


async def open_trail(pilot) -> AuditTrailScreen:
    """From the case on screen, the client's audit trail, by the command palette."""
    await pilot.press("ctrl+p", *"Audit trail for this client")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AuditTrailScreen)
    return screen


async def test_opening_a_case_and_writing_a_note_are_recorded(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # open the highlighted case
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        case_id, client_id = screen.case_id, screen.detail.client.id
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Rang the landlord", "ctrl+s")
        await settle(pilot)
        await pilot.press("f")  # the client's details
        await settle(pilot)
        assert isinstance(app.screen, ClientDetailsDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert await app.saves.finished(within=5)
    assert audit_rows(data_dir, case_id).count((officer.id, "case", "view", {})) == 1
    assert audit_rows(data_dir, client_id)[-1] == (officer.id, "client", "view", {})
    with raw_connection(data_dir) as connection:
        (note_id,) = connection.execute(
            "SELECT id FROM case_note WHERE case_id = ?", (case_id,)
        ).fetchone()
    [(who, table, action, changes)] = audit_rows(data_dir, note_id)
    assert (who, table, action) == (officer.id, "case_note", "create")
    assert changes["body"] == [None, "Rang the landlord"]


async def test_the_clients_trail_opens_from_the_palette(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        client_id = app.screen.detail.client.id
        assert await app.saves.finished(within=5)  # the view of the case is recorded
        await open_trail(pilot)
        shown = app.screen.query_one(DataTable)
        db = open_db(data_dir, clock)
        expected = audit_for_client(db, client_id)
        db.close()
        assert shown.row_count == len(expected) > 0
        assert "Viewed" in [str(shown.get_row_at(n)[3]) for n in range(shown.row_count)]


async def test_a_tampered_trail_is_reported_at_start(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock)
    with raw_connection(data_dir) as connection:
        connection.execute("DROP TRIGGER audit_event_never_updated")
        connection.execute("UPDATE audit_event SET action = 'view' WHERE chain_seq = 1")
    notices = Notices()
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        await settle(pilot)
    assert notices.any("row 1 (")
    assert notices.any("changed, removed or added outside the app")


async def test_at_80_columns_the_highlighted_entry_is_shown_whole(
    data_dir: Path, clock: FixedClock
) -> None:
    """The Details column is cut at the screen's edge; under the table, the highlighted entry
    is shown whole: the case as it was added, down to its last field."""
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        client_id = app.screen.detail.client.id
        await open_trail(pilot)
        db = open_db(data_dir, clock)
        entries = audit_for_client(db, client_id)
        db.close()
        added_case = next(
            n for n, e in enumerate(entries) if (e.table_name, e.action) == ("case", "create")
        )
        await pilot.press(*["down"] * added_case)
        await settle(pilot)
        details = app.screen.query_one("#audit-details", Static)
        shown = " ".join(str(details.render()).split())
        # The case by the ref the officer quotes everywhere else, not its id's lowercase start.
        ref = case_ref(entries[added_case].record_id)
        assert shown.startswith(f"Added Case {ref} on this laptop: "), shown
        assert f"Case {ref}" in str(app.screen.query_one(DataTable).get_row_at(added_case)[4])
        # The last fields of the added case are well past the screen's edge in the table.
        assert "Status: → Open; Urgency: → Threatened within 56 days" in shown, shown
        needed = details.get_content_height(
            details.container_size, app.size, details.content_size.width
        )
        assert details.content_size.height >= needed  # all of it on the screen


async def test_the_trail_shows_what_was_done_on_another_laptop_and_which(
    tmp_path: Path, clock: FixedClock
) -> None:
    """On laptop B, after syncing with A: the client's trail holds A's rows (the case made
    and viewed there), each said to be A's, and B's own merge of them as this laptop's."""
    first, second, _, _ = synced_team(tmp_path)
    with raw_connection(first) as connection:
        other = connection.execute("SELECT device_id FROM sync_state").fetchone()[0]
    app = HousingApp(second, clock=clock, unlocked=signed_in(second))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await open_trail(pilot)
        table = app.screen.query_one(DataTable)
        shown = {
            (str(table.get_row_at(n)[2]), str(table.get_row_at(n)[3]))
            for n in range(table.row_count)
        }
        assert {(other[:8], "Added"), (other[:8], "Viewed"), ("this one", "Added by sync")} <= (
            shown
        ), shown


async def test_a_coded_field_is_shown_by_its_label_on_screen_and_in_the_export(
    data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    """The duty ended by the officer, "contact lost" chosen: the trail names the field as
    officers read it and the reason by its label on the list they chose it from, and the
    subject access export says the same."""
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        client_id = app.screen.detail.client.id
        await pilot.press("e")
        await settle(pilot)
        await choose(pilot, "end_reason", "contact lost")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert await app.saves.finished(within=5)
        with raw_connection(data_dir) as connection:
            [(duty_id, reason)] = connection.execute(
                "SELECT id, end_reason FROM duty WHERE case_id = ?", (case_id,)
            ).fetchall()
        assert reason == "contact_lost"  # the code is what is stored
        screen = await open_trail(pilot)
        [ended] = [
            n
            for n, entry in enumerate(screen.entries)
            if entry.record_id == duty_id and entry.action == "update"
        ]
        table = screen.query_one(DataTable)
        assert "End reason: → Contact lost" in str(table.get_row_at(ended)[5])
        # The duty's case as officers quote it, not its whole id.
        [added] = [
            str(table.get_row_at(n)[5])
            for n, entry in enumerate(screen.entries)
            if entry.record_id == duty_id and entry.action == "create"
        ]
        assert f"Case: → {case_ref(case_id)};" in added, added
        await pilot.press(*["down"] * (ended - table.cursor_row))
        await settle(pilot)
        details = " ".join(str(screen.query_one("#audit-details", Static).render()).split())
        assert "End reason: → Contact lost" in details, details
        assert "contact_lost" not in details and "end_reason" not in details
    target = tmp_path / "trail.csv"
    done = audit(data_dir, "--client", client_id, "--csv", str(target))
    assert done.returncode == 0, done.stderr
    with target.open(encoding="utf-8-sig", newline="") as handle:
        [row] = [
            row
            for row in csv.DictReader(handle)
            if row["Record ID"] == duty_id and row["Action"] == "update"
        ]
    assert "End reason: → Contact lost" in row["Details"], row
    assert "contact_lost" not in row["Details"]
