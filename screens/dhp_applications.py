"""A case's earlier DHP applications, under the DHP check's form: the list the officer acts on
(`ApplicationList`), each application in a line (`application_line`), and the dialogs that
record what revenues and benefits decided (`DecisionDialog`) and a payment made on an award
(`AwardPaymentDialog`). A dialog says when it cannot be used on an application (`refusal`)
and knows how its values are written (`record`); the DHP check (screens/dhp.py) opens it with
that write, and the dialog saves what its reader accepts before it closes, so a refusal keeps
what was typed with the reason under it.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from housing_tui.money.amounts import pounds
from housing_tui.money.dhp import (
    DECISIONS,
    DhpStatus,
    parse_recorded_day,
    read_decision,
    read_payment,
)
from screens import format as show
from screens.forms import DialogSave, FormDialog
from screens.widgets.form_field import FormField, money_field, pick_row

if TYPE_CHECKING:
    from storage.database import Database
    from storage.dhp import DhpApplicationRow


class ApplicationList(OptionList):
    """The case's DHP applications; the keys act on the highlighted one."""

    BINDINGS = [
        Binding(
            "d",
            "screen.decide",
            "Decision",
            tooltip="Record what was decided",
            id="application_list.screen.decide",
        ),
        Binding(
            "p",
            "screen.pay",
            "Payment",
            tooltip="Record a payment on the award",
            id="application_list.screen.pay",
        ),
        Binding(
            "c",
            "screen.reopen",
            "Reopen",
            tooltip="Put its figures back on the check",
            show=False,
            id="application_list.screen.reopen",
        ),
    ]

    applications: tuple[DhpApplicationRow, ...] = ()
    """As listed, newest first."""

    def show(self, applications: tuple[DhpApplicationRow, ...]) -> None:
        """List `applications`, keeping the one highlighted if it is still there (hidden when
        there are none)."""
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        self.applications = applications
        self.set_options(Option(application_line(row), id=row.id) for row in applications)
        self.display = bool(applications)
        ids = [row.id for row in applications]
        if ids:
            self.highlighted = ids.index(highlighted) if highlighted in ids else 0

    @property
    def highlighted_application(self) -> DhpApplicationRow | None:
        option = self.highlighted_option
        if option is None:
            return None
        return next((row for row in self.applications if row.id == option.id), None)


def application_line(row: DhpApplicationRow) -> str:
    """When it was asked for and how much, and where it stands."""
    line = f"{show.day(row.requested_on)} {pounds(row.amount_requested)} asked: "
    if row.status is DhpStatus.AWARDED and row.amount_awarded is not None:
        line += f"awarded {pounds(row.amount_awarded)} {show.day(row.decided_on)}"
        line += f", paid {pounds(row.paid)}" if row.payments else ", nothing paid yet"
    elif row.status is DhpStatus.REQUESTED:
        line += "awaiting the decision"
    else:
        line += f"{row.status.label.lower()} {show.day(row.decided_on)}"
    return line


class RecordDialog(FormDialog[dict | None]):
    """A small form on one application: Ctrl+S saves it if the domain's reader accepts it."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "Save", id="dhp_record.save"),  # not priority: see DhpScreen
        Binding("escape", "cancel", "Cancel", id="dhp_record.cancel"),
    ]

    heading: ClassVar[str] = ""
    what: ClassVar[str] = ""
    """What it records, in the officer's words ("decision", "payment")."""

    def __init__(
        self, application: DhpApplicationRow, *, today: date, saving: DialogSave | None = None
    ) -> None:
        super().__init__(saving=saving)
        self.application, self.today = application, today

    @staticmethod
    def refusal(application: DhpApplicationRow) -> str | None:
        """Why this cannot be recorded on `application` (None when it can)."""
        raise NotImplementedError

    @staticmethod
    def record(
        db: Database, officer_id: str, application_id: str, values: dict
    ) -> DhpApplicationRow:
        """Write the values the dialog accepted (in a worker)."""
        raise NotImplementedError

    def form(self) -> ComposeResult:
        raise NotImplementedError

    def read_form(self, text: dict[str, str]) -> tuple[dict[str, object] | None, dict[str, str]]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"{self.heading}  (Ctrl+S save, Esc cancel)", classes="dialog-title")
            yield Static(application_line(self.application), markup=False, classes="hint")
            yield from self.form()
            yield self.problem_line()

    def on_mount(self) -> None:
        self.query(".dialog Input").first().focus()

    def action_cancel(self) -> None:
        self.cancel(f"Discard this {self.what}?")

    def day_field(self, label: str, key: str, *, not_before: date, what: str) -> FormField[date]:
        """The day it happened: today to start with; never later, nor before `not_before` (the
        day of `what`, "the request")."""
        return FormField(
            label,
            key,
            value=show.day(self.today),
            parse=partial(parse_recorded_day, today=self.today, not_before=not_before, what=what),
            tidy=show.day,
        )


class DecisionDialog(RecordDialog):
    heading = "What revenues and benefits decided"
    what = "decision"

    @staticmethod
    def refusal(application: DhpApplicationRow) -> str | None:
        if application.status is not DhpStatus.REQUESTED:
            return f"Already decided: {application_line(application)}"
        return None

    @staticmethod
    def record(
        db: Database, officer_id: str, application_id: str, values: dict
    ) -> DhpApplicationRow:
        from storage.dhp import record_decision

        return record_decision(
            db,
            officer_id=officer_id,
            application_id=application_id,
            status=DhpStatus(values["status"]),
            decided_on=values["decided_on"],
            amount_awarded=values["amount_awarded"],
        )

    def form(self) -> ComposeResult:
        choices = [(status.label, status.value) for status in DECISIONS]
        yield from pick_row("Decision", "status", choices)
        yield self.day_field(
            "Decided on",
            "decided_on",
            not_before=self.application.requested_on,
            what="the request",
        )
        yield money_field(
            "Amount awarded",
            "amount_awarded",
            value=str(self.application.amount_requested),
            placeholder="only for an award",
        )

    def read_form(self, raw: dict[str, str]) -> tuple[dict[str, object] | None, dict[str, str]]:
        return read_decision(raw, today=self.today, requested_on=self.application.requested_on)


class AwardPaymentDialog(RecordDialog):
    heading = "A payment made on the award"
    what = "payment"

    @staticmethod
    def refusal(application: DhpApplicationRow) -> str | None:
        if application.status is not DhpStatus.AWARDED:
            return "Only an award can be paid: record the decision first (d)."
        if application.left_to_pay <= 0:
            return "The award is paid in full."
        return None

    @staticmethod
    def record(
        db: Database, officer_id: str, application_id: str, values: dict
    ) -> DhpApplicationRow:
        from storage.dhp import record_payment

        return record_payment(
            db,
            officer_id=officer_id,
            application_id=application_id,
            paid_on=values["paid_on"],
            amount=values["amount"],
            note=values["note"],
        )

    def form(self) -> ComposeResult:
        assert self.application.decided_on is not None
        yield self.day_field(
            "Paid on", "paid_on", not_before=self.application.decided_on, what="the award"
        )
        yield money_field(
            "Amount",
            "amount",
            value=str(self.application.left_to_pay),
            placeholder=f"at most {pounds(self.application.left_to_pay)}",
        )
        yield FormField("Note", "note", placeholder="optional, e.g. paid to the landlord")

    def read_form(self, raw: dict[str, str]) -> tuple[dict[str, object] | None, dict[str, str]]:
        assert self.application.decided_on is not None
        return read_payment(
            raw,
            today=self.today,
            decided_on=self.application.decided_on,
            left_to_pay=self.application.left_to_pay,
        )
