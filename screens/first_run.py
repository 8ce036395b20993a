"""First run on this laptop: who is the officer? Asked once; every change records them."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Input, Label, Static

from housing_tui.reference import fields
from screens.forms import Form
from screens.keys import after_typing
from screens.widgets.form_field import FormField
from storage.rows import OfficerRow

if TYPE_CHECKING:
    from storage.database import Database


class FirstRunScreen(Form[OfficerRow]):
    """Shown before the app is ready: it has the case database, not yet the officer."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True, id="first_run.save")]

    def __init__(self, db: Database, data_dir: Path) -> None:
        super().__init__()
        self.db, self.data_dir = db, data_dir

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="first-run"):
            yield Label("Welcome. Who is using this laptop?", classes="section-title")
            yield Static(
                "Your name and initials go on every record you create or change. "
                "You are asked once."
            )
            yield FormField(
                "Your name", "officer_name", parse=partial(fields.parse_name, what="Your name")
            )
            yield FormField("Initials", "initials", parse=fields.parse_initials)
            yield Static("Enter on the last field, or Ctrl+S, to start.", classes="hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#officer_name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "initials":
            self.action_save()
        else:
            self.focus_next()

    @after_typing
    def action_save(self) -> None:
        reading = fields.read_form(
            self.form_text(),
            {
                "officer_name": partial(fields.parse_name, what="Your name"),
                "initials": fields.parse_initials,
            },
        )
        self.show_errors(reading.errors)
        if reading.errors:
            return
        db, data_dir = self.db, self.data_dir
        name, initials = reading.values["officer_name"], reading.values["initials"]

        def create() -> OfficerRow:
            from dataclasses import replace

            from housing_tui.settings import LocalSettings
            from storage.officers import create_officer

            officer = create_officer(db, name, initials)
            # Keep whatever else is already set (the team store, if sync was set up first).
            settings = LocalSettings.load(data_dir)
            replace(settings, officer_id=officer.id).save(data_dir)
            return officer

        self.app.saves.save("your name and initials", create, self.dismiss, key="officer")
