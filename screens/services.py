"""What every screen works with once the app has started, reached one typed way.

The app builds `Services` once the case database is open and the officer is known, so a screen
never checks for "not open yet": until then there are no services (`app.ready` says so). Screens
reach them, and the app's typed workings (`saves`, `changed()`), through their base class,
`HousingScreen` (forms and dialogs: screens/forms.py). They name the shell's `HousingApp`
for the type checker only: at run time screens do not import the shell (the import-linter
layers in pyproject.toml).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen, ScreenResultType

if TYPE_CHECKING:
    from pathlib import Path

    from textual import getters

    from housing_tui.app import HousingApp
    from housing_tui.calendar.clock import Clock
    from housing_tui.documents.rendering import Templates
    from housing_tui.prevention.catalogue import Catalogue
    from housing_tui.reference.policy import Policy, ReservedAction
    from storage.database import Database
    from storage.keys import Unlocked
    from storage.rows import OfficerRow


@dataclass(frozen=True)
class Services:
    """The case database and what the app read at start-up; the same for every screen."""

    db: Database
    officer: OfficerRow
    """Who is using this laptop: every change records them."""
    clock: Clock
    """Today and now, for everything that stamps or decides (a fixed day in tests)."""
    policy: Policy
    catalogue: Catalogue
    """The prevention options (shipped, or the council's)."""
    templates: Templates
    """The plan and letter templates (shipped, or the council's)."""
    data_dir: Path
    """The data folder: the case database, settings, and the documents produced."""
    unlocked: Unlocked
    """The signed-in officer's keys (storage.keys): managing officers re-wraps the team key
    with it, and the team store will encrypt with it."""

    def refusal(self, action: ReservedAction) -> str | None:
        """Why the signed-in officer may not do `action` (who can), or None if they may."""
        from housing_tui.casework.roles import refusal

        return refusal(self.officer.role, action, self.policy.security)


class HousingScreen(Screen[ScreenResultType]):
    """A screen of the app: `self.app` is the HousingApp to the type checker, and
    `self.services` what it opened."""

    if TYPE_CHECKING:
        # Textual's typed app (textual.getters.app), for the checker only: at run time it
        # would import the shell, and refuse the small apps the dialog tests open them in.
        app = getters.app(HousingApp)

    def __init__(
        self,
        name: str | None = None,
        id: str | None = None,  # noqa: A002  (Textual's name for it)
        classes: str | None = None,
    ) -> None:
        super().__init__(name, id, classes)
        self._viewed: set[tuple[str, str]] = set()
        """The records this visit has audited as viewed (`record_view`)."""

    opening = False
    """Still filling in what the screen opened for (read from the database): keys typed
    meanwhile wait, in order, until it has (screens/key_order.py)."""

    def stop_opening(self, _why: str = "") -> None:
        """What the screen opened for could not be read (the officer is told why): keys
        typed meanwhile go to it as it is."""
        self.opening = False

    def record_view(self, table_name: str, record_id: str, what: str) -> None:
        """Audit that the officer was shown a client's record (`what` in their words: "the
        case"), once per visit to this screen (moving up and down a list of letters is not a
        view each time), through the app's saves: in order, tried again while the database is
        busy, and waited for at quit. What is shown does not wait for it."""
        from storage.audit import VIEW, record_event

        if (table_name, record_id) in self._viewed:
            return
        self._viewed.add((table_name, record_id))
        services = self.services
        self.app.saves.save(
            f"the record that you viewed {what}",
            lambda: record_event(
                services.db, services.officer.id, VIEW, table_name=table_name, record_id=record_id
            ),
        )

    def permitted(self, action: ReservedAction) -> bool:
        return permitted(self.app, self.services, action)

    @property
    def services(self) -> Services:
        """The app's services; only asked for once the app is ready (a screen that can show
        before then checks `self.app.ready` first)."""
        return self.app.services


def permitted(app: App[Any], services: Services, action: ReservedAction) -> bool:
    """Whether the signed-in officer may do `action`; if not, they are told who can, and
    nothing is done."""
    refused = services.refusal(action)
    if refused:
        app.notify(refused, title="Not allowed", severity="warning", timeout=10, markup=False)
    return refused is None
