"""Repayment plans on a case (the 100% recharging policy): every plan with what is owed, paid
and left, the next payment and whether it is in arrears; a new plan, its instalment worked out
from the interview's income and expenditure and its dated schedule shown as it is typed, saved
with the repayment agreement for the client to sign; payments; passing a plan to legal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from housing_tui.casework.interview import household_budget
from housing_tui.money.amounts import Frequency, parse_money, pounds
from housing_tui.money.repayments import (
    PLAN_FORM_KEYS,
    PLAN_FREQUENCIES,
    Affordability,
    Instalment,
    Payment,
    PlanBalance,
    PlanStatus,
    PlanTerms,
    RechargeKind,
    affordability,
    agreement_values,
    first_due_warning,
    in_arrears_if_unpaid,
    instalment_for,
    per_period,
    plan_schedule,
    read_plan,
    status_problem,
)
from housing_tui.reference import fields
from screens import format as show
from screens.background import in_background
from screens.dialogs import ConfirmDialog
from screens.forms import DialogSave, Form
from screens.keys import after_typing
from screens.plan import DocumentToSave, document_to_save, documents_folder
from screens.services import HousingScreen
from screens.widgets.form_field import FieldMessage, FieldRow, FormField, money_field
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


def schedule_lines(
    schedule: tuple[Instalment, ...],
    balance: PlanBalance | None = None,
    *,
    today: date | None = None,
    grace_days: int = 0,
) -> Text:
    """The dated payments, one a line; with a balance, what is paid, part paid and missed."""
    lines = Text()
    for instalment in schedule:
        lines.append(
            f"{instalment.number:>3}  {instalment.due_on:%a} {show.day(instalment.due_on)}  "
            f"{pounds(instalment.amount):>10}"
        )
        if balance is not None and today is not None:
            lines.append(*_paid_or_not(instalment, balance, today, grace_days))
        lines.append("\n")
    lines.rstrip()
    return lines


def _paid_or_not(
    instalment: Instalment, balance: PlanBalance, today: date, grace_days: int
) -> tuple[str, str]:
    upcoming = balance.next_due
    if upcoming is None or instalment.number < upcoming.number:
        return "  paid", "green"
    late = in_arrears_if_unpaid(instalment, today=today, grace_days=grace_days)
    if instalment.number == upcoming.number and upcoming.amount != instalment.amount:
        return f"  {pounds(upcoming.amount)} still to pay", "bold red" if late else "yellow"
    return ("  missed", "bold red") if late else ("", "")


_STATUS_STYLE = {
    PlanStatus.COMPLETED: "green",
    PlanStatus.LEGAL: "yellow",
    PlanStatus.CANCELLED: "dim",
}


def arrears(row: PlanRow) -> Text:
    """'£40.00', 'Up to date', or the status of a plan no longer active."""
    plan, balance = row.plan, row.balance
    if plan.status is not PlanStatus.ACTIVE:
        return Text(plan.status.label, style=_STATUS_STYLE[plan.status])
    if balance.arrears:
        return Text(pounds(balance.arrears), style="bold red")
    return Text("Up to date", style="green")


def _where_it_stands(row: PlanRow) -> Text:
    """What is behind, and what to do about it; or the next payment. Nothing for a plan that
    takes no more payments."""
    plan, balance = row.plan, row.balance
    upcoming = balance.next_due
    if not plan.status.takes_payments or upcoming is None:
        return Text()
    if not balance.arrears:
        return Text(f"Next: {pounds(upcoming.amount)} by {show.day(upcoming.due_on)}.")
    assert balance.behind_since is not None
    behind = f"{pounds(balance.arrears)} behind since {show.day(balance.behind_since)}."
    if plan.status is not PlanStatus.ACTIVE:
        return Text(behind)
    return Text(
        f"In arrears: {behind} Contact the client; if they do not pay, pass the plan to legal (s).",
        style="bold red",
    )


class RepaymentsScreen(HousingScreen[None]):
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
        Binding("escape", "app.pop_screen", "Back to case", id="repayments.back"),
    ]
    SCOPED_CSS = False
    DEFAULT_CSS = """
    RepaymentsScreen #rep-heading { height: auto; padding: 0 1; background: $boost; }
    RepaymentsScreen #rep-plans { height: auto; max-height: 8; }
    RepaymentsScreen #rep-detail { height: 1fr; padding: 0 1;
        border-top: solid $primary-background; }
    """

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.view: RepaymentsView | None = None
        self.selected: str | None = None
        """The highlighted plan's id."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the repayment plans…", id="rep-heading", markup=False)
        table: DataTable[object] = DataTable(id="rep-plans", cursor_type="row")
        table.add_column("What for", key="what", width=15)
        table.add_column("Owed", key="owed", width=9)
        table.add_column("Paid", key="paid", width=9)
        table.add_column("Left", key="left", width=9)
        table.add_column("Next due", key="next", width=10)
        table.add_column("Arrears", key="arrears", width=15)
        yield table
        with VerticalScroll(id="rep-detail"):
            yield Static("", id="rep-plan")
        yield Footer()

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
        if first_load:
            table.focus()

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
        agreements (the files to print), then every dated payment."""
        view = self.view
        if view is None:
            return
        row = self._selected_row()
        parts = [self._plan_text(row)] if row is not None else []
        if view.agreements:
            folder = documents_folder(self.services.data_dir, view.detail.case.ref)
            agreements = Text("Repayment agreements on this case\n", style="bold")
            agreements.append(
                "\n".join(
                    f"{show.day(document.issued_on)}  {folder / document.file_name}"
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

    def _plan_text(self, row: PlanRow) -> Text:
        plan, terms = row.plan, row.plan.terms
        text = Text(terms.what_for, style="bold")
        text.append(
            f"\nAgreed {show.day(plan.agreed_on)}: {pounds(terms.amount_owed)} at "
            f"{per_period(terms.instalment, terms.frequency)}, {len(row.schedule)} payments "
            f"from {show.day(row.schedule[0].due_on)} to {show.day(row.schedule[-1].due_on)}."
        )
        text.append(f"\nStatus: {plan.status.label}. ")
        text.append_text(_where_it_stands(row))
        text.append("\n\nPayments\n", style="bold")
        payments = [
            f"{show.day(p.paid_on)}  {pounds(p.amount):>10}  {p.note}".rstrip()
            for p in plan.payments
        ]
        text.append("\n".join(payments) or "None yet.")
        return text

    # -- actions ------------------------------------------------------------------------------

    def action_new_plan(self) -> None:
        view = self.view
        if view is None:
            return
        if view.detail.case.status != "open":
            self.notify("The case is closed: no new plan can be agreed on it.", severity="warning")
            return

        def added(plan_id: str | None) -> None:
            if plan_id:
                self.selected = plan_id

        self.app.push_screen(NewPlanScreen(self.case_id, view), added)

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


# --- a new plan ----------------------------------------------------------------------------------

LABELS = {
    "kind": "What for",
    "description": "Details",
    "amount_owed": "Amount owed",
    "instalment": "Instalment",
    "frequency": "How often",
    "first_due_on": "First payment due",
}


class NewPlanScreen(Form[str | None]):
    """The plan agreed with the client: Ctrl+S saves it and produces the agreement to sign.
    Dismisses with the new plan's id, or None when the officer leaves without saving."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save and produce agreement", priority=True, id="new_plan.save"),
        Binding("escape", "cancel", "Cancel", id="new_plan.cancel"),
    ]
    PROBLEM_ID = "new-plan-problem"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    SCOPED_CSS = False
    DEFAULT_CSS = """
    NewPlanScreen #new-plan-heading { height: auto; padding: 0 1; background: $boost; }
    NewPlanScreen #new-plan-body { layout: vertical; height: 1fr; }
    NewPlanScreen #new-plan-form { height: auto; max-height: 1fr; padding: 0 1; }
    NewPlanScreen #new-plan-affordability { height: auto; color: $text-muted; }
    NewPlanScreen #new-plan-warning { height: auto; color: $warning; }
    NewPlanScreen #new-plan-preview { height: 1fr; min-height: 5; padding: 0 1;
        border-top: solid $primary-background; }
    NewPlanScreen.-wide #new-plan-body { layout: horizontal; }
    NewPlanScreen.-wide #new-plan-form { width: 64; height: 1fr; max-height: 100%; }
    NewPlanScreen.-wide #new-plan-preview { border-top: none;
        border-left: solid $primary-background; }
    """

    def __init__(self, case_id: str, view: RepaymentsView) -> None:
        super().__init__()
        self.case_id, self.view = case_id, view
        self._suggested = self._suggestion(Frequency.WEEKLY)
        self._start = {
            "kind": "",
            "description": "",
            "amount_owed": "",
            "instalment": self._suggested,
            "frequency": Frequency.WEEKLY.value,
            "first_due_on": "",
        }
        """What the form opens with."""

    def _suggestion(self, frequency: Frequency) -> str:
        weekly = self.view.affordability.suggested_weekly
        return str(instalment_for(weekly, frequency))

    def compose(self) -> ComposeResult:
        afforded, detail = self.view.affordability, self.view.detail
        yield Header()
        yield Static(
            f"New repayment plan: {detail.client.full_name}, case {detail.case.ref}\n"
            "Ctrl+S saves it and produces the repayment agreement to sign; Esc cancels.",
            id="new-plan-heading",
            markup=False,
        )
        yield self.problem_line()
        with Container(id="new-plan-body"):
            with VerticalScroll(id="new-plan-form"):
                yield Static(
                    "Affordability: " + " ".join(afforded.reasons),
                    id="new-plan-affordability",
                    markup=False,
                )
                if afforded.warning:
                    yield Static(afforded.warning, id="new-plan-warning", markup=False)
                yield from self._choice("kind", RechargeKind.choices(), "Choose…")
                yield self._text("description", placeholder="e.g. 12 High Street, or the dates")
                yield self._money("amount_owed", placeholder="e.g. 450.00")
                yield self._money("instalment")
                frequencies = [(f.label, f.value) for f in PLAN_FREQUENCIES]
                yield from self._choice("frequency", frequencies, "Choose…")
                yield self._text(
                    "first_due_on",
                    placeholder="e.g. 14/12/2026 or +7",
                    parse=partial(fields.parse_date, today=self._today),
                    tidy=show.day,
                )
            with VerticalScroll(id="new-plan-preview"):
                yield Static("", id="new-plan-schedule")
        yield Footer()

    @property
    def _today(self) -> date:
        return self.services.clock.today()

    def _text(
        self,
        key: str,
        *,
        placeholder: str = "",
        parse: Callable[[str], Any] = str,
        tidy: Callable[[Any], str] | None = None,
    ) -> FormField[Any]:
        return FormField(
            LABELS[key],
            key,
            value=self._start[key],
            parse=self.checked(key, parse),
            tidy=tidy,
            placeholder=placeholder,
        )

    def _money(self, key: str, *, placeholder: str = "") -> FormField[Decimal]:
        parse = self.checked(key, parse_money)
        value = self._start[key]
        return money_field(LABELS[key], key, parse=parse, value=value, placeholder=placeholder)

    def _choice(self, key: str, choices: list[tuple[str, str]], prompt: str) -> ComposeResult:
        start = self._start[key]
        yield FieldRow(
            LABELS[key],
            Select(choices, value=start or Select.NULL, prompt=prompt, id=key, compact=True),
        )
        yield FieldMessage(id=f"error-{key}")

    def read_form(self, text: dict[str, str]) -> tuple[PlanTerms | None, dict[str, str]]:
        return read_plan(text, today=self._today, policy=self.services.policy.repayments)

    def on_mount(self) -> None:
        self.sub_title = "New repayment plan"
        self.query_one("#kind").focus()
        self.opened(self._start)
        self._preview()

    # -- the live schedule --------------------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self, event: Input.Changed | Select.Changed) -> None:
        if isinstance(event, Select.Changed) and event.select.id == "frequency":
            self._follow_frequency()
        if isinstance(event, Select.Changed) and event.select.id:
            self.query_one(f"#error-{event.select.id}", FieldMessage).show(None)
        self._preview()

    @on(Input.Blurred)
    @on(Select.Changed)
    def _beside_each_field(self) -> None:
        """As a field is left or a choice made, the plan's rules beside every field typed in:
        a message about one field that comes from another ("£2,000.00 takes 400 payments" on
        the instalment, once the amount owed is typed) shows beside the field it is about, not
        only under the schedule. An empty field keeps what Ctrl+S said of it."""
        text = self.form_text()
        _, errors = self.read_form(text)
        for form_field in self.query(FormField):
            if text[form_field.field_name].strip() or form_field.field_name not in errors:
                form_field.show_error(errors.get(form_field.field_name))
        first = fields.read_or(partial(fields.parse_date, today=self._today), text["first_due_on"])
        readable = first is not None and "first_due_on" not in errors
        self._first_due.show_warning(first_due_warning(first, self._today) if readable else None)

    @property
    def _first_due(self) -> FormField[Any]:
        return self.query_one("#field-first_due_on", FormField)

    def _first_due_unseen(self, terms: PlanTerms) -> bool:
        """A first payment in the past the officer has not been told of yet: tell them now,
        beside the date, and let a second Ctrl+S save it as it is."""
        warning = first_due_warning(terms.first_due_on, self._today)
        if warning is None or self._first_due.query_one(".field-warning").display:
            return False
        self._first_due.show_warning(warning)
        self.query_one("#first_due_on").focus()
        self.notify("Check the first payment date: Ctrl+S again saves it as it is.")
        return True

    def _follow_frequency(self) -> None:
        """Keep the suggested instalment in step with how often they pay, unless the officer
        typed an amount of their own."""
        instalment = self.query_one("#field-instalment", FormField)
        frequency = self.query_one("#frequency", Select).value
        if instalment.value == self._suggested and isinstance(frequency, str):
            self._suggested = self._suggestion(Frequency(frequency))
            instalment.value = self._suggested

    def _preview(self) -> None:
        policy = self.services.policy
        terms, errors = self.read_form(self.form_text())
        schedule = self.query_one("#new-plan-schedule", Static)
        if terms is None:
            missing = [f"{LABELS[key]}: {errors[key]}" for key in PLAN_FORM_KEYS if key in errors]
            schedule.update(
                Text("The schedule shows here once the plan is complete.\n\n").append(
                    "\n".join(missing), style="dim"
                )
            )
            return
        dated = plan_schedule(terms, policy.deadlines.closure_days)
        heading = Text(
            f"{len(dated)} payments of {per_period(terms.instalment, terms.frequency)}, "
            f"{show.day(dated[0].due_on)} to {show.day(dated[-1].due_on)}",
            style="bold",
        )
        if dated[-1].amount != terms.instalment:
            heading.append(f" (the last {pounds(dated[-1].amount)})", style="bold")
        heading.append(
            "\nA date on a weekend, bank holiday or council closure day moves to the next "
            "working day.\n\n",
            style="dim",
        )
        schedule.update(heading.append_text(schedule_lines(dated)))

    # -- saving -------------------------------------------------------------------------------

    @after_typing
    def action_save(self) -> None:
        """Ctrl+S: check the plan, make its agreement, then save both; each step says why it
        stops. If the database refuses, everything typed stays on the form."""
        if self.still_saving(f"repayment plan {self.case_id}", "Still saving the plan…"):
            return
        terms, errors = self.read_form(self.form_text())
        self.show_errors(errors)
        if terms is None or self._first_due_unseen(terms):
            return
        policy = self.services.policy
        schedule = plan_schedule(terms, policy.deadlines.closure_days)
        values = agreement_values(
            terms,
            schedule,
            self.view.affordability,
            written_on=self._today,
            grace_days=policy.repayments.grace_days,
        )
        agreement = document_to_save(
            self,
            "repayment_agreement",
            values,
            detail=self.view.detail,
            number=1,
            cannot="The agreement cannot be made",
        )
        if agreement is not None:
            self._save(terms, agreement)

    def _save(self, terms: PlanTerms, agreement: DocumentToSave) -> None:
        services, app = self.services, self.app
        from storage.repayments import agree_plan

        case_id, officer_id, today = self.case_id, services.officer.id, self._today

        def save() -> tuple[str, DocumentRow]:
            return agree_plan(
                services.db,
                officer_id=officer_id,
                case_id=case_id,
                terms=terms,
                agreed_on=today,
                policy=services.policy,
                agreement=agreement.body,
                folder=agreement.folder,
                file_name=agreement.file_name,
            )

        def saved(result: tuple[str, DocumentRow]) -> None:
            plan_id, document = result
            app.notify(
                f"Plan saved. Repayment agreement to sign: {agreement.folder / document.file_name}",
                timeout=10,
            )
            app.changed()
            if self.is_attached:
                self.dismiss(plan_id)

        self.save_form(
            "the repayment plan",
            save,
            saved,
            key=f"repayment plan {case_id}",
            refused_as="The plan was not saved",
        )

    def action_cancel(self) -> None:
        self.leave_form(lambda: self.dismiss(None), "Discard this repayment plan?")
