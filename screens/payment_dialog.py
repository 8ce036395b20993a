"""Record a payment towards a repayment plan. The dialog saves it itself, so that a payment the
database refuses keeps what was typed, with the reason beside it; it dismisses with the plan's
status afterwards (paid in full, if this payment cleared it), or None when cancelled."""

from __future__ import annotations

from datetime import date
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from housing_tui.money.amounts import parse_money, pounds
from housing_tui.money.repayments import (
    Payment,
    PlanStatus,
    RepaymentPlan,
    read_payment,
)
from housing_tui.reference import fields
from screens import format as show
from screens.forms import Form
from screens.keys import after_typing
from screens.widgets.form_field import FormField


class PaymentDialog(ModalScreen[PlanStatus | None], Form[PlanStatus | None]):
    """A form over the plans that saves the payment itself and closes with the plan's status
    (ModalScreen first, for its CSS: see FormDialog)."""

    PROBLEM_ID = "payment-problem"

    BINDINGS = [
        Binding("ctrl+s", "keep", "Save payment", priority=True, id="payment.save"),
        Binding("escape", "dismiss(None)", "Cancel", id="payment.cancel"),
    ]

    def __init__(self, plan: RepaymentPlan, *, today: date) -> None:
        super().__init__()
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
            yield FormField(
                "Amount paid",
                "amount",
                parse=self.checked("amount", parse_money),
                tidy=str,
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

    @after_typing
    def action_keep(self) -> None:
        services = self.services
        from storage.repayments import record_payment

        if self.still_saving(f"payment {self.plan.id}"):
            return
        payment, errors = self.read_form(self.form_text())
        self.show_errors(errors)
        if payment is None:
            return
        plan_id, today = self.plan.id, self.today

        def save() -> PlanStatus:
            return record_payment(
                services.db,
                officer_id=services.officer.id,
                plan_id=plan_id,
                payment=payment,
                today=today,
            )

        self.save_form(
            "the payment",
            save,
            partial(self._saved, payment),
            key=f"payment {plan_id}",
            refused_as="The payment was not saved",
        )

    def _saved(self, payment: Payment, status: PlanStatus) -> None:
        paid_off = " The plan is paid in full." if status is PlanStatus.COMPLETED else ""
        self.app.changed(f"Payment of {pounds(payment.amount)} recorded.{paid_off}")
        if self.is_attached:
            self.dismiss(status)
