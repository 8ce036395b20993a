"""The DHP check on a case: whether a Discretionary Housing Payment can help, with what and how
much, worked out live as the officer types; Ctrl+S applies, saving the application and its
summary for the revenues and benefits service. Below the form, the case's earlier applications:
record what was decided on one, and the payments made on an award.

The form starts from the interview's rent and Housing Benefit; everything on it can be changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from housing_tui.documents.rendering import TemplateError, document_file_name
from housing_tui.money.amounts import parse_money, parse_regular_amount, pounds, show_regular_amount
from housing_tui.money.dhp import (
    DECISIONS,
    FORM_LABELS,
    ONE_OFF_FIELDS,
    REGULAR_FIELDS,
    DhpCheck,
    DhpInputs,
    DhpStatus,
    Recommendation,
    dhp_check,
    financial_year,
    form_from_interview,
    over_budget,
    parse_recorded_day,
    read_check_form,
    read_decision,
    read_payment,
    summary_values,
)
from screens import format as show
from screens.background import in_background
from screens.forms import Form, FormDialog
from screens.plan import documents_folder, money_document
from screens.widgets.form_field import FieldMessage, FieldRow, FormField
from screens.workers import Work

if TYPE_CHECKING:
    from housing_tui.casework.assessment.facts import InterviewFacts
    from housing_tui.money.dhp import DhpBudget
    from storage.dhp import DhpApplicationRow
    from storage.rows import CaseDetail, DocumentRow


HINTS = {
    "rent": "e.g. 650 pcm or 150 pw",
    "service_charges": "e.g. 10 pw (meals, heating)",
    "housing_benefit": "the award, e.g. 120 pw",
    "uc_housing_element": "the award, e.g. 520 pcm",
    "deductions": "sanctions, overpayments: 15 pw",
    "council_tax_shortfall": "not met by council tax support",
    "weeks": "of the shortfall, e.g. 13",
    "rent_in_advance": "one-off, e.g. 650",
    "deposit": "one-off, e.g. 750",
    "removal_costs": "one-off, e.g. 180",
    "letting_fee": "banned: a DHP never pays it",
    "officer_reasons": "optional, on the summary",
}
"""What to type in each field, shown while it is empty: short enough for 30 columns."""

RECOMMENDATION_STYLE = {
    Recommendation.APPLY: "bold green",
    Recommendation.APPLY_FOR_LESS: "bold yellow",
    Recommendation.DO_NOT_APPLY: "bold red",
}


@dataclass(frozen=True)
class DhpView:
    detail: CaseDetail
    facts: InterviewFacts
    answers: dict[str, str]
    applications: tuple[DhpApplicationRow, ...]
    """Newest first."""
    budget: DhpBudget
    """This financial year's."""


def _tidy_regular(text: str) -> str:
    read = parse_regular_amount(text)
    return show_regular_amount(*read) if read else text


def _typed(text: str) -> str | None:
    """A field's text once the form's rules accept it (None when blank)."""
    return text.strip() or None


def _tidy_money(text: str) -> str:
    amount = parse_money(text)
    return str(amount) if amount is not None else text


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
            id="application_list.screen.reopen",
        ),
    ]


class DhpScreen(Form[None]):
    PROBLEM_ID = "dhp-problem"

    # Not a priority binding: Ctrl+S then waits its turn behind the keys typed before it, so a
    # quick typist's last characters are in what is saved (no field here uses Ctrl+S itself).
    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply", tooltip="Save the DHP application", id="dhp.apply"),
        Binding("escape", "leave", "Back to case", id="dhp.leave"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    SCOPED_CSS = False
    DEFAULT_CSS = """
    DhpScreen #dhp-heading { height: auto; padding: 0 1; background: $boost; }
    DhpScreen #dhp-budget { height: auto; padding: 0 1; color: $text-muted; }
    DhpScreen #dhp-budget.-over { color: $warning; text-style: bold; }
    DhpScreen #dhp-body { layout: vertical; height: 1fr; }
    DhpScreen #dhp-form { height: 1fr; padding: 0 1; }
    DhpScreen #dhp-result { height: 1fr; padding: 0 1; border-top: solid $primary-background; }
    DhpScreen #dhp-result:focus { background: $boost; }
    DhpScreen #dhp-applications { height: auto; max-height: 6; border: none; }
    DhpScreen.-wide #dhp-body { layout: horizontal; }
    DhpScreen.-wide #dhp-form { width: 56; }
    DhpScreen.-wide #dhp-result { border-top: none; border-left: solid $primary-background; }
    """

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.view: DhpView | None = None
        self._saved: dict[str, str] | None = None
        """The form as last saved here, so a second Ctrl+S does not apply twice."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the case…", id="dhp-heading", markup=False)
        yield Static("", id="dhp-budget", markup=False)
        yield self.problem_line()
        with Container(id="dhp-body"):
            # Not a stop of its own on Tab: each field scrolls into view as it gets focus.
            with VerticalScroll(id="dhp-form", can_focus=False):
                for key, label in FORM_LABELS.items():
                    yield self._field(key, label)
                yield Label("Applications on this case", classes="section-title")
                yield Static("None yet.", id="dhp-none", markup=False)
                yield ApplicationList(id="dhp-applications", markup=False, compact=True)
            with VerticalScroll(id="dhp-result"):
                yield Static("", id="dhp-result-text")
        yield Footer()

    def _field(self, key: str, label: str) -> FormField[str]:
        tidy: Callable[[str], str] | None = None
        if key in REGULAR_FIELDS:
            tidy = _tidy_regular
        elif key in ONE_OFF_FIELDS:
            tidy = _tidy_money
        return FormField(
            label, key, parse=self.checked(key, _typed), tidy=tidy, placeholder=HINTS[key]
        )

    def read_form(self, text: dict[str, str]) -> tuple[DhpInputs | None, dict[str, str]]:
        return read_check_form(text)

    def on_mount(self) -> None:
        self.sub_title = "DHP check"
        self.query_one("#dhp-applications").display = False
        self.watch(self.app, "data_version", self._load)

    # -- loading ------------------------------------------------------------------------------

    def _load(self, *_: object) -> None:
        services = self.services
        from storage.case_file import load_case_file
        from storage.dhp import budget_for_year, case_applications

        case_id = self.case_id
        year = financial_year(services.clock.today())
        allocation = services.policy.dhp.allocations.get(year)

        def read() -> DhpView | None:
            case_file = load_case_file(services.db, case_id)
            if case_file is None:
                return None
            return DhpView(
                detail=case_file.detail,
                facts=case_file.facts,
                answers=case_file.interview.answers,
                applications=case_applications(services.db, case_id),
                budget=budget_for_year(services.db, year, allocation),
            )

        in_background(self, services.db.in_one_read(read), self._show, group=Work.DHP)

    def _show(self, view: DhpView | None) -> None:
        if view is None:
            self.query_one("#dhp-heading", Static).update("This case is no longer on record.")
            return
        first_load = self.view is None
        self.view = view
        detail = view.detail
        self.sub_title = f"DHP: {detail.client.full_name} (case {detail.case.ref})"
        self.query_one("#dhp-heading", Static).update(
            "Ctrl+S applies for the DHP. Tab on to the case's applications and the result."
        )
        self._show_applications(view.applications)
        if first_load:
            self._fill(form_from_interview(view.answers))
            self.query_one("#rent").focus()
        self._refresh_result()

    def _fill(self, form: Mapping[str, str]) -> None:
        for form_field in self.query(FormField):
            form_field.value = form.get(form_field.field_name, "")
            form_field.show_error(None)
        self.opened()

    def _show_applications(self, applications: tuple[DhpApplicationRow, ...]) -> None:
        listed = self.query_one("#dhp-applications", ApplicationList)
        highlighted = listed.highlighted_option.id if listed.highlighted_option else None
        listed.set_options(Option(_application_line(row), id=row.id) for row in applications)
        listed.display = bool(applications)
        self.query_one("#dhp-none").display = not applications
        ids = [row.id for row in applications]
        if ids:
            listed.highlighted = ids.index(highlighted) if highlighted in ids else 0

    # -- the live result ----------------------------------------------------------------------

    @on(Input.Changed)
    def _refresh_result(self) -> None:
        view = self.view
        if view is None:
            return
        inputs, errors = self.read_form(self.form_text())
        result = self.query_one("#dhp-result-text", Static)
        self.show_problem(None)  # what Ctrl+S last refused is being changed
        if inputs is None:
            waiting: list[RenderableType] = [Text("Not worked out yet.", "bold")]
            _section(
                waiting,
                "Put right",
                [f"{label}: {errors[key]}" for key, label in FORM_LABELS.items() if key in errors],
            )
            result.update(Group(*waiting))
            self._show_budget(view.budget, None)
            return
        today = self.services.clock.today()
        check = dhp_check(inputs, facts=view.facts, policy=self.services.policy, on=today)
        result.update(result_text(check))
        self._show_budget(view.budget, check.total)

    def _show_budget(self, budget: DhpBudget, asked: Decimal | None) -> None:
        """The year's budget in a line, flagged when the request is more than is left."""
        line = self.query_one("#dhp-budget", Static)
        remaining = budget.remaining
        if budget.allocation is None or remaining is None:
            line.update(over_budget(budget, asked or Decimal(0)) or "")
            line.add_class("-over")
            return
        left = (
            f"{pounds(remaining)} left of {pounds(budget.allocation)}"
            if remaining >= 0
            else f"overspent by {pounds(-remaining)} (allocation {pounds(budget.allocation)})"
        )
        text = f"DHP {budget.year}: {left}; {pounds(budget.pending)} awaiting decisions."
        flag = over_budget(budget, asked) if asked else None
        line.update(f"{flag} {text}" if flag else text)
        line.set_class(bool(flag), "-over")

    # -- applying -----------------------------------------------------------------------------

    def action_apply(self) -> None:
        services = self.services
        from storage.dhp import save_application

        view, app = self.view, self.app
        if view is None:
            self.notify("Still loading the case…")
            return
        if self.still_saving(
            f"DHP application {self.case_id}", "Still saving the last application…"
        ):
            return
        raw = self.form_text()
        inputs, errors = self.read_form(raw)
        self.show_errors(errors)
        if inputs is None:
            self.show_problem("Nothing saved. Put right the fields marked.")
            return
        if raw == self._saved:
            self.show_problem("This check is already saved: change it to apply again.")
            return
        today = services.clock.today()
        check = dhp_check(inputs, facts=view.facts, policy=services.policy, on=today)
        if not check.eligible:
            self.show_problem(f"Nothing saved. {check.eligibility}")
            return
        if check.recommendation is None:
            self.show_problem("Nothing saved. Nothing is asked for yet: type the weeks or a cost.")
            return
        if check.total <= 0:  # the law's limits (a letting fee, no shortfall), not the advice
            self.show_problem("Nothing saved. A DHP cannot pay anything that is asked: see Why.")
            return
        detail = view.detail
        ref = detail.case.ref
        try:
            body = money_document(
                "dhp_summary", summary_values(check), detail=detail, services=services
            )
        except TemplateError as error:
            self.show_problem(f"Nothing saved. The summary cannot be made: {error}")
            return
        folder = documents_folder(services.data_dir, ref)
        file_name = document_file_name(ref, "dhp_summary", len(view.applications) + 1, today)
        flag = over_budget(view.budget, check.total)
        case_id, officer_id = self.case_id, services.officer.id

        def save() -> tuple[DhpApplicationRow, DocumentRow]:
            return save_application(
                services.db,
                officer_id=officer_id,
                case_id=case_id,
                check=check,
                form=raw,
                body=body,
                folder=folder,
                file_name=file_name,
            )

        def saved(result: tuple[DhpApplicationRow, DocumentRow]) -> None:
            application, document = result
            app.notify(
                f"DHP application saved: {pounds(application.amount_requested)}. Summary for "
                f"revenues and benefits: {folder / document.file_name}"
                + (f"\n{flag}" if flag else ""),
                severity="warning" if flag else "information",
                timeout=10,
            )
            if self.is_attached:
                self._saved = raw
                self.opened(raw)
                self.show_problem(None)
            app.changed()

        self.save_form(
            "the DHP application",
            save,
            saved,
            key=f"DHP application {case_id}",
            refused_as="Nothing saved",
        )

    def action_leave(self) -> None:
        self.leave_form(
            self.app.pop_screen,
            "Leave the DHP check?",
            "What you typed on it is not saved (Ctrl+S applies).",
            keep="Keep working",
            discard="Leave it",
        )

    # -- earlier applications -----------------------------------------------------------------

    def _highlighted(self) -> DhpApplicationRow | None:
        listed = self.query_one("#dhp-applications", ApplicationList)
        option = listed.highlighted_option
        if self.view is None or option is None:
            return None
        return next((row for row in self.view.applications if row.id == option.id), None)

    @on(OptionList.OptionSelected, "#dhp-applications")
    def _act_on_it(self) -> None:
        application = self._highlighted()
        if application is not None and application.status is DhpStatus.AWARDED:
            self.action_pay()
        else:
            self.action_decide()

    def action_decide(self) -> None:
        from storage.dhp import record_decision

        application = self._highlighted()
        if application is None:
            return
        if application.status is not DhpStatus.REQUESTED:
            self.notify(f"Already decided: {_application_line(application)}")
            return
        db, officer_id = self.services.db, self.services.officer.id
        self._ask_then_record(
            DecisionDialog(application, today=self.services.clock.today()),
            lambda values: record_decision(
                db,
                officer_id=officer_id,
                application_id=application.id,
                status=DhpStatus(values["status"]),
                decided_on=values["decided_on"],
                amount_awarded=values["amount_awarded"],
            ),
            "decision",
        )

    def action_pay(self) -> None:
        from storage.dhp import record_payment

        application = self._highlighted()
        if application is None:
            return
        if application.status is not DhpStatus.AWARDED:
            self.notify("Only an award can be paid: record the decision first (d).")
            return
        if application.left_to_pay <= 0:
            self.notify("The award is paid in full.")
            return
        db, officer_id = self.services.db, self.services.officer.id
        self._ask_then_record(
            PaymentDialog(application, today=self.services.clock.today()),
            lambda values: record_payment(
                db,
                officer_id=officer_id,
                application_id=application.id,
                paid_on=values["paid_on"],
                amount=values["amount"],
                note=values["note"],
            ),
            "payment",
        )

    def _ask_then_record(
        self,
        dialog: _RecordDialog,
        write: Callable[[dict], DhpApplicationRow],
        what: str,
    ) -> None:
        """Open `dialog`; what it returns is written in the background, then announced
        (`what`: "decision", "payment")."""
        app = self.app

        def recorded(row: DhpApplicationRow) -> None:
            app.notify(f"{what.capitalize()} recorded: {_application_line(row)}")
            app.changed()

        def record(values: dict | None) -> None:
            if values is not None:
                app.saves.save(f"the DHP {what}", partial(write, values), recorded)

        app.push_screen(dialog, record)

    def action_reopen(self) -> None:
        application = self._highlighted()
        if application is None:
            return
        self._fill(application.check_inputs)
        self._refresh_result()
        self.query_one("#rent").focus()
        self.notify(f"The figures of the application of {show.day(application.requested_on)}.")


def _application_line(row: DhpApplicationRow) -> str:
    line = f"{show.day(row.requested_on)} {pounds(row.amount_requested)} asked: "
    if row.status is DhpStatus.AWARDED and row.amount_awarded is not None:
        line += f"awarded {pounds(row.amount_awarded)} {show.day(row.decided_on)}"
        line += f", paid {pounds(row.paid)}" if row.payments else ", nothing paid yet"
    elif row.status is DhpStatus.REQUESTED:
        line += "awaiting the decision"
    else:
        line += f"{row.status.label.lower()} {show.day(row.decided_on)}"
    return line


def result_text(check: DhpCheck) -> Group:
    """The check as the panel beside the form shows it: the recommendation and what to watch
    first, then the sums and the reasons."""
    headline = Text()
    if check.recommendation is None:
        headline.append("Not worked out yet: type the weeks of help or a one-off cost.", "bold")
    else:
        headline.append(check.recommendation.label, RECOMMENDATION_STYLE[check.recommendation])
        if check.advised_total:
            headline.append(f": {pounds(check.advised_total)}", "bold")
    parts: list[RenderableType] = [headline, Text(check.eligibility)]
    if check.eligible and check.total and check.advised_total != check.total:
        parts.append(Text(f"Ctrl+S applies for {pounds(check.total)} with this advice."))
    if check.support is not None:
        weekly = (
            f"Each week: rent {pounds(check.rent)}, {check.support.label} paid "
            f"{pounds(check.support_paid)}, shortfall {pounds(check.shortfall)}"
        )
        if check.coverable != check.shortfall:
            weekly += f"; a DHP can cover {pounds(check.coverable)}"
        parts.append(Text(weekly + "."))
    _section(parts, "Check", check.warnings, style="yellow")
    if check.items:
        lines = [
            Text.assemble(
                f"{item.what}: asked {pounds(item.asked)}, DHP ",
                (pounds(item.covered), "bold" if item.covered else "red"),
                f" ({item.why})",
            )
            for item in check.items
        ]
        lines.append(Text(f"Total: {pounds(check.total)}", "bold"))
        _section(parts, "What it is for", lines)
    _section(parts, "A DHP cannot cover", check.cannot_cover)
    _section(parts, "Money", check.affordability)
    household = check.household
    bedrooms = household.entitlement.bedrooms
    entitled = f"{bedrooms} bedroom{'' if bedrooms == 1 else 's'} under the size criteria"
    if household.lha_weekly is not None:
        entitled += (
            f"; LHA rate ({household.entitlement.category.label}) "
            f"{pounds(household.lha_weekly)} a week"
        )
    people = f"{household.size} {'person' if household.size == 1 else 'people'}"
    _section(parts, "Household", [f"{people}; {entitled}", *household.notes])
    _section(parts, "Why", check.reasons)
    return Group(*parts)


def _section(
    parts: list[RenderableType], title: str, lines: Sequence[str | Text], style: str = ""
) -> None:
    """A titled list whose long lines wrap under their own text, not under the bullet."""
    if not lines:
        return
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=1)
    grid.add_column(ratio=1)
    for line in lines:
        grid.add_row("-", Text(line, style) if isinstance(line, str) else line)
    parts.extend((Text(f"\n{title}", "bold"), grid))


# --- recording what happened to an application ---------------------------------------------------


class _RecordDialog(FormDialog[dict | None]):
    """A small form on one application: Ctrl+S keeps it if the domain's reader accepts it."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "Save", id="dhp_record.save"),  # not priority: see DhpScreen
        Binding("escape", "dismiss(None)", "Cancel", id="dhp_record.cancel"),
    ]

    def __init__(self, application: DhpApplicationRow, *, today: date) -> None:
        super().__init__()
        self.application, self.today = application, today

    heading = ""

    def form(self) -> ComposeResult:
        raise NotImplementedError

    def read_form(self, text: dict[str, str]) -> tuple[dict[str, object] | None, dict[str, str]]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"{self.heading}  (Ctrl+S save, Esc cancel)", classes="dialog-title")
            yield Static(_application_line(self.application), markup=False, classes="hint")
            yield from self.form()

    def on_mount(self) -> None:
        self.query(".dialog Input, .dialog Select").first().focus()


class DecisionDialog(_RecordDialog):
    heading = "What revenues and benefits decided"

    def form(self) -> ComposeResult:
        choices = [(status.label, status.value) for status in DECISIONS]
        yield FieldRow("Decision", Select(choices, prompt="Choose…", id="status", compact=True))
        yield FieldMessage(id="error-status")
        yield FormField(
            "Decided on",
            "decided_on",
            value=show.day(self.today),
            parse=partial(
                parse_recorded_day,
                today=self.today,
                not_before=self.application.requested_on,
                what="the request",
            ),
            tidy=show.day,
        )
        yield FormField(
            "Amount awarded",
            "amount_awarded",
            value=str(self.application.amount_requested),
            parse=parse_money,
            tidy=str,
            placeholder="only for an award",
        )

    def read_form(self, raw: dict[str, str]) -> tuple[dict[str, object] | None, dict[str, str]]:
        return read_decision(raw, today=self.today, requested_on=self.application.requested_on)


class PaymentDialog(_RecordDialog):
    heading = "A payment made on the award"

    def form(self) -> ComposeResult:
        assert self.application.decided_on is not None
        yield FormField(
            "Paid on",
            "paid_on",
            value=show.day(self.today),
            parse=partial(
                parse_recorded_day,
                today=self.today,
                not_before=self.application.decided_on,
                what="the award",
            ),
            tidy=show.day,
        )
        yield FormField(
            "Amount",
            "amount",
            value=str(self.application.left_to_pay),
            parse=parse_money,
            tidy=str,
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
