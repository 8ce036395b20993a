"""What an option in the catalogue is: its facts (`when`), why it fits, its plan steps and its
H-CLIC activity; and the catalogue of them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from housing_tui.calendar.deadlines import add_council_working_days
from housing_tui.prevention.actions import ActionOwner
from housing_tui.reference.codes import _Coded
from housing_tui.reference.hclic import hclic_codes

if TYPE_CHECKING:
    from housing_tui.reference.policy import Policy


# --- the catalogue -------------------------------------------------------------------------------


class Fit(_Coded):
    """How an option fits the client, in the order officers see them."""

    FITS = "fits", "Fits"
    NEEDS_INFORMATION = "needs_information", "Needs information"
    DOES_NOT_FIT = "does_not_fit", "Does not fit"


@dataclass(frozen=True)
class Requirement:
    """One entry of an option's `when` list: a fact that must hold, or (`not x`) must fail."""

    fact: str
    holds: bool = True

    def __str__(self) -> str:
        return self.fact if self.holds else f"not {self.fact}"


@dataclass(frozen=True)
class PreventionOption:
    """One option in the catalogue, as the council's file (or the shipped one) describes it."""

    key: str
    title: str
    what: str
    when: tuple[Requirement, ...]
    fits_because: str
    council_step: str
    """The council's reasonable step for the Personal Housing Plan: "We will ..."."""
    applicant_step: str
    """The applicant's reasonable step: "You will ..."."""
    owner: ActionOwner
    due_working_days: int
    prevention_activity: str
    """H-CLIC main prevention activity code."""
    relief_activity: str
    """H-CLIC main relief activity code."""
    common: bool
    """Considered for nearly everyone: when it does not fit, the officer is told why."""
    award_limit: Decimal | None = None
    """The most that may be paid without the principal housing officer's approval, in pounds."""
    contact: str | None = None

    def due_on(self, today: date, policy: Policy) -> date:
        """The action's default due date: `due_working_days` council working days from today."""
        return add_council_working_days(today, self.due_working_days, policy)

    @property
    def prevention_activity_label(self) -> str:
        return hclic_codes().main_prevention_activity.label(self.prevention_activity)

    @property
    def relief_activity_label(self) -> str:
        return hclic_codes().main_relief_activity.label(self.relief_activity)


@dataclass(frozen=True)
class Catalogue:
    """The options in the order officers see them."""

    options: tuple[PreventionOption, ...]
    source: str
    """Where the options came from, for the help screen and error messages."""

    def __iter__(self) -> Iterator[PreventionOption]:
        return iter(self.options)

    def __len__(self) -> int:
        return len(self.options)

    def __contains__(self, key: object) -> bool:
        return any(option.key == key for option in self.options)

    def __getitem__(self, key: str) -> PreventionOption:
        option = self.get(key)
        if option is None:
            raise KeyError(key)
        return option

    def get(self, key: str) -> PreventionOption | None:
        return next((option for option in self.options if option.key == key), None)

    def keys(self) -> tuple[str, ...]:
        return tuple(option.key for option in self.options)
