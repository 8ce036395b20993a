"""The application shell: asks the officer to sign in (or, on a new laptop, to become the
team's first admin), opens the encrypted database in the background, hosts the screens, and
locks them after a while without a key. The first screen paints before SQLAlchemy, argon2
or SQLCipher is imported."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import Provider
from textual.notifications import Notification, Notify
from textual.reactive import reactive
from textual.screen import Screen

from housing_tui.calendar.clock import Clock
from housing_tui.documents.copies import (
    OLD_COPIES,
    OldCopiesLeft,
    old_copies,
    remove_old_copies,
)
from screens.background import in_background
from screens.caseload import CaseloadScreen
from screens.key_order import KeysInOrder
from screens.saving import PATIENCE, Saves
from screens.services import HousingScreen, Services
from screens.workers import WRITES, Work

if TYPE_CHECKING:
    from housing_tui.startup import DataFolder, Door
    from storage.audit import Verification
    from storage.keys import Unlocked

IDLE_LOOK_SECONDS = 0.5
"""How often the app looks at the (injected) clock for the idle lock."""

# Everything else (policy, settings, SQLAlchemy, the database) is imported in the storage
# worker, after the first frame: start-up time is measured (benchmarks/startup.py).


def _case_commands() -> type[Provider]:
    """The case screen's palette entries, loaded with the case screen (not at start-up)."""
    from screens.case_commands import CaseCommands

    return CaseCommands


def _import_storage() -> None:
    import housing_tui.startup  # noqa: F401
    import storage.accounts  # noqa: F401
    import storage.sync.capture  # noqa: F401


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
        Binding(
            "ctrl+l",
            "lock",
            "Lock",
            tooltip="Lock the screen now (your passphrase unlocks it)",
            show=False,
            priority=True,
            id="app.lock",
        ),
    ]

    data_version: reactive[int] = reactive(0)
    """Goes up after every change to the database, so that open screens reload what they show."""

    def __init__(
        self,
        data_dir: Path,
        *,
        demo: bool = False,
        clock: Clock | None = None,
        unlocked: Unlocked | None = None,
        plain: bool = False,
    ) -> None:
        """`unlocked`: an officer already signed in (storage.keys.sign_in), for tests that are
        not about signing in; else the app asks. `plain`: keep a plain database plain."""
        super().__init__()
        self.data_dir = data_dir
        self.demo = demo
        self.clock = clock or Clock()
        self.plain = plain
        self._unlocked_at_start = unlocked
        self.locked = False
        """The lock screen covers the app (idle, or Ctrl+L)."""
        self._held_notices: list[Notification] = []
        """Notices raised while locked, shown once unlocked (`on_notify`)."""
        self._last_key_at: datetime | None = None
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
        """A sign-in or first-run screen is (being) shown: keys typed meanwhile are for it."""

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
        unlocked = self._unlocked_at_start
        if unlocked is None:
            in_background(
                self,
                self._find_door,
                self._door_found,
                group=Work.STORAGE,
                failed=self._storage_failed,
                also_for_officer=(StartupError,),
            )
            return
        in_background(
            self,
            lambda: self._open_folder(unlocked),
            self._storage_opened,
            group=Work.STORAGE,
            failed=self._storage_failed,
            also_for_officer=(StartupError,),
        )

    def _find_door(self) -> Door:
        from housing_tui.error_log import keep_error_log_in
        from housing_tui.startup import find_door

        keep_error_log_in(self.data_dir)
        return find_door(self.data_dir)

    def _door_found(self, door: Door) -> None:
        from housing_tui.startup import StartupError
        from screens.sign_in import NewPassphraseScreen, SignInScreen

        self._security = door.policy.security
        self._asking_officer = True
        # While the officer types: what opening the database needs, imported in a worker so
        # that Enter does not wait for it.
        in_background(self, _import_storage, lambda _: None, group=Work.STORAGE)
        if door.keys is not None:
            self.push_screen(
                SignInScreen(door.keys.accounts, self._sign_in, refusals=(StartupError,)),
                self._storage_opened,
            )
            return
        known = door.known
        explanation = (
            f"Welcome back, {known.name} ({known.initials}). housing-tui now keeps its data "
            "encrypted and asks each officer to sign in. Choose your passphrase: you become "
            "this team's admin, and can then set passphrases for the other officers."
            if known
            else "Welcome. You are the first officer on this laptop: you become the team's "
            "admin, who adds the other officers. Your name and initials go on every record "
            "you create or change."
        )
        if door.plain_database:
            explanation += " The case database is then encrypted (this can take a minute)."
        self.push_screen(
            NewPassphraseScreen(
                door.policy.security,
                lambda typed: self._create_admin(known.id if known else None, typed),
                title="Choose your passphrase" if known else "Welcome: who are you?",
                explanation=explanation,
                ask_name=known is None,
                refusals=(StartupError,),
            ),
            self._storage_opened,
        )

    def _sign_in(self, officer_id: str, passphrase: str) -> DataFolder:
        from storage.accounts import record_sign_in
        from storage.keys import sign_in

        security = self._security
        signed = sign_in(self.data_dir, officer_id, passphrase, security, self.clock.now())
        folder = self._open_folder(signed.unlocked)
        record_sign_in(folder.db, signed, passphrase, security)
        return folder

    def _create_admin(self, officer_id: str | None, typed: dict[str, Any]) -> DataFolder:
        from storage.accounts import create_team
        from storage.audit import SIGN_IN, record_event

        unlocked = create_team(
            self.data_dir,
            name=typed.get("officer_name", ""),
            initials=typed.get("initials", ""),
            passphrase=typed["new-passphrase"],
            security=self._security,
            clock=self.clock,
            plain=self.plain,
            officer_id=officer_id,
        )
        folder = self._open_folder(unlocked)
        record_event(folder.db, unlocked.officer_id, SIGN_IN, table_name="officer")
        return folder

    def _open_folder(self, unlocked: Unlocked) -> DataFolder:
        from housing_tui.error_log import keep_error_log_in
        from housing_tui.startup import open_data_folder

        keep_error_log_in(self.data_dir)
        return open_data_folder(self.data_dir, unlocked, clock=self.clock, plain=self.plain)

    def _storage_opened(self, folder: DataFolder | None) -> None:
        from storage.audit import verify_audit_trail

        if folder is None:  # the door closed with the app
            return
        # Checked in a worker while the officer starts work: the first screen never waits.
        in_background(
            self,
            lambda: verify_audit_trail(folder.db),
            self._audit_checked,
            group=Work.AUDIT_CHECK,
        )
        self._officer_known(folder)

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

    def _officer_known(self, folder: DataFolder) -> None:
        officer = folder.officer
        self._asking_officer = False
        self._security = folder.policy.security
        self._services = Services(
            db=folder.db,
            officer=officer,
            clock=self.clock,
            policy=folder.policy,
            catalogue=folder.catalogue,
            templates=folder.templates,
            data_dir=self.data_dir,
            unlocked=folder.unlocked,
        )
        self.team_sync.settings = folder.settings
        self.sub_title = f"{officer.name} ({officer.initials})"
        self._last_key_at = self.clock.now()
        self.set_interval(IDLE_LOOK_SECONDS, self._lock_if_idle)
        if self.plain:
            self.notify(
                "The case database is NOT encrypted (--plain): anyone who gets this laptop's "
                "disk can read it. Start without --plain to encrypt it.",
                title="Not encrypted",
                severity="warning",
                timeout=30,
            )

        def must_change() -> bool:
            from storage.accounts import must_change_passphrase

            return must_change_passphrase(folder.db, officer.id)

        in_background(
            self,
            must_change,
            self._ask_for_new_passphrase,
            group=Work.OFFICERS,
        )
        in_background(
            self,
            partial(old_copies, self.data_dir),
            self._offer_to_remove_old_copies,
            group=Work.OLD_COPIES,
        )
        in_background(
            self, folder.templates.problems, self._tell_template_problems, group=Work.TEMPLATES
        )
        if self.demo:
            in_background(self, self._load_demo_if_empty, self._demo_loaded, group=Work.STORAGE)
        else:
            self.data_version += 1
            self.team_sync.on_start()

    def _tell_template_problems(self, problems: list[str]) -> None:
        """The council's templates folder holds files not used (an old Markdown template, a
        misnamed file) or templates that cannot be used: say which, once, at sign-in."""
        if problems:
            self.notify(
                "\n".join(problems),
                title="Letter templates",
                severity="warning",
                timeout=30,
                markup=False,
            )

    def _offer_to_remove_old_copies(self, copies: list[Path]) -> None:
        """Earlier versions left a plain copy of every document in the data folder: say so,
        once each start while any are left, and remove them only if the officer says so."""
        from screens.dialogs import ConfirmDialog

        if not copies:
            return
        folder = self.data_dir / OLD_COPIES

        def decided(answer: str | None) -> None:
            if answer == "remove":
                in_background(
                    self,
                    partial(remove_old_copies, self.data_dir),
                    lambda removed: self.notify(f"{removed} plain copies removed from {folder}."),
                    group=Work.OLD_COPIES,
                    also_for_officer=(OldCopiesLeft,),
                )

        self.push_screen(
            ConfirmDialog(
                "Plain copies of documents",
                f"{len(copies)} unencrypted copies of letters, plans and agreements, written by "
                f"an earlier version of the app, are in {folder}. Their text is kept in the "
                "encrypted database: Ctrl+E on the plan, letters, repayments or DHP screen "
                "saves a copy where you choose. Remove the plain copies?",
                [("keep", "Keep them"), ("remove", "Remove them")],
            ),
            decided,
        )

    def _ask_for_new_passphrase(self, must: bool) -> None:
        if must:
            self.action_change_passphrase(
                "An admin set a one-time passphrase for you: choose your own now."
            )

    def action_change_passphrase(self, why: str = "") -> None:
        """The signed-in officer chooses a new passphrase (re-wrapping the team key only)."""
        if not self.ready or self.locked:
            return
        from screens.sign_in import NewPassphraseScreen

        services = self.services

        def change(typed: dict[str, Any]) -> None:
            from storage.accounts import set_passphrase

            set_passphrase(
                services.db,
                services.officer.id,
                services.officer.id,
                typed["new-passphrase"],
                services.unlocked.team_key,
                services.policy.security.argon2,
            )

        self.push_screen(
            NewPassphraseScreen(
                services.policy.security,
                change,
                title="Choose a new passphrase",
                explanation=(why + " " if why else "")
                + "Use a few words that mean something to you only. It opens this laptop's "
                "data, and any team laptop's once it has synced.",
                ask_name=False,
            ),
            lambda _: self.notify("Your new passphrase is saved."),
        )

    async def on_event(self, event: events.Event) -> None:
        # Any key or click is activity: the idle lock counts from the last one.
        if isinstance(event, events.Key | events.MouseDown) and self._last_key_at is not None:
            self._last_key_at = self.clock.now()
        await super().on_event(event)

    def _lock_if_idle(self) -> None:
        if self._last_key_at is None or self.locked:
            return
        idle = timedelta(minutes=self.services.policy.security.idle_lock_minutes)
        if self.clock.now() - self._last_key_at >= idle:
            self.action_lock()

    def action_lock(self) -> None:
        """Cover the app with the lock screen: what was typed is kept (the field being typed
        is saved first, as leaving it would); only the officer's passphrase uncovers it."""
        if not self.ready or self.locked:
            return
        from screens.sign_in import SignInScreen
        from storage.audit import LOCK

        save_focused = getattr(self.screen, "save_focused", None)
        if save_focused:
            save_focused()
        self.locked = True
        # A notice on screen may name a client ("Saved Jo Smith's address"): not over the lock.
        self.clear_notifications()
        self._record(LOCK)
        officer = self.services.officer
        self.push_screen(
            SignInScreen(
                [],
                self._unlock,
                only=(officer.id, f"{officer.name} ({officer.initials})"),
            ),
            self._unlocked,
        )

    def _unlock(self, officer_id: str, passphrase: str) -> bool:
        from storage.accounts import record_sign_in
        from storage.audit import UNLOCK
        from storage.keys import sign_in

        security = self.services.policy.security
        signed = sign_in(self.data_dir, officer_id, passphrase, security, self.clock.now())
        record_sign_in(self.services.db, signed, passphrase, security, action=UNLOCK)
        return True

    def _unlocked(self, _: object) -> None:
        self.locked = False
        self._last_key_at = self.clock.now()
        held, self._held_notices = self._held_notices, []
        for notice in held:
            self.notify(
                notice.message,
                title=notice.title,
                severity=notice.severity,
                timeout=notice.timeout,
                markup=notice.markup,
            )

    def on_notify(self, event: Notify) -> None:
        """While the lock is up, notices (a save or a sync finishing in the background, which
        may name a client) are held, to be shown once the officer has unlocked."""
        if self.locked:
            event.prevent_default()
            self._held_notices.append(event.notification)

    def _record(self, action: str) -> None:
        from storage.audit import record_event

        services = self.services
        self.saves.save(
            "the lock, in the audit trail",
            lambda: record_event(
                services.db,
                services.officer.id,
                action,
                table_name="officer",
                record_id=services.officer.id,
            ),
        )

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
                f"Not saved yet: {'; '.join(self.saves.unsaved)}. Still waiting for the "
                "case database (busy with another program, or a slow disk): the app closes "
                "once they are saved. "
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

    def action_officers(self) -> None:
        if not self._permitted("manage_officers"):
            return
        from screens.officers import OfficersScreen

        self.push_screen(OfficersScreen())

    def action_laptops(self) -> None:
        if not self.ready:
            return
        from housing_tui.reference.policy import Role
        from screens.laptops import ONLY_ADMINS, LaptopsScreen

        if self.services.unlocked.role is not Role.ADMIN:
            self.notify(ONLY_ADMINS, title="Not allowed", severity="warning", markup=False)
            return
        self.push_screen(LaptopsScreen())

    def action_command_palette(self) -> None:
        if not self.locked:  # the palette would show what is under the lock
            super().action_command_palette()

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if self.locked:
            return
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_new_approach(self) -> None:
        """Search first, so the same person is not created twice."""
        from screens.client_search import ClientSearchScreen

        if not self.ready:
            self.notify("Still opening the case database…")
            return
        self.push_screen(ClientSearchScreen())

    def _permitted(self, action: str) -> bool:
        from housing_tui.reference.policy import ReservedAction
        from screens.services import permitted

        return self.ready and permitted(self, self.services, ReservedAction(action))

    def action_caseload(self, team: bool | None = None) -> None:
        if team and not self._permitted("team_caseload"):
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if team is not None and isinstance(self.screen, CaseloadScreen):
            self.screen.team = team

    def action_due(self, team: bool = False) -> None:
        if not self.ready or (team and not self._permitted("team_due_list")):
            return
        from screens.due import DueScreen

        self.push_screen(DueScreen(team=team))

    def action_placements(self, team: bool = False) -> None:
        if not self.ready or (team and not self._permitted("team_caseload")):
            return
        from screens.placements import PlacementsScreen

        self.push_screen(PlacementsScreen(team=team))

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
            "Placements",
            "Everyone in temporary accommodation on my cases: B&B breaches and warnings first",
            self.action_placements,
        )
        yield SystemCommand(
            "Placements: team",
            "Everyone in temporary accommodation on the team's cases (for the principal)",
            lambda: self.action_placements(team=True),
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
        yield SystemCommand(
            "Officers",
            "Add officers, reset passphrases, set roles (for admins)",
            self.action_officers,
        )
        yield SystemCommand(
            "Laptops",
            "The team's laptops, their officers; revoke a lost one (for admins)",
            self.action_laptops,
        )
        yield SystemCommand(
            "Change my passphrase", "Choose a new passphrase", self.action_change_passphrase
        )
        yield SystemCommand("Lock the screen", "Lock now (Ctrl+L)", self.action_lock)
        yield SystemCommand("Help: keys", "Every key on every screen (F1)", self.action_help)
