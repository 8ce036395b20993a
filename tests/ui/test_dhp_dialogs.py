"""The DHP decision and payment dialogs save from inside themselves: what the database refuses
(another window recorded first) keeps the dialog open with what was typed and the reason under
it, and Escape asks before throwing away what was typed (the first answer keeps it). On a real
data folder, at 80x24."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlmodel import select
from textual.widgets import Input

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.money.dhp import DhpStatus
from screens.dhp import DhpScreen
from screens.dhp_applications import AwardPaymentDialog, DecisionDialog
from screens.dialogs import ConfirmDialog
from screens.widgets.pick_field import PickField
from storage.dhp import record_decision, record_payment
from storage.tables import DhpPayment
from tests.ui.helpers import choose, interviewed_case, open_db, paste, prepare, settle, signed_in
from tests.ui.test_dhp import (
    SIZE,
    TODAY,
    applications,
    applied,
    awarded_and_paid,
    clear,
    open_dhp_check,
)


def problem(app: HousingApp) -> str:
    return str(app.screen.query_one("#saving-problem").render())


def payments(data_dir: Path) -> list[tuple[Decimal, str]]:
    with open_db(data_dir).reading() as session:
        return sorted((row.amount, row.note) for row in session.exec(select(DhpPayment)))


async def open_the_application(pilot, key: str) -> None:
    """From the DHP check, the (only) application on the case, then `key` (d or p)."""
    await open_dhp_check(pilot)
    pilot.app.screen.query_one("#dhp-applications").focus()
    await pilot.press(key)
    await settle(pilot)


async def keep_editing_after_escape(pilot, dialog: type) -> None:
    """Escape with something typed asks first; the first answer keeps the dialog as it is."""
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ConfirmDialog)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, dialog)


async def test_a_decision_refused_by_the_database_stays_in_its_dialog_with_the_reason(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    application_id = applied(data_dir, officer.id, interviewed_case(data_dir, officer.id))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_the_application(pilot, "d")
        assert isinstance(app.screen, DecisionDialog)
        await choose(pilot, "status", "Awarded")
        await keep_editing_after_escape(pilot, DecisionDialog)
        # Meanwhile, another window records that it was refused.
        db = open_db(data_dir)
        record_decision(
            db,
            officer_id=officer.id,
            application_id=application_id,
            status=DhpStatus.REFUSED,
            decided_on=TODAY,
        )
        db.close()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DecisionDialog)
        assert app.screen.query_one("#status", PickField).value == "awarded"
        assert app.screen.query_one("#amount_awarded", Input).value == "390.00"
        assert problem(app) == (
            "The decision was not saved: That application was already decided "
            "(refused on 23/11/2026)."
        )
    [application] = applications(data_dir)
    assert (application.status, application.amount_awarded) == ("refused", None)


async def test_a_payment_refused_by_the_database_stays_in_its_dialog_with_the_reason(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    awarded_and_paid(data_dir, officer.id, interviewed_case(data_dir, officer.id))
    [application] = applications(data_dir)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_the_application(pilot, "p")
        assert isinstance(app.screen, AwardPaymentDialog)
        # 390.00 awarded, 130.00 paid: the rest, 260.00, is offered.
        assert app.screen.query_one("#amount", Input).value == "260.00"
        app.screen.query_one("#note", Input).focus()
        await paste(pilot, "to the landlord")
        await keep_editing_after_escape(pilot, AwardPaymentDialog)
        # Meanwhile, another window records 200.00 of it: 260.00 more would be too much.
        db = open_db(data_dir)
        record_payment(
            db,
            officer_id=officer.id,
            application_id=application.id,
            paid_on=TODAY,
            amount=Decimal("200.00"),
            note="by the other window",
        )
        db.close()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AwardPaymentDialog)
        assert app.screen.query_one("#amount", Input).value == "260.00"
        assert app.screen.query_one("#note", Input).value == "to the landlord"
        assert problem(app) == (
            "The payment was not saved: That would pay £590.00 in all, more than the £390.00 "
            "awarded (£60.00 is left)."
        )
        # Put right, it is saved from the dialog, which then closes.
        await clear(pilot, "amount")
        await paste(pilot, "60")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DhpScreen)
    assert payments(data_dir) == [
        (Decimal("60.00"), "to the landlord"),
        (Decimal("130.00"), ""),
        (Decimal("200.00"), "by the other window"),
    ]
