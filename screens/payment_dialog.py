"""Record a payment towards a repayment plan (`PlanPaymentDialog`). It saves the payment before
it closes (see `FormDialog`), so a payment the database refuses keeps what was typed, with the
reason beside it; it closes with the payment saved, or None when cancelled."""

from __future__ import annotations

from datetime import date
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Static

from housing_tui.money.amounts import parse_money, pounds
from housing_tui.money.repayments import Payment, RepaymentPlan, read_payment
from housing_tui.reference import fields
from screens import format as show
from screens.forms import DialogSave, FormDialog
from screens.widgets.form_field import FormField, money_field


class PlanPaymentDialog(FormDialog[Payment | None]):
    """A form over the plans: the amount, the day and a note (`saving` writes it)."""

    PROBLEM_ID = "payment-problem"
    DISCARD_TITLE = "Discard this payment?"

    BINDINGS = [
        Binding("ctrl+s", "keep", "Save payment", priority=True, id="payment.save"),
        Binding("escape", "cancel", "Cancel", id="payment.cancel"),
    ]

    def __init__(self, plan: RepaymentPlan, *, today: date, saving: DialogSave) -> None:
        super().__init__(saving=saving)
        self.plan, self.today = plan, today

    def read_form(self, text: dict[str, str]) -> tuple[Payment | None, dict[str, str]]:
        return read_payment(text, plan=self.plan, today=self.today)

    def compose(self) -> ComposeResult:
        plan = self.plan
        with Vertical(classes="dialog"):
            yield Label("Record a payment  (Ctrl+S save, Esc cancel)", classes="dialog-title")
            yield Static(
                f"{plan.terms.what_for}: {pounds(plan.outstanding)} still owed.",
                markup=False,
            )
            yield money_field(
                "Amount paid",
                "amount",
                parse=self.checked("amount", parse_money),
                placeholder=f"e.g. {plan.terms.instalment}",
            )
            yield FormField(
                "Paid on",
                "paid_on",
                value=show.day(self.today),
                parse=self.checked("paid_on", partial(fields.parse_date, today=self.today)),
                tidy=show.day,
            )
            yield FormField(
                "Note",
                "note",
                parse=self.checked("note", str),
                placeholder="e.g. by card, receipt 1234",
            )
            yield self.problem_line()

    def on_mount(self) -> None:
        self.query_one("#amount").focus()
