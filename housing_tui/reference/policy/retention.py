"""The [retention] section: how long a closed case is kept before it is purged
(`housing_tui.casework.retention`)."""

from __future__ import annotations

from dataclasses import dataclass

from housing_tui.reference.policy.reading import Section


@dataclass(frozen=True)
class RetentionPolicy:
    years_after_closure: int
    """A case closed on a day is kept until the same day this many years later."""


def read_retention(section: Section) -> RetentionPolicy:
    # At least a year: 0 would purge a case the day after it closed, before any review of
    # the decision could be asked for.
    return RetentionPolicy(years_after_closure=section.whole("years_after_closure", least=1))
