"""A table read a row at a time (caseload, due list, search results, plan steps): Home and End
go to the first and last row, as they do in every other list, not sideways as in a cell table."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.widgets import DataTable

CellType = TypeVar("CellType")


class RowTable(DataTable[CellType]):
    BINDINGS = [
        Binding("home", "first_row", "First", show=False, id="table.first_row"),
        Binding("end", "last_row", "Last", show=False, id="table.last_row"),
    ]

    def __init__(self, **options) -> None:  # noqa: ANN003
        options.setdefault("cursor_type", "row")
        super().__init__(**options)

    def action_first_row(self) -> None:
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.move_cursor(row=self.row_count - 1)
