"""The rent deposit check by keyboard, at 80x24, from an interviewed case: a property typed in
and saved with its result, and bad input refused beside its field with nothing saved and
nothing typed lost."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlmodel import func, select
from textual.widgets import Input

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from screens.case_detail import CaseScreen
from screens.deposit_check import DepositCheckScreen
from screens.dialogs import ConfirmDialog
from screens.widgets.form_field import FieldMessage
from storage.interviews import load_interview, save_answer
from storage.tables import Case, Client, PropertyCheck
from tests.ui.helpers import (
    choose,
    interviewed_case,
    open_db,
    paste,
    prepare,
    settle,
    signed_in,
    type_quickly,
)

SIZE = (80, 24)

PROPERTY = (
    "12 Station Road, Sampletown",  # address
    "Sample Lettings",  # landlord or agent
    "650 pcm",  # rent
    "1",  # bedrooms
    "",  # tenancy signed on: not yet
    "",  # tenancy starts on: not known
    "750",  # deposit asked
    "650",  # rent in advance
    "",  # holding deposit
    "",  # letting fees
    "C",  # EPC rating
)
"""What the officer types, field by field, in the form's order."""


def eligible_case(data_dir: Path, clock: FixedClock) -> tuple[str, str]:
    """The interviewed private tenant (650 pcm, Housing Benefit 520 pcm, the prevention duty
    from 16 Nov 2026), with a local connection, earnings of 650 pcm and food and living costs of
    100 a week. Returns the officer's id and the case id."""
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    db = open_db(data_dir)
    for key, value in {
        "months_resident_of_last_12": "12",
        "earnings": "650.00 monthly",
        "living_costs": "100.00 weekly",
    }.items():
        save_answer(db, officer_id=officer.id, case_id=case_id, key=key, value=value)
    db.close()
    return officer.id, case_id


async def open_deposit_check(pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")  # the only case on the caseload
    await settle(pilot)
    assert isinstance(pilot.app.screen, CaseScreen)
    await pilot.press("r")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DepositCheckScreen)


async def fill_in(pilot, typed=PROPERTY, answers=("Yes",) * 5) -> None:
    """Type the property field by field with Tab, then answer each check by typing the start
    of its answer and Tab."""
    for text in typed:
        await paste(pilot, text)
        await pilot.press("tab")
    for answer in answers:
        await type_quickly(pilot, answer)
        await pilot.press("tab")
    await settle(pilot)


def saved_checks(data_dir: Path) -> list[PropertyCheck]:
    with open_db(data_dir).reading() as session:
        return list(session.exec(select(PropertyCheck)))


async def test_a_property_typed_by_keyboard_is_saved_with_the_schemes_answer(
    data_dir: Path, clock: FixedClock
) -> None:
    officer_id, case_id = eligible_case(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_deposit_check(pilot)
        await fill_in(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DepositCheckScreen)
        earlier = str(app.screen.query_one("#deposit-earlier").render())
        assert "12 Station Road, Sampletown: £650.00 a month" in earlier
        assert "Scheme can help: £750.00." in earlier
        # Ctrl+S again with nothing changed keeps one check, not two.
        await pilot.press("ctrl+s")
        await settle(pilot)
        # Saved: Escape goes straight back to the case.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)

    [saved] = saved_checks(data_dir)
    assert (saved.case_id, saved.created_by, saved.checked_on) == (
        case_id,
        officer_id,
        date(2026, 11, 23),
    )
    assert (saved.address, saved.landlord) == ("12 Station Road, Sampletown", "Sample Lettings")
    assert (saved.rent, saved.rent_frequency, saved.bedrooms) == (Decimal("650.00"), "monthly", 1)
    assert saved.deposit_asked == Decimal("750.00")
    assert saved.rent_in_advance_asked == Decimal("650.00")
    assert saved.holding_deposit is None and saved.fees_asked is None
    assert saved.epc_rating == "C"
    assert saved.checks == (
        '{"gas_safety": "yes", "electrical_safety": "yes", "how_to_rent": "yes", '
        '"deposit_protection": "yes", "landlord_checks": "yes"}'
    )
    # 650 x 12 = 7,800 a year, under £50,000: 5 weeks' rent = 7,800 x 5 / 52 = £750.00, so the
    # deposit asked is exactly the cap. A duty is open, they have a local connection, every
    # paper is seen, and after the move they keep 150.00 (earnings: 650 x 12 / 52) + 120.00 (HB)
    # - 150.00 (rent) - 100.00 (food and living) = £20.00 a week: the scheme puts up the
    # £750.00, under its £1,500 limit.
    assert saved.scheme_can_help and saved.scheme_deposit == Decimal("750.00")
    assert "The scheme can help: deposit £750.00." in saved.summary
    assert "£20.00 a week left" in saved.summary


async def test_a_rent_of_zero_is_refused_beside_the_field_and_nothing_is_lost(
    data_dir: Path, clock: FixedClock
) -> None:
    eligible_case(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_deposit_check(pilot)
        typed = ("12 Station Road, Sampletown", "", "0 pcm", "1", "", "", "750")
        await fill_in(pilot, typed=typed, answers=())
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DepositCheckScreen)
        message = screen.query_one("#field-rent").query_one(FieldMessage)
        assert message.display
        assert str(message.render()) == (
            "The rent must be more than £0: type what the landlord asks."
        )
        assert app.focused is not None and app.focused.id == "rent"
        assert "Not saved: put right Rent" in str(screen.query_one("#deposit-problem").render())
        # Escape asks first; Enter keeps editing, with everything as it was typed.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        typed = {key: screen.query_one(f"#{key}", Input).value for key in ("address", "rent")}
        assert typed == {"address": "12 Station Road, Sampletown", "rent": "0 pcm"}
        assert screen.query_one("#deposit_asked", Input).value == "750.00"

        # Put right, the messages go and it saves.
        screen.query_one("#rent", Input).value = ""
        await paste(pilot, "650 pcm")
        assert str(screen.query_one("#deposit-problem").render()) == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not message.display
    assert len(saved_checks(data_dir)) == 1


async def test_nothing_is_saved_while_a_field_is_wrong(data_dir: Path, clock: FixedClock) -> None:
    eligible_case(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_deposit_check(pilot)
        bad = ("12 Station Road", "", "99999 pw", "two", "", "", "-750", "", "", "lots", "H")
        await fill_in(pilot, typed=bad)
        await pilot.press("ctrl+s")
        await settle(pilot)
        problem = str(app.screen.query_one("#deposit-problem").render())
        assert problem == (
            "Not saved: put right Rent, Bedrooms, Deposit asked, Letting fees asked, EPC rating "
            "(see beside each)."
        )
        shown = {
            key: str(app.screen.query_one(f"#field-{key}").query_one(FieldMessage).render())
            for key in ("rent", "bedrooms", "deposit_asked", "fees_asked", "epc_rating")
        }
        assert shown["rent"].startswith("£99,999.00 a week is more than £5,000.00")
        assert shown["deposit_asked"] == "Amounts cannot be negative."
        with open_db(data_dir).reading() as session:
            assert session.exec(select(func.count()).select_from(PropertyCheck)).one() == 0


async def test_an_exemption_recorded_in_the_interview_takes_the_client_off_the_shared_rate(
    data_dir: Path, clock: FixedClock
) -> None:
    # Born 1 Jan 1996: 30 on 23 Nov 2026, single and living alone, so the shared accommodation
    # rate unless exempt (UC Regs 2013 Sch 4 para 29). Managed under MAPPA: exempt at any age
    # under 35, so the one-bedroom rate.
    officer_id, case_id = eligible_case(data_dir, clock)
    db = open_db(data_dir)
    with db.writing(officer_id) as session:
        client = session.get(Case, case_id).client_id
        session.get(Client, client).date_of_birth = date(1996, 1, 1)
    db.close()
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_deposit_check(pilot)
        heading = str(app.screen.query_one("#deposit-heading").render())
        assert "shared accommodation rate" in heading
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("i", "f9")
        await settle(pilot)
        await choose(pilot, "mappa", "Yes")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        heading = str(app.screen.query_one("#deposit-heading").render())
        assert "Entitled to the 1 bedroom rate" in heading
    assert load_interview(open_db(data_dir), case_id).answers["mappa"] == "yes"


async def test_weekly_rent_in_advance_is_held_to_four_weeks_with_the_tenancys_dates(
    data_dir: Path, clock: FixedClock
) -> None:
    # 150 pw, signed on 1 Dec 2026, starting 14 days after today (Mon 7 Dec 2026): the Renters'
    # Rights Act limit applies. Initial rent on weekly rent is the rent for the periods ending
    # within 28 days of the first day: 4 x 150.00 = 600.00, so 650.00 asked is 50.00 over
    # (a twelfth of a year, 150 x 52 / 12 = 650.00, would wrongly let it through).
    eligible_case(data_dir, clock)
    typed = (*PROPERTY[:2], "150 pw", "1", "1/12/2026", "+14", "750", "650", "", "", "C")
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_deposit_check(pilot)
        await fill_in(pilot, typed=typed)
        assert app.screen.query_one("#tenancy_signed_on", Input).value == "01/12/2026"
        assert app.screen.query_one("#tenancy_starts_on", Input).value == "07/12/2026"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [saved] = saved_checks(data_dir)
    assert saved.rent_in_advance_asked == Decimal("650.00")
    assert (
        "[Fail] Rent in advance: £650.00 asked is more than the law allows: at most £600.00 "
        "(4 weeks' rent, the initial rent" in saved.summary
    )
