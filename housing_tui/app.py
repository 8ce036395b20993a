"""The application shell: opens the database in the background, asks who the officer is on
first run, and hosts the screens. The first screen paints before SQLAlchemy is imported."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import Provider
from textual.reactive import reactive
from textual.screen import Screen

from housing_tui.calendar.clock import Clock
from screens.background import in_background
from screens.caseload import CaseloadScreen
from screens.key_order import KeysInOrder
from screens.saving import PATIENCE, Saves
from screens.services import HousingScreen, Services
from screens.workers import WRITES, Work

if TYPE_CHECKING:
    from housing_tui.startup import DataFolder
    from storage.audit import Verification
    from storage.rows import OfficerRow

# Everything else (policy, settings, SQLAlchemy, the database) is imported in the storage
# worker, after the first frame: start-up time is measured (benchmarks/startup.py).


def _case_commands() -> type[Provider]:
    """The case screen's palette entries, loaded with the case screen (not at start-up)."""
    from screens.case_commands import CaseCommands

    return CaseCommands


class HousingApp(KeysInOrder[None]):
    """Housing Options casework."""

    CSS_PATH = Path(__file__).parent.parent / "screens" / "app.tcss"
    TITLE = "Housing Options"
    COMMANDS = KeysInOrder.COMMANDS | {_case_commands}
    BINDINGS = [
        Binding("f1", "help", "Help", tooltip="Every key on every screen", id="app.help"),
        # Not F5: the interview's F2-F10 are its sections. No widget or screen uses Ctrl+R.
        Binding(
            "ctrl+r",
            "sync",
            "Sync",
            tooltip="Sync with the team store",
            show=False,
            id="app.sync",
        ),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
    ]

    data_version: reactive[int] = reactive(0)
    """Goes up after every change to the database, so that open screens reload what they show."""

    def __init__(self, data_dir: Path, *, demo: bool = False, clock: Clock | None = None) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.demo = demo
        self.clock = clock or Clock()
        self._services: Services | None = None
        """Built once the database is open and the officer known."""
        from screens.syncing import TeamSync

        self.team_sync = TeamSync(self)
        self.saves = Saves(self)
        """Every change the forms and the interview write (screens/saving.py)."""
        self._closing_once_saved = False
        """Ctrl+Q was pressed while a save waited for the database: close once it is made."""
        self.start_failure: str | None = None
        """Why the app could not start (the data folder cannot be used), once it has closed."""
        self._asking_officer = False
        """The first-run screen is (being) shown: keys typed meanwhile are for it."""

    @property
    def ready(self) -> bool:
        """The database is open and the officer is known."""
        return self._services is not None

    @property
    def services(self) -> Services:
        """What the screens work with; asked for only once `ready` (screens/services.py)."""
        if self._services is None:
            raise RuntimeError("The app's services were asked for before start-up finished.")
        return self._services

    def get_default_screen(self) -> CaseloadScreen:
        return CaseloadScreen()

    def on_mount(self) -> None:
        from housing_tui.startup import StartupError

        self.screen_change_signal.subscribe(self, self.team_sync.carry_line)
        in_background(
            self,
            self._open_storage,
            self._storage_opened,
            group=Work.STORAGE,
            failed=self._storage_failed,
            also_for_officer=(StartupError,),
        )

    def _open_storage(self) -> tuple[DataFolder, OfficerRow | None]:
        from housing_tui.error_log import keep_error_log_in
        from housing_tui.startup import open_data_folder
        from storage.officers import get_officer

        keep_error_log_in(self.data_dir)
        folder = open_data_folder(self.data_dir, clock=self.clock)
        officer_id = folder.settings.officer_id
        return folder, get_officer(folder.db, officer_id) if officer_id else None

    def _storage_opened(self, opened: tuple[DataFolder, OfficerRow | None]) -> None:
        from storage.audit import verify_audit_trail

        folder, officer = opened
        # Checked in a worker while the officer starts work: the first screen never waits.
        in_background(
            self,
            lambda: verify_audit_trail(folder.db),
            self._audit_checked,
            group=Work.AUDIT_CHECK,
        )
        if officer is None:
            from screens.first_run import FirstRunScreen

            self._asking_officer = True
            self.push_screen(
                FirstRunScreen(folder.db, self.data_dir), partial(self._officer_known, folder)
            )
        else:
            self._officer_known(folder, officer)

    def _audit_checked(self, verification: Verification) -> None:
        if verification.intact:
            return
        more = len(verification.breaks) - 1
        self.notify(
            f"{verification.breaks[0]}"
            + (f" ({more} other chain(s) broken too.)" if more else "")
            + " Rows of the audit trail on this laptop were changed, removed or added outside "
            "the app. Tell your principal officer and IT; 'housing-tui audit --verify' lists "
            "every break.",
            title="The audit trail has been tampered with",
            severity="error",
            timeout=60,
            markup=False,
        )

    def keys_can_go(self) -> bool:
        """Keys typed while the case database opens wait for the screen they are for: the
        caseload's (its keys need the database) or the first run's; and, on any screen,
        until it shows what it opened for (`HousingScreen.opening`)."""
        screen = self.screen
        return (
            super().keys_can_go()
            and (self.ready or self._asking_officer)
            and not (isinstance(screen, HousingScreen) and screen.opening)
        )

    def _storage_failed(self, message: str) -> None:
        # Nothing can be done without the data folder: close, and leave the reason to be
        # printed once the terminal is given back (housing_tui.cli). After the next refresh:
        # the first screen may still be mounting its lazy parts, which fail on a closed app.
        self.start_failure = message
        self.call_after_refresh(self.exit, return_code=1)

    def _officer_known(self, folder: DataFolder, officer: OfficerRow | None) -> None:
        if officer is None:  # the first-run screen closed with the app
            return
        self._services = Services(
            db=folder.db,
            officer=officer,
            clock=self.clock,
            policy=folder.policy,
            catalogue=folder.catalogue,
            templates=folder.templates,
            data_dir=self.data_dir,
        )
        self.team_sync.settings = folder.settings
        self.sub_title = f"{officer.name} ({officer.initials})"
        if self.demo:
            in_background(self, self._load_demo_if_empty, self._demo_loaded, group=Work.STORAGE)
        else:
            self.data_version += 1
            self.team_sync.on_start()

    def _load_demo_if_empty(self) -> int:
        from housing_tui.settings import DEMO_CLIENTS_ON_START
        from storage.clients import count_clients
        from storage.demo import load_demo_data

        services = self.services
        if count_clients(services.db):
            return 0
        return load_demo_data(
            services.db,
            clients=DEMO_CLIENTS_ON_START,
            officer_id=services.officer.id,
            today=services.clock.today(),
            policy=services.policy.triage,
        ).clients

    def _demo_loaded(self, added: int) -> None:
        if added:
            self.notify(f"Added {added} synthetic demo clients and their cases.")
        self.data_version += 1
        self.team_sync.on_start()

    def changed(self, tell: str | None = None) -> None:
        """Tell open screens the database changed, and the officer what was done (`tell`)."""
        self.data_version += 1
        if tell:
            self.notify(tell, markup=False)

    async def _finish_saves(self) -> bool:
        """Save the field being typed in (the interview saves as a field is left) and give
        every save under way a moment to be made; whether they all were."""
        save_focused = getattr(self.screen, "save_focused", None)
        if save_focused:
            save_focused()
        writing = [worker for worker in self.workers if worker.group in WRITES]
        # Not with an empty list: that waits for every worker (a sync, a long search).
        if writing:
            await self.workers.wait_for_complete(writing)
        return await self.saves.finished(within=2 * PATIENCE)

    async def action_quit(self) -> None:
        """Quit, but first finish every save: a field left just before Ctrl+Q is kept. While
        the database is busy the app says what is not saved yet and closes once it is; Ctrl+Q
        again asks before closing without it."""
        if not await self._finish_saves():
            if self._closing_once_saved:
                self._ask_to_close_unsaved()
                return
            self._closing_once_saved = True
            self.notify(
                f"Not saved yet: {'; '.join(self.saves.unsaved)}. The case database is busy "
                "(another program is writing to it): the app closes once they are saved. "
                "Ctrl+Q again to close without them.",
                title="Closing once saved",
                severity="warning",
                timeout=30,
                markup=False,
            )
            self.saves.when_finished(self._close_once_saved)
            return
        self._close()

    def _close_once_saved(self) -> None:
        if self._closing_once_saved:
            self._close()

    def _close(self) -> None:
        if not self.team_sync.before_closing():  # else it closes the app once synced
            self.exit()

    def _ask_to_close_unsaved(self) -> None:
        from screens.dialogs import ConfirmDialog

        unsaved = self.saves.unsaved
        if not unsaved or isinstance(self.screen, ConfirmDialog):
            return

        def decided(answer: str | None) -> None:
            if answer == "close" and self.saves.unsaved:
                self.exit(message="Closed without saving: " + "; ".join(self.saves.unsaved))
            elif answer == "close":
                self._close()

        # "Keep waiting" comes first so Enter, like Escape, keeps the work.
        self.push_screen(
            ConfirmDialog(
                "Close without saving?",
                "Not saved yet (the case database is busy): "
                + "; ".join(unsaved)
                + ". They are lost if the app closes now.",
                [("wait", "Keep waiting"), ("close", "Close without saving")],
            ),
            decided,
        )

    async def action_sync(self) -> None:
        """Sync, with what was typed just before the key going too."""
        if await self._finish_saves():
            self.team_sync.sync_now()
        else:  # the database is busy (often with a sync): sync once everything is saved
            self.saves.when_finished(self.team_sync.sync_now)

    def action_sync_settings(self) -> None:
        self.team_sync.configure()

    def action_conflicts(self) -> None:
        if not self.ready:
            return
        from screens.conflicts import ConflictsScreen

        self.push_screen(ConflictsScreen())

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_new_approach(self) -> None:
        """Search first, so the same person is not created twice."""
        from screens.client_search import ClientSearchScreen

        if not self.ready:
            self.notify("Still opening the case database…")
            return
        self.push_screen(ClientSearchScreen())

    def action_caseload(self, team: bool | None = None) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if team is not None and isinstance(self.screen, CaseloadScreen):
            self.screen.team = team

    def action_due(self, team: bool = False) -> None:
        if not self.ready:
            return
        from screens.due import DueScreen

        self.push_screen(DueScreen(team=team))

    def action_dhp_budget(self) -> None:
        if not self.ready:
            return
        from screens.dhp_budget import DhpBudgetScreen

        self.push_screen(DhpBudgetScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "New approach", "Find or create the client, then triage", self.action_new_approach
        )
        yield SystemCommand(
            "Find a client",
            "Search by name, date of birth, postcode or NI",
            self.action_new_approach,
        )
        yield SystemCommand("My caseload", "My open cases", lambda: self.action_caseload(False))
        yield SystemCommand(
            "Team caseload", "Every officer's open cases", lambda: self.action_caseload(True)
        )
        yield SystemCommand(
            "What is due", "Overdue, due today and this week on my cases", self.action_due
        )
        yield SystemCommand(
            "What is due: team",
            "Overdue, due today and this week on the team's cases (for the principal)",
            lambda: self.action_due(team=True),
        )
        yield SystemCommand(
            "DHP budget",
            "The year's DHP allocation: committed, paid, what remains; spend by month",
            self.action_dhp_budget,
        )
        yield SystemCommand(
            "Sync with the team store",
            "Send this laptop's changes and receive the team's (Ctrl+R)",
            self.action_sync,
        )
        yield SystemCommand(
            "Sync settings",
            "Where the team store is; sync when the app starts or closes",
            self.action_sync_settings,
        )
        yield SystemCommand(
            "Sync conflicts",
            "Fields two laptops changed at once: put the lost value back or keep the current",
            self.action_conflicts,
        )
        yield SystemCommand("Help: keys", "Every key on every screen (F1)", self.action_help)
