"""The [accommodation] and [recharging] sections: the suitability rules for temporary
accommodation (`housing_tui.accommodation.suitability`) and which of its costs are recharged
to the household (`housing_tui.accommodation.recharges`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from housing_tui.reference.policy.reading import Section


@dataclass(frozen=True)
class AccommodationPolicy:
    bnb_family_warning_weeks: int
    """Weeks in B&B (in total) after which a family's placement shows a warning."""
    bnb_family_max_weeks: int
    """Weeks in B&B (in total) a family may have: the Suitability Order 2003 says 6."""
    out_of_district_notice_days: int
    """Days from an out-of-district placement to tell the receiving council (s.208: 14)."""


def read_accommodation(raw: dict[str, Any]) -> AccommodationPolicy:
    section = Section(raw, "accommodation")
    most = section.whole("bnb_family_max_weeks", least=0)
    return AccommodationPolicy(
        bnb_family_warning_weeks=section.whole("bnb_family_warning_weeks", least=0, most=most),
        bnb_family_max_weeks=most,
        out_of_district_notice_days=section.whole("out_of_district_notice_days", least=0),
    )


RECHARGED_KINDS = ("ta", "bnb", "storage", "removal")
"""The costs of temporary accommodation the policy sets a share for (RechargeKind codes)."""


@dataclass(frozen=True)
class RechargingPolicy:
    percent: dict[str, int]
    """The share of each kind of cost recharged, by RechargeKind code: 100 recharges all of it,
    0 none."""
    waivers_allowed: bool
    """An officer may waive a cost's recharge, recording why."""


def read_recharging(raw: dict[str, Any]) -> RechargingPolicy:
    section = Section(raw, "recharging")
    shares = Section(raw["percent"], "recharging.percent")
    unknown = set(raw["percent"]) - set(RECHARGED_KINDS)
    if unknown:
        raise ValueError(
            f"recharging.percent: unknown kinds {sorted(unknown)}; the kinds are "
            f"{list(RECHARGED_KINDS)}"
        )
    return RechargingPolicy(
        percent={kind: shares.whole(kind, least=0, most=100) for kind in RECHARGED_KINDS},
        waivers_allowed=section.switch("waivers_allowed"),
    )
