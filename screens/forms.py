"""One way for every form and dialog to edit, check, save and leave.

A form reads what is on it as text (`form_text`), asks the domain's reader for the values or a
message per field (`read_form`), and says what is wrong beside each field, staying in a wrong
field or going to the first one (`show_errors`); `checked` gives a field the whole form's rules
as it is left. Saving goes through the app's saves in a worker (`save_form`), so a save the
database refuses leaves what was typed on the form, with the reason on its problem line.
Leaving asks before throwing away anything changed since the form opened (`leave_form`). A new
form is then its fields, its reader and what saving writes.

A dialog (`FormDialog`) saves what it was given to save (`DialogSave`) before it closes, so a
refusal leaves the officer in the dialog with their words and the reason under them; given
nothing to save, it closes with its values for whoever opened it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, ScreenResultType
from textual.widgets import TextArea

from housing_tui.reference.fields import FieldError
from screens.dialogs import ask_before_discarding
from screens.keys import after_typing
from screens.services import HousingScreen
from screens.widgets.form_field import FieldMessage, FormField, ParsedT
from screens.widgets.pick_field import PickField, field_key

NOTHING_SAVED_YET = "Nothing on this form has been saved yet."


class Form(HousingScreen[ScreenResultType]):
    """A screen of fields that are checked, saved and left the same way as every other."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+o",
            "take_offers",
            "Use suggested",
            show=False,
            tooltip='Write the fields as suggested under them ("Sam Carter")',
            id="form.take_offers",
        )
    ]

    PROBLEM_ID: ClassVar[str] = "saving-problem"
    """The line that says why the form is not saved (yet)."""
    ERROR_ORDER: ClassVar[tuple[str, ...]] = ()
    """Where focus goes first when several fields are wrong; the order on screen if empty."""

    opened_as: dict[str, str] | None = None
    """The form as it opened or was last saved (None while it has nothing to lose)."""
    last_saved: dict[str, str] | None = None
    """The form as it was last saved from here: saving that again would save it twice."""

    def read_form(self, text: dict[str, str]) -> tuple[object | None, dict[str, str]]:
        """The form's rules: the values to save, or a message per field that is wrong."""
        return text, {}

    def form_text(self) -> dict[str, str]:
        """What is on the form: each field's text (a note's too) and each pick list's code
        ("" for none)."""
        text = {form_field.field_name: form_field.value for form_field in self.query(FormField)}
        for area in self.query(TextArea):
            if area.id:
                text[area.id] = area.text
        for pick in self.query(PickField):
            text[str(pick.id)] = pick.value or ""
        return text

    def opened(self, text: dict[str, str] | None = None) -> None:
        """The form now shows what it holds (`text`, or what is on it): changes from here on
        are what leaving would lose."""
        self.opened_as = self.form_text() if text is None else text

    def same_form(self, text: dict[str, str], other: dict[str, str]) -> bool:
        """Two copies of the form hold the same: as typed, unless a form compares them as
        read (so a field only tidied on leaving it is no change)."""
        return text == other

    def unchanged(self) -> bool:
        """Nothing would be lost by leaving: the form is as it opened (or as last saved)."""
        return self.opened_as is None or self.same_form(self.form_text(), self.opened_as)

    def saved_already(self, text: dict[str, str]) -> bool:
        """`text` is what was last saved from here: change it to save again."""
        return self.last_saved is not None and self.same_form(text, self.last_saved)

    def now_saved(
        self,
        text: dict[str, str],
        tell: str,
        *,
        severity: SeverityLevel = "information",
        timeout: float | None = None,
    ) -> None:
        """After a save of `text`: tell the officer; if the form is still open, what it shows
        is what is saved (leaving loses nothing, saving it again is refused); then every open
        screen reads the database again."""
        self.app.notify(tell, severity=severity, timeout=timeout)
        if self.is_attached:
            self.opened(text)
            self.last_saved = text
            self.show_problem(None)
        self.app.changed()

    def checked(self, key: str, parse: Callable[[str], ParsedT]) -> Callable[[str], ParsedT]:
        """`parse`, then the whole form's rules for field `key`, as it is left: so a message
        such as "more than is owed" shows beside it at once, and stays until put right."""

        def check(text: str) -> ParsedT:
            value = parse(text)
            _, errors = self.read_form({**self.form_text(), key: text})
            if key in errors:
                raise FieldError(errors[key])
            return value

        return check

    def show_errors(self, errors: dict[str, str], *, move_focus: bool = True) -> None:
        """Each message beside its field (a pick list's under it, `#error-<key>`), none beside
        the rest; then stay in a field that is wrong, or go to the first one that is."""
        for form_field in self.query(FormField):
            form_field.show_error(errors.get(form_field.field_name))
        for message in self.query(FieldMessage):
            if message.id and message.id.startswith("error-"):
                message.show(errors.get(message.id.removeprefix("error-")))
        if not move_focus or not errors or field_key(self.focused) in errors:
            return
        order = self.ERROR_ORDER or [str(widget.id) for widget in self.query("Input, PickField")]
        first = next((key for key in order if key in errors), None)
        if first is not None:
            self.query_one(f"#{first}").focus()

    def action_take_offers(self) -> None:
        """Ctrl+O: every field showing a suggestion is written as suggested."""
        for form_field in self.query(FormField):
            form_field.take_offer()

    def problem_line(self) -> FieldMessage:
        """Where the form says it is not saved (yet), and why: for `compose`."""
        return FieldMessage(id=self.PROBLEM_ID)

    def show_problem(self, message: str | None) -> None:
        self.query_one(f"#{self.PROBLEM_ID}", FieldMessage).show(message)

    def still_saving(self, key: str, tell: str | None = None) -> bool:
        """A save of `key` is under way (the save key pressed twice saves once); `tell` says so."""
        if not self.app.saves.underway(key):
            return False
        if tell:
            self.notify(tell)
        return True

    def save_form(
        self,
        what: str,
        write: Callable[[], Any],
        saved: Callable[[Any], object],
        *,
        key: str,
        refused_as: str = "Not saved",
    ) -> None:
        """Write in the background (app.saves), then `saved(result)`; while the database is
        busy, and if it refuses, the problem line says so and the form keeps what was typed."""
        self.show_problem(None)
        self.app.saves.save(
            what,
            write,
            saved,
            owner=self,
            shown=self.show_problem,
            key=key,
            refused_as=refused_as,
        )

    def leave_form(
        self,
        leave: Callable[[], object],
        title: str,
        body: str = NOTHING_SAVED_YET,
        *,
        keep: str = "Keep editing",
        discard: str = "Discard",
    ) -> None:
        """`leave()` at once if nothing typed would be lost; else only if the officer says so."""
        if self.unchanged():
            leave()
        else:
            ask_before_discarding(self, title, body, leave, keep=keep, leave=discard)


@dataclass(frozen=True)
class DialogSave:
    """How a `FormDialog` saves the values typed into it."""

    what: str
    """The change in the officer's words ("the case note")."""
    write: Callable[[Any], Any]
    """Writes the dialog's values (a storage function, called in the worker)."""
    saved: Callable[[Any], object]
    """Once committed, with the values saved: refresh the screen, tell the officer."""
    refused_as: str = "Not saved"
    given_result: bool = False
    """`saved` is given what `write` returned instead (the row as saved, a plan's status)."""


class FormDialog(ModalScreen[ScreenResultType], Form[ScreenResultType]):
    """A form over the screen that opened it, which saves (`saving`) before it closes.
    ModalScreen first: Textual takes a widget's CSS from its first base's line only.

    Textual calls `on_mount` of every class in a screen's line, so a dialog's own `on_mount`
    (to focus its first field) need not call this one's: the form is noted as opened either
    way, and Escape (`cancel`) asks before throwing away what was typed."""

    DISCARD_TITLE: ClassVar[str] = "Discard what you typed?"
    """What Escape asks when something typed would be lost."""

    def __init__(self, *, saving: DialogSave | None = None) -> None:
        super().__init__()
        self.saving = saving

    def on_mount(self) -> None:
        self.opened()

    def read_form(self, text: dict[str, str]) -> tuple[ScreenResultType | None, dict[str, str]]:
        raise NotImplementedError

    @after_typing
    def action_keep(self) -> None:
        """Ctrl+S: save the values the form's rules make of it and close; or say what is
        wrong beside each field."""
        values, errors = self.read_form(self.form_text())
        self.show_errors(errors)
        if values is not None:
            self.save_then_close(values)

    def save_then_close(self, values: ScreenResultType) -> None:
        """Save the checked values; close with them once they are committed."""
        saving = self.saving
        if saving is None:
            self.dismiss(values)
            return
        key = f"dialog {id(self)}"
        if self.still_saving(key):
            return

        def saved(result: object) -> None:
            saving.saved(result if saving.given_result else values)
            if self.is_attached:  # not if the officer pressed Escape while it waited
                self.dismiss(values)

        self.save_form(
            saving.what, partial(saving.write, values), saved, key=key, refused_as=saving.refused_as
        )

    def action_cancel(self) -> None:
        self.cancel(self.DISCARD_TITLE)

    def cancel(self, title: str, *, discard: str = "Discard") -> None:
        """Escape: close with nothing, asking first if anything typed would be lost."""
        self.leave_form(lambda: self.dismiss(None), title, discard=discard)
