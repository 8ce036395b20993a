"""What an officer sees when something goes wrong: a start that cannot work closes the app
with one line to read; a pasted page in client search or the caseload filter is just a
search; an unexpected error is a short notice, its details in the error log in the data
folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import DataTable, Input, Static

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.error_log import LOG_FILE_NAME
from screens.client_search import ClientSearchScreen
from storage.tables import Client
from tests.ui.helpers import interviewed_case, open_db, prepare, settle, signed_in
from tests.ui.test_sync import Notices


async def test_a_data_folder_that_cannot_be_used_closes_the_app_with_its_reason(
    data_dir: Path, clock: FixedClock
) -> None:
    database = data_dir / "housing.sqlite3"
    database.write_bytes(b"")
    app = HousingApp(data_dir, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
    assert app.return_code == 1
    assert app.start_failure is not None
    assert f"{database} is empty (0 bytes)" in app.start_failure
    assert "\n" not in app.start_failure
    assert database.read_bytes() == b""  # kept, not made into a new empty database


async def _search(pilot, text: str) -> None:  # noqa: ANN001
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ClientSearchScreen)
    # As an officer pastes: the terminal sends the whole text at once.
    pilot.app.screen.query_one("#search-text", Input).post_message(events.Paste(text))
    await settle(pilot)


async def test_a_pasted_page_in_client_search_is_searched(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock, demo_clients=20)
    interviewed_case(data_dir, officer.id)
    db = open_db(data_dir)
    with db.reading() as session:
        tenant = session.exec(Client.__table__.select().where(Client.surname == "Tenant")).one()
    db.close()
    page = " ".join(["Testy", "Tenant", "01/01/1990"] * 400)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    notices = Notices()
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        await settle(pilot)
        await _search(pilot, page)
        table = app.screen.query_one("#search-results", DataTable)
        assert [row.value for row in table.rows] == [tenant.id]
        assert "1 found" in str(app.screen.query_one("#search-status", Static).render())
    assert not any("Error" in notice or "SELECT" in notice for notice in notices.shown)


async def test_a_pasted_page_in_the_caseload_filter_filters(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock, demo_clients=20)
    case_id = interviewed_case(data_dir, officer.id)  # Testy Tenant, reference CA5E0000
    # Lines of names and of whole case ids (each starts with the reference): the filter joins
    # them into one line of 1,200 words.
    page = "\n".join(f"Testy Tenant\nCA5E0000-{number:04d}-4000" for number in range(400))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    notices = Notices()
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        field = app.screen.query_one("#caseload-filter", Input)
        field.post_message(events.Paste(page))  # as the terminal sends a paste
        await settle(pilot)
        assert len(field.value.split()) == 1200
        table = app.screen.query_one("#caseload-table", DataTable)
        assert [row.value for row in table.rows] == [case_id]
    assert not any("went wrong" in notice for notice in notices.shown)
    assert not (data_dir / LOG_FILE_NAME).exists()


async def test_an_unexpected_error_is_a_short_notice_and_its_details_go_to_the_log(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare(data_dir, clock)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("SELECT client.id FROM client WHERE something unforeseen")

    monkeypatch.setattr("storage.clients.search_clients", broken)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    notices = Notices()
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        await settle(pilot)
        await _search(pilot, "Smith")
    log = data_dir / LOG_FILE_NAME
    assert notices.shown == [
        f"Something went wrong that housing-tui did not expect. Please tell IT: the details are "
        f"in {log}."
    ]
    details = log.read_text("utf-8")
    assert "Traceback" in details
    assert "SELECT client.id FROM client WHERE something unforeseen" in details
