"""One case: who, why, how urgent; the duties owed, the plan's steps and what is due; what had
to happen on the day; documents, earlier approaches and notes; and, first when there are any,
the sync conflicts to decide.

What each panel says is built in screens/case_panels.py; the parts of the case that open on a
screen of their own are in screens/case_parts.py (`CASE_PARTS`), and the case's entries in the
command palette in screens/case_commands.py (`CaseCommands`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Label, Static

from housing_tui.calendar.deadlines import CaseDates
from screens.accommodation import accommodation_text
from screens.background import in_background
from screens.case_panels import (
    application_text,
    documents_text,
    due_text,
    duties_text,
    header_text,
    history_text,
    money_lines,
    notes_text,
    today_text,
)
from screens.case_parts import CASE_PARTS
from screens.dialogs import ConfirmDialog
from screens.forms import DialogSave
from screens.note_dialog import NoteDialog
from screens.services import HousingScreen
from screens.widgets.conflict_list import ConflictList
from screens.widgets.plan_steps import PlanSteps
from screens.workers import Work
from storage.rows import CaseDetail

if TYPE_CHECKING:
    from housing_tui.prevention.actions import PlanAction
    from housing_tui.reference.policy import Policy
    from storage.accommodation import CaseAccommodation
    from storage.case_file import CaseFile, CaseMoney
    from storage.sync.conflicts import ConflictRow


class CaseScreenView(NamedTuple):
    """Everything the case screen shows, read together."""

    case_file: CaseFile
    money: CaseMoney
    accommodation: CaseAccommodation
    conflicts: list[ConflictRow]


class CaseScreen(HousingScreen[None]):
    # The footer shows the main keys within 80 columns, so that Quit and Help stay on it; the
    # case's text names o, a, p, s, l, h, r and m beside their parts, and F1 lists every key.
    BINDINGS = [
        Binding(
            "i",
            "open('interview')",
            "Interview",
            tooltip="The housing options interview",
            id="case.interview",
        ),
        Binding(
            "o",
            "open('options')",
            "Options",
            tooltip="Prevention options that fit the client",
            show=False,
            id="case.options",
        ),
        Binding(
            "a",
            "add_step",
            "Add step",
            tooltip="A step of your own in the plan",
            show=False,
            id="case.add_step",
        ),
        Binding(
            "p",
            "open('plan')",
            "Plan",
            tooltip="Personal Housing Plan or written advice",
            show=False,
            id="case.plan",
        ),
        Binding(
            "d",
            "start_duty",
            "Start duty",
            tooltip="Record a prevention or relief duty",
            id="case.start_duty",
        ),
        Binding(
            "e",
            "end_duty",
            "End duty",
            tooltip="Record that the open duty ended",
            id="case.end_duty",
        ),
        Binding(
            "s",
            "open('decision')",
            "Decision",
            tooltip="Homelessness application, inquiries, decision and review",
            show=False,
            id="case.decision",
        ),
        Binding(
            "l",
            "open('letters')",
            "Letters",
            tooltip="Duty letters needed and produced",
            show=False,
            id="case.letters",
        ),
        Binding(
            "h",
            "open('dhp')",
            "DHP",
            tooltip="Discretionary Housing Payment check",
            show=False,
            id="case.dhp",
        ),
        Binding(
            "r",
            "open('deposit')",
            "Deposit",
            tooltip="Rent deposit check for a property",
            show=False,
            id="case.deposit",
        ),
        Binding(
            "m",
            "open('repayments')",
            "Repayments",
            tooltip="Money owed: repayment plans",
            show=False,
            id="case.repayments",
        ),
        Binding(
            "w",
            "target_hardening",
            "Sanctuary works",
            tooltip="Target hardening (sanctuary scheme) for domestic abuse",
            show=False,
            id="case.target_hardening",
        ),
        Binding(
            "t",
            "open('accommodation')",
            "TA",
            tooltip="Temporary accommodation: placements and costs to recharge",
            show=False,
            id="case.accommodation",
        ),
        Binding(
            "f",
            "correct_client",
            "Client details",
            tooltip="Correct the client's date of birth, name, NI number, contact or address",
            show=False,
            id="case.correct_client",
        ),
        Binding("n", "add_note", "Note", tooltip="Add note to the case", id="case.add_note"),
        Binding("c", "close_case", "Close", tooltip="Close the case", id="case.close"),
        Binding("escape", "app.caseload", "Caseload", show=False, id="case.back"),
    ]

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.detail: CaseDetail | None = None
        self.case_file: CaseFile | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="case-body"):
            yield Label(
                "Conflicts from sync  (u use the lost value, k keep current)",
                classes="section-title",
                id="case-conflicts-title",
            )
            yield ConflictList(whose=False, id="case-conflicts")
            yield Static("Loading the case…", id="case-summary")
            yield Label("Duties", classes="section-title")
            yield Static("", id="case-duties", markup=False)
            yield Label("Application and decision  (s decision)", classes="section-title")
            yield Static("", id="case-application", markup=False)
            yield Label("Plan steps  (o options, a add, Enter change)", classes="section-title")
            yield PlanSteps(id="case-steps")
            yield Label("Due on this case", classes="section-title")
            yield Static("", id="case-due")
            yield Label("Documents  (p plan, l letters)", classes="section-title")
            yield Static("", id="case-documents", markup=False)
            yield Label("Temporary accommodation  (t)", classes="section-title")
            yield Static("", id="case-accommodation")
            yield Label("Money  (h DHP, r rent deposit, m repayments)", classes="section-title")
            yield Static("", id="case-money")
            yield Label("Must happen on the day of approach", classes="section-title")
            yield Static("", id="case-today", markup=False)
            yield Label("Earlier approaches", classes="section-title")
            yield Static("", id="case-history", markup=False)
            yield Label("Notes", classes="section-title")
            yield Static("", id="case-notes", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._show_conflicts([])
        self.record_view("case", self.case_id, "the case")
        self.watch(self.app, "data_version", self._load)

    def _load(self, *_: object) -> None:
        services = self.services
        from storage.accommodation import case_accommodation
        from storage.case_file import load_case_file, load_case_money
        from storage.sync.conflicts import open_conflicts

        case_id = self.case_id
        today, policy = services.clock.today(), services.policy

        def read() -> CaseScreenView | None:
            case_file = load_case_file(services.db, case_id)
            if case_file is None:
                return None
            return CaseScreenView(
                case_file,
                load_case_money(services.db, case_id, today=today, policy=policy),
                case_accommodation(services.db, case_id),
                open_conflicts(services.db, case_id=case_id),
            )

        in_background(self, services.db.in_one_read(read), self._show, group=Work.CASE)

    def _show(self, loaded: CaseScreenView | None) -> None:
        if loaded is None:
            self.query_one("#case-summary", Static).update("This case is no longer on record.")
            return
        case_file, money, accommodation, conflicts = loaded
        self.case_file = case_file
        today, policy = self.services.clock.today(), self.services.policy
        self._show_conflicts(conflicts)
        self._show_plan(case_file, today=today, policy=policy)
        self.query_one("#case-money", Static).update(money_lines(money))
        self.query_one("#case-accommodation", Static).update(
            accommodation_text(
                accommodation,
                case_file.due.dates if case_file.due else CaseDates(),
                today=today,
                policy=policy,
            )
        )
        detail = self.detail = case_file.detail
        self.sub_title = f"Case {detail.case.ref}: {detail.client.full_name}"
        self.query_one("#case-summary", Static).update(
            header_text(case_file, today=today, policy=policy)
        )
        self.query_one("#case-today", Static).update(today_text(detail, policy))
        self.query_one("#case-history", Static).update(history_text(detail))
        self.query_one("#case-notes", Static).update(notes_text(detail))

    def _show_conflicts(self, conflicts: list[ConflictRow]) -> None:
        """Shown only while there are conflicts to decide, and ready for u or k when they
        first show (unless the officer has already moved on)."""
        listed = self.query_one(ConflictList)
        appearing = conflicts and not listed.display
        listed.show(conflicts)
        for part in ("#case-conflicts-title", "#case-conflicts"):
            self.query_one(part).display = bool(conflicts)
        if appearing and self.focused in (None, self.query_one("#case-body")):
            # They are the first thing on the case, on screen already: scrolling to them as
            # they appear would measure the page before it is laid out, and could scroll it.
            listed.query_one(DataTable).focus(scroll_visible=False)

    def _show_plan(self, case_file: CaseFile, *, today: date, policy: Policy) -> None:
        plan = case_file.plan
        self.query_one("#case-duties", Static).update(duties_text(plan))
        self.query_one("#case-application", Static).update(
            # Its due dates are in the header above, with the case's other key facts.
            application_text(case_file, today=today, policy=policy, with_due=False)
        )
        self.query_one(PlanSteps).show_steps(plan.actions)
        self.query_one("#case-due", Static).update(due_text(case_file, today=today, policy=policy))
        self.query_one("#case-documents", Static).update(documents_text(plan))

    def _case_is_open(self) -> bool:
        if self.detail is None:
            return False
        if not self.detail.case.still_open:
            self.notify("This case is closed: its plan can no longer change.", severity="warning")
            return False
        return True

    def action_open(self, part: str) -> None:
        """Open one part of the case (`CASE_PARTS`) on its own screen."""
        self.app.push_screen(CASE_PARTS[part](self.case_id))

    def action_target_hardening(self) -> None:
        """The sanctuary works, for a domestic abuse case only: otherwise the officer is told
        why and what to record first."""
        from housing_tui.prevention.target_hardening import refusal

        if self.case_file is None:
            self.notify("The case is still loading…")
            return
        refused = refusal(self.case_file.facts)
        if refused:
            self.notify(refused, title="Not for this case", severity="warning", markup=False)
            return
        self.action_open("hardening")

    def action_add_step(self) -> None:
        if self._case_is_open():
            self._edit_step(None)

    @on(DataTable.RowSelected, "#case-steps")
    def _step_chosen(self) -> None:
        step = self.query_one(PlanSteps).selected_step
        if step and self._case_is_open():
            self._edit_step(step)

    def _edit_step(self, step: PlanAction | None) -> None:
        services = self.services
        from screens.action_dialog import ActionDialog
        from storage.plans import add_actions, update_action

        app = self.app

        def write(values: dict) -> object:
            if step is None:
                return add_actions(
                    services.db,
                    officer_id=services.officer.id,
                    case_id=self.case_id,
                    actions=[values],
                )
            return update_action(
                services.db, officer_id=services.officer.id, action_id=step.id, values=values
            )

        suggested = {"owner": "council", "status": "agreed"}
        app.push_screen(
            ActionDialog(
                today=services.clock.today(),
                action=step,
                suggested=None if step else suggested,
                heading="Change the plan step" if step else "Add a step to the plan",
                saving=DialogSave(
                    "the plan step",
                    write,
                    lambda _: app.changed("Plan step saved."),
                    refused_as="The plan step was not saved",
                ),
            )
        )

    def action_start_duty(self) -> None:
        services = self.services
        if not self._case_is_open() or self.case_file is None:
            return
        from screens.duty_dialog import DutyStartDialog
        from storage.plans import start_duty

        app, case_file = self.app, self.case_file

        app.push_screen(
            DutyStartDialog(
                today=services.clock.today(),
                approached_on=case_file.facts.approached_on or services.clock.today(),
                duties=case_file.plan.duties,
                saving=DialogSave(
                    "the start of the duty",
                    lambda values: start_duty(
                        services.db,
                        officer_id=services.officer.id,
                        case_id=self.case_id,
                        kind=values["kind"],
                        started_on=values["started_on"],
                    ),
                    lambda values: app.changed(f"{values['kind'].label} recorded."),
                    refused_as="The duty was not started",
                ),
            )
        )

    def action_end_duty(self) -> None:
        services = self.services
        if not self._case_is_open() or self.case_file is None:
            return
        open_duties = [duty for duty in self.case_file.plan.duties if duty.is_open]
        if not open_duties:
            self.notify("No duty is open on this case.", severity="warning")
            return
        from screens.duty_dialog import DutyEndDialog
        from storage.plans import end_duty

        app, duty = self.app, open_duties[-1]

        app.push_screen(
            DutyEndDialog(
                today=services.clock.today(),
                duty=duty,
                saving=DialogSave(
                    "the end of the duty",
                    lambda values: end_duty(
                        services.db,
                        officer_id=services.officer.id,
                        duty_id=duty.id,
                        ended_on=values["ended_on"],
                        end_reason=values["end_reason"],
                    ),
                    lambda _: app.changed(
                        "Duty ended: produce the end notice (l) so they can ask for a review."
                    ),
                    refused_as="The duty was not ended",
                ),
            )
        )

    def action_correct_client(self) -> None:
        services = self.services
        if self.detail is None:
            return
        from screens.client_dialog import ClientDetailsDialog
        from storage.clients import correct_client

        app, client = self.app, self.detail.client
        self.record_view("client", client.id, "the client's details")
        app.push_screen(
            ClientDetailsDialog(
                today=services.clock.today(),
                client=client,
                saving=DialogSave(
                    "the client's details",
                    lambda corrected: correct_client(
                        services.db,
                        officer_id=services.officer.id,
                        client_id=client.id,
                        corrected=corrected,
                    ),
                    lambda _: app.changed("Client's details corrected."),
                    refused_as="The client's details were not saved",
                ),
            )
        )

    def action_audit_trail(self) -> None:
        if self.detail is None:
            return
        from screens.audit_trail import AuditTrailScreen

        client = self.detail.client
        self.app.push_screen(AuditTrailScreen(client.id, client.full_name))

    def action_add_note(self) -> None:
        services = self.services
        from storage.cases import add_note

        app = self.app

        app.push_screen(
            NoteDialog(
                saving=DialogSave(
                    "the case note",
                    lambda body: add_note(
                        services.db, officer_id=services.officer.id, case_id=self.case_id, body=body
                    ),
                    lambda _: app.changed("Note saved."),
                    refused_as="The note was not saved",
                )
            )
        )

    def action_close_case(self) -> None:
        services = self.services
        from storage.cases import close_case

        app = self.app
        if self.detail is None or not self.detail.case.still_open:
            self.notify("This case is already closed.")
            return

        def decided(answer: str | None) -> None:
            if answer == "close":
                app.saves.save(
                    "closing the case",
                    lambda: close_case(
                        services.db,
                        officer_id=services.officer.id,
                        case_id=self.case_id,
                        closed_at=services.clock.now(),
                    ),
                    lambda _: app.changed("Case closed."),
                )

        app.push_screen(
            ConfirmDialog(
                "Close this case?",
                "It leaves the open caseload; its notes and history stay on record.",
                [("keep", "Keep open"), ("close", "Close case")],
            ),
            decided,
        )
