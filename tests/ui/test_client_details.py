"""Correcting a client's details after triage, from the case, by keyboard: the database holds
the correction, the audit trail says who changed what, and what the date of birth decides
follows it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import select
from textual.widgets import Input

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from screens.case_detail import CaseScreen
from screens.client_dialog import ClientDetailsDialog
from screens.dialogs import ConfirmDialog
from screens.widgets.form_field import FieldMessage
from storage.tables import AuditEvent, Case, Client
from tests.ui.helpers import burst, open_db, paste_into, prepare, settle, signed_in

CLIENT_ID = "c11e0000-0000-4000-8000-0000000000aa"
CASE_ID = "ca5e0000-0000-4000-8000-0000000000aa"


def seventeen_year_old(data_dir: Path, officer_id: str) -> None:
    """Sam Carter, entered at triage on Mon 16 Nov 2026 as born 12/06/2009 (17 then), so the
    case says "Aged 16 or 17"; he was in fact born 12/06/1990."""
    with open_db(data_dir).writing(officer_id) as session:
        session.add(
            Client(id=CLIENT_ID, forenames="Sam", surname="Carter", date_of_birth=date(2009, 6, 12))
        )
        session.flush()
        session.add(
            Case(
                id=CASE_ID,
                client_id=CLIENT_ID,
                officer_id=officer_id,
                approached_at=datetime(2026, 11, 16, 10, 0, tzinfo=UTC),
                channel="drop_in",
                urgency="threatened",
                presenting_problem="family_friends",
                aged_16_17=True,
            )
        )


async def open_the_case(pilot) -> CaseScreen:
    await settle(pilot)
    pilot.app.push_screen(CaseScreen(CASE_ID))
    await settle(pilot)
    return pilot.app.screen


def message(screen, field: str) -> str:
    error = screen.query_one(f"#field-{field} FieldMessage", FieldMessage)
    return str(error.render()) if error.display else ""


async def test_a_corrected_date_of_birth_is_saved_audited_and_followed(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    seventeen_year_old(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        await open_the_case(pilot)
        await pilot.press("f")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ClientDetailsDialog)
        assert dialog.query_one("#date_of_birth", Input).value == "12/06/2009"
        # A date that does not exist: said beside the field, nothing saved, nothing cleared.
        dialog.query_one("#date_of_birth", Input).value = ""
        await paste_into(pilot, "date_of_birth", "31/02/1990")
        await pilot.press("tab")
        await settle(pilot)
        assert "Not a real date" in message(dialog, "date_of_birth")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert dialog.query_one("#date_of_birth", Input).value == "31/02/1990"
        with open_db(data_dir).reading() as session:
            assert session.get(Client, CLIENT_ID).date_of_birth == date(2009, 6, 12)

        dialog.query_one("#date_of_birth", Input).value = ""
        await paste_into(pilot, "date_of_birth", "12/6/90")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        # The case now says what the corrected date makes him: 36, not 16 or 17.
        summary = str(app.screen.query_one("#case-summary").render())
        assert "born 12/06/1990" in summary
        assert "Aged 16 or 17" not in summary

    with open_db(data_dir).reading() as session:
        client = session.get(Client, CLIENT_ID)
        case = session.get(Case, CASE_ID)
        [event] = session.exec(
            select(AuditEvent).where(
                AuditEvent.record_id == CLIENT_ID, AuditEvent.action == "update"
            )
        ).all()
    assert client.date_of_birth == date(1990, 6, 12)
    assert (client.forenames, client.surname) == ("Sam", "Carter")  # the rest as it was
    assert client.updated_by == officer.id and client.version == 2
    # Born 12 Jun 1990: 36 on the day he approached (16 Nov 2026), so not 16 or 17.
    assert not case.aged_16_17 and case.updated_by == officer.id
    assert event.officer_id == officer.id
    assert json.loads(event.changes) == {"date_of_birth": ["2009-06-12", "1990-06-12"]}


async def test_a_date_of_birth_typed_in_one_burst_is_saved_as_typed(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    seventeen_year_old(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_the_case(pilot)
        # As a remote desktop catching up sends them: the dialog opens while keys wait.
        await burst(pilot, "f", "tab", "tab", "home", "ctrl+k", *"12/6/1990", "ctrl+s")
        assert isinstance(app.screen, CaseScreen)
    with open_db(data_dir).reading() as session:
        client = session.get(Client, CLIENT_ID)
    assert client.date_of_birth == date(1990, 6, 12)
    assert (client.forenames, client.surname) == ("Sam", "Carter")


async def test_the_palette_corrects_the_clients_contact_details(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    seventeen_year_old(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        await open_the_case(pilot)
        await pilot.press("ctrl+p", *"Correct the client")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ClientDetailsDialog)
        await paste_into(pilot, "ni_number", "not one")
        await paste_into(pilot, "phone", "07700 900123")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert "NI number" in message(dialog, "ni_number")
        dialog.query_one("#ni_number", Input).value = ""
        await paste_into(pilot, "ni_number", "ab 12 34 56 c")
        await paste_into(pilot, "address", "2 Demo Street")
        await paste_into(pilot, "postcode", "zz99 4ab")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)

    with open_db(data_dir).reading() as session:
        client = session.get(Client, CLIENT_ID)
        case = session.get(Case, CASE_ID)
    assert (client.ni_number, client.phone, client.address, client.postcode) == (
        "AB123456C",
        "07700 900123",
        "2 Demo Street",
        "ZZ99 4AB",
    )
    assert client.date_of_birth == date(2009, 6, 12) and case.aged_16_17  # not touched


async def test_leaving_the_correction_asks_before_discarding_it(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    seventeen_year_old(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        await open_the_case(pilot)
        await pilot.press("f")
        await settle(pilot)
        await paste_into(pilot, "email", "sam@example.org")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # keep editing: nothing lost
        await settle(pilot)
        assert app.screen.query_one("#email", Input).value == "sam@example.org"
    with open_db(data_dir).reading() as session:
        assert session.get(Client, CLIENT_ID).email is None
