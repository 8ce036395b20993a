"""Temporary accommodation rows as the rules read them: placements
(`housing_tui.accommodation.Placement`) for the due list, the caseload and the accommodation
screens, and the costs a repayment plan is set against (storage.repayments). On their own, so
that those need nothing else of storage.accommodation (which reads the due list)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, select

from housing_tui.accommodation import (
    CostPeriod,
    Placement,
    PlacementDuty,
    PlacementType,
    RechargeableCost,
)
from housing_tui.money.repayments import RechargeKind
from storage.errors import StorageError
from storage.tables import Placement as PlacementTable
from storage.tables import RechargeCost


def placement_record(row: PlacementTable) -> Placement:
    return Placement(
        id=row.id,
        type=PlacementType(row.type),
        provider=row.provider,
        address=row.address,
        start_on=row.start_on,
        end_on=row.end_on,
        cost=row.cost,
        cost_period=CostPeriod(row.cost_period),
        duty=PlacementDuty(row.duty),
        placed=tuple(json.loads(row.placed)),
        out_of_district=row.out_of_district,
        out_of_district_reason=row.out_of_district_reason,
        override_reason=row.override_reason,
        notified_on=row.notified_on,
        version=row.version,
    )


def placements_by_case(session: Session, case_ids: Any) -> dict[str, tuple[Placement, ...]]:
    """Every placement of the cases (a list of ids or a SELECT of them), oldest first."""
    found: dict[str, list[Placement]] = defaultdict(list)
    for row in session.exec(
        select(PlacementTable)
        .where(col(PlacementTable.case_id).in_(case_ids), col(PlacementTable.deleted_at).is_(None))
        .order_by(col(PlacementTable.start_on), col(PlacementTable.created_at))
    ):
        found[row.case_id].append(placement_record(row))
    return {case_id: tuple(rows) for case_id, rows in found.items()}


def cost_record(row: RechargeCost) -> RechargeableCost:
    return RechargeableCost(
        id=row.id,
        kind=RechargeKind(row.kind),
        incurred_on=row.incurred_on,
        amount=row.amount,
        description=row.description,
        waived_reason=row.waived_reason,
        plan_id=row.plan_id,
    )


def costs_to_recharge(
    session: Session, case_id: str, cost_ids: Iterable[str]
) -> list[RechargeCost]:
    """The case's recorded costs `cost_ids`, for a repayment plan to be set against them."""
    wanted = list(cost_ids)
    rows = list(
        session.exec(
            select(RechargeCost).where(
                col(RechargeCost.id).in_(wanted),
                RechargeCost.case_id == case_id,
                col(RechargeCost.deleted_at).is_(None),
            )
        )
    )
    if len(rows) != len(set(wanted)):
        raise StorageError("A cost to recharge is no longer on record on this case.")
    return rows
