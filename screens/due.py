"""What is due: overdue, due today and due this week across my cases (or the team's), the most
urgent first, each with the rule that set its date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from housing_tui.calendar.due import SHOWN
from screens import format as show
from screens.background import in_background
from screens.mine_or_team import MineOrTeam, toggle_binding
from screens.widgets.row_table import RowTable
from screens.workers import Work

if TYPE_CHECKING:
    from housing_tui.calendar.due import DueItem


_HOW_TO_CLEAR = {
    "plan step": "A plan step: open the case and change the step's status.",
    "statutory": "A duty letter: open the case and produce it (l). A notice to the receiving "
    "council: record the day on the placement (t, Enter).",
    "key date": "A date someone else set: it goes once it has passed.",
}
"""Why a deadline without a key cannot be marked done here, and what to do instead."""


class DueScreen(MineOrTeam):
    BINDINGS = [
        Binding(
            "x",
            "mark_met",
            "Mark done",
            tooltip="Record that this deadline was met",
            id="due.mark_met",
        ),
        toggle_binding("due"),
        Binding("escape", "app.pop_screen", "Back", id="due.back"),
    ]

    TEAM_RIGHT = "team_due_list"

    def __init__(self, *, team: bool = False) -> None:
        super().__init__(team=team)
        self._items: dict[str, DueItem] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Working out what is due…", id="due-status")
        table: DataTable[object] = RowTable(id="due-table", zebra_stripes=True)
        table.add_column("When", key="when", width=10)
        table.add_column("Due", key="due", width=11)
        table.add_column("Ref", key="ref", width=8)
        table.add_column("Client", key="client", width=18)
        table.add_column("By", key="officer", width=3)
        table.add_column("What", key="what")
        yield table
        yield Static("", id="due-rule", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "What is due"
        self.watch(self.app, "data_version", self.load)

    def load(self, *_: object) -> None:
        services = self.services
        from housing_tui.calendar.due import due_list
        from storage.due import cases_for_due

        officer_id, today, policy = self.officer_shown, services.clock.today(), services.policy

        def work() -> list[DueItem]:
            return due_list(
                cases_for_due(services.db, officer_id=officer_id), today=today, policy=policy
            )

        in_background(self, work, self._show, group=Work.DUE)

    def _show(self, items: list[DueItem]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self._items = {}
        today = self.services.clock.today()
        for number, item in enumerate(items):
            key = f"{number}:{item.case_id}"
            self._items[key] = item
            table.add_row(
                show.due(item.status),
                show.day(item.deadline.due) if item.deadline.due != today else "today",
                item.ref,
                item.client_name,
                item.officer_initials,
                item.deadline.what,
                key=key,
            )
        whose = self.whose
        counts = {status: sum(item.status == status for item in items) for status in SHOWN}
        if not items:
            self._status(f"Nothing overdue or due this week on {whose}.")
        else:
            self._status(
                f"On {whose}: {counts['overdue']} overdue, {counts['due today']} due today, "
                f"{counts['due this week']} due this week.  Enter opens the case; t switches "
                "mine/team."
            )
        self._show_rule()
        table.focus()

    def _status(self, text: str) -> None:
        self.query_one("#due-status", Static).update(text)

    @on(DataTable.RowHighlighted, "#due-table")
    def _show_rule(self) -> None:
        item = self._selected()
        self.query_one("#due-rule", Static).update(
            f"{item.client_name} ({item.ref}): {item.deadline.what}\n"
            f"Why: {item.deadline.rule} ({item.deadline.kind.value})"
            if item
            else ""
        )

    def _selected(self) -> DueItem | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._items.get(key or "")

    @on(DataTable.RowSelected, "#due-table")
    def _open_case(self) -> None:
        from screens.case_detail import CaseScreen

        item = self._selected()
        if item:
            self.app.push_screen(CaseScreen(item.case_id))

    def action_mark_met(self) -> None:
        services = self.services
        from screens.dialogs import ConfirmDialog
        from storage.plans import record_deadline_met

        item = self._selected()
        if item is None:
            return
        deadline = item.deadline
        if not deadline.key:
            self.notify(_HOW_TO_CLEAR[deadline.kind.value], timeout=6)
            return
        app = self.app
        today = services.clock.today()

        def decided(answer: str | None) -> None:
            if answer != "met":
                return
            app.saves.save(
                f"“{deadline.what}” done ({item.ref})",
                lambda: record_deadline_met(
                    services.db,
                    officer_id=services.officer.id,
                    case_id=item.case_id,
                    deadline=deadline.instance,
                    met_on=today,
                ),
                lambda _: app.changed("Recorded as done."),
            )

        app.push_screen(
            ConfirmDialog(
                "Record this as done today?",
                f"{item.client_name} ({item.ref}): {deadline.what}",
                [("met", "Done today"), ("back", "Back")],
            ),
            decided,
        )
