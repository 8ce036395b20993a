"""Laptops (admins only, Ctrl+P "Laptops"): the team's laptops, who enrolled each and when,
whether it is revoked, and the officers (initials) who have signed in on it as far as this
laptop has synced; `x` revokes the one chosen
(a lost, stolen or retired laptop: nothing it writes from then on is believed once the others
sync). A new laptop is enrolled with `housing-tui devices enrol DIR`, which needs the new
laptop's data folder; the hint under the table says so. The same as `housing-tui devices`."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from housing_tui.reference.policy import Role
from screens.background import in_background
from screens.dialogs import ConfirmDialog
from screens.services import HousingScreen
from screens.workers import Work
from storage.sync.officer_laptops import Laptop

ONLY_ADMINS = "Only an admin may see, enrol or revoke the team's laptops."


class LaptopsScreen(HousingScreen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="laptops.back"),
        Binding(
            "x",
            "revoke",
            "Revoke",
            tooltip="Nothing it writes is believed from now on",
            id="laptops.revoke",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.laptops: list[Laptop] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="laptops-table", cursor_type="row")
        yield Static(
            "x revokes a lost laptop · enrol a new one: housing-tui devices enrol DIR",
            classes="hint",
        )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Laptops"
        table = self.query_one(DataTable)
        table.add_columns("Laptop", "Enrolled", "By", "Revoked", "Officers")
        table.focus()
        self._load()

    def _load(self) -> None:
        from storage.sync.officer_laptops import laptops

        db = self.services.db
        in_background(self, lambda: laptops(db), self._show, group=Work.LAPTOPS)

    def _show(self, found: list[Laptop]) -> None:
        self.laptops = found
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for laptop in found:
            table.add_row(
                laptop.laptop_id[:8] + (" (here)" if laptop.this_laptop else ""),
                f"{laptop.enrolled_at:%d %b %Y}",
                laptop.enrolled_by,
                f"{laptop.revoked_at:%d %b %Y}" if laptop.revoked_at else "no",
                ", ".join(laptop.officers) or "none yet",
            )
        if found:
            table.move_cursor(row=min(row, len(found) - 1))

    def action_revoke(self) -> None:
        if self.services.unlocked.role is not Role.ADMIN:
            self.app.notify(ONLY_ADMINS, title="Not allowed", severity="warning", markup=False)
            return
        if not self.laptops:
            return
        laptop = self.laptops[self.query_one(DataTable).cursor_row]
        if laptop.revoked_at or laptop.this_laptop:
            self.app.notify(
                "That laptop is already revoked."
                if laptop.revoked_at
                else "That is this laptop: revoke it from another admin's laptop.",
                markup=False,
            )
            return
        services = self.services

        def revoke() -> None:
            from storage.sync.devices import revoke

            revoke(services.db, services.unlocked, laptop.laptop_id)

        def revoked(_: None) -> None:
            self._load()
            self.app.notify(
                f"Laptop {laptop.laptop_id[:8]} is revoked. Sync to tell the other laptops.",
                markup=False,
            )

        def decided(answer: str | None) -> None:
            if answer == "revoke":
                in_background(self, revoke, revoked, group=Work.LAPTOPS)

        self.app.push_screen(
            ConfirmDialog(
                f"Revoke laptop {laptop.laptop_id[:8]}?",
                "Once the other laptops sync, nothing it writes from then on is believed. "
                "Sync it first if it is being retired, not lost: what it has not synced is "
                "refused too. It cannot be undone; the laptop can be enrolled again.",
                [("keep", "Keep it"), ("revoke", "Revoke")],
            ),
            decided,
        )
