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
    """A question with named answers; dismisses with the chosen answer's id, or None on Escape.

    The first answer has the focus when it opens, so Enter gives it: list first the answer that
    changes nothing (keeps the work). The arrow keys move between the answers."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back", id="confirm.cancel"),
        *(
            Binding(key, "app.focus_previous", show=False, id=f"confirm.{key}")
            for key in ("left", "up")
        ),
        *(
            Binding(key, "app.focus_next", show=False, id=f"confirm.{key}")
            for key in ("right", "down")
        ),
    ]

    def __init__(self, title: str, body: str, answers: list[tuple[str, str]]) -> None:
        super().__init__()
        self._title, self._body, self._answers = title, body, answers

    def on_mount(self) -> None:
        # Explicitly: the screen's automatic focus comes later, after keys already queued.
        self.query(Button).first().focus()

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
