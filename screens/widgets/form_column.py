"""A form's column of fields beside a live result panel (the DHP and rent deposit checks).

The column follows the focus as the officer tabs through it, so its PageUp and PageDown are
free to scroll the result instead: at 80x24 the result panel is a few rows high, and the
officer reads it through without leaving the field they are in.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget


class FormColumn(VerticalScroll):
    # The scroll keys every VerticalScroll has, described for F1 as what they do here.
    BINDINGS = [
        Binding(
            "pagedown",
            "page_down",
            "Result down",
            show=False,
            tooltip="scroll the result beside the form down a page",
            id="form_column.page_down",
        ),
        Binding(
            "pageup",
            "page_up",
            "Result up",
            show=False,
            tooltip="scroll the result beside the form up a page",
            id="form_column.page_up",
        ),
    ]

    def __init__(
        self,
        *children: Widget,
        result_id: str,
        id: str,  # noqa: A002  (Textual's name)
        can_focus: bool | None = None,
    ) -> None:
        super().__init__(*children, id=id, can_focus=can_focus)
        self.result_id = result_id
        """The panel that PageUp and PageDown scroll."""

    def _result(self) -> VerticalScroll:
        return self.screen.query_one(f"#{self.result_id}", VerticalScroll)

    def action_page_down(self) -> None:
        self._result().scroll_page_down()

    def action_page_up(self) -> None:
        self._result().scroll_page_up()
