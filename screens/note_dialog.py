"""A case note: written in a dialog, saved before it closes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, TextArea

from screens.forms import FormDialog
from screens.keys import after_typing
from screens.widgets.form_field import FieldMessage


class NoteDialog(FormDialog[str | None]):
    """Write a case note; Ctrl+S saves it, Escape drops it (asking first if one is typed)."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "Save note", priority=True, id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    DISCARD_TITLE = "Discard this note?"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("New case note  (Ctrl+S save, Esc cancel)", classes="dialog-title")
            yield TextArea(id="note-body")
            yield FieldMessage(id="note-error")
            yield self.problem_line()

    @after_typing
    def action_keep(self) -> None:
        text = self.query_one(TextArea).text.strip()
        if not text:
            self.query_one("#note-error", FieldMessage).show("The note is empty.")
            return
        self.query_one("#note-error", FieldMessage).show(None)
        self.save_then_close(text)
