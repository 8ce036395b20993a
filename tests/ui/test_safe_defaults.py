"""Safe defaults by keyboard: every question that could throw work away opens on the answer that
keeps it (Enter, like Escape, loses nothing), and the work kept is then saved as typed; the
arrow keys move between a dialog's answers; and Home, End, PageUp and PageDown move through
every list and table.

`test_every_place_that_asks_is_tested` finds every place the app asks (each ConfirmDialog, each
form left with `leave_form`, each dialog form) and fails on one no test here looks after."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlmodel import select
from textual.screen import Screen
from textual.widgets import Button, DataTable

import screens
from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from housing_tui.money.repayments import RechargeKind
from housing_tui.reference.pick_lists import Choice
from screens.action_dialog import ActionDialog
from screens.caseload import CaseloadScreen
from screens.decision import DecisionScreen
from screens.deposit_check import DepositCheckScreen
from screens.dhp import DhpScreen
from screens.dialogs import ConfirmDialog
from screens.duty_dialog import DutyStartDialog
from screens.forms import FormDialog
from screens.member_dialog import MemberDialog
from screens.new_plan import NewPlanScreen
from screens.note_dialog import NoteDialog
from screens.payment_dialog import PlanPaymentDialog
from screens.save_copy import SaveCopyDialog
from screens.triage import TriageScreen
from screens.widgets.pick_field import PickField
from storage.tables import (
    Case,
    CaseNote,
    DhpApplication,
    Duty,
    HomelessnessApplication,
    PropertyCheck,
    Repayment,
    RepaymentPlan,
)
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
from tests.ui.test_decision import fill_in_minded_to, open_decision
from tests.ui.test_deposit_check import eligible_case, fill_in, open_deposit_check
from tests.ui.test_dialogs import Host
from tests.ui.test_repayments import open_repayments, ten_a_week

TODAY = date(2026, 11, 23)
# Answers that throw away what was typed or end something: never the one Enter gives.
LOSING = {"discard", "close"}


def default_answer(app) -> str:
    assert isinstance(app.screen, ConfirmDialog)
    focused = app.screen.focused
    assert isinstance(focused, Button)
    return focused.id or ""


async def test_leaving_a_typed_triage_opens_on_keep_typing(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, TriageScreen)
        await pilot.press(*"Sam", "escape")
        await settle(pilot)
        assert default_answer(app) == "keep"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TriageScreen)


async def test_closing_a_case_opens_on_keep_open(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock, demo_clients=30)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")  # the whole team's cases
        await settle(pilot)
        app.screen.query_one("#caseload-table").focus()
        await pilot.press("enter")
        await settle(pilot)
        case_id = app.screen.case_id
        await pilot.press("c")
        await settle(pilot)
        assert default_answer(app) not in LOSING
        await pilot.press("enter")
        await settle(pilot)
    db = open_db(data_dir, clock)
    with db.reading() as session:
        assert session.get(Case, case_id).status == "open"
    db.close()


async def test_every_dialog_form_asks_with_keep_first() -> None:
    from tests.ui.test_dialogs import SAVED_STEP

    dialogs = [
        ActionDialog(today=TODAY, action=SAVED_STEP),
        MemberDialog(today=TODAY),
        SaveCopyDialog("the plan", Path("/tmp/copies/plan.md"), Path("/tmp/data")),
    ]
    for dialog in dialogs:
        app = Host(dialog)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("end", *"x", "escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog), type(dialog).__name__
            assert default_answer(app) not in LOSING, type(dialog).__name__


async def test_arrows_move_between_a_dialogs_answers() -> None:
    app = Host(ConfirmDialog("Close?", "Sure?", [("keep", "Keep"), ("close", "Close")]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.focused.id == "keep"
        await pilot.press("right")
        assert app.screen.focused.id == "close"
        await pilot.press("left")
        assert app.screen.focused.id == "keep"
        await pilot.press("down")
        assert app.screen.focused.id == "close"
        await pilot.press("up", "enter")
        await pilot.pause()
    assert app.results == ["keep"]


async def test_home_end_and_pages_in_the_caseload(data_dir: Path, clock: FixedClock) -> None:
    prepare(data_dir, clock, demo_clients=30)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        await pilot.press("t")  # the whole team's cases
        await settle(pilot)
        table = app.screen.query_one("#caseload-table", DataTable)
        table.focus()
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("pagedown")
        assert table.cursor_row > 1
        await pilot.press("pageup")
        assert table.cursor_row == 0


async def test_page_keys_in_a_pick_list() -> None:
    """Page Down and Page Up move a page at a time through an open pick list."""
    from textual.app import App, ComposeResult

    class Picker(App[None]):
        def compose(self) -> ComposeResult:
            yield PickField([Choice(str(n), f"Choice {n}") for n in range(30)], id="pick")

    app = Picker()
    async with app.run_test(size=(80, 24)) as pilot:
        pick = app.query_one(PickField)
        pick.focus()
        await pilot.press("down", *["pagedown"] * 5, "enter")
        await pilot.pause()
        assert pick.value == "29"
        await pilot.press("down", *["pageup"] * 5, "enter")
        await pilot.pause()
        assert pick.value == "0"


# --- the work kept is saved as typed -----------------------------------------------------------


def rows(data_dir: Path, table: type) -> list:
    db = open_db(data_dir)
    try:
        with db.reading() as session:
            return list(session.exec(select(table)))
    finally:
        db.close()


async def keep_then_save(pilot, form: type[Screen]) -> None:
    """Escape asks, opening on the answer that keeps the work; Enter keeps it, on the same
    form; Ctrl+S then saves it (the caller checks the database)."""
    await pilot.press("escape")
    await settle(pilot)
    assert default_answer(pilot.app) not in LOSING
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, form)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def open_case(pilot, key: str) -> None:
    """From the caseload, the (only) case, then `key`."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)


async def test_a_typed_note_is_kept_by_default_then_saved(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, "n")
        await pilot.press(*"Rang the landlord")
        await keep_then_save(pilot, NoteDialog)
    assert [note.body for note in rows(data_dir, CaseNote)] == ["Rang the landlord"]


async def test_a_duty_being_started_is_kept_by_default_then_saved(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)  # owed the prevention duty from Mon 16 Nov
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, "d")
        await choose(pilot, "kind", "Relief")
        await keep_then_save(pilot, DutyStartDialog)
    started = {(duty.kind, duty.started_on) for duty in rows(data_dir, Duty)}
    assert ("relief", TODAY) in started


async def test_a_dhp_check_is_kept_by_default_then_saved(data_dir: Path, clock: FixedClock) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, "h")
        await paste_into(pilot, "weeks", "13")
        await paste_into(pilot, "deposit", "600")
        await keep_then_save(pilot, DhpScreen)
    [application] = rows(data_dir, DhpApplication)
    assert (application.weeks, application.deposit) == (13, Decimal("600.00"))


async def test_a_deposit_check_is_kept_by_default_then_saved(
    data_dir: Path, clock: FixedClock
) -> None:
    eligible_case(data_dir, clock)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_deposit_check(pilot)
        await fill_in(pilot)
        await keep_then_save(pilot, DepositCheckScreen)
    assert len(rows(data_dir, PropertyCheck)) == 1


async def test_a_homelessness_application_is_kept_by_default_then_saved(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_decision(pilot, case_id)
        await fill_in_minded_to(pilot)
        await keep_then_save(pilot, DecisionScreen)
    [application] = rows(data_dir, HomelessnessApplication)
    assert application.minded_to_outcome == "no_priority_need"


async def test_a_repayment_plan_is_kept_by_default_then_saved(
    data_dir: Path, clock: FixedClock
) -> None:
    officer = prepare(data_dir, clock)
    interviewed_case(data_dir, officer.id)
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_repayments(pilot)
        await pilot.press("a")
        await settle(pilot)
        await choose(pilot, "kind", "Rent d")
        await paste_into(pilot, "amount_owed", "500")
        await paste_into(pilot, "instalment", "20")
        await paste_into(pilot, "first_due_on", "14/12/2026")
        await keep_then_save(pilot, NewPlanScreen)
    [plan] = rows(data_dir, RepaymentPlan)
    assert (plan.amount_owed, plan.instalment) == (Decimal("500.00"), Decimal("20.00"))


async def test_a_payment_is_kept_by_default_then_saved(data_dir: Path, clock: FixedClock) -> None:
    officer = prepare(data_dir, clock)
    case_id = interviewed_case(data_dir, officer.id)
    ten_a_week(data_dir, officer.id, case_id, RechargeKind.BNB, Decimal("300.00"))
    app = HousingApp(data_dir, clock=clock, unlocked=signed_in(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_repayments(pilot)
        await pilot.press("p")
        await settle(pilot)
        await paste(pilot, "10")
        await keep_then_save(pilot, PlanPaymentDialog)
    assert [payment.amount for payment in rows(data_dir, Repayment)] == [Decimal("10.00")]


# --- every place that asks is tested -------------------------------------------------------------

ROOT = Path(__file__).parents[2]
ASKING = {"ConfirmDialog", "leave_form", "ask_before_discarding"}

TESTED = {
    # Questions that could lose work: each test presses Enter on the question and checks the
    # work is still there (and, from the app, that it is then saved).
    "housing_tui/app.py HousingApp._ask_to_close_unsaved": "test_saving.py::"
    "test_quitting_while_locked_says_what_is_unsaved_and_closes_once_saved",
    "screens/case_detail.py CaseScreen.action_close_case": "test_safe_defaults.py::"
    "test_closing_a_case_opens_on_keep_open",
    "screens/triage.py TriageScreen.action_cancel": "test_safe_defaults.py::"
    "test_leaving_a_typed_triage_opens_on_keep_typing",
    "screens/dhp.py DhpScreen.action_leave": "test_safe_defaults.py::"
    "test_a_dhp_check_is_kept_by_default_then_saved",
    "screens/deposit_check.py DepositCheckScreen.action_back": "test_safe_defaults.py::"
    "test_a_deposit_check_is_kept_by_default_then_saved",
    "screens/target_hardening.py TargetHardeningScreen.action_back": "test_target_hardening.py::"
    "test_bad_works_are_refused_beside_the_field_and_nothing_typed_is_lost",
    "screens/decision.py DecisionScreen.action_back": "test_safe_defaults.py::"
    "test_a_homelessness_application_is_kept_by_default_then_saved",
    "screens/new_plan.py NewPlanScreen.action_cancel": "test_safe_defaults.py::"
    "test_a_repayment_plan_is_kept_by_default_then_saved",
    "screens/save_copy.py SavesCopies._write_copy": "test_document_copies.py::"
    "test_a_letter_copy_is_refused_inside_the_data_folder_and_kept_if_the_file_exists",
    "housing_tui/app.py HousingApp._offer_to_remove_old_copies": "test_document_copies.py::"
    "test_plain_copies_from_before_are_shown_at_sign_in_and_kept_unless_removed",
    # The one way every dialog form asks (FormDialog.cancel), and what it is made of: each
    # dialog form is listed in DIALOG_FORMS.
    "screens/forms.py FormDialog.cancel": "test_safe_defaults.py::"
    "test_every_dialog_form_asks_with_keep_first",
    "screens/forms.py Form.leave_form": "test_safe_defaults.py::"
    "test_every_dialog_form_asks_with_keep_first",
    "screens/dialogs.py ask_before_discarding": "test_safe_defaults.py::"
    "test_every_dialog_form_asks_with_keep_first",
    # Questions that lose nothing whichever answer is given: Enter gives what the officer
    # asked for (the first answer is checked below not to discard or close).
    "screens/triage.py TriageScreen._confirm_new": "a possible duplicate: which record to use",
    "screens/repayments.py RepaymentsScreen.action_status": "a plan's new status; Back first",
    "screens/due.py DueScreen.action_mark_met": "record a deadline as met, as asked",
    "screens/options.py OptionsScreen.action_choose": "add an option that does not fit",
    "screens/interview.py InterviewScreen.action_history": "earlier answers: one Close button",
    "screens/officers.py OfficersScreen._change": "what was done to an account: one Done button",
    "screens/officers.py OfficersScreen.action_deactivate": "deactivate an officer: Keep first",
    "screens/laptops.py LaptopsScreen.action_revoke": "test_laptops.py::"
    "test_an_admin_sees_the_laptops_and_revokes_one_after_being_asked",
    "screens/accommodation.py AccommodationScreen.action_remove": "test_placements.py::"
    "test_a_placement_recorded_in_error_is_removed_only_after_asking_keep_first",
}

DIALOG_FORMS = {
    "ActionDialog": "test_safe_defaults.py::test_every_dialog_form_asks_with_keep_first",
    "MemberDialog": "test_safe_defaults.py::test_every_dialog_form_asks_with_keep_first",
    "SaveCopyDialog": "test_safe_defaults.py::test_every_dialog_form_asks_with_keep_first",
    "NoteDialog": "test_safe_defaults.py::test_a_typed_note_is_kept_by_default_then_saved",
    "DutyStartDialog": "test_safe_defaults.py::"
    "test_a_duty_being_started_is_kept_by_default_then_saved",
    "DutyEndDialog": "test_dialogs.py::"
    "test_escape_in_a_duty_dialog_asks_before_dropping_a_typed_date",
    "PlanPaymentDialog": "test_safe_defaults.py::test_a_payment_is_kept_by_default_then_saved",
    "DecisionDialog": "test_dhp_dialogs.py::"
    "test_a_decision_refused_by_the_database_stays_in_its_dialog_with_the_reason",
    "AwardPaymentDialog": "test_dhp_dialogs.py::"
    "test_a_payment_refused_by_the_database_stays_in_its_dialog_with_the_reason",
    "ClientDetailsDialog": "test_client_details.py::"
    "test_leaving_the_correction_asks_before_discarding_it",
    "SyncSettingsDialog": "test_sync.py::"
    "test_a_wrong_location_stays_on_the_form_with_what_is_wrong",
    "PlacementDialog": "test_placements.py::"
    "test_each_accommodation_dialog_asks_before_dropping_what_was_typed",
    "PlacementEndDialog": "test_placements.py::"
    "test_each_accommodation_dialog_asks_before_dropping_what_was_typed",
    "CostDialog": "test_placements.py::"
    "test_each_accommodation_dialog_asks_before_dropping_what_was_typed",
    "MainDutyEndDialog": "test_main_duty_end.py::"
    "test_escape_in_the_main_duty_end_asks_before_dropping_what_was_typed",
}


def places_that_ask() -> dict[str, list[ast.Call]]:
    """Each function in the app that asks a question or leaves a form by asking, as
    "file Class.function", with its calls that ask."""
    found: dict[str, list[ast.Call]] = {}

    def visit(node: ast.AST, path: str, where: list[str]) -> None:
        for child in ast.iter_child_nodes(node):
            named = isinstance(child, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            inside = [*where, child.name] if named else where
            if isinstance(child, ast.Call):
                name = getattr(child.func, "id", None) or getattr(child.func, "attr", None)
                # The outer function (a question's callback is nested in it), in its class.
                if name in ASKING:
                    found.setdefault(f"{path} {'.'.join(where[:2])}", []).append(child)
            visit(child, path, inside)

    for top in ("housing_tui", "screens"):
        for file in sorted((ROOT / top).rglob("*.py")):
            path = file.relative_to(ROOT).as_posix()
            visit(ast.parse(file.read_text("utf-8")), path, [])
    return found


def dialog_forms() -> set[str]:
    """Every dialog form the app has (a FormDialog that is not only a base for others)."""
    for module in pkgutil.walk_packages(screens.__path__, "screens."):
        importlib.import_module(module.name)
    found: set[str] = set()
    todo = [FormDialog]
    while todo:
        kind = todo.pop()
        todo += kind.__subclasses__()
        if not kind.__subclasses__() and not kind.__name__.startswith("_"):
            found.add(kind.__name__)
    return found


def is_a_test(reference: str) -> bool:
    file, _, name = reference.partition("::")
    module = importlib.import_module(f"tests.ui.{file.removesuffix('.py')}")
    return callable(getattr(module, name, None))


def test_every_place_that_asks_is_tested() -> None:
    places = places_that_ask()
    untested = sorted(set(places) - set(TESTED))
    assert not untested, f"a question with no test in TESTED (add one): {untested}"
    assert not sorted(set(TESTED) - set(places)), "TESTED names a place that no longer asks"
    for place, calls in places.items():
        for call in calls:
            # A question's first answer is the one Enter gives: never one that loses work.
            answers = call.args[2] if len(call.args) > 2 else None
            if isinstance(answers, ast.List) and isinstance(answers.elts[0], ast.Tuple):
                first = answers.elts[0].elts[0]
                assert isinstance(first, ast.Constant) and first.value not in LOSING, place
    forms = dialog_forms()
    assert forms == set(DIALOG_FORMS), f"dialog forms with no test in DIALOG_FORMS: {forms}"
    for reference in [*DIALOG_FORMS.values(), *TESTED.values()]:
        if "::" in reference:
            assert is_a_test(reference), f"no such test: {reference}"
