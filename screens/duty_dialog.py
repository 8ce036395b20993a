"""Start or end a prevention or relief duty. Each saves the values `duties.read_duty_start`
or `read_duty_end` made of the form before it closes (see `SavingDialog`), or dismisses with
None on Escape."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Select, Static

from housing_tui.casework.duties import Duty, DutyKind, read_duty_end, read_duty_start
from housing_tui.reference import fields
from screens import format as show
from screens.keys import after_typing
from screens.saving import DialogSave, SavingDialog
from screens.widgets.form_field import FieldMessage, FieldRow, FormField

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


class _DutyDialog(SavingDialog[dict | None]):
    """A date and a pick list, checked by the domain's reader on Ctrl+S and as the date is
    left; subclasses say which reader with `_read`."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "Save", priority=True),
        Binding("escape", "dismiss(None)", "Cancel"),
    ]

    DATE_KEY: str
    CHOICE_KEY: str

    def __init__(self, *, today: date, saving: DialogSave | None = None) -> None:
        super().__init__(saving=saving)
        self.today = today

    def _read(self, raw: dict[str, str]) -> tuple[dict[str, object] | None, dict[str, str]]:
        raise NotImplementedError

    def _date_field(self, label: str) -> FormField:
        return FormField(
            label,
            self.DATE_KEY,
            value=show.day(self.today),
            parse=self._checked_date,
            tidy=show.day,
        )

    def _choice(self, label: str, choices: list[tuple[str, str]]) -> ComposeResult:
        yield FieldRow(label, Select(choices, prompt="Choose…", id=self.CHOICE_KEY, compact=True))
        yield FieldMessage(id=f"error-{self.CHOICE_KEY}")

    def on_mount(self) -> None:
        # The date starts as today; the choice is what must be made.
        self.query_one(f"#{self.CHOICE_KEY}").focus()

    def _raw(self) -> dict[str, str]:
        choice = self.query_one(f"#{self.CHOICE_KEY}", Select).value
        return {
            self.DATE_KEY: self.query_one(FormField).value,
            self.CHOICE_KEY: choice if isinstance(choice, str) else "",
        }

    def _show(self, errors: dict[str, str]) -> None:
        self.query_one(FormField).show_error(errors.get(self.DATE_KEY))
        self.query_one(f"#error-{self.CHOICE_KEY}", FieldMessage).show(errors.get(self.CHOICE_KEY))

    def _checked_date(self, text: str) -> date | None:
        """The date as it is left, with the whole form's rules for it (before the approach,
        in the future...), so the message shows beside it at once and stays until put right."""
        when = fields.parse_date(text, today=self.today)
        _, errors = self._read({**self._raw(), self.DATE_KEY: text})
        if self.DATE_KEY in errors:
            raise fields.FieldError(errors[self.DATE_KEY])
        return when

    @on(Select.Changed)
    def _chosen(self) -> None:
        # Whether the date is allowed can depend on the choice: re-check what is on screen.
        if any(message.display for message in self.query(FieldMessage)):
            self._show(self._read(self._raw())[1])

    @after_typing
    def action_keep(self) -> None:
        values, errors = self._read(self._raw())
        self._show(errors)
        if values is not None:
            self.save_then_close(values)
        elif self.focused is None or self.focused.id not in errors:
            first = self.CHOICE_KEY if self.CHOICE_KEY in errors else self.DATE_KEY
            self.query_one(f"#{first}").focus()


class DutyStartDialog(_DutyDialog):
    """Which duty starts, and when."""

    DATE_KEY, CHOICE_KEY = "started_on", "kind"

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
            yield self.saving_problem()

    def _read(self, raw: dict[str, str]) -> tuple[dict[str, object] | None, dict[str, str]]:
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
            yield self.saving_problem()

    def _read(self, raw: dict[str, str]) -> tuple[dict[str, object] | None, dict[str, str]]:
        return read_duty_end(raw, duty=self.duty, today=self.today)
