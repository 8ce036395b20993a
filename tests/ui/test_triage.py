"""An officer records new approaches by keyboard; the database must hold what they typed."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlmodel import select
from textual.widgets import Checkbox, Input, Static

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from screens.case_detail import CaseScreen
from screens.caseload import CaseloadScreen
from screens.client_search import ClientSearchScreen
from screens.dialogs import ConfirmDialog
from screens.triage import TriageScreen
from screens.widgets.form_field import FieldMessage
from storage.interviews import load_interview
from storage.tables import AuditEvent, Case, Client
from tests.ui.helpers import choose, open_db, paste, paste_into, prepare, settle, signed_in


async def test_new_client_triage_saves_client_and_case(data_dir: Path, clock: FixedClock) -> None:
    officer = prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ClientSearchScreen)
        await paste(pilot, "Testcase")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, TriageScreen)
        # The surname typed into search is carried over; first names typed now.
        assert app.screen.query_one("#surname", Input).value == "Testcase"
        await paste(pilot, "Ada")
        await paste_into(pilot, "date_of_birth", "12/06/2009")
        await paste_into(pilot, "ni_number", "ab123456c")
        await paste_into(pilot, "postcode", "zz993ab")
        await choose(pilot, "channel", "Drop")
        await choose(pilot, "presenting_problem", "Family")
        await paste_into(pilot, "must_leave_on", "+14")
        app.screen.query_one("#domestic_abuse").focus()
        await pilot.press("space")
        await settle(pilot)
        # The live panel: 14 days away is within 56; she is 17, so social care today.
        panel = str(app.screen.query_one("#panel-today").render())
        assert "children's social care" in panel
        assert "DASH" in panel
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)

    db = open_db(data_dir)
    with db.reading() as session:
        client = session.exec(select(Client)).one()
        case = session.exec(select(Case)).one()
        audit = list(session.exec(select(AuditEvent).where(AuditEvent.action == "create")))
    assert (client.forenames, client.surname) == ("Ada", "Testcase")
    assert client.date_of_birth == date(2009, 6, 12)
    assert client.ni_number == "AB123456C"
    assert client.postcode == "ZZ99 3AB"
    assert case.client_id == client.id
    assert case.officer_id == officer.id
    assert case.channel == "drop_in"
    assert case.presenting_problem == "family_friends"
    assert case.must_leave_on == date(2026, 12, 7)
    assert case.urgency == "threatened"
    assert case.domestic_abuse and case.aged_16_17  # ticked from the date of birth (17)
    assert case.next_action_on == clock.today()  # things must happen today
    assert case.updated_by == officer.id and case.version == 1
    audited = {(event.table_name, event.record_id) for event in audit}
    assert ("client", client.id) in audited and ("case", case.id) in audited
    assert all(event.officer_id == officer.id for event in audit)
    assert json.loads(next(e for e in audit if e.record_id == client.id).changes)["surname"] == [
        None,
        "Testcase",
    ]


async def test_bad_input_is_explained_beside_each_field_and_nothing_is_saved(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await paste_into(pilot, "date_of_birth", "01/01/2030")
        await paste_into(pilot, "ni_number", "DA123456C")
        await paste_into(pilot, "postcode", "not a postcode")
        await paste_into(pilot, "must_leave_on", "01/01/2020")
        await paste_into(pilot, "children", "lots")
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TriageScreen)

        def message(field: str) -> str:
            error = screen.query_one(f"#field-{field} FieldMessage", FieldMessage)
            return str(error.render()) if error.display else ""

        assert "needed" in message("forenames")
        assert "needed" in message("surname")
        assert "future" in message("date_of_birth")
        assert "NI number" in message("ni_number")
        assert "postcode" in message("postcode")
        assert "past" in message("must_leave_on")
        assert "whole number" in message("children")
        channel_error = screen.query_one("#error-channel", FieldMessage)
        assert channel_error.display and "choose" in str(channel_error.render())
        # Everything typed is still there.
        assert screen.query_one("#ni_number", Input).value == "DA123456C"
        assert screen.query_one("#children", Input).value == "lots"
        # Put one right: its message goes as soon as it reads.
        await paste_into(pilot, "surname", "Fixed")
        await pilot.press("tab")
        assert message("surname") == ""

    db = open_db(data_dir)
    with db.reading() as session:
        assert session.exec(select(Client)).all() == []
        assert session.exec(select(Case)).all() == []


async def test_likely_duplicate_asks_and_can_use_the_existing_record(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    from housing_tui.casework.clients import ClientDraft

    db = open_db(data_dir)
    with db.writing(officer.id) as session:
        existing = Client(**vars(ClientDraft("Joanne", "Smith", date(1990, 4, 3))))
        session.add(existing)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await paste(pilot, "Jo Smyth")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await paste_into(pilot, "date_of_birth", "3/4/1990")
        await pilot.press("tab")
        await settle(pilot)
        assert "Joanne Smith" in str(app.screen.query_one("#duplicates").render())
        await choose(pilot, "channel", "Phone")
        await choose(pilot, "presenting_problem", "Rent")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#existing")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)

    with db.reading() as session:
        clients = session.exec(select(Client)).all()
        case = session.exec(select(Case)).one()
    assert [client.id for client in clients] == [existing.id]
    assert case.client_id == existing.id
    assert case.urgency == "advice_only"


async def test_triage_for_a_client_found_by_search(data_dir: Path, clock: FixedClock) -> None:
    officer = prepare(data_dir, clock, demo_clients=50)
    db = open_db(data_dir)
    with db.reading() as session:
        target = session.exec(select(Client).order_by(Client.surname_key)).first()
        before = len(session.exec(select(Case).where(Case.client_id == target.id)).all())
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await paste(pilot, f"{target.forenames} {target.surname} {target.postcode}")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        history = str(app.screen.query_one("#history-body").render())
        assert f"{before} approach" in history
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TriageScreen)
        await choose(pilot, "channel", "Home")
        await choose(pilot, "presenting_problem", "Leaving hosp")
        app.screen.query_one("#homeless_tonight").focus()
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)

    with db.reading() as session:
        cases = session.exec(select(Case).where(Case.client_id == target.id)).all()
        newest = max(cases, key=lambda case: case.approached_at)
    assert len(cases) == before + 1
    assert newest.urgency == "homeless_tonight" and newest.homeless_tonight
    assert newest.officer_id == officer.id


async def test_cancel_with_typing_asks_before_discarding(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await paste(pilot, "Half typed")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # back to the form, nothing lost
        await settle(pilot)
        assert app.screen.query_one("#forenames", Input).value == "Half typed"


async def _new_client_triage(pilot, forenames: str, surname: str, born: str) -> None:
    """From the caseload to a new client's triage, the name and date of birth typed."""
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    await pilot.press("ctrl+n")
    await settle(pilot)
    await paste_into(pilot, "forenames", forenames)
    await paste_into(pilot, "surname", surname)
    await paste_into(pilot, "date_of_birth", born)
    await choose(pilot, "channel", "Drop")
    await choose(pilot, "presenting_problem", "Family")


async def test_a_date_of_birth_making_them_17_ticks_aged_16_or_17(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        # Born 12 Jun 2009: 17 on 23 Nov 2026.
        await _new_client_triage(pilot, "Ada", "Young", "12/06/2009")
        box = app.screen.query_one("#aged_16_17", Checkbox)
        assert box.value
        # A typing mistake put right (born 1990: 36) takes the tick away again...
        app.screen.query_one("#date_of_birth", Input).value = ""
        await paste_into(pilot, "date_of_birth", "12/06/1990")
        await settle(pilot)
        assert not box.value
        # ...and the right date puts it back.
        app.screen.query_one("#date_of_birth", Input).value = ""
        await paste_into(pilot, "date_of_birth", "12/06/2009")
        await settle(pilot)
        assert box.value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
    with open_db(data_dir).reading() as session:
        case = session.exec(select(Case)).one()
    assert case.aged_16_17


async def test_aged_55_plus_with_care_needs_at_triage_is_the_interviews_care_needs(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        # Born 2 Mar 1959: 67 on 23 Nov 2026, over the council's older person's age of 55.
        await _new_client_triage(pilot, "Olive", "Elder", "02/03/1959")
        app.screen.query_one("#over_55_care_needs").focus()
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        case_id = app.screen.case_id
        await pilot.press("i")
        await settle(pilot)
        await settle(pilot)
    record = load_interview(open_db(data_dir), case_id)
    assert record.answers["care_needs"] == "yes"


async def test_search_finds_a_client_by_a_date_of_birth_typed_as_the_triage_takes_it(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    db = open_db(data_dir)
    with db.writing(officer.id) as session:
        session.add(Client(forenames="Sam", surname="Carter", date_of_birth=date(1997, 3, 14)))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        # 14/3/97: 14 March 1997 (a two-digit year of birth is in the past).
        await pilot.press(*"14/3/97")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TriageScreen)
        assert app.screen.client is not None
        assert app.screen.client.full_name == "Sam Carter"
        # A new approach for the person found: saved against their record, not a new one.
        await choose(pilot, "channel", "Drop")
        await choose(pilot, "presenting_problem", "Family")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
    with db.reading() as session:
        client = session.exec(select(Client)).one()
        assert session.exec(select(Case)).one().client_id == client.id


async def test_a_name_typed_in_lower_case_is_offered_with_capitals_and_ctrl_o_takes_it(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        await _new_client_triage(pilot, "sam", "carter", "14/03/1997")
        offers = {
            field: app.screen.query_one(f"#field-{field} .field-offer", Static)
            for field in ("forenames", "surname")
        }
        assert all(offer.display for offer in offers.values())
        assert '"Sam"' in str(offers["forenames"].render())
        assert '"Carter"' in str(offers["surname"].render())
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert app.screen.query_one("#forenames", Input).value == "Sam"
        assert not any(offer.display for offer in offers.values())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
    with open_db(data_dir).reading() as session:
        client = session.exec(select(Client)).one()
    assert (client.forenames, client.surname) == ("Sam", "Carter")


async def test_a_name_is_never_capitalised_unasked(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        # bell hooks writes her name in lower case: the offer shows, the officer saves as typed.
        await _new_client_triage(pilot, "bell", "hooks", "25/09/1952")
        assert app.screen.query_one("#field-surname .field-offer", Static).display
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        # A name with its capitals placed is not second-guessed: no offer for "de Souza".
        await pilot.press("escape")
        await _new_client_triage(pilot, "Ana", "de Souza", "01/02/1980")
        assert not app.screen.query_one("#field-surname .field-offer", Static).display
    with open_db(data_dir).reading() as session:
        names = {(c.forenames, c.surname) for c in session.exec(select(Client))}
    assert ("bell", "hooks") in names
