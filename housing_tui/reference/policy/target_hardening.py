"""The [target_hardening] section: the most a sanctuary scheme's works may cost before a
principal officer must approve them (`housing_tui.prevention.target_hardening`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from housing_tui.reference.policy.reading import Section


@dataclass(frozen=True)
class TargetHardeningPolicy:
    cost_limit: Decimal
    """Works costing this much in total, in pounds, go ahead; more needs approval."""


def read_target_hardening(section: Section) -> TargetHardeningPolicy:
    return TargetHardeningPolicy(cost_limit=section.money("cost_limit"))
