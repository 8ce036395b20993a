"""The plan step and duty dialogs by keyboard: what they dismiss with, messages beside the field
that is wrong without losing what was typed, and Escape asking before it throws changes away."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from housing_tui.casework.duties import Duty, DutyKind
from housing_tui.prevention.actions import ActionOwner, ActionStatus, Outcome, PlanAction
from screens.action_dialog import ActionDialog
from screens.dialogs import ConfirmDialog
from screens.duty_dialog import DutyEndDialog, DutyStartDialog
from screens.widgets.pick_field import PickField, field_key
from tests.ui.helpers import choose, type_into

TODAY = date(2026, 11, 23)
APP_CSS = Path(__file__).parents[2] / "screens" / "app.tcss"


class Host(App[None]):
    """Opens one dialog over an empty screen and keeps what it dismisses with."""

    CSS_PATH = APP_CSS

    def __init__(self, dialog: ModalScreen) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list[object] = []

    def compose(self) -> ComposeResult:
        yield Static("Case")

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


def value_of(app: App, field_id: str) -> str:
    return app.screen.query_one(f"#{field_id}", Input).value


def message_beside(app: App, field_id: str) -> str:
    """The message under a typed field (FormField) or a pick list (its FieldMessage); empty
    when none is showing."""
    screen = app.screen
    found = screen.query(f"#field-{field_id} FieldMessage") or screen.query(f"#error-{field_id}")
    message = found.first()
    return str(message.render()) if message.display else ""


async def retype(pilot, field_id: str, text: str) -> None:
    """Clear a field from the start, as an officer putting it right would, and type again."""
    await type_into(pilot, field_id, "")
    await pilot.press("home", "ctrl+k", *text)


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()


SAVED_STEP = PlanAction(
    id="a1",
    title="Negotiate with the landlord",
    owner=ActionOwner.COUNCIL,
    due_on=date(2026, 11, 30),
    status=ActionStatus.AGREED,
    option_key="landlord_negotiation",
    prevention_activity="negotiation_prs",
    relief_activity=None,
    outcome=None,
    outcome_on=None,
    accommodation_secured=None,
    note="Landlord open to a payment plan.",
)


# --- plan steps ------------------------------------------------------------------------------


async def test_a_suggested_step_opens_filled_in_and_saves_as_offered() -> None:
    suggested = {
        "title": "Apply for Discretionary Housing Payment",
        "owner": "applicant",
        "due_on": "+2w",
        "status": "agreed",
    }
    app = Host(ActionDialog(today=TODAY, suggested=suggested))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert value_of(app, "due_on") == "07/12/2026"  # "+2w" as the day it means
        await save(pilot)
    assert app.results == [
        {
            "title": "Apply for Discretionary Housing Payment",
            "owner": ActionOwner.APPLICANT,
            "due_on": date(2026, 12, 7),
            "status": ActionStatus.AGREED,
            "outcome": None,
            "outcome_on": None,
            "accommodation_secured": None,
            "note": "",
        }
    ]


async def test_a_new_step_is_typed_and_chosen_by_keyboard() -> None:
    app = Host(ActionDialog(today=TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Bring bank statements", "tab")
        await choose(pilot, "owner", "Client")
        await type_into(pilot, "due_on", "+14")
        await pilot.press("tab")
        await pilot.pause()
        assert value_of(app, "due_on") == "07/12/2026"
        await choose(pilot, "status", "Agreed")
        await type_into(pilot, "note", "And payslips")
        await save(pilot)
    [values] = app.results
    assert values["title"] == "Bring bank statements"
    assert values["owner"] is ActionOwner.APPLICANT
    assert values["due_on"] == date(2026, 12, 7)
    assert values["status"] is ActionStatus.AGREED
    assert values["note"] == "And payslips"


async def test_an_impossible_due_date_is_explained_beside_it_and_kept() -> None:
    app = Host(ActionDialog(today=TODAY, action=SAVED_STEP))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert value_of(app, "due_on") == "30/11/2026"
        await type_into(pilot, "due_on", "32/13/2026")
        await save(pilot)
        assert isinstance(app.screen, ActionDialog)
        assert "Not a real date" in message_beside(app, "due_on")
        assert value_of(app, "due_on") == "32/13/2026"
        assert app.screen.focused.id == "due_on"
        # Put right, the message goes and the step saves.
        await retype(pilot, "due_on", "1/12/26")
        await save(pilot)
    assert app.results[0]["due_on"] == date(2026, 12, 1)


async def test_a_step_that_secured_accommodation_needs_its_outcome_date_and_where() -> None:
    app = Host(ActionDialog(today=TODAY, action=SAVED_STEP))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await choose(pilot, "status", "Succeeded")
        await save(pilot)
        assert "choose an outcome" in message_beside(app, "outcome")
        assert field_key(app.screen.focused) == "outcome"

        await choose(pilot, "outcome", "Moved")
        await type_into(pilot, "outcome_on", "20/11/2026")
        await save(pilot)
        assert message_beside(app, "outcome") == ""
        assert "accommodation they moved to" in message_beside(app, "accommodation_secured")
        assert field_key(app.screen.focused) == "accommodation_secured"
        assert isinstance(app.screen, ActionDialog)
        assert app.results == []
        assert value_of(app, "outcome_on") == "20/11/2026"

        await choose(pilot, "accommodation_secured", "SRS: council")
        await save(pilot)
    [values] = app.results
    assert values["status"] is ActionStatus.SUCCEEDED
    assert values["outcome"] is Outcome.MOVED
    assert values["outcome_on"] == date(2026, 11, 20)
    assert values["accommodation_secured"] == "srs_council"
    # What the officer did not touch comes back as it was saved.
    assert values["title"] == SAVED_STEP.title
    assert values["note"] == SAVED_STEP.note


async def test_a_missing_outcome_date_stays_shown_when_the_officer_tabs_past_it() -> None:
    app = Host(ActionDialog(today=TODAY, action=SAVED_STEP))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await choose(pilot, "status", "Succeeded")
        await choose(pilot, "outcome", "Stayed")
        await save(pilot)
        assert app.screen.focused.id == "outcome_on"
        await pilot.press("tab")
        await pilot.pause()
        assert "date the accommodation was secured" in message_beside(app, "outcome_on")


async def test_escape_after_a_change_asks_and_keeps_editing_by_default() -> None:
    app = Host(ActionDialog(today=TODAY, action=SAVED_STEP))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("end", *" this week")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the first answer keeps editing
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog)
        assert value_of(app, "title") == "Negotiate with the landlord this week"

        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("tab", "enter")  # "Discard changes"
        await pilot.pause()
        assert not isinstance(app.screen, ModalScreen)
    assert app.results == [None]


async def test_escape_with_nothing_changed_closes_at_once() -> None:
    app = Host(ActionDialog(today=TODAY, action=SAVED_STEP))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ModalScreen)
    assert app.results == [None]


async def test_a_step_with_every_field_wrong_still_reaches_its_note_at_80x24() -> None:
    app = Host(ActionDialog(today=TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_into(pilot, "due_on", "32/13/2026")
        await choose(pilot, "outcome", "Stayed")
        await choose(pilot, "accommodation_secured", "Family")
        await save(pilot)
        dialog = app.screen.query_one(".dialog")
        assert dialog.outer_size.height <= 24
        note = app.screen.query_one("#note")
        assert not dialog.region.contains_region(note.region)  # below the fold
        await type_into(pilot, "note", "Ring first")
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        assert dialog.region.contains_region(note.region)
        assert value_of(app, "note") == "Ring first"


# --- duties ----------------------------------------------------------------------------------

OPEN_PREVENTION = Duty(id="d1", kind=DutyKind.PREVENTION, started_on=date(2026, 10, 1))


async def test_starting_relief_is_chosen_by_keyboard_and_starts_today_by_default() -> None:
    app = Host(
        DutyStartDialog(today=TODAY, approached_on=date(2026, 9, 28), duties=(OPEN_PREVENTION,))
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert value_of(app, "started_on") == "23/11/2026"
        await choose(pilot, "kind", "Relief")
        await save(pilot)
    assert app.results == [{"kind": DutyKind.RELIEF, "started_on": TODAY}]


async def test_a_duty_cannot_start_before_the_approach() -> None:
    app = Host(DutyStartDialog(today=TODAY, approached_on=date(2026, 11, 20), duties=()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await save(pilot)  # no duty chosen yet
        assert "prevention or relief" in message_beside(app, "kind")
        await choose(pilot, "kind", "Prevention")
        await type_into(pilot, "started_on", "19/11/2026")
        await save(pilot)
        assert message_beside(app, "kind") == ""
        assert "before the client approached us on 20/11/2026" in message_beside(app, "started_on")
        assert value_of(app, "started_on") == "19/11/2026"
        assert isinstance(app.screen, DutyStartDialog)
        await retype(pilot, "started_on", "20/11/2026")
        await save(pilot)
    assert app.results == [{"kind": DutyKind.PREVENTION, "started_on": date(2026, 11, 20)}]


async def test_ending_a_duty_needs_a_reason_from_its_own_list() -> None:
    app = Host(DutyEndDialog(today=TODAY, duty=OPEN_PREVENTION))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = str(app.screen.query_one(".dialog-title").render())
        assert "prevention duty from 01/10/2026" in title
        await type_into(pilot, "ended_on", "20/11/2026")
        await save(pilot)
        assert "Choose the reason" in message_beside(app, "end_reason")
        assert value_of(app, "ended_on") == "20/11/2026"
        assert field_key(app.screen.focused) == "end_reason"
        options = [choice.code for choice in app.screen.query_one("#end_reason", PickField).choices]
        assert "secured_stayed" in options and "secured" not in options  # not the relief list
        await choose(pilot, "end_reason", "contact lost")
        await save(pilot)
    assert app.results == [{"ended_on": date(2026, 11, 20), "end_reason": "contact_lost"}]


async def test_56_days_elapsed_is_refused_before_the_56_days_are_over() -> None:
    app = Host(DutyEndDialog(today=TODAY, duty=OPEN_PREVENTION))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await choose(pilot, "end_reason", "56 days")
        await save(pilot)
        assert "run to 25/11/2026" in message_beside(app, "end_reason")
        assert isinstance(app.screen, DutyEndDialog)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("tab", "enter")  # "Discard": a reason was chosen
        await pilot.pause()
    assert app.results == [None]


@pytest.mark.parametrize(
    "dialog",
    [
        DutyStartDialog(today=TODAY, approached_on=date(2026, 9, 28), duties=()),
        DutyEndDialog(today=TODAY, duty=OPEN_PREVENTION),
    ],
    ids=["start", "end"],
)
async def test_escape_in_a_duty_dialog_asks_before_dropping_a_typed_date(
    dialog: DutyStartDialog | DutyEndDialog,
) -> None:
    app = Host(dialog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await retype(pilot, dialog.DATE_KEY, "20/11/2026")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the first answer keeps editing
        await pilot.pause()
        assert app.screen is dialog
        assert value_of(app, dialog.DATE_KEY) == "20/11/2026"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("tab", "enter")  # "Discard"
        await pilot.pause()
        assert not isinstance(app.screen, ModalScreen)
    assert app.results == [None]


async def test_escape_in_a_duty_dialog_left_as_it_opened_closes_at_once() -> None:
    app = Host(DutyEndDialog(today=TODAY, duty=OPEN_PREVENTION))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ModalScreen)
    assert app.results == [None]
