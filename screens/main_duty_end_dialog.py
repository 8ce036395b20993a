"""The end of the main housing duty (Ctrl+E on the Decision screen): the day it ended, why (the
H-CLIC main duty end list), what happened for the letter, and, once the letter is produced,
the day they were notified. Checked by `casework.decisions.main_duty_end.read_main_duty_end`
on Ctrl+S and as each date is left; saved before it closes (see `FormDialog`), or dismissed
with None on Escape (asking first when something was typed)."""

from __future__ import annotations

from datetime import date
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Static

from housing_tui.casework.decisions.application import Application
from housing_tui.casework.decisions.main_duty_end import read_main_duty_end
from housing_tui.reference import fields
from housing_tui.reference.hclic import hclic_codes
from screens import format as show
from screens.forms import DialogSave, FormDialog
from screens.widgets.form_field import FormField, pick_row

HOW_IT_ENDS = (
    "It ends on an offer accepted or refused (Part 6 or private rented), no longer eligible, "
    "intentionally homeless from or leaving the accommodation. Once saved, the end cannot "
    "change: produce its letter (Ctrl+T), then record the day they got it here."
)


class MainDutyEndDialog(FormDialog[dict | None]):
    """When and why the main duty ended on `application`, or (once recorded) the day they were
    notified of it."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "Save", priority=True, id="main_duty_end.save"),
        Binding("escape", "cancel", "Cancel", id="main_duty_end.cancel"),
    ]
    DEFAULT_CSS = """
    MainDutyEndDialog .dialog { width: 90%; max-width: 100; }
    """
    ERROR_ORDER = (
        "main_duty_ended_on",
        "main_duty_end_reason",
        "main_duty_end_note",
        "main_duty_end_notified_on",
    )
    DISCARD_TITLE = "Discard ending the main duty?"

    def __init__(
        self, *, today: date, application: Application, saving: DialogSave | None = None
    ) -> None:
        super().__init__(saving=saving)
        self.today, self.application = today, application

    def compose(self) -> ComposeResult:
        application = self.application
        recorded = application.main_duty_ended_on is not None

        def day(label: str, key: str, value: date | None) -> FormField[date | None]:
            return FormField(
                label,
                key,
                value=show.day(value) if value else "",
                parse=self.checked(key, partial(fields.parse_date, today=self.today)),
                tidy=show.day,
            )

        began = application.main_duty_from
        with Vertical(classes="dialog"):
            yield Label(
                ("The end of the main duty" if recorded else "End the main duty")
                + "  (Ctrl+S save, Esc cancel)",
                classes="dialog-title",
            )
            yield day(
                "Ended on", "main_duty_ended_on", application.main_duty_ended_on or self.today
            )
            yield from pick_row(
                "Why",
                "main_duty_end_reason",
                hclic_codes().main_duty_end.choices(),
                value=application.main_duty_end_reason or "",
                blank="Choose",
            )
            yield FormField(
                "What happened",
                "main_duty_end_note",
                value=application.main_duty_end_note,
                placeholder="the offer, the dates, what they said: the letter's reasons",
            )
            yield day(
                "Notified on",
                "main_duty_end_notified_on",
                application.main_duty_end_notified_on,
            )
            if began is not None:
                yield Static(f"The main duty was owed from {show.day(began)}.", classes="hint")
            yield Static(HOW_IT_ENDS, classes="hint")
            yield self.problem_line()

    def on_mount(self) -> None:
        recorded = self.application.main_duty_ended_on is not None
        self.query_one(
            "#main_duty_end_notified_on" if recorded else "#main_duty_end_reason"
        ).focus()

    def read_form(self, raw: dict[str, str]) -> tuple[dict[str, object] | None, dict[str, str]]:
        return read_main_duty_end(raw, today=self.today, application=self.application)
