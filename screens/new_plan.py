"""A new repayment plan agreed with the client (`NewPlanScreen`): the instalment suggested from
the interview's income and expenditure, the dated schedule shown as it is typed, the plan's
rules beside each field, and Ctrl+S saving it with the repayment agreement for the client to
sign (screens/plan.py `document_to_save`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.widgets import Footer, Header, Input, Static

from housing_tui.money.amounts import Frequency, parse_money, pounds
from housing_tui.money.repayments import (
    PLAN_FORM_KEYS,
    PLAN_FREQUENCIES,
    Affordability,
    PlanTerms,
    RechargeKind,
    agreement_values,
    first_due_warning,
    instalment_for,
    per_period,
    plan_schedule,
    read_plan,
)
from housing_tui.reference import fields
from screens import format as show
from screens.forms import Form
from screens.keys import after_typing
from screens.plan import DocumentToSave, document_to_save
from screens.repayment_text import schedule_lines
from screens.widgets.form_field import FieldMessage, FormField, money_field, pick_row
from screens.widgets.pick_field import PickField

if TYPE_CHECKING:
    from housing_tui.accommodation import Recharge
    from storage.rows import CaseDetail, DocumentRow


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

    def __init__(
        self,
        case_id: str,
        detail: CaseDetail,
        affordability: Affordability,
        recharge: Recharge | None = None,
    ) -> None:
        """`recharge`: the temporary accommodation costs the plan is set against (the
        accommodation screen's r), which give what it is for and the amount owed."""
        super().__init__()
        self.case_id, self.detail, self.affordability = case_id, detail, affordability
        self.recharge = recharge
        self._suggested = self._suggestion(Frequency.WEEKLY)
        self._start = {
            "kind": recharge.kind.value if recharge else "",
            "description": recharge.description if recharge else "",
            "amount_owed": str(recharge.amount_owed) if recharge else "",
            "instalment": self._suggested,
            "frequency": Frequency.WEEKLY.value,
            "first_due_on": "",
        }
        """What the form opens with."""

    def _suggestion(self, frequency: Frequency) -> str:
        weekly = self.affordability.suggested_weekly
        return str(instalment_for(weekly, frequency))

    def compose(self) -> ComposeResult:
        afforded, detail = self.affordability, self.detail
        yield Header()
        yield Static(
            f"New repayment plan: {detail.client.full_name}, case {detail.case.ref}\n"
            + (
                f"Recharging {len(self.recharge.cost_ids)} temporary accommodation cost(s): "
                "the amount owed is what they recharge under the policy.\n"
                if self.recharge
                else ""
            )
            + "Ctrl+S saves it and produces the repayment agreement to sign; Esc cancels.",
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
                yield from self._choice("kind", RechargeKind.choices())
                yield self._text("description", placeholder="e.g. 12 High Street, or the dates")
                yield self._money("amount_owed", placeholder="e.g. 450.00")
                yield self._money("instalment")
                frequencies = [(f.label, f.value) for f in PLAN_FREQUENCIES]
                yield from self._choice("frequency", frequencies)
                yield self._text(
                    "first_due_on",
                    placeholder="e.g. 14/12/2026 or +7",
                    parse=partial(fields.parse_date, today=self._today),
                    tidy=show.day,
                )
            with VerticalScroll(id="new-plan-preview"):
                yield Static("", id="new-plan-schedule")
        yield Footer(compact=True)

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

    def _choice(self, key: str, choices: list[tuple[str, str]]) -> ComposeResult:
        return pick_row(LABELS[key], key, choices, value=self._start[key])

    def read_form(self, text: dict[str, str]) -> tuple[PlanTerms | None, dict[str, str]]:
        return read_plan(text, today=self._today, policy=self.services.policy.repayments)

    def on_mount(self) -> None:
        self.sub_title = "New repayment plan"
        self.query_one("#kind").focus()
        self.opened(self._start)
        self._preview()

    # -- the live schedule --------------------------------------------------------------------

    @on(Input.Changed)
    @on(PickField.Changed)
    def _changed(self, event: Input.Changed | PickField.Changed) -> None:
        if isinstance(event, PickField.Changed):
            if event.control.id == "frequency":
                self._follow_frequency()
            self.query_one(f"#error-{event.control.id}", FieldMessage).show(None)
        self._preview()

    @on(Input.Blurred)
    @on(PickField.Chosen)
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
        frequency = self.query_one("#frequency", PickField).value
        if instalment.value == self._suggested and frequency:
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
            self.affordability,
            written_on=self._today,
            grace_days=policy.repayments.grace_days,
        )
        agreement = document_to_save(
            self.services,
            "repayment_agreement",
            values,
            detail=self.detail,
            number=1,
            cannot="the agreement cannot be made",
        )
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
                agreement=agreement.make(),
                file_name=agreement.file_name,
                recharges=self.recharge.cost_ids if self.recharge else (),
            )

        def saved(result: tuple[str, DocumentRow]) -> None:
            plan_id, _ = result
            app.notify(
                "Plan saved. Ctrl+E on the plan saves a copy of the agreement to print and sign.",
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
