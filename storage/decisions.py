"""A case's homelessness application: opening it with its inquiries, "minded to", the decision,
a principal's sign-off (checked here too, against the officer's role as stored, and written to
the audit trail as a "sign-off" event besides the change itself), the day notified and the
review. Each step saves what the domain's reader (`casework.decisions.application`) made of
the form; the rules that need the saved application are checked again in the transaction."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from housing_tui.casework.decisions.application import Application, sign_off_refusal
from housing_tui.casework.decisions.outcomes import (
    ApplicationGround,
    Finding,
    Inquiry,
    Outcome,
    ReviewOutcome,
)
from housing_tui.reference.codes import CaseStatus
from housing_tui.reference.policy import Role, SecurityPolicy
from storage.audit import AuditNote, append_events
from storage.database import Database
from storage.errors import StorageError
from storage.tables import Case, HomelessnessApplication, Officer

SIGN_OFF = "sign-off"
"""The audit action of a principal signing a decision off."""

_STEP_COLUMNS = {
    "minded_to": frozenset(
        {"minded_to_outcome", "minded_to_told_on", "minded_to_reply", "reasons"}
    ),
    "decision": frozenset({"outcome", "outcome_reason", "reasons", "decided_on"}),
    "review": frozenset({"review_requested_on", "review_outcome", "review_decided_on"}),
}
"""What each step of the Decision screen may change."""

_INQUIRY_COLUMNS = frozenset(
    {"opened_on", "ground"}
    | {inquiry.value for inquiry in Inquiry}
    | {inquiry.notes_key for inquiry in Inquiry}
)


def application_record(row: HomelessnessApplication) -> Application:
    return Application(
        id=row.id,
        opened_on=row.opened_on,
        ground=ApplicationGround(row.ground),
        findings={inquiry: Finding(getattr(row, inquiry.value)) for inquiry in Inquiry},
        evidence={inquiry: getattr(row, inquiry.notes_key) for inquiry in Inquiry},
        minded_to_outcome=Outcome(row.minded_to_outcome) if row.minded_to_outcome else None,
        minded_to_told_on=row.minded_to_told_on,
        minded_to_reply=row.minded_to_reply,
        outcome=Outcome(row.outcome) if row.outcome else None,
        outcome_reason=row.outcome_reason,
        reasons=row.reasons,
        decided_on=row.decided_on,
        signed_off_by=row.signed_off_by,
        signed_off_on=row.signed_off_on,
        letter_on=row.letter_on,
        notified_on=row.notified_on,
        review_requested_on=row.review_requested_on,
        review_outcome=ReviewOutcome(row.review_outcome) if row.review_outcome else None,
        review_decided_on=row.review_decided_on,
    )


def applications_by_case(session: Session, case_ids: Any) -> dict[str, Application]:
    """Each case's application (`case_ids` a list or a subquery of ids)."""
    rows = session.exec(
        select(HomelessnessApplication).where(
            col(HomelessnessApplication.case_id).in_(case_ids),
            col(HomelessnessApplication.deleted_at).is_(None),
        )
    )
    return {row.case_id: application_record(row) for row in rows}


def load_application(db: Database, case_id: str) -> Application | None:
    with db.reading() as session:
        return applications_by_case(session, [case_id]).get(case_id)


def save_application(
    db: Database, *, officer_id: str, case_id: str, values: dict[str, Any]
) -> str:
    """Open the case's application, or change its opening and inquiries, with what
    `read_application` made of the form. Refused once the decision is signed off."""
    unknown = set(values) - _INQUIRY_COLUMNS
    if unknown:
        raise ValueError(f"not application columns: {sorted(unknown)}")
    with db.writing(officer_id) as session:
        _open_case(session, case_id)
        found = session.exec(
            select(HomelessnessApplication).where(
                HomelessnessApplication.case_id == case_id,
                col(HomelessnessApplication.deleted_at).is_(None),
            )
        ).first()
        row = found or HomelessnessApplication(
            case_id=case_id, opened_on=values["opened_on"], ground=str(values["ground"])
        )
        if row.signed_off_on is not None:
            raise StorageError("The decision is signed off: the inquiries can no longer change.")
        _set(row, values)
        session.add(row)
        session.flush()
        return row.id


def save_step(
    db: Database, *, officer_id: str, application_id: str, step: str, values: dict[str, Any]
) -> None:
    """Save one step of the application ("minded_to", "decision", "review") as its reader
    made it."""
    unknown = set(values) - _STEP_COLUMNS[step]
    if unknown:
        raise ValueError(f"not {step} columns: {sorted(unknown)}")
    with db.writing(officer_id) as session:
        row = _application(session, application_id)
        if step != "review" and row.signed_off_on is not None:
            raise StorageError("The decision is signed off: it can no longer change.")
        _set(row, values)


def sign_off_decision(
    db: Database,
    *,
    officer_id: str,
    application_id: str,
    signed_on: date,
    security: SecurityPolicy,
) -> None:
    """A principal signs the decision off: refused (StorageError, saying who can) for an
    officer whose stored role may not, or with no decision to sign. Audited as a change and as
    a "sign-off" event naming the outcome."""
    with db.writing(officer_id) as session:
        officer = session.get(Officer, officer_id)
        row = _application(session, application_id)
        role = Role(officer.role) if officer is not None else Role.OFFICER
        refused = sign_off_refusal(application_record(row), role=role, security=security)
        if refused:
            raise StorageError(refused)
        row.signed_off_by, row.signed_off_on = officer_id, signed_on
        event = AuditNote(
            officer_id,
            HomelessnessApplication.__tablename__,
            row.id,
            SIGN_OFF,
            json.dumps({"outcome": row.outcome, "signed_off_on": signed_on.isoformat()}),
        )
        append_events(session.connection(), [event], db.clock.now())


def record_notified(
    db: Database, *, officer_id: str, application_id: str, notified_on: date
) -> None:
    """The applicant was notified of the signed-off decision, by its letter."""
    with db.writing(officer_id) as session:
        row = _application(session, application_id)
        if row.signed_off_on is None:
            raise StorageError("A principal must sign the decision off first.")
        if row.letter_on is None:
            raise StorageError("Produce the decision letter first: a decision is notified by it.")
        row.notified_on = notified_on


def mark_letter(session: Session, case_id: str, issued_on: date) -> None:
    """A decision letter was produced (storage.plans.save_document, in its transaction)."""
    row = session.exec(
        select(HomelessnessApplication).where(
            HomelessnessApplication.case_id == case_id,
            col(HomelessnessApplication.deleted_at).is_(None),
        )
    ).first()
    if row is None or row.signed_off_on is None:
        raise StorageError("A principal must sign the decision off before its letter.")
    row.letter_on = issued_on


def _set(row: HomelessnessApplication, values: dict[str, Any]) -> None:
    for column, value in values.items():
        new = value.value if hasattr(value, "value") else value
        if getattr(row, column) != new:
            setattr(row, column, new)


def _application(session: Session, application_id: str) -> HomelessnessApplication:
    row = session.get(HomelessnessApplication, application_id)
    if row is None or row.deleted_at is not None:
        raise StorageError("That application is no longer on record.")
    _open_case(session, row.case_id)
    return row


def _open_case(session: Session, case_id: str) -> Case:
    found = session.get(Case, case_id)
    if found is None or found.deleted_at is not None:
        raise StorageError("That case is no longer on record.")
    if found.status != CaseStatus.OPEN.value:
        raise StorageError("That case is closed: its application can no longer change.")
    return found


