"""The plan's steps on the case screen, one a row: status, who, when due, the step and its
outcome. The step the cursor is on stays under it when the plan is read again."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from screens import format as show
from screens.widgets.row_table import RowTable

if TYPE_CHECKING:
    from housing_tui.prevention.actions import PlanAction


class PlanSteps(RowTable[object]):
    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.add_column("Status", key="status", width=11)
        self.add_column("Who", key="owner", width=7)
        self.add_column("Due", key="due", width=12)
        self.add_column("Step", key="step")
        self._steps: dict[str, PlanAction] = {}

    @property
    def selected_step(self) -> PlanAction | None:
        """The step the cursor is on (None while there are none)."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return self._steps.get(key or "")

    def show_steps(self, actions: Sequence[PlanAction]) -> None:
        """The plan's steps, shown only when there are some."""
        selected = self.selected_step
        self.clear()
        self._steps = {action.id: action for action in actions}
        for action in actions:
            outcome = f" → {action.outcome.label}" if action.outcome else ""
            self.add_row(
                action.status.label,
                action.owner.label,
                show.day(action.due_on),
                action.title + outcome,
                key=action.id,
            )
        self.display = bool(actions)
        if selected and selected.id in self._steps:
            self.move_cursor(row=self.get_row_index(selected.id))
