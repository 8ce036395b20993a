"""The Laptops screen by keyboard, checked in the database: an admin sees each laptop with
who enrolled it and the officers seen on it; revoking asks first with "Keep it" as Enter's
answer, then revokes (recorded and audited); an officer may not open it."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from textual.widgets import DataTable

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.reference.policy import Role, load_policy
from screens.dialogs import ConfirmDialog
from screens.laptops import LaptopsScreen
from storage.accounts import add_officer
from storage.keys import KEYS_FILE_NAME, KeyRing
from storage.sync.devices import DEVICE_REVOKED
from storage.tables import AuditEvent, Device
from tests.ui.helpers import laptop, open_db, prepare, settle, signed_in


def _revoked(data_dir: Path, laptop_id: str) -> tuple[bool, int]:
    db = open_db(data_dir)
    try:
        with db.reading() as session:
            device = session.get(Device, laptop_id)
            assert device is not None
            audited = session.execute(
                sa.select(sa.func.count()).where(
                    AuditEvent.action == DEVICE_REVOKED, AuditEvent.record_id == laptop_id
                )
            ).scalar_one()
            return device.revoked_at is not None, audited
    finally:
        db.close()


async def test_an_admin_sees_the_laptops_and_revokes_one_after_being_asked(
    data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    prepare(data_dir, clock)
    laptop(tmp_path / "second", joins=data_dir, clock=clock)
    second = KeyRing.load(tmp_path / "second" / KEYS_FILE_NAME).laptop
    assert second is not None
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.action_laptops()
        await settle(pilot)
        assert isinstance(app.screen, LaptopsScreen)
        table = app.screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0][0].endswith("(here)") and rows[0][4] == "TO"
        assert rows[1][0] == second.laptop_id[:8] and rows[1][2] == "Test Officer"
        await pilot.press("down", "x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # Keep it
        await settle(pilot)
        assert _revoked(data_dir, second.laptop_id) == (False, 0)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("tab", "enter")  # Revoke
        await settle(pilot)
        assert isinstance(app.screen, LaptopsScreen)
        assert str(table.get_row_at(1)[3]) == "23 Nov 2026"  # the day it was revoked
    assert _revoked(data_dir, second.laptop_id) == (True, 1)


async def test_an_officer_may_not_open_the_laptops(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock)
    db = open_db(data_dir)
    cost = load_policy(data_dir).security.argon2
    _, passphrase = add_officer(
        db, signed_in(data_dir), cost, name="Olu Other", initials="OO", role=Role.OFFICER
    )
    db.close()
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir, "OO", passphrase))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.action_laptops()
        await settle(pilot)
        assert not isinstance(app.screen, LaptopsScreen)
        assert any("Only an admin may" in n.message for n in app._notifications)
