"""Placements: every current temporary accommodation placement on my open cases (or the
team's, for those who may see the team's caseload), breaches first, then the soonest end of a
family's weeks in B&B; Enter opens the case's temporary accommodation."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from housing_tui.accommodation import Standing
from screens import format as show
from screens.accommodation import placement_line, standing_line
from screens.background import in_background
from screens.mine_or_team import MineOrTeam, toggle_binding
from screens.widgets.row_table import RowTable
from screens.workers import Work
from storage.accommodation import TeamPlacement

_STANDING = {
    Standing.BREACH: ("Breach", "bold red"),
    Standing.WARNING: ("Warning", "bold yellow"),
    Standing.SUITABLE: ("", ""),
}


class PlacementsScreen(MineOrTeam):
    BINDINGS = [
        toggle_binding("placements"),
        Binding("escape", "app.pop_screen", "Back", id="placements.back"),
    ]

    TEAM_RIGHT = "team_caseload"

    def __init__(self, *, team: bool = False) -> None:
        super().__init__(team=team)
        self._rows: dict[str, TeamPlacement] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Finding the current placements…", id="placements-status")
        table: DataTable[object] = RowTable(id="placements-table", zebra_stripes=True)
        # The case reference is on the line under the table: the client's name and the kind
        # of accommodation need the room at 80 columns.
        table.add_column("Status", key="standing", width=7)
        table.add_column("Limit", key="limit", width=10)
        table.add_column("Client", key="client", width=16)
        table.add_column("By", key="officer", width=3)
        table.add_column("Kind", key="type", width=17)
        table.add_column("Since", key="since", width=10)
        yield table
        yield Static("", id="placements-detail", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Placements"
        self.watch(self.app, "data_version", self.load)

    def load(self, *_: object) -> None:
        services = self.services
        from storage.accommodation import current_placements

        officer_id, today, policy = self.officer_shown, services.clock.today(), services.policy

        def work() -> list[TeamPlacement]:
            return current_placements(
                services.db, officer_id=officer_id, today=today, policy=policy
            )

        in_background(self, work, self._show, group=Work.PLACEMENTS)

    def _show(self, rows: list[TeamPlacement]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self._rows = {}
        for number, row in enumerate(rows):
            key = f"{number}:{row.case_id}"
            self._rows[key] = row
            label, style = _STANDING[row.standing]
            table.add_row(
                Text(label, style=style),
                show.day(row.limit.limit_on) if row.limit else "",
                row.client_name,
                row.officer_initials,
                row.placement.type.label,
                show.day(row.placement.start_on),
                key=key,
            )
        whose = self.whose
        breaches = sum(row.standing is Standing.BREACH for row in rows)
        warnings = sum(row.standing is Standing.WARNING for row in rows)
        self.query_one("#placements-status", Static).update(
            f"On {whose}: {len(rows)} in temporary accommodation, {breaches} in breach, "
            f"{warnings} with a warning.  Enter opens the case's placements; t mine/team."
            if rows
            else f"Nobody is in temporary accommodation on {whose}."
        )
        self._show_detail()
        table.focus()

    @on(DataTable.RowHighlighted, "#placements-table")
    def _show_detail(self) -> None:
        row = self._selected()
        policy = self.services.policy
        self.query_one("#placements-detail", Static).update(
            f"{row.client_name} ({row.ref}): {placement_line(row.placement)}\n"
            + standing_line(row.standing, row.limit, policy)
            if row
            else ""
        )

    def _selected(self) -> TeamPlacement | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._rows.get(key or "")

    @on(DataTable.RowSelected, "#placements-table")
    def _open(self) -> None:
        row = self._selected()
        if row is not None:
            from screens.accommodation import AccommodationScreen

            self.app.push_screen(AccommodationScreen(row.case_id))
