"""One case: who, why, how urgent, what had to happen on the day, earlier approaches, notes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static

from housing_tui.codes import Channel, SafetyFlag
from housing_tui.triage import TriageFacts, must_happen_today
from screens import format as show
from screens.background import in_background
from screens.dialogs import ConfirmDialog, NoteDialog
from storage.rows import CaseDetail


class CaseScreen(Screen[None]):
    BINDINGS = [
        Binding("i", "interview", "Interview", tooltip="The housing options interview"),
        Binding("n", "add_note", "Add note"),
        Binding("c", "close_case", "Close case"),
        Binding("escape", "app.caseload", "Caseload"),
    ]

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.detail: CaseDetail | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="case-body"):
            yield Static("Loading the case…", id="case-summary")
            yield Label("Must happen on the day of approach", classes="section-title")
            yield Static("", id="case-today", markup=False)
            yield Label("Earlier approaches", classes="section-title")
            yield Static("", id="case-history", markup=False)
            yield Label("Notes", classes="section-title")
            yield Static("", id="case-notes", markup=False)
            yield Static(
                "Press i for the housing options interview. Not built yet: prevention "
                "options and the Personal Housing Plan come in later releases.",
                classes="not-built",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "data_version", self._load)

    def _load(self, *_: object) -> None:
        from storage.cases import get_case

        db = self.app.db
        in_background(self, lambda: get_case(db, self.case_id), self._show, group="case")

    def commands(self) -> list:
        from textual.app import SystemCommand

        return [
            SystemCommand(
                "Interview", "The housing options interview for this case", self.action_interview
            ),
            SystemCommand("Add a case note", "Write a note on this case", self.action_add_note),
            SystemCommand("Close this case", "Mark the case closed", self.action_close_case),
        ]

    def _show(self, detail: CaseDetail | None) -> None:
        if detail is None:
            self.query_one("#case-summary", Static).update("This case is no longer on record.")
            return
        self.detail = detail
        case, client = detail.case, detail.client
        self.sub_title = f"Case {case.ref}: {client.full_name}"
        household = (
            f"{detail.adults} adult{'s' if detail.adults != 1 else ''}, "
            f"{detail.children} child{'ren' if detail.children != 1 else ''}"
            f"{', pregnancy' if detail.pregnant else ''}"
        )
        flags = ", ".join(SafetyFlag(code).label for code in detail.flags) or "none"
        status = "Open" if case.status == "open" else f"Closed {show.moment(detail.closed_at)}"
        leaving = "homeless tonight" if detail.homeless_tonight else show.day(case.must_leave_on)
        summary = show.urgency(case.urgency)
        summary.append(
            f"\n{detail.urgency_reason}\n\n"
            f"Client      {client.full_name}, born {show.day(client.date_of_birth)}\n"
            f"            {client.address or 'no address'} {client.postcode or ''}\n"
            f"            {client.phone or 'no phone'}  {client.email or ''}\n"
            f"Case        {case.ref}, {status}, officer {detail.officer_name}\n"
            f"Approached  {show.moment(case.approached_at)} by {Channel(case.channel).label}\n"
            f"Problem     {show.problem(case.presenting_problem)}"
            f"{': ' + detail.detail if detail.detail else ''}\n"
            f"Must leave  {leaving}\n"
            f"Household   {household}\n"
            f"Safety      {flags}\n"
            f"Next action {show.day(case.next_action_on)}",
            style="",
        )
        self.query_one("#case-summary", Static).update(summary)
        facts = TriageFacts(
            homeless_tonight=detail.homeless_tonight,
            must_leave_on=case.must_leave_on,
            adults=detail.adults,
            children=detail.children,
            pregnant=detail.pregnant,
            flags=frozenset(SafetyFlag(code) for code in detail.flags),
            date_of_birth=client.date_of_birth,
        )
        approached_on = case.approached_at.date()
        actions = must_happen_today(facts, today=approached_on, policy=self.app.policy.triage)
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

    def action_interview(self) -> None:
        from screens.interview import InterviewScreen

        self.app.push_screen(InterviewScreen(self.case_id))

    def action_add_note(self) -> None:
        from storage.cases import add_note

        app = self.app

        def write(body: str | None) -> None:
            if body:
                in_background(
                    self,
                    lambda: add_note(
                        app.db, officer_id=app.officer.id, case_id=self.case_id, body=body
                    ),
                    lambda _: (app.changed(), self.notify("Note saved.")),
                    group="note",
                )

        app.push_screen(NoteDialog(), write)

    def action_close_case(self) -> None:
        from storage.cases import close_case

        app = self.app
        if self.detail is None or self.detail.case.status != "open":
            self.notify("This case is already closed.")
            return

        def decided(answer: str | None) -> None:
            if answer == "close":
                in_background(
                    self,
                    lambda: close_case(
                        app.db,
                        officer_id=app.officer.id,
                        case_id=self.case_id,
                        closed_at=app.clock.now(),
                    ),
                    lambda _: (app.changed(), self.notify("Case closed.")),
                    group="close",
                )

        app.push_screen(
            ConfirmDialog(
                "Close this case?",
                "It leaves the open caseload; its notes and history stay on record.",
                [("close", "Close case"), ("keep", "Keep open")],
            ),
            decided,
        )
