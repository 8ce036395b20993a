"""The [triage] section: the threatened-with-homelessness window, days to the next action by
urgency, and the "must happen today" list (`housing_tui.casework.triage`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from housing_tui.reference.codes import TRIAGE_CONDITIONS, Urgency
from housing_tui.reference.policy.reading import whole_days


@dataclass(frozen=True)
class TodayRule:
    """One line of the "must happen today" list and the facts that trigger it."""

    when: frozenset[str]
    action: str


@dataclass(frozen=True)
class TriagePolicy:
    threatened_within_days: int
    next_action_days: dict[Urgency, int]
    today: tuple[TodayRule, ...]


def read_triage(raw: dict[str, Any]) -> TriagePolicy:
    days = whole_days(raw["threatened_within_days"], "triage.threatened_within_days")
    next_days = {
        urgency: whole_days(raw["next_action_days"][urgency.value], f"next_action_days.{urgency}")
        for urgency in Urgency
    }
    rules = []
    for number, rule in enumerate(raw["today"], start=1):
        when = frozenset(rule["when"])
        unknown = when - TRIAGE_CONDITIONS
        if unknown or not when:
            raise ValueError(
                f"triage.today rule {number}: unknown facts {sorted(unknown)}; "
                f"use some of {sorted(TRIAGE_CONDITIONS)}"
            )
        rules.append(TodayRule(when=when, action=str(rule["action"])))
    return TriagePolicy(threatened_within_days=days, next_action_days=next_days, today=tuple(rules))
