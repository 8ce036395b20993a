"""Temporary accommodation on a case: placements recorded and ended, the costs the council
paid for them recorded for recharging, and every current placement of the team with how it
stands against the suitability rules (the placements screen).

The rules are `housing_tui.accommodation`; this module checks them again at the point of
saving (who may override the 16/17 B&B block included), so a placement or a cost the rules
refuse is never written, whatever called it. Changes are audited by the write path.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from housing_tui.accommodation import (
    BnbLimit,
    Placement,
    RechargeableCost,
    Standing,
    cost_problems,
    placement_problems,
    standing,
)
from housing_tui.casework.roles import refusal
from housing_tui.reference.policy import Policy, ReservedAction, Role
from storage.accommodation_rows import cost_record, placements_by_case
from storage.database import Database
from storage.due import cases_for_due
from storage.errors import StorageError
from storage.plans import _existing_case, _open_case
from storage.tables import Officer, RechargeCost
from storage.tables import Placement as PlacementTable

_NO_PLACEMENT = "That placement is no longer on record."


@dataclass(frozen=True)
class CaseAccommodation:
    """A case's placements and its costs for recharging, oldest first."""

    placements: tuple[Placement, ...]
    costs: tuple[RechargeableCost, ...]


def case_accommodation(db: Database, case_id: str) -> CaseAccommodation:
    with db.reading() as session:
        _existing_case(session, case_id)
        costs = session.exec(
            select(RechargeCost)
            .where(RechargeCost.case_id == case_id, col(RechargeCost.deleted_at).is_(None))
            .order_by(col(RechargeCost.incurred_on), col(RechargeCost.created_at))
        )
        return CaseAccommodation(
            placements=placements_by_case(session, [case_id]).get(case_id, ()),
            costs=tuple(cost_record(row) for row in costs),
        )


# --- placing and ending --------------------------------------------------------------------------


def add_placement(
    db: Database, *, officer_id: str, case_id: str, placement: Placement, policy: Policy
) -> str:
    """Record a placement the rules allow on an open case; returns its id. A 16- or
    17-year-old in B&B needs an officer whose role may override the block, and a reason."""
    applicant_16_17 = _applicant_16_17(db, case_id)
    with db.writing(officer_id) as session:
        _open_case(session, case_id)
        _refuse_what_the_rules_refuse(
            session, officer_id, case_id, placement, applicant_16_17=applicant_16_17, policy=policy
        )
        row = PlacementTable(
            case_id=case_id,
            **_columns(placement),
            # Who overrode the block is kept on the row (and so in the audit trail with it).
            override_by=officer_id if placement.override_reason else None,
        )
        session.add(row)
    return row.id


def change_placement(
    db: Database, *, officer_id: str, placement: Placement, policy: Policy
) -> None:
    """Correct a placement as recorded (`placement.id`), by the same rules as placing; refused
    if someone else changed it since it was read (`placement.version`)."""
    with db.reading() as session:
        case_id = _placement_row(session, placement).case_id
    applicant_16_17 = _applicant_16_17(db, case_id)
    with db.writing(officer_id) as session:
        row = _placement_row(session, placement)
        _open_case(session, row.case_id)
        _refuse_what_the_rules_refuse(
            session,
            officer_id,
            row.case_id,
            placement,
            applicant_16_17=applicant_16_17,
            policy=policy,
        )
        values = _columns(placement)
        if placement.override_reason != row.override_reason:
            values["override_by"] = officer_id if placement.override_reason else None
        # Only what differs, so the audit trail shows what was corrected.
        for column, value in values.items():
            if getattr(row, column) != value:
                setattr(row, column, value)


def remove_placement(db: Database, *, officer_id: str, placement: Placement) -> None:
    """Take out a placement recorded in error (a soft delete, so it is audited and syncs)."""
    with db.writing(officer_id) as session:
        row = _placement_row(session, placement)
        _open_case(session, row.case_id)
        row.deleted_at = db.clock.now()


def _applicant_16_17(db: Database, case_id: str) -> bool:
    due = cases_for_due(db, officer_id=None, case_ids=[case_id])
    return bool(due) and due[0].dates.aged_16_17


def _placement_row(session: Session, placement: Placement) -> PlacementTable:
    """The placement's row as read when `placement` was, or why it cannot be changed."""
    row = session.get(PlacementTable, placement.id)
    if row is None or row.deleted_at is not None:
        raise StorageError(_NO_PLACEMENT)
    if row.version != placement.version:
        raise StorageError(
            "Someone else changed this placement since you opened it (after a sync, say): "
            "nothing was saved. Close this, look at the placement as it is now, and correct it "
            "again if it still needs it."
        )
    return row


def _refuse_what_the_rules_refuse(
    session: Session,
    officer_id: str,
    case_id: str,
    placement: Placement,
    *,
    applicant_16_17: bool,
    policy: Policy,
) -> None:
    officer = session.get(Officer, officer_id)
    role = Role(officer.role) if officer is not None else Role.OFFICER
    problems = placement_problems(
        placement,
        applicant_16_17=applicant_16_17,
        override_refused=refusal(
            role, ReservedAction.OVERRIDE_BED_AND_BREAKFAST_BLOCK, policy.security
        ),
        others=placements_by_case(session, [case_id]).get(case_id, ()),
    )
    if problems:
        raise StorageError(f"The placement was not saved: {next(iter(problems.values()))}")


def _columns(placement: Placement) -> dict[str, Any]:
    """The placement as its row's columns."""
    return {
        "type": placement.type.value,
        "provider": placement.provider,
        "address": placement.address,
        "start_on": placement.start_on,
        "end_on": placement.end_on,
        "cost": placement.cost,
        "cost_period": placement.cost_period.value,
        "duty": placement.duty.value,
        "placed": json.dumps(list(placement.placed)),
        "out_of_district": placement.out_of_district,
        "out_of_district_reason": placement.out_of_district_reason,
        "override_reason": placement.override_reason,
        "notified_on": placement.notified_on,
    }


def end_placement(db: Database, *, officer_id: str, placement_id: str, ended_on: date) -> None:
    """Record the day the household left the placement."""
    with db.writing(officer_id) as session:
        row = session.get(PlacementTable, placement_id)
        if row is None or row.deleted_at is not None:
            raise StorageError(_NO_PLACEMENT)
        _open_case(session, row.case_id)
        if row.end_on is not None:
            raise StorageError(f"They left this placement on {row.end_on:%d/%m/%Y} already.")
        if ended_on <= row.start_on:
            raise StorageError(
                f"They moved in on {row.start_on:%d/%m/%Y}: the day they left must be after it."
            )
        row.end_on = ended_on


# --- costs for recharging ------------------------------------------------------------------------


def record_cost(
    db: Database, *, officer_id: str, case_id: str, cost: RechargeableCost, policy: Policy
) -> str:
    """Record a cost the council paid, to be recharged under the policy; returns its id."""
    problems = cost_problems(cost, policy.recharging)
    if problems:
        raise StorageError(f"The cost was not saved: {next(iter(problems.values()))}")
    with db.writing(officer_id) as session:
        _open_case(session, case_id)
        row = RechargeCost(
            case_id=case_id,
            kind=cost.kind.value,
            incurred_on=cost.incurred_on,
            amount=cost.amount,
            description=cost.description,
            waived_reason=cost.waived_reason,
        )
        session.add(row)
    return row.id


# --- the team's placements -----------------------------------------------------------------------


@dataclass(frozen=True)
class TeamPlacement:
    """A current placement on the placements screen, with where it stands today."""

    case_id: str
    ref: str
    client_name: str
    officer_initials: str
    placement: Placement
    standing: Standing
    limit: BnbLimit | None


def current_placements(
    db: Database, *, officer_id: str | None, today: date, policy: Policy
) -> list[TeamPlacement]:
    """Every current placement on the officer's open cases (the team's when `officer_id` is
    None): breaches first, then the soonest end of a family's weeks in B&B, then the rest by
    the day they moved in."""
    found = []
    for case in cases_for_due(db, officer_id=officer_id):
        placements = case.dates.placements
        for placement in placements:
            if not placement.is_current(today):
                continue
            where, limit = standing(placements, facts=case.dates, today=today, policy=policy)
            if not placement.type.is_bed_and_breakfast:
                where, limit = Standing.SUITABLE, None
            found.append(
                TeamPlacement(
                    case_id=case.case_id,
                    ref=case.ref,
                    client_name=case.client_name,
                    officer_initials=case.officer_initials,
                    placement=placement,
                    standing=where,
                    limit=limit,
                )
            )
    rank = {Standing.BREACH: 0, Standing.WARNING: 1, Standing.SUITABLE: 2}
    return sorted(
        found,
        key=lambda row: (
            rank[row.standing],
            row.limit.limit_on if row.limit else date.max,
            row.placement.start_on,
        ),
    )
