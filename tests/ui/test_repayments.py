"""Repayment plans by keyboard, at 80x24, from an interviewed case: a plan agreed with its
signed agreement on disk, a payment recorded, a plan the policy refuses kept on the form with
the reason beside the field, and a plan in arrears on the due list."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
from sqlmodel import select
from textual import events
from textual.widgets import DataTable, Input

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.documents.build_templates import build
from housing_tui.money.amounts import Frequency
from housing_tui.money.repayments import PlanTerms, RechargeKind
from housing_tui.reference.policy import load_policy
from screens.dialogs import ConfirmDialog
from screens.due import DueScreen
from screens.payment_dialog import PlanPaymentDialog
from screens.repayments import NewPlanScreen, RepaymentsScreen
from storage.interviews import save_answer
from storage.repayments import create_plan
from storage.tables import CaseDocument, DeadlineMet, Repayment, RepaymentPlan
from tests.ui.helpers import (
    choose,
    interviewed_case,
    open_db,
    paste,
    paste_into,
    pick,
    prepare,
    settle,
    signed_in,
)
from tests.ui.test_document_copies import save_copy_to

SIZE = (80, 24)
TODAY = date(2026, 11, 23)  # the tests' clock (tests/conftest.py)


def rows(data_dir: Path, table) -> list:
    with open_db(data_dir).reading() as session:
        return list(session.exec(select(table)))


def message_beside(app: HousingApp, field: str) -> str:
    return str(app.screen.query_one(f"#field-{field}").query_one("FieldMessage").render())


def interviewed_with_earnings(data_dir: Path, officer_id: str) -> str:
    """The interviewed tenant (rent £650 a month = £150 a week; Housing Benefit £520 a month
    = £120 a week) who also earns £90 a week: £210 in, £150 out, £60 a week left over."""
    case_id = interviewed_case(data_dir, officer_id)
    save_answer(
        open_db(data_dir),
        officer_id=officer_id,
        case_id=case_id,
        key="earnings",
        value="90.00 weekly",
    )
    return case_id


def ten_a_week(
    data_dir: Path, officer_id: str, case_id: str, kind: RechargeKind, owed: Decimal
) -> str:
    """A plan agreed today: `owed` at £10.00 a week from Mon 30 Nov 2026. Its id."""
    return create_plan(
        open_db(data_dir),
        officer_id=officer_id,
        case_id=case_id,
        terms=PlanTerms(
            kind=kind,
            description="",
            amount_owed=owed,
            instalment=Decimal("10.00"),
            frequency=Frequency.WEEKLY,
            first_due_on=date(2026, 11, 30),
        ),
        agreed_on=TODAY,
        policy=load_policy(data_dir),
    )


async def open_repayments(pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")  # the only case on the caseload
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)
    assert isinstance(pilot.app.screen, RepaymentsScreen)


async def replace_text(pilot, field_id: str, text: str) -> None:
    pilot.app.screen.query_one(f"#{field_id}").focus()
    await pilot.press("end", "shift+home")  # the whole text selected: the paste replaces it
    await paste(pilot, text)


async def test_a_plan_agreed_by_keyboard_is_saved_with_its_agreement(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_with_earnings(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_repayments(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewPlanScreen)
        # £60 left over a week: 50% is £30.00, within £5 to £50.
        assert form.query_one("#instalment").value == "30.00"
        affordability = str(form.query_one("#new-plan-affordability").render())
        assert "£60.00 a week left over" in affordability

        await choose(pilot, "kind", "Rent d")
        await paste_into(pilot, "description", "Flat 2, 5 Mill Lane")
        await paste_into(pilot, "amount_owed", "500")
        await replace_text(pilot, "instalment", "20")
        await paste_into(pilot, "first_due_on", "14/12/2026")
        await settle(pilot)
        # The schedule as it will be: Mon 28 Dec 2026 is a bank holiday, so Tue 29 Dec.
        preview = str(form.query_one("#new-plan-schedule").render())
        assert "25 payments of £20.00 a week, 14/12/2026 to 01/06/2027" in preview
        assert "Tue 29/12/2026" in preview
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RepaymentsScreen)
        table = app.screen.query_one("#rep-plans", DataTable)
        assert table.get_row_at(0)[:4] == ["Rent deposit", "£500.00", "£0.00", "£500.00"]

    (plan,) = rows(data_dir, RepaymentPlan)
    assert (plan.case_id, plan.kind, plan.description) == (
        case_id,
        "deposit",
        "Flat 2, 5 Mill Lane",
    )
    assert (plan.amount_owed, plan.instalment, plan.frequency) == (
        Decimal("500.00"),
        Decimal("20.00"),
        "weekly",
    )
    assert (plan.first_due_on, plan.agreed_on, plan.status) == (date(2026, 12, 14), TODAY, "active")
    (agreement,) = rows(data_dir, CaseDocument)
    assert agreement.kind == "repayment_agreement"
    text = agreement.body
    assert not (data_dir / "documents").exists()  # in the database only, until Ctrl+E
    assert "Dear Testy Tenant" in text
    assert "paid for your rent deposit (Flat 2, 5 Mill Lane) on your behalf" in text
    assert "- You will pay: £20.00 a week (25 payments in all)" in text
    # The payments are a table in the agreement (Word's, and Markdown's in the app).
    assert "| 3 | Tuesday 29 December 2026 | £20.00 |" in text
    assert "| 25 | Tuesday 1 June 2027 | £20.00 |" in text
    assert "- We agreed £20.00 a week." in text


async def agree_a_deposit_plan(pilot, description: str, owed: str) -> None:
    """`a`, a rent deposit plan for `owed` at £20 a week from Mon 14 Dec 2026, Ctrl+S."""
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, NewPlanScreen)
    await choose(pilot, "kind", "Rent d")
    await paste_into(pilot, "description", description)
    await paste_into(pilot, "amount_owed", owed)
    await replace_text(pilot, "instalment", "20")
    await paste_into(pilot, "first_due_on", "14/12/2026")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, RepaymentsScreen)


async def test_ctrl_e_on_each_of_two_plans_agreed_the_same_day_saves_its_own_agreement(
    data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    officer = prepare(data_dir, clock)
    interviewed_with_earnings(data_dir, officer.id)
    homes = ("Flat 2, 5 Mill Lane", "Flat 9, 1 High Street")
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_repayments(pilot)
        await agree_a_deposit_plan(pilot, homes[0], "500")
        await agree_a_deposit_plan(pilot, homes[1], "300")
        plans = {plan.description: plan.id for plan in rows(data_dir, RepaymentPlan)}
        assert set(plans) == set(homes)
        table = app.screen.query_one("#rep-plans", DataTable)
        for number, home in enumerate(homes):
            table.focus()
            table.move_cursor(row=table.get_row_index(plans[home]))
            await settle(pilot)
            await save_copy_to(pilot, tmp_path / f"agreement {number}.docx")
            assert isinstance(app.screen, RepaymentsScreen)

    for number, (home, other) in enumerate((homes, homes[::-1])):
        text = "\n".join(
            p.text for p in docx.Document(str(tmp_path / f"agreement {number}.docx")).paragraphs
        )
        assert f"paid for your rent deposit ({home}) on your behalf" in text
        assert other not in text
    agreements = {doc.duty_id: doc for doc in rows(data_dir, CaseDocument)}
    assert set(agreements) == set(plans.values())  # each names the plan it was made from
    for home, plan_id in plans.items():
        assert home in agreements[plan_id].body


async def test_a_plans_pick_lists_are_typed_into_and_saved(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    interviewed_with_earnings(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_repayments(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewPlanScreen)
        assert form.query_one("#instalment").value == "30.00"  # a week
        await pick(pilot, "kind", "adv")
        await paste_into(pilot, "amount_owed", "600")
        await pick(pilot, "frequency", "fort")
        # The suggested instalment follows how often they pay: £30.00 a week, £60.00 a fortnight.
        assert form.query_one("#instalment").value == "60.00"
        await paste_into(pilot, "first_due_on", "14/12/2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RepaymentsScreen)
    (plan,) = rows(data_dir, RepaymentPlan)
    assert (plan.kind, plan.frequency, plan.instalment) == (
        "rent_in_advance",
        "fortnightly",
        Decimal("60.00"),
    )


async def test_a_payment_recorded_by_keyboard(data_dir: Path, clock: FixedClock) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    plan_id = ten_a_week(data_dir, officer.id, case_id, RechargeKind.BNB, Decimal("300.00"))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_repayments(pilot)
        await pilot.press("p")
        await settle(pilot)
        # More than is owed is refused beside the amount, and nothing is saved.
        await paste(pilot, "400")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "more than the £300.00 still owed" in message_beside(app, "amount")
        assert rows(data_dir, Repayment) == []

        await replace_text(pilot, "amount", "10")
        await pilot.press("tab", "tab")
        await paste(pilot, "cash at the office")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RepaymentsScreen)
        assert app.screen.query_one("#rep-plans", DataTable).get_row_at(0)[2] == "£10.00"

    (payment,) = rows(data_dir, Repayment)
    assert (payment.plan_id, payment.case_id) == (plan_id, case_id)
    assert (payment.paid_on, payment.amount, payment.note) == (
        TODAY,
        Decimal("10.00"),
        "cash at the office",
    )


async def test_escape_in_the_payment_dialog_asks_before_dropping_a_typed_payment(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    ten_a_week(data_dir, officer.id, case_id, RechargeKind.BNB, Decimal("300.00"))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_repayments(pilot)
        await pilot.press("p")
        await settle(pilot)
        await paste(pilot, "10")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the first answer keeps editing
        await settle(pilot)
        assert isinstance(app.screen, PlanPaymentDialog)
        assert app.screen.query_one("#amount", Input).value == "10"
    assert rows(data_dir, Repayment) == []


async def test_a_plan_too_long_for_the_policy_is_refused_and_the_form_kept(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_repayments(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        # The interview shows £30 a week more going out than coming in: the policy minimum.
        assert form.query_one("#instalment").value == "5.00"
        assert "debt advice" in str(form.query_one("#new-plan-warning").render())

        await choose(pilot, "kind", "B&B")
        await paste_into(pilot, "amount_owed", "1000")
        await paste_into(pilot, "first_due_on", "+7")
        await pilot.press("ctrl+s")
        await settle(pilot)
        # £1,000 at £5 a week is 200 weeks; 1000 / 104 = 9.615... rounded up to £9.62.
        assert app.screen is form
        assert "Agree at least £9.62 a week" in message_beside(app, "instalment")
        assert app.focused is form.query_one("#instalment")
        # Kept as typed, tidied when the officer moved on: 1000 -> 1000.00; +7 -> the day.
        assert form.query_one("#amount_owed").value == "1000.00"
        assert form.query_one("#first_due_on").value == "30/11/2026"
        assert form.query_one("#kind").value == "bnb"

    assert rows(data_dir, RepaymentPlan) == []
    assert rows(data_dir, CaseDocument) == []


async def test_every_character_typed_before_ctrl_s_is_saved(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    ten_a_week(data_dir, officer.id, case_id, RechargeKind.STORAGE, Decimal("100.00"))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_repayments(pilot)
        await pilot.press("p")
        await settle(pilot)
        # A quick typist: the keys and Ctrl+S arrive together, before the field has taken them.
        for key in [*"25", "ctrl+s"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot)
    (payment,) = rows(data_dir, Repayment)
    assert payment.amount == Decimal("25.00")


async def test_a_plan_in_arrears_is_on_the_due_list_until_the_client_is_contacted(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    # Agreed on paper 4 weeks ago: £20 a week from Mon 26 Oct 2026, nothing paid. By today,
    # Mon 23 Nov, the grace days (7) have run out for 26 Oct, 2 Nov, 9 Nov and 16 Nov: £80
    # behind since 26 Oct, and the latest fell behind today.
    plan_id = create_plan(
        open_db(data_dir),
        officer_id=officer.id,
        case_id=case_id,
        terms=PlanTerms(
            kind=RechargeKind.DEPOSIT,
            description="",
            amount_owed=Decimal("500.00"),
            instalment=Decimal("20.00"),
            frequency=Frequency.WEEKLY,
            first_due_on=date(2026, 10, 26),
        ),
        agreed_on=TODAY,
        policy=load_policy(data_dir),
    )
    expected = (
        "Repayment plan (Rent deposit) in arrears: £80.00 behind since 26/10/2026 — contact "
        "the client"
    )
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_repayments(pilot)
        arrears = app.screen.query_one("#rep-plans", DataTable).get_row_at(0)[5]
        assert str(arrears) == "£80.00"
        await pilot.press("escape", "escape")  # the case, then the caseload
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, DueScreen)
        table = app.screen.query_one("#due-table", DataTable)
        found = [
            (str(table.get_row_at(n)[0]), table.get_row_at(n)[5])
            for n in range(table.row_count)
            if "Repayment plan" in table.get_row_at(n)[5]
        ]
        assert found == [("Today", expected)]
        table.move_cursor(
            row=[table.get_row_at(n)[5] for n in range(table.row_count)].index(expected)
        )
        await pilot.press("x")  # contacted: record it as done
        await settle(pilot)
        await pilot.press("enter")  # "Done today"
        await settle(pilot)
        assert all("Repayment plan" not in table.get_row_at(n)[5] for n in range(table.row_count))
    (met,) = rows(data_dir, DeadlineMet)
    assert met.deadline == f"repayment_arrears:{plan_id}@2026-11-23"


async def test_a_plan_passed_to_legal_by_keyboard(data_dir: Path, clock: FixedClock) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    create_plan(
        open_db(data_dir),
        officer_id=officer.id,
        case_id=case_id,
        terms=PlanTerms(
            kind=RechargeKind.REMOVAL,
            description="",
            amount_owed=Decimal("200.00"),
            instalment=Decimal("10.00"),
            frequency=Frequency.WEEKLY,
            first_due_on=date(2026, 11, 30),
        ),
        agreed_on=TODAY,
        policy=load_policy(data_dir),
    )
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_repayments(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("enter")  # "Back" is first: Enter changes nothing
        await settle(pilot)
        assert [plan.status for plan in rows(data_dir, RepaymentPlan)] == ["active"]
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("tab", "enter")  # "Pass to legal"
        await settle(pilot)
        assert str(app.screen.query_one("#rep-plans", DataTable).get_row_at(0)[5]) == (
            "Passed to legal"
        )
    assert [plan.status for plan in rows(data_dir, RepaymentPlan)] == ["legal"]


def warning_beside(app: HousingApp, field: str) -> str:
    line = app.screen.query_one(f"#field-{field} .field-warning")
    return str(line.render()) if line.display else ""


async def test_how_long_a_plan_takes_shows_beside_the_instalment_as_the_amount_is_typed(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_repayments(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#instalment").value == "5.00"  # the policy minimum
        await choose(pilot, "kind", "B&B")
        # £2,000 at £5 a week is 400 payments (400 weeks); the policy allows 104 weeks:
        # 2000 / 104 = 19.230... rounded up to £19.24 a week. Said beside the instalment as
        # soon as the amount is left, before any Ctrl+S.
        await paste_into(pilot, "amount_owed", "2000")
        await pilot.press("tab")
        await settle(pilot)
        beside = message_beside(app, "instalment")
        assert "£2,000.00 takes 400 payments (400 weeks)" in beside
        assert "Agree at least £19.24 a week" in beside
        # Put right: the message goes.
        await replace_text(pilot, "instalment", "20")
        await pilot.press("tab")
        await settle(pilot)
        assert not form.query_one("#field-instalment FieldMessage").display
    assert rows(data_dir, RepaymentPlan) == []


async def test_a_first_payment_in_the_past_is_warned_beside_the_date_before_saving(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_repayments(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        await choose(pilot, "kind", "B&B")
        await paste_into(pilot, "amount_owed", "300")
        # Mon 16 Nov 2026 is a week before today (23 Nov): a plan signed on paper may start
        # then, but the first payment is due already. Ctrl+S straight from the field: warned
        # beside it, not saved.
        form.query_one("#first_due_on").focus()
        await pilot.press(*"16/11/2026", "ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "16/11/2026 is in the past" in warning_beside(app, "first_due_on")
        assert rows(data_dir, RepaymentPlan) == []
        # Seen: a second Ctrl+S saves it as it is (the officer decides).
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RepaymentsScreen)
    (plan,) = rows(data_dir, RepaymentPlan)
    assert plan.first_due_on == date(2026, 11, 16)


async def test_a_first_payment_from_today_is_not_warned(data_dir: Path, clock: FixedClock) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_repayments(pilot)
        await pilot.press("a")
        await settle(pilot)
        await choose(pilot, "kind", "B&B")
        await paste_into(pilot, "amount_owed", "300")
        await paste_into(pilot, "first_due_on", "today")
        await pilot.press("tab")
        await settle(pilot)
        assert warning_beside(app, "first_due_on") == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RepaymentsScreen)
    (plan,) = rows(data_dir, RepaymentPlan)
    assert plan.first_due_on == TODAY


async def test_an_agreement_template_that_cannot_be_used_saves_nothing_and_says_why(
    data_dir: Path, clock: FixedClock
) -> None:
    # The agreement is made in the save's worker (a .docx takes a moment): a council template
    # it cannot use refuses the save there, the form keeping what was typed and saying why.
    officer = prepare(data_dir, clock)
    case_id = interviewed_with_earnings(data_dir, officer.id)
    (data_dir / "templates").mkdir()
    council_file = data_dir / "templates" / "repayment_agreement.docx"
    council_file.write_bytes(build("Dear {{ client_name }}, you owe {{ amount_owing }}.\n"))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await open_repayments(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewPlanScreen)
        await choose(pilot, "kind", "Rent d")
        await paste_into(pilot, "amount_owed", "500")
        await replace_text(pilot, "instalment", "20")
        await paste_into(pilot, "first_due_on", "14/12/2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # still on the form, with what was typed
        assert form.query_one("#amount_owed").value == "500.00"
        told = " ".join(str(message.render()) for message in form.query("FieldMessage"))
        assert "the agreement cannot be made" in told
        assert str(council_file) in told and "{{ amount_owing }}" in told
    assert rows(data_dir, RepaymentPlan) == []
    assert [row for row in rows(data_dir, CaseDocument) if row.case_id == case_id] == []
