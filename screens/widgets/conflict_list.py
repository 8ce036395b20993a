"""Sync conflicts in a table, with the highlighted one in full beneath it, and the two keys that
decide one: put the losing value back, or keep the current one. Used on the case screen (that
case's conflicts) and the conflicts screen (every conflict)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from screens import format as show
from screens.widgets.row_table import RowTable

if TYPE_CHECKING:
    from textual import getters

    from housing_tui.app import HousingApp
    from storage.database import Database
    from storage.sync.conflicts import ConflictRow


class ConflictList(Vertical):
    if TYPE_CHECKING:  # the typed app, for the checker only (screens/services.py)
        app = getters.app(HousingApp)

    # Not in the footer: with the case's keys they would push Quit and Help off an 80-column
    # footer. Each screen says them beside the list (and F1 lists them).
    BINDINGS = [
        Binding(
            "u",
            "restore",
            "Use lost value",
            show=False,
            tooltip="on a conflict: put the lost value back",
            id="conflict_list.restore",
        ),
        Binding(
            "k",
            "keep",
            "Keep current",
            show=False,
            tooltip="on a conflict: keep the value it has now",
            id="conflict_list.keep",
        ),
    ]

    DEFAULT_CSS = """
    ConflictList { height: auto; }
    ConflictList > DataTable { height: auto; max-height: 8; overflow-x: hidden; }
    ConflictList > .conflict-detail { color: $text-muted; padding: 0 1; }
    """

    def __init__(self, *, whose: bool, id: str | None = None) -> None:  # noqa: A002
        """`whose`: a column saying whose record each conflict is about (for a list of every
        case's and client's conflicts)."""
        super().__init__(id=id)
        self._whose = whose
        self._conflicts: dict[str, ConflictRow] = {}

    def compose(self) -> ComposeResult:
        table: DataTable[object] = RowTable()
        table.add_column("Field", key="field", width=20)
        table.add_column("Kept (now)", key="current", width=14)
        table.add_column("Lost", key="losing", width=14)
        # Last, as wide as it needs: where the screen is narrow it is cut, and the line under
        # the table says it whole.
        if self._whose:
            table.add_column("Whose", key="whose")
        else:
            table.add_column("Lost change by", key="who")
        yield table
        yield Static("", classes="conflict-detail", markup=False)

    @property
    def conflicts(self) -> list[ConflictRow]:
        return list(self._conflicts.values())

    def show(self, conflicts: list[ConflictRow]) -> None:
        table = self.query_one(DataTable)
        selected = self.selected
        table.clear()
        self._conflicts = {conflict.id: conflict for conflict in conflicts}
        for conflict in conflicts:
            cells = [
                conflict.field,
                conflict.current_value,
                conflict.losing_value,
                conflict.about if self._whose else conflict.losing_officer,
            ]
            table.add_row(
                *(Text(cell, no_wrap=True, overflow="ellipsis") for cell in cells), key=conflict.id
            )
        if selected and selected.id in self._conflicts:
            table.move_cursor(row=table.get_row_index(selected.id))
        self._show_detail()

    @property
    def selected(self) -> ConflictRow | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._conflicts.get(key or "")

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        conflict = self.selected
        detail = self.query_one(".conflict-detail", Static)
        if conflict is None:
            detail.update("")
            return
        whose = f"{conflict.about}, " if self._whose else ""
        detail.update(
            f"{whose}{conflict.field}: kept “{conflict.current_value}”; "
            f"lost “{conflict.losing_value}”, typed by {conflict.losing_officer} on "
            f"{show.moment(conflict.losing_at)}."
        )

    def action_restore(self) -> None:
        from storage.sync.conflicts import restore_conflict

        conflict = self.selected
        if conflict:
            self._decide(
                restore_conflict,
                conflict,
                f"{conflict.field}: “{conflict.losing_value}” put back.",
            )

    def action_keep(self) -> None:
        from storage.sync.conflicts import keep_current

        conflict = self.selected
        if conflict:
            self._decide(
                keep_current, conflict, f"{conflict.field}: “{conflict.current_value}” kept."
            )

    def _decide(
        self, decide: Callable[[Database, str, str], None], conflict: ConflictRow, done: str
    ) -> None:
        app = self.app
        services = app.services
        if app.saves.underway(f"conflict {conflict.id}"):  # a key pressed twice decides once
            return

        def decided(_: None) -> None:
            # Gone from the list at once; the screen's reload then shows what changed.
            self.show([other for other in self.conflicts if other.id != conflict.id])
            app.changed()
            app.notify(done, markup=False)

        app.saves.save(
            f"the decision on {conflict.field}",
            lambda: decide(services.db, services.officer.id, conflict.id),
            decided,
            key=f"conflict {conflict.id}",
        )
