"""Add or change one step of the Personal Housing Plan. Saves the values
`actions.read_action` made of the form before it closes (see `FormDialog`), or dismisses
with None when the officer leaves it as it was."""

from __future__ import annotations

from datetime import date
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from housing_tui.prevention.actions import (
    ActionOwner,
    ActionStatus,
    Outcome,
    PlanAction,
    read_action,
)
from housing_tui.reference import fields
from housing_tui.reference.hclic import hclic_codes
from screens import format as show
from screens.forms import DialogSave, FormDialog
from screens.widgets.form_field import FormField, pick_row

FORM_KEYS = (
    "title",
    "owner",
    "due_on",
    "status",
    "outcome",
    "outcome_on",
    "accommodation_secured",
    "note",
)
"""The form's fields in the order they are shown."""

DATES = ("due_on", "outcome_on")

OUTCOME_HINT = (
    "Counts as prevented only if they stayed, or moved to suitable accommodation, "
    "for at least 6 months, with the date."
)


class ActionDialog(FormDialog[dict | None]):
    """One plan step: who does what by when, and how it turned out."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "Save step", priority=True, id="plan_step.save"),
        Binding("escape", "cancel", "Cancel", id="plan_step.cancel"),
    ]

    def __init__(
        self,
        *,
        today: date,
        action: PlanAction | None = None,
        suggested: dict[str, str] | None = None,
        heading: str = "Plan step",
        saving: DialogSave | None = None,
    ) -> None:
        """`action` is the step being changed; a new step starts from `suggested`, the raw text
        of the option the officer chose (e.g. {"title": ..., "owner": "council"})."""
        super().__init__(saving=saving)
        self.today, self.action, self.heading = today, action, heading
        self._start = self._starting_text(suggested or {})
        """What the form opens with."""

    def _starting_text(self, suggested: dict[str, str]) -> dict[str, str]:
        action = self.action
        if action is None:
            start = {key: suggested.get(key, "") for key in FORM_KEYS}
            for key in DATES:
                start[key] = self._tidy_date(start[key])
            return start
        return {
            "title": action.title,
            "owner": action.owner.value,
            "due_on": show.day(action.due_on) if action.due_on else "",
            "status": action.status.value,
            "outcome": action.outcome.value if action.outcome else "",
            "outcome_on": show.day(action.outcome_on) if action.outcome_on else "",
            "accommodation_secured": action.accommodation_secured or "",
            "note": action.note,
        }

    def _tidy_date(self, text: str) -> str:
        """A suggested "+14" shown as the day it means; text that is not a date is left for
        Ctrl+S to explain."""
        parsed = fields.read_or(partial(fields.parse_date, today=self.today), text)
        return show.day(parsed) if parsed else text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"{self.heading}  (Ctrl+S save, Esc cancel)", classes="dialog-title")
            with VerticalScroll(classes="dialog-form"):
                yield self._text("What", "title")
                yield from self._choice("Who does it", "owner", ActionOwner.choices())
                yield self._date("Due", "due_on")
                yield from self._choice("Status", "status", ActionStatus.choices())
                yield from self._choice("Outcome", "outcome", Outcome.choices(), "Not yet")
                yield Static(OUTCOME_HINT, classes="hint")
                yield self._date("Outcome date", "outcome_on")
                yield from self._choice(
                    "Accommodation secured",
                    "accommodation_secured",
                    hclic_codes().accommodation_secured.choices(),
                    "Only if they moved",
                )
                yield self._text("Note", "note")
            yield self.problem_line()

    def _choice(
        self, label: str, key: str, choices: list[tuple[str, str]], blank: str = ""
    ) -> ComposeResult:
        return pick_row(label, key, choices, value=self._start[key], blank=blank)

    def _text(self, label: str, key: str) -> FormField[str]:
        return FormField(label, key, value=self._start[key], parse=self.checked(key, str))

    def _date(self, label: str, key: str) -> FormField[date | None]:
        parse_date = partial(fields.parse_date, today=self.today)
        return FormField(
            label, key, value=self._start[key], parse=self.checked(key, parse_date), tidy=show.day
        )

    def read_form(self, text: dict[str, str]) -> tuple[dict[str, object] | None, dict[str, str]]:
        return read_action(text, today=self.today)

    def on_mount(self) -> None:
        self.query_one("#title").focus()

    def action_cancel(self) -> None:
        self.cancel("Discard the changes to this step?", discard="Discard changes")
