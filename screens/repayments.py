"""Repayment plans on a case (the 100% recharging policy): every plan with what is owed, paid
and left, the next payment and whether it is in arrears; payments (screens/payment_dialog.py);
passing a plan to legal. A new plan is agreed on its own screen (screens/new_plan.py); what the
screens say of a plan is in screens/repayment_text.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from housing_tui.casework.interview import household_budget
from housing_tui.money.amounts import pounds
from housing_tui.money.repayments import (
    Affordability,
    Payment,
    PlanStatus,
    affordability,
    status_problem,
)
from screens import format as show
from screens.background import in_background
from screens.dialogs import ConfirmDialog
from screens.forms import DialogSave
from screens.new_plan import NewPlanScreen
from screens.repayment_text import arrears, plan_text, schedule_lines
from screens.save_copy import SAVE_COPY, SavesCopies, made_from
from screens.widgets.row_table import RowTable
from screens.workers import Work

if TYPE_CHECKING:
    from storage.repayments import PlanRow
    from storage.rows import CaseDetail, DocumentRow


@dataclass(frozen=True)
class RepaymentsView:
    detail: CaseDetail
    plans: tuple[PlanRow, ...]
    affordability: Affordability
    agreements: tuple[DocumentRow, ...]
    """The repayment agreements produced on the case, newest first."""


class RepaymentsScreen(SavesCopies):
    AUTO_FOCUS = ""
    """The list takes the focus once loaded, if it has rows (`_show`): focused at mount, it
    kept the focus hidden when empty, so the arrow keys went to it."""

    BINDINGS = [
        Binding(
            "a",
            "new_plan",
            "New plan",
            tooltip="Agree a repayment plan with the client",
            id="repayments.new_plan",
        ),
        Binding(
            "p",
            "payment",
            "Payment",
            tooltip="Record a payment on the highlighted plan",
            id="repayments.payment",
        ),
        Binding(
            "s",
            "status",
            "Status",
            tooltip="Pass the plan to legal, cancel it, or resume",
            id="repayments.status",
        ),
        SAVE_COPY,
        Binding(
            "escape", "app.pop_screen", "Back", tooltip="Back to the case", id="repayments.back"
        ),
    ]

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.view: RepaymentsView | None = None
        self.selected: str | None = None
        """The highlighted plan's id."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "Loading the repayment plans…", id="rep-heading", classes="list-heading", markup=False
        )
        table: DataTable[object] = RowTable(id="rep-plans", classes="case-list")
        table.add_column("What for", key="what", width=15)
        table.add_column("Owed", key="owed", width=9)
        table.add_column("Paid", key="paid", width=9)
        table.add_column("Left", key="left", width=9)
        table.add_column("Next due", key="next", width=10)
        table.add_column("Arrears", key="arrears", width=15)
        yield table
        with VerticalScroll(id="rep-detail", classes="list-detail"):
            yield Static("", id="rep-plan")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Repayment plans"
        self.watch(self.app, "data_version", self._load)

    # -- loading ------------------------------------------------------------------------------

    def _load(self, *_: object) -> None:
        services = self.services
        from storage.case_file import load_case_file
        from storage.repayments import list_plans

        case_id = self.case_id
        today, policy = services.clock.today(), services.policy

        def read() -> RepaymentsView | None:
            case_file = load_case_file(services.db, case_id)
            if case_file is None:
                return None
            # The interview's own rule says whether any money was recorded.
            recorded = case_file.facts.weekly_residual is not None
            budget = household_budget(case_file.interview.answers) if recorded else None
            return RepaymentsView(
                detail=case_file.detail,
                plans=list_plans(services.db, case_id, today=today, policy=policy),
                affordability=affordability(budget, policy.repayments),
                agreements=tuple(
                    doc for doc in case_file.plan.documents if doc.kind == "repayment_agreement"
                ),
            )

        in_background(self, services.db.in_one_read(read), self._show, group=Work.REPAYMENTS)

    def _show(self, view: RepaymentsView | None) -> None:
        heading = self.query_one("#rep-heading", Static)
        if view is None:
            heading.update("This case is no longer on record.")
            return
        first_load = self.view is None
        self.view = view
        who = f"{view.detail.client.full_name}, case {view.detail.case.ref}"
        self.sub_title = f"Repayments: {who}"
        heading.update(
            f"Repayment plans: {who}\n"
            + (
                "a: new plan   p: record a payment   s: change the plan's status"
                if view.plans
                else "No repayment plan yet: a agrees one with the client."
            )
        )
        table = self.query_one("#rep-plans", DataTable)
        table.clear()
        for row in view.plans:
            plan, balance = row.plan, row.balance
            upcoming = balance.next_due
            table.add_row(
                plan.terms.short_name,
                pounds(balance.owed),
                pounds(balance.paid),
                pounds(balance.outstanding),
                show.day(upcoming.due_on) if upcoming and plan.status.takes_payments else "—",
                arrears(row),
                key=plan.id,
            )
        table.display = bool(view.plans)
        ids = [row.plan.id for row in view.plans]
        if self.selected not in ids:
            self.selected = ids[-1] if ids else None
        if self.selected is not None:
            table.move_cursor(row=ids.index(self.selected))
        self._show_selected()
        if table.display and (first_load or self.focused is None):
            table.focus()  # and once the first plan shows, to move along it

    # -- the highlighted plan -----------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#rep-plans")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value and event.row_key.value != self.selected:
            self.selected = event.row_key.value
            self._show_selected()

    @on(DataTable.RowSelected, "#rep-plans")
    def _read_it(self) -> None:
        # Enter on a plan: into its schedule, to scroll it with the arrow keys.
        self.query_one("#rep-detail").focus()

    def _selected_row(self) -> PlanRow | None:
        if self.view is None:
            return None
        return next((row for row in self.view.plans if row.plan.id == self.selected), None)

    def _show_selected(self) -> None:
        """The highlighted plan: its terms and standing, its payments, the case's signed
        agreements (Ctrl+E saves a copy of the highlighted plan's), then every dated payment."""
        view = self.view
        if view is None:
            return
        row = self._selected_row()
        parts = [plan_text(row)] if row is not None else []
        if view.agreements:
            agreements = Text(
                "Repayment agreements on this case (Ctrl+E saves a copy of this plan's)\n",
                style="bold",
            )
            agreements.append(
                "\n".join(
                    f"{show.day(document.issued_on)}  {document.file_name}"
                    for document in view.agreements
                )
            )
            parts.append(agreements)
        if row is not None:
            schedule = Text("Schedule\n", style="bold")
            schedule.append_text(
                schedule_lines(
                    row.schedule,
                    row.balance,
                    today=self.services.clock.today(),
                    grace_days=self.services.policy.repayments.grace_days,
                )
            )
            parts.append(schedule)
        self.query_one("#rep-plan", Static).update(Text("\n\n").join(parts))
        self.query_one("#rep-detail", VerticalScroll).scroll_home(animate=False)

    def document_to_copy(self) -> tuple[DocumentRow, str] | str:
        view, row = self.view, self._selected_row()
        if view is None or row is None:
            return "Highlight a plan in the list: Ctrl+E saves a copy of its agreement."
        agreement = made_from(view.agreements, row.plan.id, row.plan.agreed_on)
        if agreement is None:
            return (
                "No repayment agreement can be found for this plan: none was produced, or it "
                "was produced the same day as another's, before agreements named their plan."
            )
        return agreement, view.detail.case.ref

    # -- actions ------------------------------------------------------------------------------

    def action_new_plan(self) -> None:
        view = self.view
        if view is None:
            return
        if not view.detail.case.still_open:
            self.notify("The case is closed: no new plan can be agreed on it.", severity="warning")
            return

        def added(plan_id: str | None) -> None:
            if plan_id:
                self.selected = plan_id

        self.app.push_screen(NewPlanScreen(self.case_id, view.detail, view.affordability), added)

    def action_payment(self) -> None:
        from screens.payment_dialog import PlanPaymentDialog
        from storage.repayments import record_payment

        row = self._plan_to_change()
        if row is None:
            return
        if not row.plan.status.takes_payments:
            self.notify(
                f"The plan is {row.plan.status.label.lower()}: no payment can be recorded on it.",
                severity="warning",
            )
            return
        services, app = self.services, self.app
        plan_id, today = row.plan.id, services.clock.today()

        def record(payment: Payment) -> tuple[Payment, PlanStatus]:
            return payment, record_payment(
                services.db,
                officer_id=services.officer.id,
                plan_id=plan_id,
                payment=payment,
                today=today,
            )

        def recorded(saved: tuple[Payment, PlanStatus]) -> None:
            payment, status = saved
            paid_off = " The plan is paid in full." if status is PlanStatus.COMPLETED else ""
            app.changed(f"Payment of {pounds(payment.amount)} recorded.{paid_off}")

        saving = DialogSave(
            "the payment",
            record,
            recorded,
            refused_as="The payment was not saved",
            given_result=True,
        )
        app.push_screen(PlanPaymentDialog(row.plan, today=today, saving=saving))

    def action_status(self) -> None:
        services = self.services
        from storage.repayments import set_plan_status

        row = self._plan_to_change()
        if row is None:
            return
        plan, app = row.plan, self.app
        # Paid in full comes only from the payment that clears the plan.
        choices = [
            status
            for status in (PlanStatus.LEGAL, PlanStatus.CANCELLED, PlanStatus.ACTIVE)
            if status_problem(plan, status) is None
        ]
        if not choices:
            self.notify(status_problem(plan, PlanStatus.ACTIVE) or "", severity="warning")
            return

        def decided(answer: str | None) -> None:
            if answer is None or answer == "back":
                return
            status = PlanStatus(answer)
            app.saves.save(
                f"the repayment plan's status ({status.label})",
                lambda: set_plan_status(
                    services.db, officer_id=services.officer.id, plan_id=plan.id, status=status
                ),
                lambda _: app.changed(f"The plan is now: {status.label}."),
            )

        meanings = " ".join(_STATUS_ACTIONS[status][1] for status in choices)
        self.app.push_screen(
            ConfirmDialog(
                f"Change the status of: {plan.terms.what_for}",
                f"It is {plan.status.label.lower()}, with {pounds(plan.outstanding)} still owed. "
                + meanings,
                # "Back" comes first so Enter, like Escape, changes nothing.
                [("back", "Back"), *((s.value, _STATUS_ACTIONS[s][0]) for s in choices)],
            ),
            decided,
        )

    def _plan_to_change(self) -> PlanRow | None:
        row = self._selected_row()
        if row is None:
            self.notify("No repayment plan yet: a agrees one with the client.")
        return row


_STATUS_ACTIONS = {
    PlanStatus.LEGAL: (
        "Pass to legal",
        "Passed to legal for court action, it leaves the due list; what is recovered is still "
        "recorded here.",
    ),
    PlanStatus.CANCELLED: ("Cancel: write off", "Cancelled, the debt is written off."),
    PlanStatus.ACTIVE: ("Make active again", "Active again, missed payments show as due."),
}
"""Each status an officer can give a plan: the button, and what it means."""
