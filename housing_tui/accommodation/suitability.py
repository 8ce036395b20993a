"""Whether a placement is suitable, as the policy file's rules say: a household with children
or a pregnant member may be in B&B (or an annexe with shared facilities) for at most six weeks
in total for the same application, with a warning a week before (Homelessness (Suitability of
Accommodation) (England) Order 2003); a 16- or 17-year-old never, unless a principal
overrode the block with a recorded reason, and then only until they can be moved.

The case's deadlines (`calendar.deadlines.case_deadlines`), the case screen, the due list and
the placements screen all read these from the placements recorded: there is no other source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from housing_tui.accommodation.placements import Placement
from housing_tui.calendar.deadlines import Deadline, DeadlineKind, day_words

if TYPE_CHECKING:
    from housing_tui.calendar.deadlines import CaseDates
    from housing_tui.reference.policy import Policy

_ORDER = "Homelessness (Suitability of Accommodation) (England) Order 2003"


@dataclass(frozen=True)
class BnbLimit:
    """Where a family's time in B&B stands for the current B&B placement."""

    placement: Placement
    earlier_nights: int
    """Nights in B&B before this placement, for the same application: they count too."""
    warning_on: date
    """The day the warning weeks (5 by default) are used up."""
    limit_on: date
    """The day the limit (6 weeks by default) is used up: they must have left by then."""


def current_bnb(placements: Iterable[Placement], today: date) -> Placement | None:
    """The B&B placement (as the Order defines B&B) the household is in today, if any."""
    current = [p for p in placements if p.type.is_bed_and_breakfast and p.is_current(today)]
    return max(current, key=lambda p: p.start_on, default=None)


def bnb_limit(placements: Iterable[Placement], *, today: date, policy: Policy) -> BnbLimit | None:
    """The warning and limit days of the current B&B placement, counting every earlier night
    in B&B (the Order's six weeks are "in total"); None when they are not in B&B today."""
    placements = tuple(placements)
    current = current_bnb(placements, today)
    if current is None:
        return None
    earlier = sum(
        p.nights(current.start_on)
        for p in placements
        if p.type.is_bed_and_breakfast and p is not current and p.start_on < current.start_on
    )
    rules = policy.accommodation

    def used_up(weeks: int) -> date:
        return current.start_on + timedelta(days=max(0, weeks * 7 - earlier))

    return BnbLimit(
        placement=current,
        earlier_nights=earlier,
        warning_on=used_up(rules.bnb_family_warning_weeks),
        limit_on=used_up(rules.bnb_family_max_weeks),
    )


class Standing(StrEnum):
    """How a household's current placement stands against the suitability rules."""

    SUITABLE = "suitable"
    WARNING = "warning"
    """A family in B&B past the warning weeks."""
    BREACH = "breach"
    """A family in B&B for the limit or longer, or a 16- or 17-year-old in B&B at all."""


def standing(
    placements: Iterable[Placement], *, facts: CaseDates, today: date, policy: Policy
) -> tuple[Standing, BnbLimit | None]:
    """The current placement's standing today, and the family's B&B days if they count."""
    placements = tuple(placements)
    if facts.aged_16_17 and current_bnb(placements, today) is not None:
        return Standing.BREACH, None
    if not facts.household_has_children_or_pregnancy:
        return Standing.SUITABLE, None
    limit = bnb_limit(placements, today=today, policy=policy)
    if limit is None or today < limit.warning_on:
        return Standing.SUITABLE, limit
    return (Standing.BREACH if today >= limit.limit_on else Standing.WARNING), limit


def placement_deadlines(facts: CaseDates, today: date, policy: Policy) -> list[Deadline]:
    """What the placements make due on the case: the receiving council told of each placement
    out of the district; a 16- or 17-year-old out of B&B today; a family out of B&B by the day
    the limit is used up, with the warning day before it."""
    return [*_notices_due(facts.placements, policy), *_bnb_deadlines(facts, today, policy)]


def _notices_due(placements: Iterable[Placement], policy: Policy) -> list[Deadline]:
    """Each placement out of the district whose receiving council is not yet recorded as told,
    even once they have left it: the notice was due all the same."""
    days = policy.accommodation.out_of_district_notice_days
    return [
        Deadline(
            f"Tell the receiving council in writing of the placement at {p.provider}, "
            f"{p.address} (out of the district from {day_words(p.start_on)}); then record the "
            "day on the placement (t, Enter)",
            p.start_on + timedelta(days=days),
            f"Housing Act 1996 s.208: notice to the council of the district within {days} days "
            "of the accommodation being made available",
            DeadlineKind.STATUTORY,
        )
        for p in placements
        if p.out_of_district and p.notified_on is None
    ]


def _bnb_deadlines(facts: CaseDates, today: date, policy: Policy) -> list[Deadline]:
    current = current_bnb(facts.placements, today)
    if current is None:
        return []
    # Immediate: B&B is not suitable for a 16- or 17-year-old, even when a principal allowed
    # it in an emergency: the override lets the placement be recorded, not last.
    if facts.aged_16_17:
        return [
            Deadline(
                f"Move out of B&B today (there since {day_words(current.start_on)}): "
                "B&B is never suitable for a 16- or 17-year-old",
                today,
                "Homelessness Code of Guidance (16- and 17-year-olds): never B&B, not even in an "
                "emergency",
                DeadlineKind.STATUTORY,
                key="bnb_16_17",
            )
        ]
    if not facts.household_has_children_or_pregnancy:
        return []
    limit = bnb_limit(facts.placements, today=today, policy=policy)
    assert limit is not None  # there is a current B&B placement
    weeks = policy.accommodation.bnb_family_max_weeks
    warning_weeks = policy.accommodation.bnb_family_warning_weeks
    rule = (
        f"{_ORDER}: B&B for a family with children or a pregnant member at most {weeks} weeks "
        "in total"
    )
    earlier = (
        f" (after {limit.earlier_nights} nights in B&B before)" if limit.earlier_nights else ""
    )
    found = [
        Deadline(
            f"Move the family out of B&B: {weeks} weeks in B&B in total are used up on this "
            f"day (there since {day_words(current.start_on)}{earlier})",
            limit.limit_on,
            rule,
            DeadlineKind.STATUTORY,
            key="bnb_family",
        )
    ]
    # The warning stands until the limit day comes; then the limit itself is what is due.
    if today < limit.limit_on:
        found.append(
            Deadline(
                f"B&B warning: {warning_weeks} of the family's {weeks} weeks in B&B are used "
                f"up on this day; find somewhere else before {day_words(limit.limit_on)}",
                limit.warning_on,
                f"Council policy: warn {weeks - warning_weeks} week(s) before the {_ORDER} limit",
                DeadlineKind.LOCAL_TARGET,
                key="bnb_family_warning",
            )
        )
    return found
