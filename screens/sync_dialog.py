"""Where the team store is, and when to sync. Dismisses with the sync settings chosen (as
`LocalSettings` field names), or None on Escape (asking first if the location was changed);
the location is checked before it closes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label, Static

from screens.background import in_background
from screens.forms import FormDialog
from screens.keys import after_typing
from screens.widgets.form_field import FormField
from screens.workers import Work
from storage.sync.location import location_problem, tidy_location

if TYPE_CHECKING:
    from housing_tui.settings import LocalSettings

EXPLAINED = (
    "Every laptop of the team syncs through one shared place: a folder on the team's network "
    "drive (such as S:\\Housing\\sync), or the team's PostgreSQL database "
    "(postgresql+psycopg://…). IT can tell you which. Your work stays on this laptop "
    "between syncs, so it goes on working offline."
)


class SyncSettingsDialog(FormDialog[dict | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save and sync", priority=True, id="sync_settings.save"),
        Binding("escape", "cancel", "Cancel", id="sync_settings.cancel"),
    ]

    DISCARD_TITLE = "Discard the changed team store?"

    def __init__(self, settings: LocalSettings) -> None:
        super().__init__()
        self.settings = settings

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="sync-settings"):
            yield Label(
                "Sync with the team store  (Ctrl+S save and sync, Esc cancel)",
                classes="dialog-title",
            )
            yield Static(EXPLAINED, classes="hint")
            yield FormField(
                "Team store",
                "sync-location",
                value=self.settings.sync_location or "",
                placeholder="a folder, or postgresql+psycopg://…",
            )
            yield Checkbox(
                "Sync when the app starts",
                self.settings.sync_on_start,
                id="sync-on-start",
                compact=True,
            )
            yield Checkbox(
                "Sync when the app closes",
                self.settings.sync_on_exit,
                id="sync-on-exit",
                compact=True,
            )

    def on_mount(self) -> None:
        self.query_one("#sync-location").focus()

    @on(Input.Blurred, "#sync-location")
    def _left_location(self, event: Input.Blurred) -> None:
        # As every field does, say what is wrong when it is left (an empty one waits for Ctrl+S).
        location = event.value.strip()
        if location:
            in_background(
                self,
                lambda: location_problem(location),
                self._show_problem,
                group=Work.SYNC_LOCATION,
            )

    def _show_problem(self, problem: str | None) -> None:
        self.query_one(FormField).show_error(problem)

    @after_typing
    def action_save(self) -> None:
        location = self.query_one(FormField).value.strip()
        chosen = {
            "sync_location": tidy_location(location) if location else "",
            "sync_on_start": self.query_one("#sync-on-start", Checkbox).value,
            "sync_on_exit": self.query_one("#sync-on-exit", Checkbox).value,
        }
        in_background(
            self,
            lambda: location_problem(location),
            lambda problem: self._checked(problem, chosen),
            group=Work.SYNC_LOCATION,
        )

    def _checked(self, problem: str | None, chosen: dict) -> None:
        self._show_problem(problem)
        if problem is None:
            self.save_then_close(chosen)  # the app saves the settings (screens/syncing.py)
