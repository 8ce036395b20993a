"""Small modal dialogs that return a value with `dismiss`."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Label, Static


class ConfirmDialog(ModalScreen[str | None]):
    """A question with named answers; dismisses with the chosen answer's id, or None on Escape."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Back", id="confirm.cancel")]

    def __init__(self, title: str, body: str, answers: list[tuple[str, str]]) -> None:
        super().__init__()
        self._title, self._body, self._answers = title, body, answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="dialog-title")
            yield Static(self._body, markup=False)
            with Horizontal(classes="dialog-buttons"):
                for answer_id, text in self._answers:
                    yield Button(text, id=answer_id)

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)


def ask_before_discarding(
    screen: Screen,
    title: str,
    body: str,
    discard: Callable[[], object],
    *,
    keep: str = "Keep editing",
    leave: str = "Discard",
) -> None:
    """Ask before throwing away what was typed; `discard()` only if the officer says so.
    `keep` comes first, so Enter, like Escape, keeps the work."""

    def decided(answer: str | None) -> None:
        if answer == "discard":
            discard()

    screen.app.push_screen(
        ConfirmDialog(title, body, [("keep", keep), ("discard", leave)]), decided
    )
