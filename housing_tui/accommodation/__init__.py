"""Temporary accommodation: the placements a council makes for a household (B&B, hostel,
council dispersed, private sector leasing, refuge, nightly let, annexe with shared facilities),
the rules on their suitability from the policy file (the Suitability Order 2003's six weeks in
B&B for a family, no B&B for a 16- or 17-year-old without a principal's override, a reason for
an out-of-district placement), and what the council recharges for them (`recharges`).

Pure Python: no Textual, no SQL. Money is `Decimal` pounds to the penny.
"""

from __future__ import annotations

from housing_tui.accommodation.placements import (
    PLACEMENT_FORM_KEYS,
    REASON_LIMIT,
    CostPeriod,
    Placement,
    PlacementDuty,
    PlacementType,
    placement_problems,
    read_placement,
)
from housing_tui.accommodation.recharges import (
    COST_FORM_KEYS,
    COST_KINDS,
    Recharge,
    RechargeableCost,
    cost_problems,
    plan_recharges_problem,
    read_cost,
    recharge_of,
    recharged_amount,
)
from housing_tui.accommodation.suitability import (
    BnbLimit,
    Standing,
    bnb_limit,
    placement_deadlines,
    standing,
)

__all__ = [
    "COST_FORM_KEYS",
    "COST_KINDS",
    "PLACEMENT_FORM_KEYS",
    "REASON_LIMIT",
    "BnbLimit",
    "CostPeriod",
    "Placement",
    "PlacementDuty",
    "PlacementType",
    "Recharge",
    "RechargeableCost",
    "Standing",
    "bnb_limit",
    "cost_problems",
    "placement_deadlines",
    "placement_problems",
    "plan_recharges_problem",
    "read_cost",
    "read_placement",
    "recharge_of",
    "recharged_amount",
    "standing",
]
