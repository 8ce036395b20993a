"""Syncing with the team store from the app: one sync at a time in a thread worker, its
progress on a line at the foot of whichever screen is open, and what came of it in a
notification. Also the sync settings (asked the first time) and the syncs on start and close."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from screens.background import in_background
from screens.workers import Work

if TYPE_CHECKING:
    from housing_tui.app import HousingApp
    from housing_tui.settings import LocalSettings
    from storage.database import Database
    from storage.sync.engine import SyncSummary

OFFLINE = (
    "Working offline: {reason} Everything is saved on this laptop and goes to the team with the "
    "next sync."
)


class SyncLine(Static):
    """What the sync under way is doing, one line above the footer."""


class SyncStopped(Exception):  # noqa: N818 - not an error: the app is closing
    """Raised inside the sync when the app has gone: every step so far is kept, and the next
    sync carries on from there."""


@dataclass(frozen=True)
class SyncOutcome:
    """What one sync came to: a summary, or why the store could not be used."""

    summary: SyncSummary | None = None
    open_conflicts: int = 0
    """Conflicts waiting to be decided after it (some it brought may be decided already)."""
    problem: str = ""
    offline: bool = False
    """The store could not be reached (not refused): the app simply works offline."""


def run_sync(
    db: Database,
    location: str,
    progress: Callable[[str, int, int], None],
    *,
    officer_id: str | None = None,
    team_key: bytes,
) -> SyncOutcome:
    """One sync with the store at `location` (runs in the worker thread), audited as
    `officer_id`'s, sealed with the team key (`team_key`) and this laptop's signing key."""
    from housing_tui.settings import keep_store_password_apart
    from storage.sync.conflicts import count_open_conflicts
    from storage.sync.devices import team_seal
    from storage.sync.engine import sync
    from storage.sync.location import open_transport
    from storage.sync.store_password import with_password
    from storage.sync.transport import StoreUnreachable, SyncError

    try:
        seal = team_seal(db, team_key)
        if officer_id is not None:  # settings.json from before passwords were kept apart
            keep_store_password_apart(db, officer_id, db.path.parent)
        transport = open_transport(with_password(db, location))
        try:
            summary = sync(db, transport, progress=progress, officer_id=officer_id, seal=seal)
        finally:
            transport.close()
        return SyncOutcome(summary, open_conflicts=count_open_conflicts(db))
    except StoreUnreachable as error:
        return SyncOutcome(problem=str(error), offline=True)
    except SyncError as error:
        return SyncOutcome(problem=str(error))


def progress_text(what: str, done: int, total: int) -> str:
    """'Sync: receiving 1,200 of 5,000'; 'Sync: reading the team store (12)…' while the number
    to come is not known (total 0)."""
    if what in ("Sending", "Receiving") and total:
        return f"Sync: {what.lower()} {done:,} of {total:,}"
    if done and not total:
        return f"Sync: {what.lower()} ({done:,})…"
    return f"Sync: {what.lower()}…"


class TeamSync:
    """The app's syncing with the team store. Never two at once: a second request while one
    runs is refused with a notice (a sync is cheap to run again once this one ends)."""

    def __init__(self, app: HousingApp) -> None:
        self.app = app
        self.running = False
        self.closing = False
        """Ctrl+Q was pressed and the app closes when the sync ends."""
        self._line = ""
        self._after: Callable[[], object] | None = None
        """What to do once the sync under way has finished (sync once more, then close)."""
        self._exit_message = ""
        self.settings: LocalSettings | None = None
        """This laptop's settings: as read at start-up (set by the app once it is ready, so
        None means not ready), then as saved from the sync settings dialog."""

    # --- what the app asks for ----------------------------------------------------------

    def sync_now(self) -> None:
        """The sync key: sync, or ask where the team store is the first time."""
        settings = self.settings
        if settings is None:
            self.app.notify("Still opening the case database…")
        elif self.running:
            self.app.notify("A sync is already running: its summary comes when it finishes.")
        elif not settings.sync_location:
            self.configure()
        else:
            self._start(settings.sync_location)

    def on_start(self) -> None:
        """Once the database is open: sync if this laptop is set to (quietly if offline)."""
        settings = self.settings
        if settings and settings.sync_on_start and settings.sync_location:
            self._start(settings.sync_location, quiet=True)

    def before_closing(self) -> bool:
        """On Ctrl+Q: start the sync before closing if this laptop is set to, and say whether
        the app should wait for it (it closes itself afterwards, whatever happens)."""
        settings = self.settings
        location = settings.sync_location if settings else None
        if self.closing or not (settings and settings.sync_on_exit and location):
            return False
        self.closing = True
        self.app.notify("Syncing before closing… (Ctrl+Q again closes now)", timeout=30)
        if self.running:  # what was typed since it started goes with one more sync
            self._after = lambda: self._start(location, then=self._close)
        else:
            self._start(location, then=self._close)
        return True

    def configure(self) -> None:
        """The sync settings dialog; Ctrl+S saves them and syncs."""
        from screens.sync_dialog import SyncSettingsDialog

        if self.settings is None:
            self.app.notify("Still opening the case database…")
            return
        self.app.push_screen(SyncSettingsDialog(self.settings), self._save_settings)

    # --- settings -----------------------------------------------------------------------

    def _save_settings(self, chosen: dict | None) -> None:
        if chosen is None:
            return
        data_dir = self.app.data_dir
        db, officer_id = self.app.services.db, self.app.services.officer.id

        def save() -> LocalSettings:
            from housing_tui.settings import LocalSettings
            from storage.sync.store_password import keep_password_apart

            # A PostgreSQL password typed in the address goes to the encrypted database
            # before anything is written: settings.json never holds it, even for a moment.
            location = chosen.get("sync_location")
            bare = keep_password_apart(db, officer_id, location) if location else location
            # Read afresh: the officer (first run) is kept whatever this app last read.
            settings = replace(LocalSettings.load(data_dir), **{**chosen, "sync_location": bare})
            settings.save(data_dir)
            return settings

        in_background(self.app, save, self._settings_saved, group=Work.SYNC_SETTINGS)

    def _settings_saved(self, settings: LocalSettings) -> None:
        self.settings = settings
        self.app.notify("Sync settings saved.", timeout=3)
        self.sync_now()

    # --- one sync -----------------------------------------------------------------------

    def _start(
        self, location: str, *, quiet: bool = False, then: Callable[[], object] | None = None
    ) -> None:
        self.running = True
        self._show_line(progress_text("Connecting", 0, 1))
        app, db, officer_id = self.app, self.app.services.db, self.app.services.officer.id
        team_key = self.app.services.unlocked.team_key

        def progress(what: str, done: int, total: int) -> None:
            if get_current_worker().is_cancelled:
                raise SyncStopped
            app.call_from_thread(self._show_line, progress_text(what, done, total))

        def finished(outcome: SyncOutcome) -> None:
            self._finished(outcome, quiet=quiet)
            if then:
                then()

        def failed(message: str) -> None:  # unexpected: already shown by in_background
            self._finished(SyncOutcome(problem=message), quiet=True)
            if then:
                then()

        in_background(
            app,
            lambda: run_sync(db, location, progress, officer_id=officer_id, team_key=team_key),
            finished,
            group=Work.SYNC,
            failed=failed,
        )

    def _finished(self, outcome: SyncOutcome, *, quiet: bool) -> None:
        self.running = False
        self._show_line("")
        summary = outcome.summary
        if self.closing:
            self._exit_message = (
                summary.describe() if summary else f"Not synced before closing: {outcome.problem}"
            )
        elif summary is not None:
            if summary.received or summary.rows or summary.snapshot_loaded:
                self.app.changed()
            self._report(summary, outcome.open_conflicts)
        elif outcome.offline:
            self.app.notify(
                OFFLINE.format(reason=outcome.problem),
                severity="information" if quiet else "warning",
                timeout=5 if quiet else 10,
                markup=False,
            )
        elif outcome.problem and not quiet:
            self.app.notify(
                outcome.problem, title="Not synced", severity="error", timeout=15, markup=False
            )
        after, self._after = self._after, None
        if after:
            after()

    def _report(self, summary: SyncSummary, open_conflicts: int) -> None:
        text = summary.describe()
        if open_conflicts:
            text += (
                f" {open_conflicts:,} to decide: where two laptops changed the same field, the "
                "later change was kept. See the case's Conflicts, or Ctrl+P Sync conflicts."
            )
        troubled = summary.damaged or summary.problems or summary.waiting_for_upgrade
        self.app.notify(
            text,
            title="Sync",
            severity="warning" if troubled or open_conflicts else "information",
            timeout=15 if troubled or open_conflicts else 6,
            markup=False,  # a folder's name may hold [brackets]
        )

    def _close(self) -> None:
        # Printed in the terminal once the app has closed, so the officer sees how it went.
        self.app.exit(message=self._exit_message or None)

    # --- the progress line --------------------------------------------------------------

    def _show_line(self, text: str) -> None:
        self._line = text
        if text:
            self.carry_line(self.app.screen)
            for line in self.app.screen.query(SyncLine):
                line.update(text)
        else:
            for screen in self.app.screen_stack:
                screen.query(SyncLine).remove()

    def carry_line(self, screen: Screen) -> None:
        """Put the line on `screen` (just opened) while a sync runs: above its footer, or at
        the foot of a dialog."""
        if not self._line or screen.query(SyncLine):
            return
        line = SyncLine(self._line)
        footers = screen.query(Footer)
        if footers:
            footer = footers.first()
            footer.parent.mount(line, before=footer)  # type: ignore[union-attr]
        else:
            screen.mount(line.add_class("-docked"))
