"""Every sync conflict not yet decided, on every case and client: where two laptops changed the
same field without seeing each other's change, the later one was kept and the other is here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from screens.background import in_background
from screens.services import HousingScreen
from screens.widgets.conflict_list import ConflictList
from screens.workers import Work

if TYPE_CHECKING:
    from storage.sync.conflicts import ConflictRow


class ConflictsScreen(HousingScreen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="conflicts.back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Reading the conflicts…", id="conflicts-status")
        yield ConflictList(whose=True, id="conflicts")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Sync conflicts"
        self.watch(self.app, "data_version", self._load)
        self.query_one(ConflictList).query_one(DataTable).focus()

    def _load(self, *_: object) -> None:
        from storage.sync.conflicts import open_conflicts

        db = self.services.db
        in_background(self, lambda: open_conflicts(db), self._show, group=Work.CONFLICTS)

    def _show(self, conflicts: list[ConflictRow]) -> None:
        self.query_one(ConflictList).show(conflicts)
        if conflicts:
            count = f"{len(conflicts):,} conflict{'s' if len(conflicts) != 1 else ''}"
            status = (
                f"{count}: each field shows the later change; the other was lost. "
                "u puts the lost value back, k keeps the field as it is, Enter opens the case."
            )
        else:
            status = "No conflicts: every field the team changed agrees on every laptop."
        self.query_one("#conflicts-status", Static).update(status)

    @on(DataTable.RowSelected)
    def _open_case(self) -> None:
        from screens.case_detail import CaseScreen

        conflict = self.query_one(ConflictList).selected
        if conflict is None:
            return
        if conflict.case_id is None:
            self.notify(f"{conflict.about}: their details, not a case. Decide it here.", timeout=5)
            return
        self.app.push_screen(CaseScreen(conflict.case_id))
