"""The DHP check on a case: whether a Discretionary Housing Payment can help, with what and how
much, worked out live as the officer types; Ctrl+S applies, saving the application and its
summary for the revenues and benefits service (Ctrl+E saves a copy of the highlighted
application's summary, to send). Below the form, the case's earlier applications:
record what was decided on one, and the payments made on an award.

The form starts from the interview's rent and Housing Benefit; everything on it can be changed.
The form's fields are in screens/dhp_fields.py, what the panel beside it says in
screens/dhp_result.py, and the list of earlier applications with their decision and payment
dialogs in screens/dhp_applications.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.widgets import Footer, Header, Input, Label, OptionList, Static

from housing_tui.money.amounts import pounds
from housing_tui.money.dhp import (
    DhpCheck,
    DhpInputs,
    DhpStatus,
    dhp_check,
    financial_year,
    form_from_interview,
    over_budget,
    read_check_form,
    summary_values,
)
from screens import format as show
from screens.background import in_background
from screens.dhp_applications import (
    ApplicationList,
    AwardPaymentDialog,
    DecisionDialog,
    RecordDialog,
    application_line,
)
from screens.dhp_fields import check_fields
from screens.dhp_result import budget_line, result_text, waiting_text
from screens.forms import DialogSave, Form
from screens.plan import DocumentToSave, document_to_save
from screens.save_copy import SAVE_COPY, SavesCopies, made_from
from screens.widgets.form_column import FormColumn
from screens.widgets.form_field import FormField
from screens.workers import Work

if TYPE_CHECKING:
    from housing_tui.casework.assessment.facts import InterviewFacts
    from housing_tui.money.dhp import DhpBudget
    from storage.dhp import DhpApplicationRow
    from storage.rows import CaseDetail, DocumentRow


@dataclass(frozen=True)
class DhpView:
    detail: CaseDetail
    facts: InterviewFacts
    answers: dict[str, str]
    applications: tuple[DhpApplicationRow, ...]
    """Newest first."""
    summaries: tuple[DocumentRow, ...]
    """The summaries saved with them, newest first."""
    budget: DhpBudget
    """This financial year's."""


@dataclass(frozen=True)
class Application:
    """A DHP application ready to save: the check as typed and its summary document."""

    form: dict[str, str]
    check: DhpCheck
    summary: DocumentToSave
    over_budget: str | None
    """What to tell the officer when it asks for more than the year's budget has left."""


class DhpScreen(Form[None], SavesCopies):
    PROBLEM_ID = "dhp-problem"

    # Not a priority binding: Ctrl+S then waits its turn behind the keys typed before it, so a
    # quick typist's last characters are in what is saved (no field here uses Ctrl+S itself).
    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply", tooltip="Save the DHP application", id="dhp.apply"),
        SAVE_COPY,
        Binding("escape", "leave", "Back", tooltip="Back to the case", id="dhp.leave"),
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

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the case…", id="dhp-heading", markup=False)
        yield Static("", id="dhp-budget", markup=False)
        yield self.problem_line()
        with Container(id="dhp-body"):
            # Not a stop of its own on Tab: each field scrolls into view as it gets focus.
            with FormColumn(id="dhp-form", result_id="dhp-result", can_focus=False):
                yield from check_fields(self)
                # c is named here, not on the footer: with the list's keys there too, Quit and
                # Help would not fit at 80 columns.
                yield Label(
                    "Applications  (d decision, p payment, c reopen)",
                    classes="section-title",
                )
                yield Static("None yet.", id="dhp-none", markup=False)
                yield ApplicationList(id="dhp-applications", markup=False, compact=True)
            with VerticalScroll(id="dhp-result"):
                yield Static("", id="dhp-result-text")
        yield Footer(compact=True)

    def read_form(self, text: dict[str, str]) -> tuple[DhpInputs | None, dict[str, str]]:
        return read_check_form(text)

    def on_mount(self) -> None:
        self.sub_title = "DHP check"
        self.query_one("#dhp-applications").display = False
        self.query_one("#rent").focus()
        self.opening = True  # keys typed meanwhile wait for the fields from the interview
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
                summaries=tuple(
                    doc for doc in case_file.plan.documents if doc.kind == "dhp_summary"
                ),
                budget=budget_for_year(services.db, year, allocation),
            )

        in_background(
            self,
            services.db.in_one_read(read),
            self._show,
            group=Work.DHP,
            failed=self.stop_opening,
        )

    def _show(self, view: DhpView | None) -> None:
        if view is None:
            self.query_one("#dhp-heading", Static).update("This case is no longer on record.")
            self.opening = False
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
            self.opening = False
        self._refresh_result()

    def _fill(self, form: Mapping[str, str]) -> None:
        for form_field in self.query(FormField):
            form_field.value = form.get(form_field.field_name, "")
            form_field.show_error(None)
        self.opened()

    def _show_applications(self, applications: tuple[DhpApplicationRow, ...]) -> None:
        self.query_one("#dhp-applications", ApplicationList).show(applications)
        self.query_one("#dhp-none").display = not applications

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
            result.update(waiting_text(errors))
            self._show_budget(view.budget, None)
            return
        today = self.services.clock.today()
        check = dhp_check(inputs, facts=view.facts, policy=self.services.policy, on=today)
        result.update(result_text(check))
        self._show_budget(view.budget, check.total)

    def _show_budget(self, budget: DhpBudget, asked: Decimal | None) -> None:
        """The year's budget in a line, flagged when the request is more than is left."""
        line = self.query_one("#dhp-budget", Static)
        text, flagged = budget_line(budget, asked)
        line.update(text)
        line.set_class(flagged, "-over")

    # -- applying -----------------------------------------------------------------------------

    def action_apply(self) -> None:
        """Ctrl+S: check what is on the form, make its summary, then save both; each step says
        on the problem line why it stops."""
        view = self.view
        if view is None:
            self.notify("Still loading the case…")
            return
        if self.still_saving(self._saving_key, "Still saving the last application…"):
            return
        raw = self.form_text()
        today = self.services.clock.today()
        check = self._check_to_apply(view, raw, today)
        if check is None:
            return
        self._save(self._application(view, raw, check))

    @property
    def _saving_key(self) -> str:
        return f"DHP application {self.case_id}"

    def _check_to_apply(self, view: DhpView, raw: dict[str, str], today: date) -> DhpCheck | None:
        """The check of what is typed, if it can be applied for; else None, with why not."""
        inputs, errors = self.read_form(raw)
        self.show_errors(errors)
        if inputs is None:
            self.show_problem("Nothing saved. Put right the fields marked.")
            return None
        if self.saved_already(raw):
            self.show_problem("This check is already saved: change it to apply again.")
            return None
        check = dhp_check(inputs, facts=view.facts, policy=self.services.policy, on=today)
        if not check.eligible:
            self.show_problem(f"Nothing saved. {check.eligibility}")
            return None
        if check.recommendation is None:
            self.show_problem("Nothing saved. Nothing is asked for yet: type the weeks or a cost.")
            return None
        if check.total <= 0:  # the law's limits (a letting fee, no shortfall), not the advice
            self.show_problem("Nothing saved. A DHP cannot pay anything that is asked: see Why.")
            return None
        return check

    def _application(self, view: DhpView, raw: dict[str, str], check: DhpCheck) -> Application:
        """The application with its summary for revenues and benefits."""
        summary = document_to_save(
            self.services,
            "dhp_summary",
            summary_values(check),
            detail=view.detail,
            number=len(view.applications) + 1,
            cannot="the summary for revenues and benefits cannot be made",
        )
        return Application(raw, check, summary, over_budget(view.budget, check.total))

    def _save(self, application: Application) -> None:
        """Save in the background; once saved, say where the summary is (and if the budget is
        overspent by it), and keep the form as saved so a second Ctrl+S does not apply twice."""
        services = self.services
        from storage.dhp import save_application

        case_id, officer_id = self.case_id, services.officer.id
        raw, summary, flag = application.form, application.summary, application.over_budget

        def save() -> tuple[DhpApplicationRow, DocumentRow]:
            return save_application(
                services.db,
                officer_id=officer_id,
                case_id=case_id,
                check=application.check,
                form=raw,
                summary=summary.make(),
                file_name=summary.file_name,
            )

        def saved(result: tuple[DhpApplicationRow, DocumentRow]) -> None:
            row, _ = result
            self.now_saved(
                raw,
                f"DHP application saved: {pounds(row.amount_requested)}. Ctrl+E on it saves "
                "a copy of the summary for revenues and benefits" + (f"\n{flag}" if flag else ""),
                severity="warning" if flag else "information",
                timeout=10,
            )

        self.save_form(
            "the DHP application", save, saved, key=self._saving_key, refused_as="Nothing saved"
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

    def document_to_copy(self) -> tuple[DocumentRow, str] | str:
        view, application = self.view, self._highlighted()
        if view is None or application is None:
            return "Highlight an application in the list: Ctrl+E saves a copy of its summary."
        summary = made_from(view.summaries, application.id, application.requested_on)
        if summary is None:
            return (
                "No summary can be found for this application: none was saved, or it was "
                "saved the same day as another's, before summaries named their application."
            )
        return summary, view.detail.case.ref

    def _highlighted(self) -> DhpApplicationRow | None:
        return self.query_one("#dhp-applications", ApplicationList).highlighted_application

    @on(OptionList.OptionSelected, "#dhp-applications")
    def _act_on_it(self) -> None:
        application = self._highlighted()
        if application is not None and application.status is DhpStatus.AWARDED:
            self.action_pay()
        else:
            self.action_decide()

    def action_decide(self) -> None:
        self._ask_then_record(DecisionDialog)

    def action_pay(self) -> None:
        self._ask_then_record(AwardPaymentDialog)

    def _ask_then_record(self, dialog: type[RecordDialog]) -> None:
        """Open `dialog` on the highlighted application (or say why not); it saves what is
        typed before it closes, then the officer is told."""
        application = self._highlighted()
        if application is None:
            return
        refusal = dialog.refusal(application)
        if refusal is not None:
            self.notify(refusal)
            return
        app, what = self.app, dialog.what
        db, officer_id = self.services.db, self.services.officer.id

        def recorded(row: DhpApplicationRow) -> None:
            app.notify(f"{what.capitalize()} recorded: {application_line(row)}")
            app.changed()

        write = partial(dialog.record, db, officer_id, application.id)
        refused = f"The {what} was not saved"
        saving = DialogSave(f"the DHP {what}", write, recorded, refused, given_result=True)
        app.push_screen(dialog(application, today=self.services.clock.today(), saving=saving))

    def action_reopen(self) -> None:
        application = self._highlighted()
        if application is None:
            return
        self._fill(application.check_inputs)
        self._refresh_result()
        self.query_one("#rent").focus()
        self.notify(f"The figures of the application of {show.day(application.requested_on)}.")
