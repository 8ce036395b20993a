"""Mine or the team's: the caseload, the due list and the placements show the signed-in
officer's open cases, and (t) the whole team's to an officer whose role may see them. Each
screen names the reserved action that lets its officer see the team's (`TEAM_RIGHT`), by its
value: the caseload is the first screen, and the policy is imported only once it is needed."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.reactive import reactive

from screens.services import HousingScreen


def toggle_binding(screen: str) -> Binding:
    """The key that switches between mine and the team's, with an id of the screen's
    (`screen`), so that a keymap can rebind it on one screen."""
    return Binding(
        "t",
        "toggle_team",
        "Mine/team",
        tooltip="My cases or the whole team's",
        id=f"{screen}.toggle_team",
    )


class MineOrTeam(HousingScreen[None]):
    """A list of the signed-in officer's cases or (`team`) the whole team's."""

    TEAM_RIGHT: ClassVar[str]
    """The ReservedAction the officer's role must allow for the team's to be shown."""

    team: reactive[bool] = reactive(False, init=False)

    def __init__(self, *, team: bool = False) -> None:
        super().__init__()
        # Already permitted by whoever opened it on the team's.
        self.set_reactive(MineOrTeam.team, team)

    @property
    def officer_shown(self) -> str | None:
        """Whose cases are read: the signed-in officer's id, or None for the whole team's."""
        return None if self.team else self.services.officer.id

    @property
    def whose(self) -> str:
        return "the team's open cases" if self.team else "my open cases"

    def action_toggle_team(self) -> None:
        from housing_tui.reference.policy import ReservedAction

        # Back to one's own cases is always allowed; to the team's only as the role allows.
        if self.team or self.permitted(ReservedAction(self.TEAM_RIGHT)):
            self.team = not self.team

    def watch_team(self) -> None:
        self.load()

    def load(self, *_: object) -> None:
        """Read the cases shown (mine or the team's) again, in a worker."""
        raise NotImplementedError
