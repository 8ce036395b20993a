"""One case: who, why, how urgent; the duties owed, the plan's steps and what is due; what had
to happen on the day; documents, earlier approaches and notes; and, first when there are any,
the sync conflicts to decide."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static

from housing_tui.calendar.deadlines import due_status
from housing_tui.casework.case_summary import household_summary, must_leave_on, urgency
from housing_tui.casework.triage import flag_label, must_happen_today
from housing_tui.documents.rendering import DOCUMENT_TITLES
from housing_tui.money.amounts import pounds
from housing_tui.money.repayments import PlanStatus
from housing_tui.reference.codes import Channel, SafetyFlag, Urgency
from screens import format as show
from screens.background import in_background
from screens.deposit_check import DepositCheckScreen
from screens.dhp import DhpScreen
from screens.dialogs import ConfirmDialog
from screens.forms import DialogSave
from screens.interview import InterviewScreen
from screens.letter import LetterScreen
from screens.note_dialog import NoteDialog
from screens.options import OptionsScreen
from screens.plan import PlanScreen
from screens.repayments import RepaymentsScreen
from screens.services import HousingScreen
from screens.widgets.conflict_list import ConflictList
from screens.workers import Work
from storage.case_file import detail_triage
from storage.plans import PLAN_KINDS
from storage.rows import CaseDetail

if TYPE_CHECKING:
    from housing_tui.prevention.actions import PlanAction
    from storage.case_file import CaseFile, CaseMoney
    from storage.sync.conflicts import ConflictRow


CASE_PARTS: dict[str, Callable[[str], Screen[None]]] = {
    "interview": InterviewScreen,
    "options": OptionsScreen,
    "plan": PlanScreen,
    "letters": LetterScreen,
    "dhp": DhpScreen,
    "deposit": DepositCheckScreen,
    "repayments": RepaymentsScreen,
}
"""The parts of a case that open on a screen of their own, given the case's id."""


class CaseScreen(HousingScreen[None]):
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
            id="case.options",
        ),
        Binding(
            "a",
            "add_step",
            "Add step",
            tooltip="A step of your own in the plan",
            id="case.add_step",
        ),
        Binding(
            "p",
            "open('plan')",
            "Plan",
            tooltip="Personal Housing Plan or written advice",
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
            "l",
            "open('letters')",
            "Letters",
            tooltip="Duty letters needed and produced",
            id="case.letters",
        ),
        Binding(
            "h",
            "open('dhp')",
            "DHP",
            tooltip="Discretionary Housing Payment check",
            id="case.dhp",
        ),
        Binding(
            "r",
            "open('deposit')",
            "Deposit",
            tooltip="Rent deposit check for a property",
            id="case.deposit",
        ),
        Binding(
            "m",
            "open('repayments')",
            "Repayments",
            tooltip="Money owed: repayment plans",
            id="case.repayments",
        ),
        Binding(
            "f",
            "correct_client",
            "Client details",
            tooltip="Correct the client's date of birth, name, NI number, contact or address",
            id="case.correct_client",
        ),
        Binding("n", "add_note", "Add note", id="case.add_note"),
        Binding("c", "close_case", "Close case", id="case.close"),
        Binding("escape", "app.caseload", "Caseload", id="case.back"),
    ]

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.detail: CaseDetail | None = None
        self.case_file: CaseFile | None = None
        self._steps: dict[str, PlanAction] = {}

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
            yield Label("Plan steps  (o options, a add, Enter change)", classes="section-title")
            steps: DataTable[object] = DataTable(id="case-steps", cursor_type="row")
            steps.add_column("Status", key="status", width=11)
            steps.add_column("Who", key="owner", width=7)
            steps.add_column("Due", key="due", width=12)
            steps.add_column("Step", key="step")
            yield steps
            yield Label("Due on this case", classes="section-title")
            yield Static("", id="case-due")
            yield Label("Documents  (p plan, l letters)", classes="section-title")
            yield Static("", id="case-documents", markup=False)
            yield Label("Money  (h DHP, r rent deposit, m repayments)", classes="section-title")
            yield Static("", id="case-money")
            yield Label("Must happen on the day of approach", classes="section-title")
            yield Static("", id="case-today", markup=False)
            yield Label("Earlier approaches", classes="section-title")
            yield Static("", id="case-history", markup=False)
            yield Label("Notes", classes="section-title")
            yield Static("", id="case-notes", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._show_conflicts([])
        self.watch(self.app, "data_version", self._load)

    def _load(self, *_: object) -> None:
        services = self.services
        from storage.case_file import load_case_file, load_case_money
        from storage.sync.conflicts import open_conflicts

        case_id = self.case_id
        today, policy = services.clock.today(), services.policy

        def read() -> tuple[CaseFile, CaseMoney, list[ConflictRow]] | None:
            case_file = load_case_file(services.db, case_id)
            if case_file is None:
                return None
            money = load_case_money(services.db, case_id, today=today, policy=policy)
            return case_file, money, open_conflicts(services.db, case_id=case_id)

        in_background(self, services.db.in_one_read(read), self._show, group=Work.CASE)

    def _show(self, loaded: tuple[CaseFile, CaseMoney, list[ConflictRow]] | None) -> None:
        if loaded is None:
            self.query_one("#case-summary", Static).update("This case is no longer on record.")
            return
        case_file, money, conflicts = loaded
        self.case_file = case_file
        self._show_conflicts(conflicts)
        self._show_plan(case_file)
        self.query_one("#case-money", Static).update(money_lines(money))
        detail = self.detail = case_file.detail
        case, client = detail.case, detail.client
        self.sub_title = f"Case {case.ref}: {client.full_name}"
        # Read from the interview's facts, as its assessment reads them (triage's until then).
        facts, today, policy = case_file.facts, self.services.clock.today(), self.services.policy
        assessed = urgency(facts, today=today, policy=policy)
        flags = ", ".join(flag_label(SafetyFlag(code), policy) for code in detail.flags) or "none"
        status = "Open" if case.status == "open" else f"Closed {show.moment(detail.closed_at)}"
        leaving = (
            "homeless now"
            if assessed.urgency is Urgency.HOMELESS_TONIGHT
            else show.day(must_leave_on(facts, today=today, policy=policy))
        )
        summary = show.urgency(assessed.urgency.value)
        summary.append(
            f"\n{assessed.reason}\n\n"
            f"Client      {client.full_name}, born {show.day(client.date_of_birth)}\n"
            f"            {client.address or 'no address'} {client.postcode or ''}\n"
            f"            {client.phone or 'no phone'}  {client.email or ''}\n"
            f"Case        {case.ref}, {status}, officer {detail.officer_name}\n"
            f"Approached  {show.moment(case.approached_at)} by {Channel(case.channel).label}\n"
            f"Problem     {show.problem(case.presenting_problem)}"
            f"{': ' + detail.detail if detail.detail else ''}\n"
            f"Must leave  {leaving}\n"
            f"Household   {household_summary(facts, today=today)}\n"
            f"Safety      {flags}\n"
            f"Next action {show.day(case.next_action_on)}",
            style="",
        )
        self.query_one("#case-summary", Static).update(summary)
        approached_on = case.approached_at.date()
        actions = must_happen_today(
            detail_triage(detail), today=approached_on, policy=self.services.policy.triage
        )
        self.query_one("#case-today", Static).update(
            "\n".join(f"• {action}" for action in actions) or "Nothing."
        )
        self.query_one("#case-history", Static).update(
            "\n".join(
                f"{show.day(other.approached_at.date())}  {other.ref}  {other.status:<6} "
                f"{show.problem(other.presenting_problem)}"
                for other in detail.other_approaches
            )
            or "None: first approach."
        )
        self.query_one("#case-notes", Static).update(
            "\n\n".join(
                f"{show.moment(note.written_at)} {note.author_initials}\n{note.body}"
                for note in detail.notes
            )
            or "No notes yet. Press n to add one."
        )

    def _show_conflicts(self, conflicts: list[ConflictRow]) -> None:
        """Shown only while there are conflicts to decide, and ready for u or k when they
        first show (unless the officer has already moved on)."""
        listed = self.query_one(ConflictList)
        appearing = conflicts and not listed.display
        listed.show(conflicts)
        for part in ("#case-conflicts-title", "#case-conflicts"):
            self.query_one(part).display = bool(conflicts)
        if appearing and self.focused in (None, self.query_one("#case-body")):
            listed.query_one(DataTable).focus()

    def _show_plan(self, case_file: CaseFile) -> None:
        services = self.services
        from housing_tui.calendar.due import case_due

        plan = case_file.plan
        today = services.clock.today()
        lines = []
        for duty in plan.duties:
            line = f"{duty.kind.label}: from {show.day(duty.started_on)}"
            if duty.ended_on:
                reason = duty.kind.end_reasons.label(duty.end_reason or "")
                line += f" to {show.day(duty.ended_on)} ({reason})"
            else:
                line += f", runs at least to {show.day(duty.last_day_of_56)}"
            lines.append(line)
        secured = plan.secured
        if secured:
            counted = f"counted as a {secured.duty.value}" if secured.duty else "no duty owed"
            lines.append(
                f"Secured: {secured.outcome.label.lower()} from {show.day(secured.on)} "
                f"({counted}: {secured.action_title})"
            )
        self.query_one("#case-duties", Static).update(
            "\n".join(lines) or "No duty recorded yet. Press d when a duty starts."
        )

        table = self.query_one("#case-steps", DataTable)
        selected = self._selected_step()
        table.clear()
        self._steps = {action.id: action for action in plan.actions}
        for action in plan.actions:
            outcome = f" → {action.outcome.label}" if action.outcome else ""
            table.add_row(
                action.status.label,
                action.owner.label,
                show.day(action.due_on),
                action.title + outcome,
                key=action.id,
            )
        table.display = bool(plan.actions)
        if selected and selected.id in self._steps:
            table.move_cursor(row=table.get_row_index(selected.id))

        due_text = Text()
        deadlines = (
            case_due(case_file.due, today=today, policy=services.policy) if case_file.due else []
        )
        for deadline in deadlines:
            status = due_status(deadline, today)
            due_text.append_text(show.due(status))
            due_text.append(f" {show.day(deadline.due)}  {deadline.what}\n")
            due_text.append(f"    {deadline.rule}\n", style="dim")
        if not deadlines:
            due_text.append("Nothing." if case_file.due else "Nothing: the case is closed.")
        self.query_one("#case-due", Static).update(due_text)

        documents = [
            f"{show.day(doc.issued_on)}  {DOCUMENT_TITLES.get(doc.kind, doc.kind)}"
            + (f" v{doc.plan_version}" if doc.kind in PLAN_KINDS else "")
            + f"  {doc.issued_by_initials}  {doc.file_name}"
            for doc in plan.documents
        ]
        self.query_one("#case-documents", Static).update(
            "\n".join(documents) or "None yet: press p to issue the plan or written advice."
        )

    def _selected_step(self) -> PlanAction | None:
        table = self.query_one("#case-steps", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._steps.get(key or "")

    def _case_is_open(self) -> bool:
        if self.detail is None:
            return False
        if self.detail.case.status != "open":
            self.notify("This case is closed: its plan can no longer change.", severity="warning")
            return False
        return True

    def action_open(self, part: str) -> None:
        """Open one part of the case (`CASE_PARTS`) on its own screen."""
        self.app.push_screen(CASE_PARTS[part](self.case_id))

    def action_add_step(self) -> None:
        if self._case_is_open():
            self._edit_step(None)

    @on(DataTable.RowSelected, "#case-steps")
    def _step_chosen(self) -> None:
        step = self._selected_step()
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
        if self.detail is None or self.detail.case.status != "open":
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
                [("close", "Close case"), ("keep", "Keep open")],
            ),
            decided,
        )


def money_lines(money: CaseMoney) -> Text:
    """One line per DHP application, property checked and repayment plan; arrears in red."""
    text = Text()
    for application in money.dhp:
        line = (
            f"DHP {application.financial_year}: {pounds(application.amount_requested)} asked "
            f"{show.day(application.requested_on)}, {application.status.label.lower()}"
        )
        if application.amount_awarded is not None:
            line += f" {pounds(application.amount_awarded)}, paid {pounds(application.paid)}"
        text.append(line + "\n")
    for check in money.property_checks:
        scheme = (
            f"scheme can help, deposit {pounds(check.scheme_deposit)}"
            if check.scheme_can_help and check.scheme_deposit is not None
            else "scheme cannot help"
        )
        where = check.address.splitlines()[0] if check.address else "property"
        text.append(f"Deposit check {show.day(check.checked_on)}: {where}, {scheme}\n")
    for row in money.repayments:
        plan, balance = row.plan, row.balance
        text.append(
            f"Repayment ({plan.terms.short_name}): {pounds(plan.terms.amount_owed)}, "
            f"paid {pounds(balance.paid)}, {pounds(balance.outstanding)} left, "
            f"{plan.status.label.lower()}"
        )
        # Cancelled or passed to legal: no longer the officer's to chase.
        if plan.status is PlanStatus.ACTIVE and balance.arrears > 0 and balance.behind_since:
            text.append(
                f"  IN ARREARS {pounds(balance.arrears)} since {show.day(balance.behind_since)}",
                style="bold red",
            )
        text.append("\n")
    if not text:
        text.append("Nothing yet.")
    text.rstrip()
    return text


def _opening(part: str) -> Callable[[CaseScreen], None]:
    return partial(CaseScreen.action_open, part=part)


CASE_COMMANDS: tuple[tuple[str, str, Callable[[CaseScreen], object]], ...] = (
    (
        "Interview",
        "The housing options interview for this case",
        _opening("interview"),
    ),
    (
        "Prevention options",
        "Options that fit the client",
        _opening("options"),
    ),
    (
        "Personal Housing Plan",
        "Preview, issue and read the plan",
        _opening("plan"),
    ),
    (
        "Duty letters",
        "Letters needed and produced",
        _opening("letters"),
    ),
    ("Start a duty", "Record a prevention or relief duty", CaseScreen.action_start_duty),
    ("End the duty", "Record that the open duty ended", CaseScreen.action_end_duty),
    (
        "DHP check",
        "Is a Discretionary Housing Payment worth asking for",
        _opening("dhp"),
    ),
    (
        "Rent deposit check",
        "Check a property for the rent deposit scheme",
        _opening("deposit"),
    ),
    (
        "Repayment plans",
        "Money owed to the council and its instalments",
        _opening("repayments"),
    ),
    (
        "Correct the client's details",
        "Date of birth, name, NI number, contact or address, after triage",
        CaseScreen.action_correct_client,
    ),
    ("Add a case note", "Write a note on this case", CaseScreen.action_add_note),
    ("Close this case", "Mark the case closed", CaseScreen.action_close_case),
)
"""The case's entries in the command palette (Ctrl+P): name, help, what it does."""


class CaseCommands(Provider):
    """The command palette's entries for the case on screen (none on other screens)."""

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        case = self.screen
        if isinstance(case, CaseScreen):
            for name, help_text, run in CASE_COMMANDS:
                yield name, help_text, partial(run, case)

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
