"""Record a payment towards a repayment plan. The dialog saves it itself, so that a payment the
database refuses keeps what was typed, with the reason beside it; it dismisses with the plan's
status afterwards (paid in full, if this payment cleared it), or None when cancelled."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Static

from housing_tui.money.amounts import parse_money, pounds
from housing_tui.money.repayments import (
    PAYMENT_FORM_KEYS,
    Payment,
    PlanStatus,
    RepaymentPlan,
    read_payment,
)
from housing_tui.reference import fields
from screens import format as show
from screens.keys import after_typing
from screens.services import HousingDialog
from screens.widgets.form_field import FieldMessage, FormField, ParsedT


class PaymentDialog(HousingDialog[PlanStatus | None]):
    BINDINGS = [
        Binding("ctrl+s", "keep", "Save payment", priority=True),
        Binding("escape", "dismiss(None)", "Cancel"),
    ]

    def __init__(self, plan: RepaymentPlan, *, today: date) -> None:
        super().__init__()
        self.plan, self.today = plan, today

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
                parse=self._checked("amount", parse_money),
                tidy=str,
                placeholder=f"e.g. {plan.terms.instalment}",
            )
            yield FormField(
                "Paid on",
                "paid_on",
                value=show.day(self.today),
                parse=self._checked("paid_on", partial(fields.parse_date, today=self.today)),
                tidy=show.day,
            )
            yield FormField(
                "Note",
                "note",
                parse=self._checked("note", str),
                placeholder="e.g. by card, receipt 1234",
            )
            yield FieldMessage(id="payment-problem")

    def _checked(self, key: str, parse: Callable[[str], ParsedT]) -> Callable[[str], ParsedT]:
        """`parse`, then the payment's rules for this field as it is left ("more than is
        owed" shows beside the amount at once)."""

        def check(text: str) -> ParsedT:
            value = parse(text)
            _, errors = read_payment({**self._raw(), key: text}, plan=self.plan, today=self.today)
            if key in errors:
                raise fields.FieldError(errors[key])
            return value

        return check

    def on_mount(self) -> None:
        self.query_one("#amount").focus()

    def _raw(self) -> dict[str, str]:
        return {form_field.field_name: form_field.value for form_field in self.query(FormField)}

    @after_typing
    def action_keep(self) -> None:
        services = self.services
        from storage.repayments import record_payment

        if self.app.saves.underway(f"payment {self.plan.id}"):
            return
        payment, errors = read_payment(self._raw(), plan=self.plan, today=self.today)
        for form_field in self.query(FormField):
            form_field.show_error(errors.get(form_field.field_name))
        if payment is None:
            focused = self.focused.id if self.focused else None
            if focused not in errors:
                self.query_one(f"#{next(k for k in PAYMENT_FORM_KEYS if k in errors)}").focus()
            return
        app, plan_id, today = self.app, self.plan.id, self.today

        def save() -> PlanStatus:
            return record_payment(
                services.db,
                officer_id=services.officer.id,
                plan_id=plan_id,
                payment=payment,
                today=today,
            )

        app.saves.save(
            "the payment",
            save,
            partial(self._saved, payment),
            owner=self,
            shown=self._show_problem,
            key=f"payment {plan_id}",
            refused_as="The payment was not saved",
        )

    def _saved(self, payment: Payment, status: PlanStatus) -> None:
        paid_off = " The plan is paid in full." if status is PlanStatus.COMPLETED else ""
        self.app.notify(f"Payment of {pounds(payment.amount)} recorded.{paid_off}")
        self.app.changed()
        if self.is_attached:
            self.dismiss(status)

    def _show_problem(self, message: str | None) -> None:
        self.query_one("#payment-problem", FieldMessage).show(message)
