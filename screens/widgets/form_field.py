"""A labelled input that checks what was typed with a domain parser and says what is wrong
beside the field, without ever clearing it; amounts of money (`money_field`), amounts with
how often (`regular_amount_field`) and pick lists (`pick_row`) built one way for every form."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from housing_tui.money.amounts import (
    Frequency,
    parse_money,
    parse_regular_amount,
    show_regular_amount,
)
from housing_tui.reference import fields
from housing_tui.reference.pick_lists import choices_for
from screens.widgets.one_line_input import OneLineInput
from screens.widgets.pick_field import FIND_HINT, PickField


class FieldMessage(Static):
    """What is wrong with a field, shown under it; takes no room when nothing is wrong."""

    DEFAULT_CSS = """
    FieldMessage { color: $error; height: auto; margin-left: 2; display: none; }
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        id: str | None = None,  # noqa: A002  (Textual's name)
    ) -> None:
        super().__init__(message or "", id=id, markup=False)
        self.display = bool(message)

    def show(self, message: str | None) -> None:
        self.update(message or "")
        self.display = bool(message)


class FieldNote(Static):
    """Under a field: a suggestion (`field-offer`) or something to check about a value that
    can be saved (`field-warning`); takes no room when there is none."""

    DEFAULT_CSS = """
    FieldNote { height: auto; margin-left: 2; display: none; }
    FieldNote.field-offer { color: $accent; }
    FieldNote.field-warning { color: $warning; }
    """

    def __init__(self, *, classes: str) -> None:
        super().__init__("", classes=classes, markup=False)

    def show(self, message: str | None) -> None:
        self.update(message or "")
        self.display = bool(message)


class ParsedBy(Validator):
    """Adapts a domain `parse_*` function (which raises FieldMessage) to Textual validation."""

    def __init__(self, parse: Callable[[str], object]) -> None:
        super().__init__()
        self.parse = parse

    def validate(self, value: str) -> ValidationResult:
        try:
            self.parse(value)
        except fields.FieldError as error:
            return self.failure(str(error))
        return self.success()


ParsedT = TypeVar("ParsedT")
"""What a field's text is read as (a date, an amount): what `parse` makes (or None for
nothing typed) and `tidy` shows."""


class FormField(Vertical, Generic[ParsedT]):
    """Label, input, and the message for what is wrong (empty when nothing is)."""

    DEFAULT_CSS = """
    FormField { height: auto; }
    """

    def __init__(
        self,
        label: str,
        field_name: str,
        *,
        parse: Callable[[str], ParsedT | None] | None = None,
        tidy: Callable[[ParsedT], str] | None = None,
        value: str = "",
        placeholder: str = "",
        error: str | None = None,
        offer: Callable[[str], str | None] | None = None,
    ) -> None:
        """`tidy` rewrites a good value the way it was understood ("3/4/70" -> "03/04/1970"),
        so the officer sees at once how the app read it. `offer` suggests another way to
        write a good value ("sam" -> "Sam") without changing it: the form's Ctrl+O takes it
        (`take_offer`), typing on ignores it. `error` says what is wrong with `value` from
        the start (text kept as typed earlier)."""
        super().__init__(id=f"field-{field_name}")
        self.field_name = field_name
        self._label = label
        self._parse, self._tidy, self._offer = parse, tidy, offer
        self._error = error
        self.offered: str | None = None
        """What the field suggests writing instead of what is typed, while it shows."""
        self._input = OneLineInput(
            value=value,
            placeholder=placeholder,
            id=field_name,
            validators=[ParsedBy(parse)] if parse else None,
            validate_on=["blur", "submitted"],
            compact=True,
            what=label,
        )

    def compose(self) -> ComposeResult:
        yield FieldRow(self._label, self._input)
        yield FieldMessage(self._error)
        yield FieldNote(classes="field-warning")
        yield FieldNote(classes="field-offer")

    def on_mount(self) -> None:
        self._input.set_class(bool(self._error), "-invalid")

    @property
    def value(self) -> str:
        return self._input.value

    @value.setter
    def value(self, text: str) -> None:
        self._input.value = text

    def show_error(self, message: str | None) -> None:
        self.query_one(FieldMessage).show(message)
        self._input.set_class(bool(message), "-invalid")

    @on(Input.Blurred)
    @on(Input.Submitted)
    def _checked(self, event: Input.Blurred | Input.Submitted) -> None:
        result = event.validation_result
        if result is None or result.is_valid:
            self.show_error(None)
            self._tidy_value()
            self._show_offer(self._offer(self._input.value) if self._offer else None)
        else:
            self.show_error(result.failure_descriptions[0])
            self._show_offer(None)

    def show_warning(self, message: str | None) -> None:
        """Something to check about a value that can be saved (not an error)."""
        self.query_one(".field-warning", FieldNote).show(message)

    def _show_offer(self, offered: str | None) -> None:
        self.offered = offered
        self.query_one(".field-offer", FieldNote).show(
            f'Write it "{offered}"? Ctrl+O: yes. Or leave it as typed.' if offered else None
        )

    def take_offer(self) -> bool:
        """Write the value as offered; False when nothing was offered."""
        if self.offered is None:
            return False
        self._input.value = self.offered
        self._show_offer(None)
        return True

    def _tidy_value(self) -> None:
        if self._parse and self._tidy:
            parsed = self._parse(self._input.value)
            if parsed is not None:
                self._input.value = self._tidy(parsed)

    @on(Input.Changed)
    def _recheck_while_wrong(self, event: Input.Changed) -> None:
        if self.offered is not None and event.value != self.offered:
            self._show_offer(None)  # typing on: the offer was for what was there before
        # Once a message is showing, let it go as soon as the text is right.
        if self._input.has_class("-invalid"):
            result = self._input.validate(event.value)
            if result is not None and result.is_valid:
                self.show_error(None)


class FieldRow(Horizontal):
    """One line of a form: the label, then the widget, so a whole form fits 80x24."""

    DEFAULT_CSS = """
    FieldRow { height: auto; }
    FieldRow > .field-label { width: 22; padding-right: 1; color: $text-muted; }
    FieldRow:focus-within > .field-label { color: $accent; text-style: bold; }
    FieldRow > Input, FieldRow > PickField { width: 1fr; }
    FieldRow > Input:focus { background: $boost; }
    """

    def __init__(self, label: str, widget: Widget) -> None:
        super().__init__()
        self._label, self._widget = label, widget

    def compose(self) -> ComposeResult:
        yield Label(self._label, classes="field-label")
        yield self._widget


def pick_row(
    label: str,
    key: str,
    choices: Iterable[tuple[str, str]],
    *,
    value: str = "",
    blank: str = "",
) -> ComposeResult:
    """A labelled pick list found by typing, in the officer's words for list `key` (see
    officer_words.toml), its message under it (`#error-<key>`). `choices` are (label, code)
    pairs; `blank` says what leaving it empty means ("Not yet")."""
    placeholder = f"{blank}: {FIND_HINT}" if blank else FIND_HINT
    yield FieldRow(
        label,
        PickField(choices_for(key, choices), value=value or None, placeholder=placeholder, id=key),
    )
    yield FieldMessage(id=f"error-{key}")


def money_field(
    label: str,
    field_name: str,
    *,
    parse: Callable[[str], Decimal | None] = parse_money,
    value: str = "",
    placeholder: str = "",
) -> FormField[Decimal]:
    """An amount in pounds, shown back to the penny once the field is left ("450" ->
    "450.00"). `parse` reads it (a form's `checked(key, parse_money)` for the form's rules)."""
    return FormField(label, field_name, parse=parse, tidy=str, value=value, placeholder=placeholder)


def regular_amount_field(
    label: str,
    field_name: str,
    *,
    parse: Callable[[str], tuple[Decimal, Frequency] | None] = parse_regular_amount,
    value: str = "",
    placeholder: str = "",
) -> FormField[tuple[Decimal, Frequency]]:
    """An amount and how often, shown back as read once the field is left ("650 pcm" ->
    "650.00 pcm")."""
    return FormField(
        label,
        field_name,
        parse=parse,
        tidy=_show_regular_amount,
        value=value,
        placeholder=placeholder,
    )


def _show_regular_amount(read: tuple[Decimal, Frequency]) -> str:
    return show_regular_amount(*read)
