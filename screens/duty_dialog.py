"""Start or end a prevention or relief duty. Each saves the values `duties.read_duty_start`
or `read_duty_end` made of the form before it closes (see `FormDialog`), or dismisses with
None on Escape (asking first when something was typed or chosen)."""

from __future__ import annotations

from datetime import date
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Static

from housing_tui.casework.duties import Duty, DutyKind, read_duty_end, read_duty_start
from housing_tui.reference import fields
from screens import format as show
from screens.forms import DialogSave, FormDialog
from screens.widgets.form_field import FieldMessage, FormField, pick_row
from screens.widgets.pick_field import PickField

DUTIES_EXPLAINED = (
    "Prevention (s.195): threatened with homelessness within 56 days.\n"
    "Relief (s.189B): homeless now. Starting relief ends an open prevention duty "
    "on the same day."
)

END_NOTICE = (
    "A duty ends only by written notice giving the reason and the right to a review: "
    "the end notice stays on the to-do list until it is sent."
)

CHOOSE_KIND = "Choose the duty that starts: prevention or relief."


class _DutyDialog(FormDialog[dict | None]):
    """A date and a pick list, checked by the domain's reader on Ctrl+S and as the date is
    left; subclasses say which reader with `read_form`."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "Save", priority=True, id="duty.save"),
        Binding("escape", "cancel", "Cancel", id="duty.cancel"),
    ]

    DATE_KEY: str
    CHOICE_KEY: str

    def __init__(self, *, today: date, saving: DialogSave | None = None) -> None:
        super().__init__(saving=saving)
        self.today = today

    def read_form(self, text: dict[str, str]) -> tuple[dict[str, object] | None, dict[str, str]]:
        raise NotImplementedError

    def _date_field(self, label: str) -> FormField[date | None]:
        # The date as it is left, with the whole form's rules for it (before the approach, in
        # the future...), so the message shows beside it at once and stays until put right.
        return FormField(
            label,
            self.DATE_KEY,
            value=show.day(self.today),
            parse=self.checked(self.DATE_KEY, partial(fields.parse_date, today=self.today)),
            tidy=show.day,
        )

    def _choice(self, label: str, choices: list[tuple[str, str]]) -> ComposeResult:
        return pick_row(label, self.CHOICE_KEY, choices)

    def on_mount(self) -> None:
        # The date starts as today; the choice is what must be made.
        self.query_one(f"#{self.CHOICE_KEY}").focus()

    @on(PickField.Changed)
    def _chosen(self) -> None:
        # Whether the date is allowed can depend on the choice: re-check what is on screen.
        if any(message.display for message in self.query(FieldMessage)):
            self.show_errors(self.read_form(self.form_text())[1], move_focus=False)


class DutyStartDialog(_DutyDialog):
    """Which duty starts, and when."""

    DATE_KEY, CHOICE_KEY = "started_on", "kind"
    ERROR_ORDER = (CHOICE_KEY, DATE_KEY)
    DISCARD_TITLE = "Discard starting this duty?"

    def __init__(
        self,
        *,
        today: date,
        approached_on: date,
        duties: tuple[Duty, ...],
        saving: DialogSave | None = None,
    ) -> None:
        """`duties` are the case's duties so far, which a new one must follow."""
        super().__init__(today=today, saving=saving)
        self.approached_on, self.duties = approached_on, duties

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Start a duty  (Ctrl+S save, Esc cancel)", classes="dialog-title")
            yield from self._choice("Duty", DutyKind.choices())
            yield self._date_field("Starts on")
            yield Static(DUTIES_EXPLAINED, classes="hint")
            yield Static(
                f"The client approached us on {show.day(self.approached_on)}.", classes="hint"
            )
            yield self.problem_line()

    def read_form(self, raw: dict[str, str]) -> tuple[dict[str, object] | None, dict[str, str]]:
        kind = raw["kind"]
        if not kind:
            # The reader needs the duty; until it is chosen, only the date's form is checked.
            errors = {"kind": CHOOSE_KIND}
            try:
                fields.parse_date(raw["started_on"], today=self.today)
            except fields.FieldError as error:
                errors["started_on"] = str(error)
            return None, errors
        return read_duty_start(
            raw,
            kind=DutyKind(kind),
            today=self.today,
            approached_on=self.approached_on,
            duties=self.duties,
        )


class DutyEndDialog(_DutyDialog):
    """When the duty ended, and why, from the H-CLIC list for that duty."""

    DATE_KEY, CHOICE_KEY = "ended_on", "end_reason"
    ERROR_ORDER = (CHOICE_KEY, DATE_KEY)
    DISCARD_TITLE = "Discard ending this duty?"

    def __init__(self, *, today: date, duty: Duty, saving: DialogSave | None = None) -> None:
        super().__init__(today=today, saving=saving)
        self.duty = duty

    def compose(self) -> ComposeResult:
        duty = self.duty
        with Vertical(classes="dialog"):
            yield Label(
                f"End the {duty.kind.name_in_letters} from {show.day(duty.started_on)}"
                "  (Ctrl+S save, Esc cancel)",
                classes="dialog-title",
            )
            yield self._date_field("Ends on")
            yield from self._choice("Reason", duty.kind.end_reasons.choices())
            yield Static(
                f"The 56 days from {show.day(duty.started_on)} run to "
                f"{show.day(duty.last_day_of_56)}.",
                classes="hint",
            )
            yield Static(END_NOTICE, classes="hint")
            yield self.problem_line()

    def read_form(self, raw: dict[str, str]) -> tuple[dict[str, object] | None, dict[str, str]]:
        return read_duty_end(raw, duty=self.duty, today=self.today)
