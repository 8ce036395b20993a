"""A client's audit trail, read-only: every change to their record, their cases and all under
them, and every time someone viewed them, on any laptop of the team, oldest first
(storage.audit.audit_for_client), each with the laptop it was done on. Opened from the case's
command palette; the same rows `housing-tui audit --client` exports, in the same words (fields
and codes as officers read them: storage.field_words.changes_in_words)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from housing_tui.calendar.clock import uk_local
from screens.background import in_background
from screens.services import HousingScreen
from screens.workers import Work

if TYPE_CHECKING:
    from storage.rows import AuditEntry

_ACTIONS = {
    "create": "Added",
    "update": "Changed",
    "delete": "Removed",
    "sync-create": "Added by sync",
    "sync-update": "Changed by sync",
    "view": "Viewed",
    "export": "Exported",
}


class AuditTrailScreen(HousingScreen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="audit.back")]
    # The table's Details column is cut at the screen's edge (at 80 columns, after a few
    # words): the highlighted entry's details are shown whole, wrapped, under it.
    DEFAULT_CSS = """
    AuditTrailScreen #audit-rows { height: 1fr; }
    AuditTrailScreen #audit-details {
        height: auto; max-height: 50%; padding: 0 1; background: $boost;
    }
    """

    def __init__(self, client_id: str, client_name: str) -> None:
        super().__init__()
        self.client_id = client_id
        self.client_name = client_name
        self.entries: list[AuditEntry] = []
        self.details: list[str] = []
        """Each entry's details in officers' words."""
        self.this_laptop: str | None = None
        """This laptop's device id: the trail holds every laptop's rows (they travel with the
        sync), each shown with the laptop it was written on."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Reading the audit trail…", id="audit-status", markup=False)
        yield DataTable(id="audit-rows", cursor_type="row", zebra_stripes=True)
        yield Static("", id="audit-details", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"Audit trail: {self.client_name}"
        table = self.query_one(DataTable)
        table.add_columns("When", "Officer", "Laptop", "What", "Record", "Details")
        table.focus()
        from storage.audit import audit_for_client, this_laptop
        from storage.field_words import changes_in_words

        db, client_id = self.services.db, self.client_id

        def read() -> tuple[list[AuditEntry], list[str], str | None]:
            entries = audit_for_client(db, client_id)
            details = [changes_in_words(entry.table_name, entry.details) for entry in entries]
            return entries, details, this_laptop(db)

        in_background(self, read, self._show, group=Work.AUDIT)

    def _show(self, found: tuple[list[AuditEntry], list[str], str | None]) -> None:
        from storage.field_words import record_words

        self.entries, self.details, self.this_laptop = found
        entries = self.entries
        table = self.query_one(DataTable)
        for entry, details in zip(entries, self.details, strict=True):
            table.add_row(
                f"{uk_local(entry.at):%d %b %Y %H:%M}",
                entry.officer or (entry.officer_id or "")[:8],
                self._laptop(entry, "this one"),
                _ACTIONS.get(entry.action, entry.action),
                record_words(entry.table_name, entry.record_id),
                details,
            )
        self.query_one("#audit-status", Static).update(
            f"{len(entries):,} entries about {self.client_name}, oldest first. Read-only: "
            "nothing here can be changed."
        )
        if entries:
            self._show_details(table.cursor_row)  # now, not when the table's message comes

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_details(event.cursor_row)

    def _show_details(self, row: int) -> None:
        from storage.field_words import record_words

        entry, details = self.entries[row], self.details[row]
        self.query_one("#audit-details", Static).update(
            f"{_ACTIONS.get(entry.action, entry.action)} "
            f"{record_words(entry.table_name, entry.record_id)} "
            f"on {self._laptop(entry, 'this laptop', 'laptop ')}: "
            f"{details or 'no details'}"
        )

    def _laptop(self, entry: AuditEntry, here: str, prefix: str = "") -> str:
        """Which laptop the entry was written on: this one, or another's id (its start)."""
        return here if entry.device_id == self.this_laptop else prefix + entry.device_id[:8]
