"""The DHP check and the DHP budget by keyboard, at 80x24, on a real data folder.

The interviewed case (tests/ui/helpers.py) is a private tenant paying 650 pcm rent with Housing
Benefit of 520 pcm and no other money recorded: 650 x 12 / 52 = 150.00 a week less
520 x 12 / 52 = 120.00 is a shortfall of 30.00 a week, which they cannot pay themselves (the
interview leaves them 30.00 short a week), so a DHP can cover all of it.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
from rich.console import Console
from sqlmodel import select
from textual.widgets import DataTable, Input, OptionList, Static

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.documents.rendering import RenderedDocument
from housing_tui.money.amounts import pounds
from housing_tui.money.dhp import DhpStatus, dhp_check, read_check_form
from housing_tui.reference.policy import load_policy
from screens.dhp import DhpScreen
from screens.dhp_budget import DhpBudgetScreen
from screens.save_copy import PATH_FIELD, SaveCopyDialog
from screens.widgets.form_field import FieldMessage
from storage.case_file import load_case_file
from storage.dhp import record_decision, record_payment, save_application
from storage.tables import CaseDocument, DhpApplication, DhpPayment
from tests.ui.helpers import (
    choose,
    interviewed_case,
    open_db,
    paste,
    paste_into,
    prepare,
    settle,
    signed_in,
)
from tests.ui.test_document_copies import exports, save_copy_to

SIZE = (80, 24)
TODAY = date(2026, 11, 23)


async def open_dhp_check(pilot) -> None:
    """From the caseload: open the (only) case, then press h."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DhpScreen)


async def clear(pilot, key: str) -> None:
    """Empty a field as an officer would: to its start, then delete to the end."""
    pilot.app.screen.query_one(f"#{key}").focus()
    await pilot.press("ctrl+a", "ctrl+k")


def result_shown(app: HousingApp) -> str:
    """The result panel as text, wide enough that no line of it wraps."""
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(app.screen.query_one("#dhp-result-text", Static).content)
    return console.export_text()


def field(app: HousingApp, key: str) -> str:
    return app.screen.query_one(f"#{key}", Input).value


def message_beside(app: HousingApp, key: str) -> str:
    shown = app.screen.query_one(f"#field-{key} FieldMessage", FieldMessage)
    return str(shown.render()) if shown.display else ""


def applications(data_dir: Path) -> list[DhpApplication]:
    with open_db(data_dir).reading() as session:
        return list(session.exec(select(DhpApplication)))


def summaries(data_dir: Path) -> list[CaseDocument]:
    with open_db(data_dir).reading() as session:
        return list(session.exec(select(CaseDocument).where(CaseDocument.kind == "dhp_summary")))


async def test_the_check_from_the_interview_applies_by_keyboard(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_dhp_check(pilot)
        # Prefilled from the interview, as the officer can change them.
        assert field(app, "rent") == "650.00 pcm"
        assert field(app, "housing_benefit") == "520.00 pcm"
        await paste_into(pilot, "weeks", "13")
        await paste_into(pilot, "deposit", "600")
        await pilot.press("tab")
        await settle(pilot)
        result = result_shown(app)
        assert "Apply for a DHP: £990.00" in result
        assert "shortfall £30.00" in result
        await pilot.press("ctrl+s")
        await settle(pilot)
        # The new application is listed on the screen.
        listed = app.screen.query_one("#dhp-applications")
        assert listed.option_count == 1
        assert "£990.00 asked: awaiting the decision" in str(listed.get_option_at_index(0).prompt)

    [application] = applications(data_dir)
    # 30.00 a week for 13 weeks = 390.00, and the deposit, 600.00: 990.00.
    assert application.status == DhpStatus.REQUESTED.value
    assert (application.weekly_shortfall, application.weeks) == (Decimal("30.00"), 13)
    assert application.deposit == Decimal("600.00")
    assert application.amount_requested == Decimal("990.00")
    assert (application.requested_on, application.financial_year) == (TODAY, "2026-27")
    [summary] = summaries(data_dir)
    text = summary.body
    assert not (data_dir / "documents").exists()  # in the database only, until Ctrl+E
    assert "Total asked for: £990.00" in text
    assert "Rent shortfall: £390.00 (£30.00 a week for 13 weeks)" in text
    assert "Deposit: £600.00" in text
    assert "Housing Benefit: £520.00 a month (£120.00 a week)" in text


async def test_ctrl_e_on_each_of_two_applications_made_the_same_day_saves_its_own_summary(
    data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_dhp_check(pilot)
        # 30.00 a week for 13 weeks, then for 26: 390.00 and 780.00 asked.
        for weeks in ("13", "26"):
            await clear(pilot, "weeks")
            await paste_into(pilot, "weeks", weeks)
            await pilot.press("ctrl+s")
            await settle(pilot)
        asked = {a.id: a.amount_requested for a in applications(data_dir)}
        assert sorted(asked.values()) == [Decimal("390.00"), Decimal("780.00")]
        listed = app.screen.query_one("#dhp-applications", OptionList)
        assert listed.option_count == 2
        for index in range(2):
            listed.focus()
            listed.highlighted = index
            await settle(pilot)
            await save_copy_to(pilot, tmp_path / f"summary {index}.docx")
            assert isinstance(app.screen, DhpScreen)
        shown = [listed.get_option_at_index(index).id for index in range(2)]

    for index, application_id in enumerate(shown):
        copy = tmp_path / f"summary {index}.docx"
        text = "\n".join(p.text for p in docx.Document(str(copy)).paragraphs)
        assert f"Total asked for: {pounds(asked[application_id])}" in text
    assert {summary.duty_id for summary in summaries(data_dir)} == set(asked)


async def test_in_a_text_field_end_goes_to_the_end_and_ctrl_e_still_saves_a_copy(
    data_dir: Path, clock: FixedClock
) -> None:
    """Ctrl+E is the screen's "save a copy" even from a field (priority: the documented key);
    End is the field's end of line. In the save dialog, which has no Ctrl+E of its own, Ctrl+E
    is the path field's end of line again."""
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    applied(data_dir, officer.id, case_id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_dhp_check(pilot)
        app.screen.query_one("#dhp-applications", OptionList).highlighted = 0
        rent = app.screen.query_one("#rent", Input)
        rent.focus()
        await pilot.press("home")
        assert rent.cursor_position == 0
        await pilot.press("end")
        assert rent.cursor_position == len(rent.value) == len("650.00 pcm")
        await pilot.press("home", "ctrl+e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SaveCopyDialog)
        path = dialog.query_one(f"#{PATH_FIELD}", Input)
        await pilot.press("home")
        assert path.cursor_position == 0
        await pilot.press("ctrl+e")
        assert path.cursor_position == len(path.value) > 0
        await pilot.press("escape")  # nothing typed: straight back
        await settle(pilot)
        assert isinstance(app.screen, DhpScreen)
        # The field was left as it was: the Ctrl+E went to the screen, not to it.
        assert (rent.value, rent.cursor_position) == ("650.00 pcm", 0)
    assert exports(data_dir) == []  # no copy saved


async def test_bad_input_is_explained_beside_the_field_and_nothing_is_saved(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_dhp_check(pilot)
        await paste_into(pilot, "weeks", "13")
        await paste_into(pilot, "deposit", "-600")
        await paste_into(pilot, "removal_costs", "lots")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert message_beside(app, "deposit") == "Amounts cannot be negative."
        assert "in figures" in message_beside(app, "removal_costs")
        assert "Nothing saved" in str(app.screen.query_one("#dhp-problem").render())
        # What was typed is kept, to be put right.
        assert (field(app, "weeks"), field(app, "deposit")) == ("13", "-600")
        assert field(app, "removal_costs") == "lots"

        # A letting fee is warned about, never paid.
        await clear(pilot, "deposit")
        await clear(pilot, "removal_costs")
        await paste_into(pilot, "letting_fee", "250")
        await settle(pilot)
        result = result_shown(app)
        assert "Letting-agent fee: asked £250.00, DHP £0.00" in result
        assert "Tenant Fees Act 2019" in result

    assert applications(data_dir) == []
    assert summaries(data_dir) == []
    assert not (data_dir / "documents").exists()


async def test_the_decision_and_a_payment_are_recorded_by_keyboard(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_dhp_check(pilot)
        await paste_into(pilot, "weeks", "13")
        await pilot.press("ctrl+s")
        await settle(pilot)
        app.screen.query_one("#dhp-applications").focus()
        await pilot.press("d")
        await settle(pilot)
        await choose(pilot, "status", "Awarded")
        # The amount awarded starts as the amount asked, 390.00.
        assert app.screen.query_one("#amount_awarded", Input).value == "390.00"
        await pilot.press("ctrl+s")
        await settle(pilot)

        await pilot.press("p")
        await settle(pilot)
        # More than the award is refused beside the field.
        await clear(pilot, "amount")
        await paste(pilot, "400")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "£390.00" in str(app.screen.query_one("#field-amount FieldMessage").render())
        await clear(pilot, "amount")
        await paste(pilot, "130")
        await pilot.press("tab")
        await paste(pilot, "to the landlord")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DhpScreen)

    [application] = applications(data_dir)
    assert (application.status, application.amount_awarded) == ("awarded", Decimal("390.00"))
    assert application.decided_on == TODAY
    with open_db(data_dir).reading() as session:
        [payment] = session.exec(select(DhpPayment))
    assert (payment.amount, payment.paid_on, payment.note) == (
        Decimal("130.00"),
        TODAY,
        "to the landlord",
    )


def applied(data_dir: Path, officer_id: str, case_id: str) -> str:
    """An application of 390.00 on the interviewed case, awaiting the decision: its id."""
    db = open_db(data_dir)
    case_file = load_case_file(db, case_id)
    inputs, _ = read_check_form({"rent": "650 pcm", "housing_benefit": "520 pcm", "weeks": "13"})
    check = dhp_check(inputs, facts=case_file.facts, policy=load_policy(data_dir), on=TODAY)
    application, _ = save_application(
        db,
        officer_id=officer_id,
        case_id=case_id,
        check=check,
        form={},
        summary=RenderedDocument(b"PK", "summary"),
        file_name="summary.md",
    )
    db.close()
    return application.id


def awarded_and_paid(data_dir: Path, officer_id: str, case_id: str) -> None:
    """An application of 390.00 on the interviewed case, awarded in full and 130.00 paid."""
    application_id = applied(data_dir, officer_id, case_id)
    db = open_db(data_dir)
    record_decision(
        db,
        officer_id=officer_id,
        application_id=application_id,
        status=DhpStatus.AWARDED,
        decided_on=TODAY,
        amount_awarded=Decimal("390.00"),
    )
    record_payment(
        db,
        officer_id=officer_id,
        application_id=application_id,
        paid_on=TODAY,
        amount=Decimal("130.00"),
    )
    db.close()


async def test_the_budget_shows_an_awarded_and_paid_application(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    awarded_and_paid(data_dir, officer.id, interviewed_case(data_dir, officer.id))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_dhp_budget()
        await settle(pilot)
        assert isinstance(app.screen, DhpBudgetScreen)
        summary = " ".join(str(app.screen.query_one("#budget-summary").render()).split())
        # 150,000.00 allocated; 390.00 awarded: 130.00 paid and 260.00 committed;
        # 150,000.00 - 260.00 - 130.00 = 149,610.00 remaining; (130 + 260) / 150,000 = 0.26%.
        assert "Allocation £150,000.00" in summary
        assert "Paid £130.00" in summary
        assert "Committed (awarded, not yet paid) £260.00" in summary
        assert "Remaining £149,610.00" in summary
        assert "Used, paid or committed: 0.3% of the allocation" in summary
        table = app.screen.query_one(DataTable)
        assert [str(cell) for cell in table.get_row_at(7)] == [
            "November 2026",
            "£130.00",
            "£130.00",
        ]

        await pilot.press("right_square_bracket")
        await settle(pilot)
        summary = str(app.screen.query_one("#budget-summary").render())
        assert "No DHP allocation is set for 2027-28" in summary
        assert str(app.screen.query_one(DataTable).get_row_at(0)[1]) == "£0.00"
