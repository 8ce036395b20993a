"""Officers (admins only, Ctrl+P "Officers"): the team's accounts; add an officer, reset a
passphrase, set a role, deactivate. A new or reset passphrase is a one-time one, shown once
to be given in person; the officer chooses their own at the next sign-in. The same changes
as `housing-tui officers`; each travels with the next sync."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Static

from housing_tui.reference import fields
from housing_tui.reference.policy import ReservedAction, Role
from screens.background import in_background
from screens.dialogs import ConfirmDialog
from screens.services import HousingScreen
from screens.workers import Work
from storage.accounts import AccountRow


class OfficersScreen(HousingScreen[None]):
    BINDINGS = [
        # Short words, so that Quit and Help stay on the footer at 80 columns; the tooltips
        # (F1) and the hint under the table say the rest.
        Binding("escape", "app.pop_screen", "Back", id="officers.back"),
        Binding("a", "add", "Add", tooltip="Add an officer", id="officers.add"),
        Binding("r", "reset", "Reset", tooltip="A new one-time passphrase", id="officers.reset"),
        Binding("o", "role", "Role", tooltip="The next role", id="officers.role"),
        Binding(
            "x",
            "deactivate",
            "Deactivate",
            tooltip="They can no longer sign in",
            id="officers.deactivate",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.accounts: list[AccountRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="officers-table", cursor_type="row")
        yield Static(
            "r: a one-time passphrase, shown once · o: officer → principal → admin",
            classes="hint",
        )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Officers"
        table = self.query_one(DataTable)
        table.add_columns("Initials", "Name", "Role", "Account")
        table.focus()
        self._load()

    def _load(self) -> None:
        from storage.accounts import list_accounts

        db = self.services.db
        in_background(self, lambda: list_accounts(db), self._show, group=Work.OFFICERS)

    def _show(self, accounts: list[AccountRow]) -> None:
        self.accounts = accounts
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for account in accounts:
            officer = account.officer
            table.add_row(officer.initials, officer.name, officer.role.label, _state(account))
        if accounts:
            table.move_cursor(row=min(row, len(accounts) - 1))

    def _chosen(self) -> AccountRow | None:
        table = self.query_one(DataTable)
        if not self.accounts:
            return None
        return self.accounts[table.cursor_row]

    def _change(self, what: str, change: Callable[[], str]) -> None:
        """Run an account change in a worker, then say what was done (or why not)."""
        if not self.permitted(ReservedAction.MANAGE_OFFICERS):
            return

        def done(told: str) -> None:
            self._load()
            self.app.push_screen(ConfirmDialog(what, told, [("ok", "Done")]))

        in_background(self, change, done, group=Work.OFFICERS)

    def action_add(self) -> None:
        services = self.services

        def add(typed: tuple[str, str, Role] | None) -> None:
            if typed is None:
                return
            from storage.accounts import add_officer

            name, initials, role = typed

            def change() -> str:
                officer, passphrase = add_officer(
                    services.db,
                    services.unlocked,
                    services.policy.security.argon2,
                    name=name,
                    initials=initials,
                    role=role,
                )
                return (
                    f"{officer.name} ({officer.initials}) is added as {role.label}. Their "
                    f"one-time passphrase is:\n\n    {passphrase}\n\nGive it to them in "
                    "person; they choose their own at their first sign-in."
                )

            self._change("Officer added", change)

        if self.permitted(ReservedAction.MANAGE_OFFICERS):
            self.app.push_screen(NewOfficerDialog(), add)

    def action_reset(self) -> None:
        account = self._chosen()
        if account is None:
            return
        services, officer = self.services, account.officer

        def change() -> str:
            from storage.accounts import reset_passphrase

            passphrase = reset_passphrase(
                services.db, services.unlocked, services.policy.security.argon2, officer.id
            )
            return (
                f"{officer.name}'s one-time passphrase is:\n\n    {passphrase}\n\nThey choose "
                "their own at their next sign-in."
            )

        self._change("Passphrase reset", change)

    def action_role(self) -> None:
        account = self._chosen()
        if account is None:
            return
        services, officer = self.services, account.officer
        roles = list(Role)
        role = roles[(roles.index(officer.role) + 1) % len(roles)]

        def change() -> str:
            from storage.accounts import set_role

            set_role(services.db, services.officer.id, officer.id, role)
            return f"{officer.name} is now {role.label}."

        self._change("Role set", change)

    def action_deactivate(self) -> None:
        account = self._chosen()
        if account is None or not account.active:
            return
        services, officer = self.services, account.officer

        def decided(answer: str | None) -> None:
            if answer != "deactivate":
                return

            def change() -> str:
                from storage.accounts import deactivate

                deactivate(services.db, services.officer.id, officer.id)
                return f"{officer.name} can no longer sign in (on other laptops once synced)."

            self._change("Deactivated", change)

        self.app.push_screen(
            ConfirmDialog(
                f"Deactivate {officer.name}?",
                "They will no longer be able to sign in. Their work stays on record as theirs.",
                [("keep", "Keep them"), ("deactivate", "Deactivate")],
            ),
            decided,
        )


def _state(account: AccountRow) -> str:
    if not account.active:
        return "deactivated"
    if not account.has_passphrase:
        return "no passphrase yet: reset it (r)"
    if account.must_change_passphrase:
        return "one-time passphrase"
    return "can sign in"


class NewOfficerDialog(ModalScreen[tuple[str, str, Role] | None]):
    """Name, initials and role of a new officer. Compact fields, one line each, so that the
    whole dialog and its Add button fit at 80x24."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="new_officer.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Add an officer", classes="dialog-title")
            yield Label("Name")
            yield Input(id="new-officer-name", max_length=100, compact=True)
            yield Label("Initials")
            yield Input(id="new-officer-initials", max_length=5, compact=True)
            yield Label("Role: officer, principal or admin")
            yield Input(id="new-officer-role", value="officer", max_length=9, compact=True)
            yield Static("", id="new-officer-problem", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add", id="new-officer-add", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#new-officer-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "new-officer-role":
            self._add()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._add()

    def _add(self) -> None:
        typed = {str(field.id): field.value for field in self.query(Input)}
        try:
            name = fields.parse_name(typed["new-officer-name"], what="The name")
            initials = fields.parse_initials(typed["new-officer-initials"])
            role = Role(typed["new-officer-role"].strip().lower())
        except fields.FieldError as error:
            self.query_one("#new-officer-problem", Static).update(str(error))
            return
        except ValueError:
            self.query_one("#new-officer-problem", Static).update(
                "The role is officer, principal or admin."
            )
            return
        self.dismiss((name, initials, role))
