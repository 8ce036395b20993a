"""Target hardening on a case (`housing_tui.prevention.target_hardening`): saved with its plan
step in one transaction, and approved by a principal officer when the works cost more than the
limit. The cost rule is checked again here, against the approval on record, so works over the
limit are never saved as ordered or completed without it, whatever a screen thought. Every
change, the approval too, is audited by the write path (storage/database.py)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from housing_tui.casework.roles import refusal
from housing_tui.prevention.target_hardening import (
    Agreement,
    Approval,
    TargetHardening,
    Work,
    approved_for,
    over_limit,
    over_limit_message,
)
from housing_tui.reference.policy import ReservedAction, Role
from storage.database import Database
from storage.errors import StorageError
from storage.plans import put_option_step
from storage.tables import Case, DeadlineMet, Officer
from storage.tables import TargetHardening as TargetHardeningRow

if TYPE_CHECKING:
    from housing_tui.reference.policy import Policy


def load_target_hardening(db: Database, case_id: str) -> TargetHardening | None:
    """The target hardening recorded on the case, or None."""
    with db.reading() as session:
        row = _row(session, case_id)
        if row is None:
            return None
        approver = session.get(Officer, row.approved_by) if row.approved_by else None
        return _record(row, approver.name if approver else "")


def _row(session: Session, case_id: str) -> TargetHardeningRow | None:
    return session.exec(
        select(TargetHardeningRow)
        .where(TargetHardeningRow.case_id == case_id, col(TargetHardeningRow.deleted_at).is_(None))
        .order_by(col(TargetHardeningRow.created_at))
    ).first()


def _record(row: TargetHardeningRow, approver: str) -> TargetHardening:
    approval = None
    if row.approved_at is not None and row.approved_total is not None:
        approval = Approval(by=approver, at=row.approved_at, total=row.approved_total)
    return TargetHardening(
        referred_on=row.referred_on,
        checked_on=row.checked_on,
        checked_by=row.checked_by,
        agreement=Agreement(row.agreement),
        agreement_on=row.agreement_on,
        works=tuple(
            Work(item["what"], Decimal(item["cost_pence"]) / 100) for item in json.loads(row.works)
        ),
        ordered_on=row.ordered_on,
        completed_on=row.completed_on,
        approval=approval,
    )


def save_target_hardening(
    db: Database,
    *,
    officer_id: str,
    case_id: str,
    record: TargetHardening,
    step: dict[str, Any],
    policy: Policy,
    meets: str | None = None,
) -> TargetHardening:
    """Record the target hardening and its plan step (`target_hardening.plan_step`); with
    `meets`, the referral deadline it meets (`Deadline.instance`) leaves the due list."""
    with db.writing(officer_id) as session:
        row = _row(session, case_id)
        approval = None
        if row is not None:
            approver = session.get(Officer, row.approved_by) if row.approved_by else None
            approval = _record(row, approver.name if approver else "").approval
        going_ahead = record.ordered_on is not None or record.completed_on is not None
        if going_ahead and not approved_for(record.total, approval, policy):
            raise StorageError(f"Not saved: {over_limit_message(record.total, policy)}")
        values: dict[str, Any] = {
            "referred_on": record.referred_on,
            "checked_on": record.checked_on,
            "checked_by": record.checked_by,
            "agreement": record.agreement.value,
            "agreement_on": record.agreement_on,
            "works": json.dumps(
                [{"what": work.what, "cost_pence": int(work.cost * 100)} for work in record.works]
            ),
            "total_cost": record.total,
            "ordered_on": record.ordered_on,
            "completed_on": record.completed_on,
        }
        if row is None:
            row = TargetHardeningRow(case_id=case_id, **values)
            session.add(row)
        else:
            for column, value in values.items():
                if getattr(row, column) != value:
                    setattr(row, column, value)
        put_option_step(session, case_id, step)
        if meets is not None:
            already = session.exec(
                select(DeadlineMet.id).where(
                    DeadlineMet.case_id == case_id,
                    DeadlineMet.deadline == meets,
                    col(DeadlineMet.deleted_at).is_(None),
                )
            ).first()
            if already is None:
                session.add(
                    DeadlineMet(
                        case_id=case_id,
                        deadline=meets,
                        met_on=record.referred_on,
                        note="Target-hardening referral recorded",
                    )
                )
        session.flush()
        return _record(row, approval.by if approval else "")


def approve_over_limit(
    db: Database, *, officer_id: str, case_id: str, policy: Policy
) -> TargetHardening:
    """A principal officer approves the works on record, costing more than the limit, up to
    their total. Refused, with who can, for an officer whose role may not."""
    with db.writing(officer_id) as session:
        officer = session.get(Officer, officer_id)
        if officer is None:
            raise StorageError("You are not on record as an officer on this laptop.")
        refused = refusal(
            Role(officer.role), ReservedAction.APPROVE_TARGET_HARDENING_OVER_LIMIT, policy.security
        )
        if refused:
            raise StorageError(refused)
        case_ = session.get(Case, case_id)
        row = _row(session, case_id)
        if case_ is None or case_.deleted_at is not None:
            raise StorageError("That case is no longer on record.")
        if case_.closed_at is not None:
            raise StorageError("That case is closed: its target hardening can no longer change.")
        if row is None:
            raise StorageError("Save the referral and the works first (Ctrl+S), then approve.")
        if not over_limit(row.total_cost, policy):
            raise StorageError("The works on record are within the limit: they need no approval.")
        row.approved_by = officer_id
        row.approved_at = db.clock.now()
        row.approved_total = row.total_cost
        session.flush()
        return _record(row, officer.name)
