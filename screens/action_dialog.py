"""Add or change one step of the Personal Housing Plan. Saves the values
`actions.read_action` made of the form before it closes (see `SavingDialog`), or dismisses
with None when the officer leaves it as it was."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Select, Static

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
from screens.dialogs import ask_before_discarding
from screens.keys import after_typing
from screens.saving import DialogSave, SavingDialog
from screens.widgets.form_field import FieldMessage, FieldRow, FormField

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
"""The form's fields in the order they are shown, which is also the order errors take focus."""

SELECTS = ("owner", "status", "outcome", "accommodation_secured")
DATES = ("due_on", "outcome_on")

OUTCOME_HINT = (
    "Counts as prevented only if they stayed, or moved to suitable accommodation, "
    "for at least 6 months, with the date."
)


class ActionDialog(SavingDialog[dict | None]):
    """One plan step: who does what by when, and how it turned out."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "Save step", priority=True),
        Binding("escape", "cancel", "Cancel"),
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
        """The form as it opened, to tell whether Escape would lose anything."""

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
        start = self._start
        with Vertical(classes="dialog"):
            yield Label(f"{self.heading}  (Ctrl+S save, Esc cancel)", classes="dialog-title")
            with VerticalScroll(classes="dialog-form"):
                yield self._text("What", "title")
                yield from _choice("Who does it", "owner", ActionOwner.choices(), start)
                yield self._date("Due", "due_on")
                yield from _choice("Status", "status", ActionStatus.choices(), start)
                yield from _choice("Outcome", "outcome", Outcome.choices(), start, "Not yet")
                yield Static(OUTCOME_HINT, classes="hint")
                yield self._date("Outcome date", "outcome_on")
                yield from _choice(
                    "Accommodation secured",
                    "accommodation_secured",
                    hclic_codes().accommodation_secured.choices(),
                    start,
                    "Only if they moved",
                )
                yield self._text("Note", "note")
            yield self.saving_problem()

    def _text(self, label: str, key: str) -> FormField:
        return FormField(label, key, value=self._start[key], parse=self._checked(key))

    def _date(self, label: str, key: str) -> FormField:
        parse_date = partial(fields.parse_date, today=self.today)
        return FormField(
            label, key, value=self._start[key], parse=self._checked(key, parse_date), tidy=show.day
        )

    def _checked(self, key: str, parse: Callable[[str], object] = str) -> Callable[[str], object]:
        """`parse`, then the whole form's rules for this field, as it is left: so a message
        such as "give the date the accommodation was secured" shows beside it at once, and
        does not go when the officer tabs past until it is put right."""

        def check(text: str) -> object:
            value = parse(text)
            _, errors = read_action({**self._raw(), key: text}, today=self.today)
            if key in errors:
                raise fields.FieldError(errors[key])
            return value

        return check

    def on_mount(self) -> None:
        self.query_one("#title").focus()

    def _raw(self) -> dict[str, str]:
        raw = {form_field.field_name: form_field.value for form_field in self.query(FormField)}
        for key in SELECTS:
            value = self.query_one(f"#{key}", Select).value
            raw[key] = value if isinstance(value, str) else ""
        return raw

    @after_typing
    def action_keep(self) -> None:
        values, errors = read_action(self._raw(), today=self.today)
        for form_field in self.query(FormField):
            form_field.show_error(errors.get(form_field.field_name))
        for key in SELECTS:
            self.query_one(f"#error-{key}", FieldMessage).show(errors.get(key))
        if values is not None:
            self.save_then_close(values)
            return
        # Stay in a field that is wrong; otherwise go to the first one that is.
        focused = self.focused.id if self.focused else None
        if focused not in errors:
            first = next(key for key in FORM_KEYS if key in errors)
            self.query_one(f"#{first}").focus()

    def action_cancel(self) -> None:
        if self._raw() == self._start:
            self.dismiss(None)
            return

        ask_before_discarding(
            self,
            "Discard the changes to this step?",
            "Nothing on this form has been saved yet.",
            lambda: self.dismiss(None),
            leave="Discard changes",
        )


def _choice(
    label: str,
    key: str,
    choices: list[tuple[str, str]],
    start: dict[str, str],
    prompt: str = "Choose…",
) -> ComposeResult:
    """A labelled pick list and its message. A saved code no longer on the list (a council
    changed its H-CLIC file) is still shown, so Ctrl+S can say it must be chosen again."""
    code = start[key]
    if code and code not in {value for _, value in choices}:
        choices = [*choices, (f"Unknown code {code!r}", code)]
    yield FieldRow(
        label,
        Select(choices, value=code or Select.NULL, prompt=prompt, id=key, compact=True),
    )
    yield FieldMessage(id=f"error-{key}")
