"""The app's one-line text field: pasted text of several lines (an address, two names) is
kept whole, its lines joined with spaces, and the officer told, where Textual's Input would
keep the first line and silently drop the rest."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class OneLineInput(Input):
    def __init__(self, *args: object, what: str = "this field", **kwargs: object) -> None:
        """`what` names the field in the message about a pasted text ("Surname")."""
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.what = what

    def _on_paste(self, event: events.Paste) -> None:
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) > 1:
            event.prevent_default()  # not Input's own paste, which keeps only the first line
            event.stop()
            text = " ".join(lines)
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)
            self.notify(
                f"The pasted text had {len(lines)} lines: in {self.what} they are joined "
                "into one, with spaces. Check it reads as it should.",
                severity="warning",
                markup=False,
            )
