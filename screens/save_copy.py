"""Ctrl+E "Save a copy", the same on every screen that shows a case's documents (the plan,
the letters, the repayment agreements): the officer says where (the dialog offers their
Documents folder, a folder per case), the copy is written there in a worker, 0600, audited as
an export, and the officer is told where it went. Issuing a document writes no file at all:
its text is in the encrypted database (housing_tui/documents/copies.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from housing_tui.documents.copies import copy_problem, suggested_copy_path
from housing_tui.documents.rendering import DOCUMENT_TITLES
from screens.background import in_background
from screens.dialogs import ConfirmDialog
from screens.forms import FormDialog
from screens.services import HousingScreen
from screens.widgets.form_field import FormField
from screens.workers import Work

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from storage.rows import DocumentRow

PATH_FIELD = "copy-path"


def made_from(
    documents: Sequence[DocumentRow], record_id: str, made_on: date
) -> DocumentRow | None:
    """The document made from a record (a repayment plan's agreement, a DHP application's
    summary): the one that names it (`CaseDocument.duty_id`). One saved before documents named
    their record is found by its day, but only if no other such one was saved that day: of two,
    neither is offered rather than perhaps the other record's."""
    named = next((document for document in documents if document.duty_id == record_id), None)
    if named is not None:
        return named
    unnamed = [d for d in documents if d.duty_id is None and d.issued_on == made_on]
    return unnamed[0] if len(unnamed) == 1 else None


class SaveCopyDialog(FormDialog[str | None]):
    """Where to write a copy of a document; dismisses with the path typed (checked), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "keep", "Save the copy", priority=True, id="save_copy.save"),
        Binding("escape", "cancel", "Cancel", id="save_copy.cancel"),
    ]

    DISCARD_TITLE = "Save no copy?"

    def __init__(self, title: str, suggested: Path, data_dir: Path) -> None:
        super().__init__()
        self._title, self._suggested, self._data_dir = title, suggested, data_dir

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="save-copy"):
            yield Label(f"Save a copy of {self._title}", classes="dialog-title")
            yield Static(
                "Enter or Ctrl+S saves it, Esc cancels. The document stays in the app "
                "(encrypted) whatever you do here. The copy is yours to print or email: keep it "
                "somewhere only you can read, and delete it when it is sent.",
                classes="hint",
            )
            yield FormField("Save to", PATH_FIELD, value=str(self._suggested))
            yield self.problem_line()

    def on_mount(self) -> None:
        self.query_one(f"#{PATH_FIELD}", Input).focus()

    def read_form(self, text: dict[str, str]) -> tuple[str | None, dict[str, str]]:
        problem = copy_problem(text[PATH_FIELD], self._data_dir)
        return (None, {PATH_FIELD: problem}) if problem else (text[PATH_FIELD].strip(), {})

    @on(Input.Submitted, f"#{PATH_FIELD}")
    def _entered(self) -> None:
        self.action_keep()


SAVE_COPY = Binding(
    "ctrl+e",
    "save_copy",
    "Copy",
    tooltip="Save a copy of the document shown, where you choose, to print or email",
    id="documents.save_copy",
    # Over a text field's own Ctrl+E (end of line; the End key does the same), as the DHP
    # check's fields and an end notice's reasons have the focus.
    priority=True,
)
"""In each `SavesCopies` screen's BINDINGS, after its own keys (so the footer shows them first)."""


class SavesCopies(HousingScreen[None]):
    """A screen showing a case's documents: Ctrl+E (`SAVE_COPY`) saves a copy of the one shown."""

    def document_to_copy(self) -> tuple[DocumentRow, str] | str:
        """The document shown and its case's reference; or why there is none, for the officer."""
        raise NotImplementedError

    def action_save_copy(self) -> None:
        from platformdirs import user_documents_path

        shown = self.document_to_copy()
        if isinstance(shown, str):
            self.notify(shown, severity="warning")
            return
        document, case_ref = shown
        title = f"the {DOCUMENT_TITLES[document.kind].lower()}"
        data_dir = self.services.data_dir

        def ask(documents: Path) -> None:
            suggested = suggested_copy_path(documents, case_ref, document.file_name)
            self.app.push_screen(SaveCopyDialog(title, suggested, data_dir), chosen)

        def chosen(typed: str | None) -> None:
            if typed:
                self._write_copy(document, Path(typed).expanduser(), replace=False)

        # Finding the Documents folder may read the desktop's settings file: not here.
        in_background(self, user_documents_path, ask, group=Work.COPY)

    def _write_copy(self, document: DocumentRow, path: Path, *, replace: bool) -> None:
        from storage.document_copies import write_document_copy

        services = self.services
        app = self.app

        def written(done: bool) -> None:
            if done:
                app.notify(f"Copy saved: {path}", timeout=10)
                return

            def decided(answer: str | None) -> None:
                if answer == "replace":
                    self._write_copy(document, path, replace=True)

            app.push_screen(
                ConfirmDialog(
                    "That file exists",
                    f"{path} is already there. Keep it (and save no copy), or replace it "
                    "with this document?",
                    [("keep", "Keep it"), ("replace", "Replace it")],
                ),
                decided,
            )

        # The app's worker, not the screen's: leaving the screen neither stops the copy nor
        # the message saying where it went; quitting waits for it (Work.COPY is in WRITES).
        in_background(
            app,
            lambda: write_document_copy(
                services.db,
                officer_id=services.officer.id,
                document_id=document.id,
                path=path,
                data_dir=services.data_dir,
                replace=replace,
            ),
            written,
            group=Work.COPY,
        )
