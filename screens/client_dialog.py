"""The client's details as a form: the fields the triage asks for a new client, and a dialog
from the case that puts them right after triage (a date of birth typed wrong, a name misspelt,
a new phone number). Both read them with the same reader (`read_client`); the dialog saves
before it closes, and the write path audits the change and the sync carries it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, Static

from housing_tui.casework.clients import CLIENT_FIELDS, ClientDraft, read_client
from housing_tui.reference import fields
from screens import format as show
from screens.forms import DialogSave, FormDialog
from screens.widgets.form_field import FormField
from storage.rows import ClientRow

FOLLOWS_THE_DATE_OF_BIRTH = (
    "Everything worked out from the date of birth follows a corrected one: aged 16 or 17 "
    "(on the day of approach), priority need and the bedrooms the household needs."
)


def client_fields(*, today: date, values: Mapping[str, str]) -> Iterator[FormField]:
    """The client's fields: who they are, then how to reach them."""
    yield from identity_fields(today=today, values=values)
    yield from contact_fields(values=values)


def identity_fields(*, today: date, values: Mapping[str, str]) -> Iterator[FormField]:
    """Name and date of birth, each checked as it is left and tidied to how it was read: what
    triage asks first, before what has happened."""
    # A name typed all in lower case is offered with capitals (it goes into letters as
    # "Dear ..."), never changed unasked: only the client knows how it is written.
    yield FormField(
        "First name(s)",
        "forenames",
        value=values.get("forenames", ""),
        parse=partial(fields.parse_name, what="First name(s)"),
        offer=fields.capitalised_name,
    )
    yield FormField(
        "Surname",
        "surname",
        value=values.get("surname", ""),
        parse=partial(fields.parse_name, what="Surname"),
        offer=fields.capitalised_name,
    )
    yield FormField(
        "Date of birth",
        "date_of_birth",
        value=values.get("date_of_birth", ""),
        placeholder="31/01/1990",
        tidy=show.day,
        parse=partial(fields.parse_date_of_birth, today=today),
    )


def contact_fields(*, values: Mapping[str, str]) -> Iterator[FormField]:
    """NI number, phone, email and address: asked once the urgent questions are answered."""
    yield FormField(
        "NI number",
        "ni_number",
        value=values.get("ni_number", ""),
        placeholder="AB 12 34 56 C",
        parse=fields.parse_ni_number,
        tidy=show.ni_number,
    )
    yield FormField("Phone", "phone", value=values.get("phone", ""), parse=fields.parse_phone)
    yield FormField("Email", "email", value=values.get("email", ""), parse=fields.parse_email)
    yield FormField(
        "Address", "address", value=values.get("address", ""), parse=fields.parse_optional_text
    )
    yield FormField(
        "Postcode",
        "postcode",
        value=values.get("postcode", ""),
        parse=fields.parse_postcode,
        tidy=str,
    )


def client_text(client: ClientRow) -> dict[str, str]:
    """The client's details as the form shows them (dates day first, NI number spaced)."""
    text = {name: getattr(client, name) or "" for name in CLIENT_FIELDS}
    if client.date_of_birth:
        text["date_of_birth"] = show.day(client.date_of_birth)
    if client.ni_number:
        text["ni_number"] = show.ni_number(client.ni_number)
    return text


class ClientDetailsDialog(FormDialog[ClientDraft | None]):
    """Correct the client's details; Ctrl+S saves them, Escape asks before dropping changes."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "Save", priority=True, id="client_details.save"),
        Binding("escape", "cancel", "Cancel", id="client_details.cancel"),
    ]

    def __init__(self, *, today: date, client: ClientRow, saving: DialogSave | None = None) -> None:
        super().__init__(saving=saving)
        self.today, self.client = today, client

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                f"Correct {self.client.full_name}'s details  (Ctrl+S save, Esc cancel)",
                classes="dialog-title",
            )
            with VerticalScroll(classes="dialog-form"):
                yield from client_fields(today=self.today, values=client_text(self.client))
                yield Static(FOLLOWS_THE_DATE_OF_BIRTH, classes="hint")
            yield self.problem_line()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#forenames", Input).focus()

    def read_form(self, text: dict[str, str]) -> tuple[ClientDraft | None, dict[str, str]]:
        return read_client(text, today=self.today)

    def action_cancel(self) -> None:
        self.cancel("Discard the corrections?")
